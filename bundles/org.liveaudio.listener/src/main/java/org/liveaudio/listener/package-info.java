/** placeholder */ package org.liveaudio.listener;
