package org.liveaudio.sink.speaker;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import javax.sound.sampled.SourceDataLine;

/**
 * A playback device's buffer as a {@link SourceDataLine} sees it: what was written, of which the test says how much
 * the device has played. Played past what was written, it reports more room than its buffer, as ALSA's PulseAudio
 * plugin does while it starves.
 */
final class FakeLine {
    private final int bufferBytes;
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private long playedBytes;
    private boolean closed;

    FakeLine(int bufferBytes) {
        this.bufferBytes = bufferBytes;
    }

    SourceDataLine line() {
        return (SourceDataLine) Proxy.newProxyInstance(SourceDataLine.class.getClassLoader(),
                new Class<?>[] {SourceDataLine.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getBufferSize" -> bufferBytes;
                    case "available" -> (int) (bufferBytes - (written.size() - playedBytes));
                    case "write" -> write((byte[]) arguments[0], (int) arguments[1], (int) arguments[2]);
                    case "close" -> closed = true;
                    case "stop", "flush" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private int write(byte[] bytes, int offset, int length) {
        if (length > bufferBytes - (written.size() - playedBytes)) {
            throw new AssertionError("a write of " + length + " bytes would block");
        }
        written.write(bytes, offset, length);
        return length;
    }

    /** The device plays {@code bytes} more, whether or not it was given them. */
    void play(int bytes) {
        playedBytes += bytes;
    }

    /** Everything written to the line, in order. */
    byte[] written() {
        return written.toByteArray();
    }

    boolean closed() {
        return closed;
    }
}
