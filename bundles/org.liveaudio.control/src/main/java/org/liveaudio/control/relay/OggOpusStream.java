package org.liveaudio.control.relay;

import java.nio.charset.StandardCharsets;
import org.liveaudio.api.audio.AudioEncoder;

/**
 * One Ogg Opus stream (RFC 7845): its two header pages, then one page per Opus packet, with the granule position
 * counted in 48 kHz samples. Every page goes into one buffer, reused: encoding a packet allocates nothing.
 */
final class OggOpusStream {
    /** Opus's rate, whatever the input: granule positions count at it. */
    static final int GRANULE_RATE = 48_000;
    /**
     * Samples the decoder drops at the start: the encoder's look-ahead, 312 at 48 kHz for libopus's (and so
     * Concentus's) audio application (RFC 7845 5.1 recommends the encoder's own figure).
     */
    static final int PRE_SKIP = 312;
    static final String VENDOR = "Live Audio Streamer (Concentus)";
    /** Opus's largest packet (RFC 6716 3.2.1), times the most frames one packet carries, is far below this. */
    private static final int MAX_OPUS_PACKET_BYTES = 1275 * 3;

    private final OggPages pages;
    private final AudioEncoder encoder;
    private final int channels;
    private final int sampleRate;
    private final int samplesPerPacket;
    private final byte[] packet = new byte[MAX_OPUS_PACKET_BYTES];
    private final byte[] page = new byte[OggPages.pageBytes(MAX_OPUS_PACKET_BYTES)];
    private long granule;

    /**
     * @param encoder an Opus encoder of {@code samplesPerPacket} samples of {@code channels} channels
     * @param serial the stream's serial number, which should differ between streams (random)
     */
    OggOpusStream(AudioEncoder encoder, int sampleRate, int channels, int samplesPerPacket, int serial) {
        this.encoder = encoder;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.samplesPerPacket = samplesPerPacket;
        this.pages = new OggPages(serial);
    }

    /** The page buffer, which holds the page each method wrote, from 0. */
    byte[] page() {
        return page;
    }

    /** Writes the identification header page (OpusHead, RFC 7845 5.1); returns its length. */
    int identificationPage() {
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
    int commentPage(String title) {
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

    /** Encodes one packet of {@code samplesPerPacket} samples into an audio page; returns the page's length. */
    int audioPage(short[] pcm) {
        int length = encoder.encode(pcm, samplesPerPacket, packet, 0);
        granule += (long) samplesPerPacket * GRANULE_RATE / sampleRate;
        return pages.write(page, OggPages.CONTINUED, granule, packet, 0, length);
    }
}
