package org.liveaudio.sink.speaker;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import javax.sound.sampled.SourceDataLine;

/**
 * A playback device's buffer as a {@link SourceDataLine} sees it, from any thread: what was written, of which the
 * test says how much the device has played. Played past what was written, it reports more room than its buffer, as
 * ALSA's PulseAudio plugin does while it starves. Held, its writes wait as a full device's do, until it is released
 * or stopped; a stopped line's writes return at once, as Java Sound's do.
 */
final class FakeLine {
    private final int bufferBytes;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private long playedBytes;
    private boolean held;
    private boolean waiting;
    private boolean stopped;
    private boolean closed;

    FakeLine(int bufferBytes) {
        this.bufferBytes = bufferBytes;
    }

    SourceDataLine line() {
        return (SourceDataLine) Proxy.newProxyInstance(SourceDataLine.class.getClassLoader(),
                new Class<?>[] {SourceDataLine.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getBufferSize" -> bufferBytes;
                    case "available" -> available();
                    case "write" -> write((byte[]) arguments[0], (int) arguments[1], (int) arguments[2]);
                    case "stop" -> stop();
                    case "close" -> close();
                    case "flush" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private synchronized int available() {
        return (int) (bufferBytes - (written.size() - playedBytes));
    }

    private synchronized int write(byte[] bytes, int offset, int length) throws InterruptedException {
        while (held && !stopped) {
            waiting = true;
            notifyAll();
            wait();
        }
        waiting = false;
        if (stopped) {
            return 0;
        }
        written.write(bytes, offset, length);
        notifyAll();
        return length;
    }

    private synchronized Object stop() {
        stopped = true;
        notifyAll();
        return null;
    }

    private synchronized Object close() {
        closed = true;
        return null;
    }

    /** The device plays {@code bytes} more, whether or not it was given them. */
    synchronized void play(int bytes) {
        playedBytes += bytes;
    }

    /** Writes wait from now on, as into a device whose buffer is full. */
    synchronized void hold() {
        held = true;
    }

    synchronized void release() {
        held = false;
        notifyAll();
    }

    /** Waits up to a few seconds until a write waits for the held device. */
    synchronized void awaitWaitingWrite() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!waiting && System.nanoTime() - deadline < 0) {
            wait(10);
        }
    }

    /** Waits up to a few seconds until {@code length} bytes have been written in all; everything written. */
    synchronized byte[] awaitWritten(int length) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (written.size() < length && System.nanoTime() - deadline < 0) {
            wait(10);
        }
        return written.toByteArray();
    }

    synchronized boolean closed() {
        return closed;
    }
}
