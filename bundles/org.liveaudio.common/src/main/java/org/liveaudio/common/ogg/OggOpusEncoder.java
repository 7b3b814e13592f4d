package org.liveaudio.common.ogg;

import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/**
 * One Ogg Opus stream made from PCM: each packet of PCM encoded by an Opus encoder and written as a page of the
 * stream (the Icecast relay's and the web console's {@code /stream.opus}).
 */
public final class OggOpusEncoder {
    private final AudioEncoder encoder;
    private final OggOpusStream stream;
    private final int samplesPerPacket;
    private final byte[] packet = new byte[OggOpusStream.MAX_PACKET_BYTES];

    /** @param encoder an Opus encoder of {@code samplesPerPacket} samples of {@code format} */
    public OggOpusEncoder(AudioEncoder encoder, AudioFormat format, int samplesPerPacket, int serial) {
        this.encoder = encoder;
        this.samplesPerPacket = samplesPerPacket;
        this.stream = new OggOpusStream(format.sampleRate(), format.channels(), serial);
    }

    /** The page each method wrote, from 0. */
    public byte[] page() {
        return stream.page();
    }

    public int identificationPage() {
        return stream.identificationPage();
    }

    public int commentPage(String title) {
        return stream.commentPage(title);
    }

    /** Encodes one packet of PCM into an audio page; returns the page's length. Allocates nothing. */
    public int audioPage(short[] pcm) {
        int length = encoder.encode(pcm, samplesPerPacket, packet, 0);
        return stream.audioPage(packet, length, samplesPerPacket);
    }
}
