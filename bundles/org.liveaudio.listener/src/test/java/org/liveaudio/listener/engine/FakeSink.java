package org.liveaudio.listener.engine;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;

/** A sink that keeps what it is asked to open and every value written; or one that cannot open at all. */
final class FakeSink implements AudioSink {
    private final String type;
    private final String failure;
    final List<SinkSettings> opened = new CopyOnWriteArrayList<>();
    final List<FakeOutput> outputs = new CopyOnWriteArrayList<>();

    FakeSink(String type) {
        this(type, null);
    }

    private FakeSink(String type, String failure) {
        this.type = type;
        this.failure = failure;
    }

    static FakeSink failing(String type, String failure) {
        return new FakeSink(type, failure);
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public AudioOutput open(SinkSettings settings, AudioFormat format) throws IOException {
        opened.add(settings);
        if (failure != null) {
            throw new IOException(failure);
        }
        FakeOutput output = new FakeOutput(type + " " + settings.file(), format);
        outputs.add(output);
        return output;
    }

    static class FakeOutput implements AudioOutput {
        private final String description;
        private final AudioFormat format;
        private short[] values = new short[0];
        private int used;
        volatile boolean closed;

        FakeOutput(String description, AudioFormat format) {
            this.description = description;
            this.format = format;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public synchronized void write(short[] pcm, int samples) {
            int count = samples * format.channels();
            if (used + count > values.length) {
                values = java.util.Arrays.copyOf(values, Math.max(2 * values.length, used + count));
            }
            System.arraycopy(pcm, 0, values, used, count);
            used += count;
        }

        @Override
        public synchronized long samplesWritten() {
            return used / format.channels();
        }

        synchronized short[] values() {
            return java.util.Arrays.copyOf(values, used);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
