package org.liveaudio.codec.opus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class OpusWarmUpTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);

    private final OpusCodec codec = new OpusCodec();

    /** A listener's decoder runs on its playout thread too: decoding and PLC are warmed with the encoder. */
    @Test
    void encodesDecodesAndConceals() {
        OpusWarmUp.Exercised exercised = OpusWarmUp.run(codec);

        assertEquals(OpusWarmUp.FRAMES, exercised.encoded);
        assertTrue(exercised.decoded > exercised.encoded * 8 / 10, "decoded " + exercised.decoded);
        assertTrue(exercised.concealed > 0, "concealed " + exercised.concealed);
    }

    /** The warm-up's encoders are its own: a stream's encoder starts from a fresh state and sends what it would have. */
    @Test
    void leavesLaterEncodersAsTheyWouldHaveBeen() throws Exception {
        short[] music = Signals.twoSines(4_800);
        byte[][] cold = Frames.encode(codec, 480, Map.of(), music);

        codec.activate();
        byte[][] warm = Frames.encode(codec, 480, Map.of(), music);
        codec.deactivate();

        assertEquals(cold.length, warm.length);
        for (int i = 0; i < cold.length; i++) {
            assertArrayEquals(cold[i], warm[i], "frame " + i);
        }
    }

    @Test
    void theWarmUpRunsOnAThreadOfItsOwnThatDeactivationEnds() throws Exception {
        codec.activate();
        codec.newDecoder(STEREO, 480);
        codec.deactivate();

        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(OpusCodec.WARM_UP_THREAD) && thread.isAlive()),
                "a warm-up thread outlived its codec");
    }

    /** Every process binds every codec: one that never streams Opus never pays for its JIT. */
    @Test
    void noWarmUpBeforeAStreamAsksForACoder() throws Exception {
        codec.activate();
        codec.supports(STEREO, 480);

        assertFalse(codec.warmUpStarted());
        codec.deactivate();
    }

    @Test
    void theFirstCoderAStreamAsksForStartsTheWarmUp() throws Exception {
        codec.activate();
        codec.newEncoder(STEREO, 480, Map.of());

        assertTrue(codec.warmUpStarted());
        codec.deactivate();
    }

    @Test
    void aWarmUpToldToStopStopsBetweenFrames() {
        OpusWarmUp.Exercised exercised = OpusWarmUp.run(codec, () -> false);

        assertEquals(0, exercised.encoded);
    }
}
