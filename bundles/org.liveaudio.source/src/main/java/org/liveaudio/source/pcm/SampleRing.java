package org.liveaudio.source.pcm;

/**
 * A fixed ring of interleaved 16-bit values between one producer thread (disk or capture) and one consumer
 * (the sender's clock thread). Neither side blocks, locks or allocates: the producer checks {@link #free()}
 * before it puts, the consumer takes what is {@link #available()}.
 */
public final class SampleRing {
    private final short[] values;
    /** Values ever put; written by the producer only. */
    private volatile long put;
    /** Values ever taken; written by the consumer only. */
    private volatile long taken;

    public SampleRing(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.values = new short[capacity];
    }

    public int capacity() {
        return values.length;
    }

    public int available() {
        return (int) (put - taken);
    }

    public int free() {
        return values.length - available();
    }

    /** Puts {@code count} little-endian 16-bit values from {@code bytes}; the caller made sure they fit. */
    public void putLittleEndian(byte[] bytes, int offset, int count) {
        if (count > free()) {
            throw new IllegalStateException(count + " values do not fit in " + free());
        }
        long at = put;
        int from = offset;
        for (int i = 0; i < count; i++) {
            values[(int) ((at + i) % values.length)] = (short) ((bytes[from] & 0xFF) | (bytes[from + 1] << 8));
            from += 2;
        }
        put = at + count;
    }

    /** Takes up to {@code count} values into {@code target} from index 0 and returns how many it took. */
    public int take(short[] target, int count) {
        long at = taken;
        int n = Math.min(count, (int) (put - at));
        for (int i = 0; i < n; i++) {
            target[i] = values[(int) ((at + i) % values.length)];
        }
        taken = at + n;
        return n;
    }
}
