/** placeholder */ package org.liveaudio.codec;
