package org.liveaudio.source.pcm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class LiveFeedTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);

    @Test
    void whatTheRingLacksIsSilenceAndThePositionCountsEveryFrameFromTheStart() {
        LiveFeed feed = new LiveFeed(STEREO, 10, 1_000);
        // Two samples of a four-sample frame arrived; the frame's old contents must not leak through.
        feed.ring().putLittleEndian(new byte[] {1, 0, 2, 0, 3, 0, 4, 0}, 0, 4);
        short[] pcm = {9, 9, 9, 9, 9, 9, 9, 9};

        assertEquals(2, feed.read(pcm, 4));
        assertArrayEquals(new short[] {1, 2, 3, 4, 0, 0, 0, 0}, pcm);
        assertEquals(1_004, feed.position());

        assertEquals(0, feed.read(pcm, 4));
        assertArrayEquals(new short[8], pcm);
        assertEquals(1_008, feed.position());
    }
}
