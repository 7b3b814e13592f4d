package org.liveaudio.common.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioFormat;

class TapThreadTest {
    private static final AudioFormat STEREO = new AudioFormat(48_000, 2);
    /** Far longer than the test waits: a thread that gets its work this is woken, not timed out. */
    private static final long LONG_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    @Test
    void theClockWakesTheThreadWhenTheSamplesItNeedsAreThereAndStopEndsIt() throws Exception {
        CountDownLatch took = new CountDownLatch(1);
        AtomicReference<TapThread> self = new AtomicReference<>();
        short[] packet = new short[960];
        TapThread worker = new TapThread("test-tap", 4096, () -> {
            TapThread tap = self.get();
            while (tap.running()) {
                if (tap.ring().offeredFormat() != null) {
                    tap.ring().adopt(STEREO);
                    tap.wakeAt(packet.length);
                } else if (tap.ring().available() >= packet.length) {
                    tap.ring().take(packet, packet.length);
                    took.countDown();
                } else {
                    tap.await(LONG_WAIT_NANOS);
                }
            }
        });
        self.set(worker);
        worker.start();
        short[] frame = new short[480];
        worker.frame(frame, 240, STEREO);
        Thread.sleep(100);

        frame[0] = 7;
        worker.frame(frame, 240, STEREO);
        worker.frame(frame, 240, STEREO);

        assertTrue(took.await(5, TimeUnit.SECONDS), "the thread was not woken for its packet");
        assertEquals(7, packet[0]);
        long stopping = System.nanoTime();
        worker.stop(5_000);
        assertFalse(worker.running());
        assertTrue(System.nanoTime() - stopping < TimeUnit.SECONDS.toNanos(5), "stop did not wake the thread");
    }
}
