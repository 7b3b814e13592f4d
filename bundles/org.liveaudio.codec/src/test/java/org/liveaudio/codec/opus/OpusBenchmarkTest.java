package org.liveaudio.codec.opus;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;

/**
 * Encode and decode speed on this thread's CPU clock, and what Concentus allocates per frame. Prints figures
 * rather than asserting them, since they depend on the machine. Run with
 * {@code mvn -pl bundles/org.liveaudio.codec verify -Dtest=OpusBenchmarkTest -Dliveaudio.bench=true}.
 */
@EnabledIfSystemProperty(named = "liveaudio.bench", matches = "true")
class OpusBenchmarkTest {
    private static final int SECONDS = 20;
    private static final int RUNS = 3;

    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private final OpusCodec codec = new OpusCodec();
    private final short[] music = Signals.musicLike(48_000 * SECONDS, 1);

    @Test
    void speedAtFiveTenAndTwentyMillis() throws Exception {
        System.out.println("Opus 48 kHz stereo 128 kbit/s constrained VBR, complexity " + OpusSettings.DEFAULT_COMPLEXITY
                + ", " + SECONDS + " s of music-like audio a run, min/median/max of " + RUNS + " runs");
        for (int frame : new int[] {240, 480, 960}) {
            byte[][] payloads = Frames.encode(codec, frame, Map.of(), music);
            double[] encode = new double[RUNS];
            double[] decode = new double[RUNS];
            encodeCpuNanos(frame, Map.of());
            decodeCpuNanos(frame, payloads);
            for (int run = 0; run < RUNS; run++) {
                encode[run] = encodeCpuNanos(frame, Map.of()) / 1e6 / SECONDS;
                decode[run] = decodeCpuNanos(frame, payloads) / 1e6 / SECONDS;
            }
            System.out.printf("%4.1f ms frames: encode %s, decode %s%n", frame / 48.0, figures(encode),
                    figures(decode));
        }
    }

    @Test
    void encodeSpeedByComplexity() throws Exception {
        encodeCpuNanos(480, Map.of());
        for (int complexity = 10; complexity >= 0; complexity -= 2) {
            Map<String, ?> configuration = Map.of("complexity", complexity);
            double[] encode = new double[RUNS];
            for (int run = 0; run < RUNS; run++) {
                encode[run] = encodeCpuNanos(480, configuration) / 1e6 / SECONDS;
            }
            System.out.printf("complexity %2d, 10 ms frames: encode %s%n", complexity, figures(encode));
        }
    }

    @Test
    void allocationPerFrame() throws Exception {
        int frame = 480;
        int frames = 10_000;
        short[] pcm = Arrays.copyOf(music, frame * 2);
        byte[] out = new byte[codec.maxPayloadBytes(Frames.STEREO, frame)];
        AudioEncoder encoder = codec.newEncoder(Frames.STEREO, frame, Map.of());
        AudioDecoder decoder = codec.newDecoder(Frames.STEREO, frame);
        for (int i = 0; i < frames; i++) {
            decoder.decode(out, 0, encoder.encode(pcm, frame, out, 0), pcm);
        }
        long encoded = 0;
        long decoded = 0;
        for (int i = 0; i < frames; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            int length = encoder.encode(pcm, frame, out, 0);
            long between = threads.getCurrentThreadAllocatedBytes();
            decoder.decode(out, 0, length, pcm);
            encoded += between - before;
            decoded += threads.getCurrentThreadAllocatedBytes() - between;
        }
        long concealed = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            decoder.conceal(pcm, frame);
        }
        concealed = threads.getCurrentThreadAllocatedBytes() - concealed;
        System.out.printf("allocated per 10 ms frame after warm-up: encode %d bytes, decode %d bytes, conceal %d bytes%n",
                encoded / frames, decoded / frames, concealed / frames);
    }

    private long encodeCpuNanos(int frame, Map<String, ?> configuration) throws Exception {
        AudioEncoder encoder = codec.newEncoder(Frames.STEREO, frame, configuration);
        short[] pcm = new short[frame * 2];
        byte[] out = new byte[codec.maxPayloadBytes(Frames.STEREO, frame)];
        long start = threads.getCurrentThreadCpuTime();
        for (int at = 0; at + pcm.length <= music.length; at += pcm.length) {
            System.arraycopy(music, at, pcm, 0, pcm.length);
            encoder.encode(pcm, frame, out, 0);
        }
        return threads.getCurrentThreadCpuTime() - start;
    }

    private long decodeCpuNanos(int frame, byte[][] payloads) {
        AudioDecoder decoder = codec.newDecoder(Frames.STEREO, frame);
        short[] pcm = new short[frame * 2];
        long start = threads.getCurrentThreadCpuTime();
        for (byte[] payload : payloads) {
            decoder.decode(payload, 0, payload.length, pcm);
        }
        return threads.getCurrentThreadCpuTime() - start;
    }

    /** Milliseconds of CPU per second of audio, and what that makes of real time, min/median/max. */
    private static String figures(double[] msPerSecond) {
        double[] sorted = msPerSecond.clone();
        Arrays.sort(sorted);
        return String.format("%.1f/%.1f/%.1f ms CPU per s (%.0fx/%.0fx/%.0fx real time)", sorted[0],
                sorted[sorted.length / 2], sorted[sorted.length - 1], 1000 / sorted[sorted.length - 1],
                1000 / sorted[sorted.length / 2], 1000 / sorted[0]);
    }
}
