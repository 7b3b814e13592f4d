package org.liveaudio.sink.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class SpeakerOutputTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    private static final int BYTES_PER_SAMPLE = 4;
    private static final int BUFFER_BYTES = 4800 * BYTES_PER_SAMPLE;
    private static final int DEPTH_BYTES = 2400 * BYTES_PER_SAMPLE;
    private static final int FRAME_SAMPLES = 240;
    private static final int FRAME_BYTES = FRAME_SAMPLES * BYTES_PER_SAMPLE;
    private static final Duration PROMPTLY = Duration.ofSeconds(1);

    private final FakeLine device = new FakeLine(BUFFER_BYTES);
    private final SpeakerOutput output = new SpeakerOutput(device.line(), "fake", STEREO, DEPTH_BYTES);

    @AfterEach
    void close() {
        output.close();
    }

    @Test
    void firstAudioIsPlayedAfterTheWorkingDepthOfSilence() throws InterruptedException {
        output.write(frame(1), FRAME_SAMPLES);

        byte[] written = device.awaitWritten(DEPTH_BYTES + FRAME_BYTES);
        assertEquals(DEPTH_BYTES + FRAME_BYTES, written.length);
        assertTrue(isSilence(written, 0, DEPTH_BYTES), "the working depth is silence");
        assertArrayEquals(littleEndian(frame(1)), Arrays.copyOfRange(written, DEPTH_BYTES, written.length));
        assertQueue((DEPTH_BYTES + FRAME_BYTES) / BYTES_PER_SAMPLE, "the queue");
    }

    @Test
    void deviceThatStillHoldsAudioGetsTheFrameAlone() throws InterruptedException {
        output.write(frame(1), FRAME_SAMPLES);
        device.awaitWritten(DEPTH_BYTES + FRAME_BYTES);
        device.play(DEPTH_BYTES);

        output.write(frame(2), FRAME_SAMPLES);

        byte[] written = device.awaitWritten(DEPTH_BYTES + 2 * FRAME_BYTES);
        assertArrayEquals(littleEndian(frame(2)), Arrays.copyOfRange(written, DEPTH_BYTES + FRAME_BYTES,
                written.length));
        assertEquals(2L * FRAME_SAMPLES, output.samplesWritten());
    }

    @Test
    void deviceThatPlayedPastWhatItWasGivenGetsTheNextFrameAtTheWorkingDepth() throws InterruptedException {
        output.write(frame(1), FRAME_SAMPLES);
        device.awaitWritten(DEPTH_BYTES + FRAME_BYTES);
        device.play(DEPTH_BYTES + FRAME_BYTES + 3 * FRAME_BYTES);
        assertQueue(0, "a device that played past its audio holds nothing");

        output.write(frame(2), FRAME_SAMPLES);

        int total = DEPTH_BYTES + FRAME_BYTES + 3 * FRAME_BYTES + DEPTH_BYTES + FRAME_BYTES;
        byte[] written = device.awaitWritten(total);
        assertEquals(total, written.length);
        assertTrue(isSilence(written, DEPTH_BYTES + FRAME_BYTES, 3 * FRAME_BYTES + DEPTH_BYTES),
                "what it played past, and the working depth, are silence");
        assertQueue((DEPTH_BYTES + FRAME_BYTES) / BYTES_PER_SAMPLE, "the queue");
    }

    @Test
    void writeNeverWaitsForAFullDeviceAndItsQueueCountsWhatWaits() throws InterruptedException {
        output.write(frame(1), FRAME_SAMPLES);
        device.awaitWritten(DEPTH_BYTES + FRAME_BYTES);
        device.hold();

        assertTimeoutPreemptively(PROMPTLY, () -> {
            for (int i = 0; i < 4; i++) {
                output.write(frame(2 + i), FRAME_SAMPLES);
            }
        });

        device.awaitWaitingWrite();
        assertQueue((DEPTH_BYTES + 5 * FRAME_BYTES) / BYTES_PER_SAMPLE,
                "the device's buffer, the chunk being written and the ring");
        device.release();
        device.awaitWritten(DEPTH_BYTES + 5 * FRAME_BYTES);
        assertQueue((DEPTH_BYTES + 5 * FRAME_BYTES) / BYTES_PER_SAMPLE, "the queue");
    }

    @Test
    void framesThatFindTheRingFullAreDropped() throws InterruptedException {
        output.write(frame(1), FRAME_SAMPLES);
        device.awaitWritten(DEPTH_BYTES + FRAME_BYTES);
        device.hold();
        int offered = 2 * BUFFER_BYTES / FRAME_BYTES;
        for (int i = 0; i < offered; i++) {
            output.write(frame(2), FRAME_SAMPLES);
        }

        // The ring holds as much as the device's buffer, and a chunk more may be on its way to the device.
        long accepted = output.samplesWritten() / FRAME_SAMPLES - 1;
        assertTrue(accepted >= BUFFER_BYTES / FRAME_BYTES && accepted <= BUFFER_BYTES / FRAME_BYTES + 1,
                accepted + " of " + offered + " frames accepted");
    }

    @Test
    void closingEndsAWriteWaitingForTheDeviceAndReleasesTheLine() throws InterruptedException {
        output.write(frame(1), FRAME_SAMPLES);
        device.awaitWritten(DEPTH_BYTES + FRAME_BYTES);
        device.hold();
        output.write(frame(2), FRAME_SAMPLES);

        assertTimeoutPreemptively(PROMPTLY, output::close);

        assertTrue(device.closed());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().equals(SpeakerOutput.THREAD_PREFIX + "fake")),
                "the line's thread has ended");
    }

    /**
     * Asserts the output's queue comes to {@code expected} within a few seconds: the line's thread counts a chunk as
     * being written until just after the device took it.
     */
    private void assertQueue(long expected, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long queued;
        while ((queued = output.queuedSamples()) != expected && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
        assertEquals(expected, queued, what);
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
