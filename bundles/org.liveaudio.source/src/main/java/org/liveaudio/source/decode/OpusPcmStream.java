package org.liveaudio.source.decode;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The audio packets of an Ogg Opus stream (RFC 7845) decoded with Concentus at 48 kHz, the encoder's pre-skip
 * dropped from the start, so the file plays exactly the samples that were encoded.
 */
final class OpusPcmStream extends PacketPcmStream {
    static final int RATE = 48_000;
    /** 120 ms at 48 kHz, the longest audio one Opus packet holds. */
    private static final int MAX_PACKET_SAMPLES = 5760;

    private final OggPackets packets;
    private final OpusDecoder decoder;
    private final int channels;
    private final short[] pcm;
    private long toSkip;

    /**
     * @param packets positioned after the OpusHead and OpusTags packets
     * @param gain the header's output gain, in 1/256 dB
     */
    OpusPcmStream(OggPackets packets, InputStream file, int channels, int preSkip, int gain) throws IOException {
        super(file, channels);
        this.packets = packets;
        this.channels = channels;
        this.toSkip = preSkip;
        this.pcm = new short[MAX_PACKET_SAMPLES * channels];
        try {
            this.decoder = new OpusDecoder(RATE, channels);
            decoder.setGain(gain);
        } catch (OpusException e) {
            throw new IOException("Opus decoder: " + e.getMessage(), e);
        }
    }

    @Override
    boolean decodeNext() throws IOException {
        if (!packets.next()) {
            return false;
        }
        int samples;
        try {
            samples = decoder.decode(packets.packet(), 0, packets.length(), pcm, 0, MAX_PACKET_SAMPLES, false);
        } catch (OpusException e) {
            throw new IOException("damaged Opus packet: " + e.getMessage(), e);
        }
        int until = samplesWithin(packets, samples);
        int from = (int) Math.min(toSkip, until);
        toSkip -= Math.min(toSkip, samples);
        output(Math.max(0, until - from));
        for (int i = from * channels, out = 0; i < until * channels; i++, out++) {
            put(out, pcm[i]);
        }
        return true;
    }
}
