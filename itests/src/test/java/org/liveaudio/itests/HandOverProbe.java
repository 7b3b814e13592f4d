package org.liveaudio.itests;

import java.nio.file.Path;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * A null sink that notes the instant ({@link System#nanoTime()}) each frame is handed to it, by the frame number
 * that {@link CountingSignal} carries in the frame's first value. Registered as sink type {@code null} with a
 * ranking above the real one, so that listeners configured with {@code sink=null} take it: how a test sees, from
 * the sink's side, when each listener plays each frame.
 */
final class HandOverProbe implements AudioSink {
    private static final int MAX_FRAMES = 100_000;

    /** One listener's hand-overs, by the file name of its (unused) recording, which carries its name. */
    private final Map<String, Output> outputs = new ConcurrentHashMap<>();

    static ServiceRegistration<AudioSink> register(BundleContext context, HandOverProbe probe) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(AudioSink.TYPE, "null");
        properties.put(Constants.SERVICE_RANKING, 1_000);
        return context.registerService(AudioSink.class, probe, properties);
    }

    @Override
    public String type() {
        return "null";
    }

    @Override
    public AudioOutput open(SinkSettings settings, AudioFormat format) {
        Output output = new Output();
        outputs.put(listenerOf(settings.file()), output);
        return output;
    }

    private static String listenerOf(Path recording) {
        return recording.getFileName().toString().replaceFirst("\\.wav$", "");
    }

    /** The hand-overs of listener {@code name}; empty if it has not opened this sink. */
    HandOvers handOvers(String name) {
        Output output = outputs.get(name);
        return output == null ? new HandOvers(new int[0], new long[0]) : output.snapshot();
    }

    /** Frame numbers and the instants they were handed over, in the order they were. */
    record HandOvers(int[] frames, long[] nanos) {
        int count() {
            return frames.length;
        }
    }

    private static final class Output implements AudioOutput {
        private final int[] frames = new int[MAX_FRAMES];
        private final long[] nanos = new long[MAX_FRAMES];
        private volatile int count;
        private long samples;

        @Override
        public String description() {
            return "hand-over probe";
        }

        @Override
        public void write(short[] pcm, int frameSamples) {
            long now = System.nanoTime();
            samples += frameSamples;
            int frame = pcm[0];
            // Silence and concealment carry no frame number; nor does a frame whose first value is not one.
            if (frame > 0 && count < MAX_FRAMES) {
                frames[count] = frame;
                nanos[count] = now;
                count++;
            }
        }

        @Override
        public long samplesWritten() {
            return samples;
        }

        HandOvers snapshot() {
            int n = count;
            int[] someFrames = new int[n];
            long[] someNanos = new long[n];
            System.arraycopy(frames, 0, someFrames, 0, n);
            System.arraycopy(nanos, 0, someNanos, 0, n);
            return new HandOvers(someFrames, someNanos);
        }

        @Override
        public void close() {
        }
    }
}
