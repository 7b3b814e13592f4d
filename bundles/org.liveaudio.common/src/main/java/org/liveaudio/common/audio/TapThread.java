package org.liveaudio.common.audio;

import java.util.concurrent.locks.LockSupport;
import org.liveaudio.api.audio.AudioFormat;

/**
 * A tap's own thread and the ring that feeds it. The sender's clock thread copies each frame in ({@link #frame}),
 * never waiting and allocating nothing, and wakes the thread only when it has work: as many samples as the thread
 * said it needs next ({@link #wakeAt}), or a new format. The thread takes them out at its own pace, so whatever it
 * does with them (encode, write to a network) never holds up the clock.
 */
public final class TapThread {
    private final PcmRing ring;
    private final Thread thread;
    private volatile boolean running;
    /** Interleaved samples the thread needs for its next step: the clock wakes it only when they are there. */
    private volatile int wakeAtSamples = Integer.MAX_VALUE;

    /** @param loop what the thread does, until {@link #running} turns false */
    public TapThread(String name, int capacitySamples, Runnable loop) {
        ring = new PcmRing(capacitySamples);
        thread = new Thread(loop, name);
        thread.setDaemon(true);
    }

    public void start() {
        running = true;
        thread.start();
    }

    /** Ends the thread: wakes it and waits up to {@code joinMillis} for its loop to see it should stop. */
    public void stop(long joinMillis) {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(joinMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean running() {
        return running;
    }

    public PcmRing ring() {
        return ring;
    }

    /** Clock thread: copies the frame in (or drops it, counted) and wakes the thread if it now has work. */
    public void frame(short[] pcm, int samples, AudioFormat format) {
        ring.offer(pcm, samples * format.channels(), format);
        if (ring.available() >= wakeAtSamples || ring.offeredFormat() != null) {
            LockSupport.unpark(thread);
        }
    }

    /** The thread: the interleaved samples its next step takes, or {@link Integer#MAX_VALUE} while it takes none. */
    public void wakeAt(int samples) {
        wakeAtSamples = samples;
    }

    /** Anyone: wakes the thread (new settings, a new client). */
    public void wake() {
        LockSupport.unpark(thread);
    }

    /** The thread: waits until woken, or {@code nanos} at most. */
    public void await(long nanos) {
        LockSupport.parkNanos(this, nanos);
    }
}
