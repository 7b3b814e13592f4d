package org.liveaudio.sink.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class SpeakerOutputTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int BYTES_PER_SAMPLE = 4;
    private static final int BUFFER_BYTES = 4800 * BYTES_PER_SAMPLE;
    private static final int DEPTH_BYTES = 2400 * BYTES_PER_SAMPLE;
    private static final int FRAME_SAMPLES = 240;
    private static final int FRAME_BYTES = FRAME_SAMPLES * BYTES_PER_SAMPLE;

    private final FakeLine device = new FakeLine(BUFFER_BYTES);
    private final SpeakerOutput output = new SpeakerOutput(device.line(), "fake", STEREO, DEPTH_BYTES);

    @Test
    void firstFrameIsPlayedAfterTheWorkingDepthOfSilence() {
        output.write(frame(1), FRAME_SAMPLES);

        byte[] written = device.written();
        assertEquals(DEPTH_BYTES + FRAME_BYTES, written.length);
        assertTrue(isSilence(written, 0, DEPTH_BYTES), "the working depth is silence");
        assertArrayEquals(littleEndian(frame(1)), Arrays.copyOfRange(written, DEPTH_BYTES, written.length));
        assertEquals((DEPTH_BYTES + FRAME_BYTES) / BYTES_PER_SAMPLE, output.queuedSamples());
    }

    @Test
    void deviceThatStillHoldsAudioGetsTheFrameAlone() {
        output.write(frame(1), FRAME_SAMPLES);
        device.play(DEPTH_BYTES);

        output.write(frame(2), FRAME_SAMPLES);

        assertEquals(DEPTH_BYTES + 2 * FRAME_BYTES, device.written().length);
        assertEquals(2L * FRAME_SAMPLES, output.samplesWritten());
    }

    @Test
    void deviceThatRanDryIsRefilledToTheWorkingDepth() {
        output.write(frame(1), FRAME_SAMPLES);
        device.play(DEPTH_BYTES + FRAME_BYTES);

        output.write(frame(2), FRAME_SAMPLES);

        byte[] written = device.written();
        int refill = DEPTH_BYTES + FRAME_BYTES;
        assertEquals(refill + DEPTH_BYTES + FRAME_BYTES, written.length);
        assertTrue(isSilence(written, refill, DEPTH_BYTES), "the queue is refilled with silence");
        assertEquals((DEPTH_BYTES + FRAME_BYTES) / BYTES_PER_SAMPLE, output.queuedSamples());
    }

    @Test
    void deviceThatPlayedPastWhatItWasGivenGetsTheFrameAtTheWorkingDepth() {
        output.write(frame(1), FRAME_SAMPLES);
        int overrun = 3 * FRAME_BYTES;
        device.play(DEPTH_BYTES + FRAME_BYTES + overrun);
        assertEquals(0, output.queuedSamples(), "a device that played past its audio holds nothing");

        output.write(frame(2), FRAME_SAMPLES);

        assertEquals((DEPTH_BYTES + FRAME_BYTES) / BYTES_PER_SAMPLE, output.queuedSamples());
    }

    @Test
    void closingReleasesTheLine() {
        output.close();

        assertTrue(device.closed());
    }

    /** A frame whose every value is {@code value}, so that it is told from silence and from other frames. */
    private static short[] frame(int value) {
        short[] pcm = new short[FRAME_SAMPLES * 2];
        Arrays.fill(pcm, (short) (1000 * value));
        return pcm;
    }

    private static byte[] littleEndian(short[] pcm) {
        byte[] bytes = new byte[pcm.length * 2];
        for (int i = 0; i < pcm.length; i++) {
            bytes[2 * i] = (byte) pcm[i];
            bytes[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return bytes;
    }

    private static boolean isSilence(byte[] bytes, int from, int length) {
        for (int i = from; i < from + length; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
