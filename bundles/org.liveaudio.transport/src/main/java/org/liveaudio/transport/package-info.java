/** placeholder */ package org.liveaudio.transport;
