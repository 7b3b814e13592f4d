/** placeholder */ package org.liveaudio.sink;
