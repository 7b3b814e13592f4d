/** placeholder */ package org.liveaudio.source;
