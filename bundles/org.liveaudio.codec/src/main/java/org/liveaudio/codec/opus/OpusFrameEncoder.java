package org.liveaudio.codec.opus;

import io.github.jaredmdobson.concentus.OpusApplication;
import io.github.jaredmdobson.concentus.OpusEncoder;
import io.github.jaredmdobson.concentus.OpusException;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.codec.PayloadLimit;

/** One stream's Concentus encoder: a frame of PCM in, one Opus packet (one frame, code 0 or 3) out. */
final class OpusFrameEncoder implements AudioEncoder {
    private final OpusEncoder encoder;

    OpusFrameEncoder(int channels, OpusSettings settings) {
        try {
            encoder = new OpusEncoder(OpusPacket.CLOCK_RATE, channels, settings.lowDelay()
                    ? OpusApplication.OPUS_APPLICATION_RESTRICTED_LOWDELAY : OpusApplication.OPUS_APPLICATION_AUDIO);
        } catch (OpusException e) {
            throw new IllegalStateException("Concentus refused a 48 kHz encoder of " + channels + " channels", e);
        }
        encoder.setBitrate(settings.bitsPerSecond());
        encoder.setUseVBR(true);
        encoder.setUseConstrainedVBR(!settings.vbr());
        encoder.setComplexity(settings.complexity());
        encoder.setUseInbandFEC(settings.inbandFec());
        encoder.setPacketLossPercent(settings.encoderLossPercent());
        encoder.setUseDTX(settings.dtx());
    }

    @Override
    public int encode(short[] pcm, int samples, byte[] out, int offset) {
        try {
            return encoder.encode(pcm, 0, samples, out, offset,
                    Math.min(PayloadLimit.UNFRAGMENTED_BYTES, out.length - offset));
        } catch (OpusException e) {
            // Only a frame size Opus cannot take gets here, and the codec refused those when it made us.
            throw new IllegalStateException("Opus could not encode " + samples + " samples", e);
        }
    }
}
