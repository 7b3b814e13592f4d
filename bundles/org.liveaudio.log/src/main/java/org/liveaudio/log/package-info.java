/** placeholder */ package org.liveaudio.log;
