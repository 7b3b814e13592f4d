package org.liveaudio.sink.speaker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ByteRingTest {
    private final ByteRing ring = new ByteRing(8);

    @Test
    void bytesComeOutInTheOrderTheyWentInAcrossTheRingsEnd() {
        byte[] into = new byte[8];
        assertTrue(ring.offer(new byte[] {1, 2, 3, 4, 5, 6}, 6));
        assertEquals(4, ring.take(new byte[4]));
        assertTrue(ring.offer(new byte[] {7, 8, 9, 10, 11}, 5));

        assertEquals(7, ring.take(into));

        assertArrayEquals(new byte[] {5, 6, 7, 8, 9, 10, 11, 0}, into);
        assertEquals(0, ring.size());
    }

    @Test
    void whatDoesNotFitWholeIsRefused() {
        assertTrue(ring.offer(new byte[6], 6));

        assertFalse(ring.offer(new byte[3], 3));

        assertEquals(6, ring.size());
    }

    @Test
    void aReaderWaitsForBytesAndClosingEndsItsWait() {
        CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> ring.take(new byte[4]));
        ring.offer(new byte[] {1, 2}, 2);
        assertEquals(2, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> waiting.get()));

        CompletableFuture<Integer> closing = CompletableFuture.supplyAsync(() -> ring.take(new byte[4]));
        ring.close();

        assertEquals(ByteRing.CLOSED, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> closing.get()));
        assertFalse(ring.offer(new byte[1], 1), "a closed ring takes nothing");
    }
}
