package org.liveaudio.sink.wav;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import org.liveaudio.api.audio.AudioFormat;

/**
 * The RIFF/WAVE layout this sink writes: the canonical 44-byte header (RIFF, a 16-byte PCM {@code fmt }
 * chunk, then {@code data} to the end of the file), and the reading of an existing file's header to append
 * to it.
 */
final class WavHeader {
    static final int CANONICAL_SIZE = 44;
    static final long RIFF_SIZE_OFFSET = 4;
    static final long CANONICAL_DATA_SIZE_OFFSET = 40;
    /** Sizes are unsigned 32-bit: a recording beyond 4 GiB keeps the largest size it can say. */
    static final long MAX_SIZE = 0xFFFF_FFFFL;

    private static final int PCM = 1;
    private static final int BITS = 16;

    private WavHeader() {
    }

    /** The header of an empty recording: a valid WAV file from the first byte on. */
    static byte[] canonical(AudioFormat format) {
        byte[] header = new byte[CANONICAL_SIZE];
        ascii(header, 0, "RIFF");
        int32(header, 4, CANONICAL_SIZE - 8);
        ascii(header, 8, "WAVE");
        ascii(header, 12, "fmt ");
        int32(header, 16, 16);
        int16(header, 20, PCM);
        int16(header, 22, format.channels());
        int32(header, 24, format.sampleRate());
        int32(header, 28, format.sampleRate() * format.bytesPerSample());
        int16(header, 32, format.bytesPerSample());
        int16(header, 34, BITS);
        ascii(header, 36, "data");
        int32(header, 40, 0);
        return header;
    }

    /** Writes {@code value} (clamped to {@link #MAX_SIZE}) as 32-bit little-endian into {@code field}. */
    static void size(byte[] field, long value) {
        int32(field, 0, (int) Math.min(value, MAX_SIZE));
    }

    /**
     * What an existing file holds, read from its header.
     *
     * @param format the PCM format, or {@code null} when it is not 16-bit PCM in a format this system uses
     * @param dataStart where the samples begin
     * @param description what the file holds, in words
     */
    record Existing(AudioFormat format, long dataStart, String description) {
    }

    /** Reads the header of {@code file}; a file that is not a WAV gives an {@code Existing} without format. */
    static Existing read(RandomAccessFile file) throws IOException {
        long length = file.length();
        byte[] chunk = new byte[16];
        if (length < 12 || !readAt(file, 0, chunk, 12) || !"RIFF".equals(ascii(chunk, 0))
                || !"WAVE".equals(ascii(chunk, 8))) {
            return new Existing(null, 0, "not a WAV file");
        }
        AudioFormat format = null;
        String description = "a WAV file without a PCM format";
        long at = 12;
        while (at + 8 <= length && readAt(file, at, chunk, 8)) {
            String id = ascii(chunk, 0);
            long size = uint32(chunk, 4);
            if (id.equals("fmt ") && size >= 16 && readAt(file, at + 8, chunk, 16)) {
                int tag = uint16(chunk, 0);
                int channels = uint16(chunk, 2);
                long rate = uint32(chunk, 4);
                int bits = uint16(chunk, 14);
                description = rate + " Hz " + channels + " ch " + bits + "-bit" + (tag == PCM ? "" : " format " + tag);
                format = tag == PCM && bits == BITS ? validFormat(rate, channels) : null;
            } else if (id.equals("data")) {
                return format == null ? new Existing(null, 0, description) : new Existing(format, at + 8, description);
            }
            at += 8 + size + (size & 1);
        }
        return new Existing(null, 0, "a WAV file without data");
    }

    private static AudioFormat validFormat(long rate, int channels) {
        try {
            return new AudioFormat((int) Math.min(rate, Integer.MAX_VALUE), channels);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean readAt(RandomAccessFile file, long position, byte[] into, int length) throws IOException {
        if (position + length > file.length()) {
            return false;
        }
        file.seek(position);
        file.readFully(into, 0, length);
        return true;
    }

    private static void ascii(byte[] into, int at, String text) {
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, into, at, 4);
    }

    private static String ascii(byte[] from, int at) {
        return new String(from, at, 4, StandardCharsets.US_ASCII);
    }

    private static void int16(byte[] into, int at, int value) {
        into[at] = (byte) value;
        into[at + 1] = (byte) (value >> 8);
    }

    private static void int32(byte[] into, int at, int value) {
        int16(into, at, value);
        int16(into, at + 2, value >> 16);
    }

    private static int uint16(byte[] from, int at) {
        return (from[at] & 0xFF) | (from[at + 1] & 0xFF) << 8;
    }

    private static long uint32(byte[] from, int at) {
        return uint16(from, at) | (long) uint16(from, at + 2) << 16;
    }
}
