package org.liveaudio.codec.opus;

/**
 * Reads an Opus packet's framing (RFC 6716 section 3) without decoding it: how many samples it holds and
 * whether it carries in-band FEC. Hand-written rather than Concentus' {@code OpusPacketInfo}, which allocates,
 * because a listener's receive thread asks this of every packet.
 *
 * <p>Validation follows the RFC's requirements [R1]..[R7] far enough to refuse what cannot be an Opus packet
 * (a frame over 1275 bytes, a count of zero, more than 120 ms, lengths beyond the payload); the decoder is the
 * final judge of the rest.
 */
final class OpusPacket {
    /** Samples per second of the clock every Opus packet's duration is counted in (RFC 7587 section 4.1). */
    static final int CLOCK_RATE = 48_000;
    /** RFC 6716 [R2]. */
    static final int MAX_FRAME_BYTES = 1275;
    /** RFC 6716 [R5]: 120 ms. */
    static final int MAX_PACKET_SAMPLES = 5_760;

    private static final int STEREO_FLAG = 0x04;
    private static final int FIRST_CELT_CONFIG = 16;
    private static final int SAMPLES_PER_SILK_FRAME = 960;
    /** 10, 20, 40 and 60 ms. */
    private static final int[] SILK_FRAME_SAMPLES = {480, 960, 1920, 2880};

    private OpusPacket() {
    }

    /** Whether Opus can encode a frame of this many samples at 48 kHz: 2.5, 5, 10, 20, 40 or 60 ms. */
    static boolean isFrameSize(int samples) {
        return samples == 120 || samples == 240 || samples == 480 || samples == 960 || samples == 1920
                || samples == 2880;
    }

    /** @return the samples (at 48 kHz) the packet decodes to, or -1 when it cannot be an Opus packet */
    static int samples(byte[] packet, int offset, int length) {
        long layout = layout(packet, offset, length);
        return layout < 0 ? -1 : frames(layout) * samplesPerFrame(packet[offset]);
    }

    /**
     * Whether the packet carries LBRR (SILK's low-bit-rate redundancy, Opus' in-band FEC) for the frame before
     * it. Read as libopus 1.5's {@code opus_packet_has_lbrr} does: CELT-only packets carry none; otherwise the
     * first frame's range-coded header starts with one VAD flag per SILK frame and then the LBRR flag, each
     * coded with probability one half and so readable as plain bits, mid channel first, then side.
     */
    static boolean carriesFec(byte[] packet, int offset, int length) {
        long layout = layout(packet, offset, length);
        if (layout < 0) {
            return false;
        }
        int toc = packet[offset] & 0xFF;
        if (toc >> 3 >= FIRST_CELT_CONFIG || firstFrameLength(layout) == 0) {
            return false;
        }
        int silkFrames = Math.max(1, samplesPerFrame(packet[offset]) / SAMPLES_PER_SILK_FRAME);
        int header = packet[offset + firstFrameOffset(layout)] & 0xFF;
        boolean mid = (header >> (7 - silkFrames) & 1) != 0;
        boolean side = (toc & STEREO_FLAG) != 0 && (header >> (6 - 2 * silkFrames) & 1) != 0;
        return mid || side;
    }

    /** RFC 6716 section 3.1, table 2: the configuration number's mode and frame size. */
    private static int samplesPerFrame(byte toc) {
        int config = (toc & 0xFF) >> 3;
        if (config < 12) {
            return SILK_FRAME_SAMPLES[config & 3];
        }
        if (config < FIRST_CELT_CONFIG) {
            return 480 << (config & 1);
        }
        return 120 << (config & 3);
    }

    /*
     * The layout of a packet, packed into one long so that reading it allocates nothing: frame count (bits
     * 40..47), the first frame's length (bits 20..39) and its offset from the packet's start (bits 0..19);
     * -1 when the packet is malformed.
     */
    private static long layout(byte[] packet, int offset, int length) {
        if (packet == null || offset < 0 || length < 1 || offset > packet.length - length) {
            return -1;
        }
        int end = offset + length;
        int toc = packet[offset] & 0xFF;
        switch (toc & 3) {
            case 0:
                return frameLength(length - 1) ? pack(1, length - 1, 1) : -1;
            case 1:
                return (length - 1) % 2 == 0 && frameLength((length - 1) / 2) ? pack(2, (length - 1) / 2, 1) : -1;
            case 2: {
                int sizeBytes = sizeBytes(packet, offset + 1, end);
                if (sizeBytes < 0) {
                    return -1;
                }
                int first = size(packet, offset + 1, sizeBytes);
                int start = 1 + sizeBytes;
                int second = length - start - first;
                return second >= 0 && frameLength(first) && frameLength(second) ? pack(2, first, start) : -1;
            }
            default:
                return arbitraryFrames(packet, offset, end);
        }
    }

    /** Code 3 (RFC 6716 section 3.2.5): a count byte, optional padding, CBR or VBR frame lengths. */
    private static long arbitraryFrames(byte[] packet, int offset, int end) {
        if (end - offset < 2) {
            return -1;
        }
        int countByte = packet[offset + 1] & 0xFF;
        int frames = countByte & 0x3F;
        if (frames == 0 || frames * samplesPerFrame(packet[offset]) > MAX_PACKET_SAMPLES) {
            return -1;
        }
        int at = offset + 2;
        int padding = 0;
        if ((countByte & 0x40) != 0) {
            int chunk;
            do {
                if (at >= end) {
                    return -1;
                }
                chunk = packet[at++] & 0xFF;
                padding += chunk == 255 ? 254 : chunk;
            } while (chunk == 255);
        }
        boolean vbr = (countByte & 0x80) != 0;
        int lengths = 0;
        int first = -1;
        if (vbr) {
            for (int frame = 0; frame < frames - 1; frame++) {
                int sizeBytes = sizeBytes(packet, at, end);
                if (sizeBytes < 0) {
                    return -1;
                }
                int size = size(packet, at, sizeBytes);
                at += sizeBytes;
                lengths += size;
                first = frame == 0 ? size : first;
            }
        }
        int data = end - at - padding;
        if (data < lengths) {
            return -1;
        }
        if (vbr) {
            int last = data - lengths;
            return frameLength(last) ? pack(frames, frames == 1 ? last : first, at - offset) : -1;
        }
        return data % frames == 0 && frameLength(data / frames) ? pack(frames, data / frames, at - offset) : -1;
    }

    /** How many bytes the frame length at {@code at} takes (RFC 6716 section 3.2.1), or -1 if cut off. */
    private static int sizeBytes(byte[] packet, int at, int end) {
        if (at >= end) {
            return -1;
        }
        if ((packet[at] & 0xFF) < 252) {
            return 1;
        }
        return at + 1 < end ? 2 : -1;
    }

    private static int size(byte[] packet, int at, int sizeBytes) {
        int first = packet[at] & 0xFF;
        return sizeBytes == 1 ? first : (packet[at + 1] & 0xFF) * 4 + first;
    }

    private static boolean frameLength(int bytes) {
        return bytes >= 0 && bytes <= MAX_FRAME_BYTES;
    }

    private static long pack(int frames, int firstLength, int firstOffset) {
        return (long) frames << 40 | (long) firstLength << 20 | firstOffset;
    }

    private static int frames(long layout) {
        return (int) (layout >>> 40);
    }

    private static int firstFrameLength(long layout) {
        return (int) (layout >>> 20 & 0xFFFFF);
    }

    private static int firstFrameOffset(long layout) {
        return (int) (layout & 0xFFFFF);
    }
}
