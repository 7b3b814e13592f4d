/** placeholder */ package org.liveaudio.control;
