package org.liveaudio.control.sender;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;

/**
 * A source whose every value tells where it is: value {@code c} of sample {@code p} is
 * {@code (short) (p * channels + c)}, so a test can read from a payload where the source stood.
 */
final class FakeSource implements AudioSource {
    final String type;
    final List<Long> openedAt = new CopyOnWriteArrayList<>();
    /** The inputs opened and not closed yet. */
    final AtomicInteger inputsOpen = new AtomicInteger();
    /** Every open asked for, whether it failed or not. */
    final AtomicInteger attempts = new AtomicInteger();
    volatile IOException failure;
    /** What every read of every input throws, as a source whose bundle is going may. */
    volatile RuntimeException readFailure;
    /** What every input's description throws, when set. */
    volatile RuntimeException descriptionFailure;
    /** What every input of this source says plays, as a file's tags would. */
    volatile String title = "";
    /**
     * Samples the source has until it runs dry, as a live source (a capture line) has no audio ahead of the moment;
     * a read beyond gives silence for the rest and says how many it had.
     */
    volatile long available = Long.MAX_VALUE;

    FakeSource(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException {
        attempts.incrementAndGet();
        if (failure != null) {
            throw failure;
        }
        openedAt.add(startSample);
        inputsOpen.incrementAndGet();
        return new AudioInput() {
            private long position = startSample;

            @Override
            public String description() {
                if (descriptionFailure != null) {
                    throw descriptionFailure;
                }
                return type + " at " + position;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public int read(short[] pcm, int samples) {
                if (readFailure != null) {
                    throw readFailure;
                }
                int channels = format.channels();
                int had = (int) Math.min(samples, available);
                available -= had;
                for (int i = 0; i < samples * channels; i++) {
                    pcm[i] = i < had * channels ? (short) (position * channels + i) : 0;
                }
                position += samples;
                return had;
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public void close() {
                inputsOpen.decrementAndGet();
            }
        };
    }

    /** The position of the first sample in an L16 payload made from this source. */
    static long positionOf(byte[] payload, int channels) {
        short first = (short) (((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF));
        return (first & 0xFFFF) / channels;
    }
}
