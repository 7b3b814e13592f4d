package org.liveaudio.sink.discard;

import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.osgi.service.component.annotations.Component;

/** Discards the audio and only counts it: for load tests and listeners that only measure. */
@Component(service = AudioSink.class, property = AudioSink.TYPE + "=" + NullSink.TYPE)
public final class NullSink implements AudioSink {
    static final String TYPE = "null";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioOutput open(SinkSettings settings, AudioFormat format) {
        return new CountingOutput();
    }

    static final class CountingOutput implements AudioOutput {
        private long samplesWritten;

        @Override
        public String description() {
            return TYPE;
        }

        @Override
        public void write(short[] pcm, int samples) {
            samplesWritten += samples;
        }

        @Override
        public long samplesWritten() {
            return samplesWritten;
        }

        /** Nothing is heard, so no instant is worth a spin. */
        @Override
        public boolean handOverInstantMatters() {
            return false;
        }

        @Override
        public void close() {
            // nothing is held
        }
    }
}
