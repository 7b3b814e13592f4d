package org.liveaudio.source.decode;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.liveaudio.common.ogg.OggCrc;

/**
 * The packets of the first logical stream in an Ogg file (RFC 3533), each page's checksum verified so that a
 * damaged file is reported instead of fed to a decoder. Pages of other multiplexed or chained streams are
 * skipped. The packet buffer is reused from packet to packet.
 */
final class OggPackets {
    private static final int HEADER = 27;
    private static final int CONTINUED = 0x01;
    private static final int END_OF_STREAM = 0x04;

    private final InputStream in;
    private final byte[] header = new byte[HEADER];
    private final byte[] lacing = new byte[255];
    private final byte[] body = new byte[255 * 255];
    private int segments;
    private int segment;
    private int bodyAt;
    private long pageGranule;
    private boolean pageEnds;
    private Integer serial;
    private boolean streamEnded;

    private byte[] packet = new byte[4096];
    private int length;
    private long granule;
    private boolean last;

    OggPackets(InputStream in) {
        this.in = in;
    }

    /** Moves to the next packet; false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        while (true) {
            if (segment == segments) {
                if (!nextPage()) {
                    if (length > 0) {
                        throw new EOFException("truncated Ogg file: its last packet is unfinished");
                    }
                    return false;
                }
                continue;
            }
            int size = lacing[segment++] & 0xFF;
            append(size);
            if (size < 255) {
                granule = pageGranule;
                last = pageEnds;
                return true;
            }
        }
    }

    byte[] packet() {
        return packet;
    }

    int length() {
        return length;
    }

    /** The granule position of the page on which the current packet ends. */
    long granule() {
        return granule;
    }

    /** True when the current packet ends on the stream's last page. */
    boolean onLastPage() {
        return last;
    }

    /** True when the current packet begins with {@code magic}. */
    boolean startsWith(byte[] magic) {
        return length >= magic.length && Arrays.equals(packet, 0, magic.length, magic, 0, magic.length);
    }

    private void append(int size) {
        if (length + size > packet.length) {
            packet = Arrays.copyOf(packet, Math.max(packet.length * 2, length + size));
        }
        System.arraycopy(body, bodyAt, packet, length, size);
        length += size;
        bodyAt += size;
    }

    private boolean nextPage() throws IOException {
        while (!streamEnded) {
            int first = in.read();
            if (first < 0) {
                return false;
            }
            header[0] = (byte) first;
            readFully(header, 1, HEADER - 1);
            if (header[0] != 'O' || header[1] != 'g' || header[2] != 'g' || header[3] != 'S' || header[4] != 0) {
                throw new IOException("not an Ogg page where one should begin");
            }
            segments = header[26] & 0xFF;
            readFully(lacing, 0, segments);
            int bodyLength = 0;
            for (int i = 0; i < segments; i++) {
                bodyLength += lacing[i] & 0xFF;
            }
            readFully(body, 0, bodyLength);
            checkCrc(bodyLength);
            int pageSerial = littleEndianInt(14);
            if (serial == null) {
                serial = pageSerial;
            } else if (serial != pageSerial) {
                continue;
            }
            if ((header[5] & CONTINUED) == 0 && length > 0) {
                throw new IOException("damaged Ogg file: a packet breaks off between pages");
            }
            pageGranule = (littleEndianInt(6) & 0xFFFF_FFFFL) | ((long) littleEndianInt(10) << 32);
            pageEnds = (header[5] & END_OF_STREAM) != 0;
            streamEnded = pageEnds;
            segment = 0;
            bodyAt = 0;
            return true;
        }
        return false;
    }

    private void checkCrc(int bodyLength) throws IOException {
        int stored = littleEndianInt(22);
        int crc = 0;
        for (int i = 0; i < HEADER; i++) {
            crc = OggCrc.update(crc, i >= 22 && i < 26 ? 0 : header[i]);
        }
        for (int i = 0; i < segments; i++) {
            crc = OggCrc.update(crc, lacing[i]);
        }
        for (int i = 0; i < bodyLength; i++) {
            crc = OggCrc.update(crc, body[i]);
        }
        if (crc != stored) {
            throw new IOException("damaged Ogg page (checksum mismatch)");
        }
    }

    private int littleEndianInt(int at) {
        return (header[at] & 0xFF) | (header[at + 1] & 0xFF) << 8 | (header[at + 2] & 0xFF) << 16
                | (header[at + 3] & 0xFF) << 24;
    }

    private void readFully(byte[] target, int offset, int count) throws IOException {
        if (in.readNBytes(target, offset, count) < count) {
            throw new EOFException("truncated Ogg file");
        }
    }
}
