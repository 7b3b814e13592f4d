package org.liveaudio.source.decode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * 16-bit little-endian PCM decoded packet by packet out of an Ogg file, as a stream that Java Sound's converters
 * can read. Subclasses decode; this class hands out what they decoded and keeps the end of the stream exact:
 * audio past the last page's granule position is encoder padding, not signal.
 */
abstract class PacketPcmStream extends InputStream {
    private final InputStream file;
    private final int channels;
    private byte[] bytes = new byte[0];
    private int at;
    private int end;
    /** Samples decoded so far, counted as granule positions count them. */
    private long decoded;

    /** @param file what the packets are read from, closed with this stream */
    PacketPcmStream(InputStream file, int channels) {
        this.file = file;
        this.channels = channels;
    }

    /** Decodes packets until some audio is {@linkplain #output ready}; false at the end of the stream. */
    abstract boolean decodeNext() throws IOException;

    /**
     * How many of the {@code samples} a packet decoded to belong to the stream: all of them, except on the last
     * page, where the granule position says where the audio ends.
     */
    final int samplesWithin(OggPackets packets, int samples) {
        long before = decoded;
        decoded += samples;
        return packets.onLastPage() ? (int) Math.max(0, Math.min(samples, packets.granule() - before)) : samples;
    }

    /** Makes room for {@code samples} samples to be {@link #put} and read next. */
    final void output(int samples) {
        int length = samples * channels * Short.BYTES;
        if (bytes.length < length) {
            bytes = Arrays.copyOf(bytes, length);
        }
        at = 0;
        end = length;
    }

    /** Sets one value of the output, {@code index} counting values (samples × channels). */
    final void put(int index, int value) {
        int clamped = Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, value));
        bytes[2 * index] = (byte) clamped;
        bytes[2 * index + 1] = (byte) (clamped >> 8);
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public final int read(byte[] target, int offset, int count) throws IOException {
        if (count == 0) {
            return 0;
        }
        while (at == end) {
            if (!decodeNext()) {
                return -1;
            }
        }
        int n = Math.min(count, end - at);
        System.arraycopy(bytes, at, target, offset, n);
        at += n;
        return n;
    }

    @Override
    public final void close() throws IOException {
        file.close();
    }
}
