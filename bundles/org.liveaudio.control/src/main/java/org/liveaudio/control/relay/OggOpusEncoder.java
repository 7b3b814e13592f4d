package org.liveaudio.control.relay;

import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.common.ogg.OggOpusStream;

/** The relay's packets: each packet of PCM encoded by an Opus encoder and written as a page of one Ogg stream. */
final class OggOpusEncoder {
    private final AudioEncoder encoder;
    private final OggOpusStream stream;
    private final int samplesPerPacket;
    private final byte[] packet = new byte[OggOpusStream.MAX_PACKET_BYTES];

    /** @param encoder an Opus encoder of {@code samplesPerPacket} samples of {@code format} */
    OggOpusEncoder(AudioEncoder encoder, AudioFormat format, int samplesPerPacket, int serial) {
        this.encoder = encoder;
        this.samplesPerPacket = samplesPerPacket;
        this.stream = new OggOpusStream(format.sampleRate(), format.channels(), serial);
    }

    /** The page each method wrote, from 0. */
    byte[] page() {
        return stream.page();
    }

    int identificationPage() {
        return stream.identificationPage();
    }

    int commentPage(String title) {
        return stream.commentPage(title);
    }

    /** Encodes one packet of PCM into an audio page; returns the page's length. Allocates nothing. */
    int audioPage(short[] pcm) {
        int length = encoder.encode(pcm, samplesPerPacket, packet, 0);
        return stream.audioPage(packet, length, samplesPerPacket);
    }
}
