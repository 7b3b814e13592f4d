package org.liveaudio.codec.opus;

import io.github.jaredmdobson.concentus.OpusDecoder;
import io.github.jaredmdobson.concentus.OpusException;
import java.util.Arrays;
import org.liveaudio.api.audio.AudioDecoder;

/**
 * One stream's Concentus decoder at 48 kHz, so that a listener's sample count and the RTP clock agree. Lost
 * frames are concealed by Opus' own PLC, or rebuilt from the next packet's in-band FEC when it carries some.
 */
final class OpusFrameDecoder implements AudioDecoder {
    private final OpusDecoder decoder;
    private final int channels;

    OpusFrameDecoder(int channels) {
        try {
            decoder = new OpusDecoder(OpusPacket.CLOCK_RATE, channels);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a 48 kHz decoder of " + channels + " channels", e);
        }
        this.channels = channels;
    }

    @Override
    public int decode(byte[] payload, int offset, int length, short[] pcm) {
        int samples = OpusPacket.samples(payload, offset, length);
        if (samples < 0 || samples * channels > pcm.length) {
            return -1;
        }
        try {
            return decoder.decode(payload, offset, length, pcm, 0, samples, false);
        } catch (OpusException | IllegalArgumentException e) {
            return -1;
        }
    }

    @Override
    public void conceal(short[] pcm, int samples) {
        try {
            decoder.decode(null, 0, 0, pcm, 0, samples, false);
        } catch (OpusException | IllegalArgumentException e) {
            // A frame length PLC cannot make (not a multiple of 2.5 ms): silence rather than noise.
            Arrays.fill(pcm, 0, Math.min(pcm.length, samples * channels), (short) 0);
        }
    }

    /**
     * Checks for LBRR before decoding, because asked for FEC from a packet without it Opus silently conceals
     * instead, and the listener would count a concealed frame as recovered.
     */
    @Override
    public int recover(byte[] nextPayload, int offset, int length, short[] pcm, int samples) {
        if (!OpusPacket.carriesFec(nextPayload, offset, length) || samples * channels > pcm.length) {
            return NOT_RECOVERED;
        }
        try {
            return decoder.decode(nextPayload, offset, length, pcm, 0, samples, true);
        } catch (OpusException | IllegalArgumentException e) {
            return NOT_RECOVERED;
        }
    }
}
