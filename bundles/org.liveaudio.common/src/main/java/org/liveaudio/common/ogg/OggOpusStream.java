package org.liveaudio.common.ogg;

import java.nio.charset.StandardCharsets;

/**
 * One Ogg Opus stream (RFC 7845): its two header pages, then one page per Opus packet, with the granule position
 * counted in 48 kHz samples. Every page goes into one buffer, reused: an audio page allocates nothing. The packets
 * come encoded, from whichever Opus encoder the caller has.
 */
public final class OggOpusStream {
    /** Opus's rate, whatever the input: granule positions count at it. */
    public static final int GRANULE_RATE = 48_000;
    /**
     * Samples the decoder drops at the start: the encoder's look-ahead, 312 at 48 kHz for libopus's (and so
     * Concentus's) audio application (RFC 7845 5.1 recommends the encoder's own figure).
     */
    public static final int PRE_SKIP = 312;
    public static final String VENDOR = "Live Audio Streamer (Concentus)";
    /** Room for any Opus packet: 1275 bytes a frame at most (RFC 6716 3.2.1), and room to spare. */
    public static final int MAX_PACKET_BYTES = 1275 * 3;

    private final OggPages pages;
    private final int channels;
    private final int sampleRate;
    private final byte[] page = new byte[OggPages.pageBytes(MAX_PACKET_BYTES)];
    private long granule;

    /**
     * @param sampleRate the rate of the audio before encoding, which the identification header records
     * @param serial the stream's serial number, which should differ between streams (random)
     */
    public OggOpusStream(int sampleRate, int channels, int serial) {
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.pages = new OggPages(serial);
    }

    /** The page buffer, which holds the page each method wrote, from 0. */
    public byte[] page() {
        return page;
    }

    /** Writes the identification header page (OpusHead, RFC 7845 5.1); returns its length. */
    public int identificationPage() {
        byte[] head = new byte[19];
        System.arraycopy("OpusHead".getBytes(StandardCharsets.US_ASCII), 0, head, 0, 8);
        head[8] = 1;
        head[9] = (byte) channels;
        OggPages.putLittleEndian(head, 10, PRE_SKIP, 2);
        OggPages.putLittleEndian(head, 12, sampleRate, 4);
        OggPages.putLittleEndian(head, 16, 0, 2);
        head[18] = 0; // mapping family 0: mono or stereo, no table
        return pages.write(page, OggPages.BEGINNING_OF_STREAM, 0, head, 0, head.length);
    }

    /** Writes the comment header page (OpusTags, RFC 7845 5.2), with the title if there is one. */
    public int commentPage(String title) {
        byte[] vendor = VENDOR.getBytes(StandardCharsets.UTF_8);
        byte[] comment = ("TITLE=" + title).getBytes(StandardCharsets.UTF_8);
        boolean titled = !title.isEmpty();
        byte[] tags = new byte[8 + 4 + vendor.length + 4 + (titled ? 4 + comment.length : 0)];
        System.arraycopy("OpusTags".getBytes(StandardCharsets.US_ASCII), 0, tags, 0, 8);
        OggPages.putLittleEndian(tags, 8, vendor.length, 4);
        System.arraycopy(vendor, 0, tags, 12, vendor.length);
        int at = 12 + vendor.length;
        OggPages.putLittleEndian(tags, at, titled ? 1 : 0, 4);
        if (titled) {
            OggPages.putLittleEndian(tags, at + 4, comment.length, 4);
            System.arraycopy(comment, 0, tags, at + 8, comment.length);
        }
        return pages.write(page, OggPages.CONTINUED, 0, tags, 0, tags.length);
    }

    /**
     * Writes one Opus packet as an audio page; returns the page's length.
     *
     * @param samples samples per channel the packet holds, at the stream's {@code sampleRate}
     */
    public int audioPage(byte[] packet, int length, int samples) {
        granule += (long) samples * GRANULE_RATE / sampleRate;
        return pages.write(page, OggPages.CONTINUED, granule, packet, 0, length);
    }
}
