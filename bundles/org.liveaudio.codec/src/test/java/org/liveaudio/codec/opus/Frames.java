package org.liveaudio.codec.opus;

import java.util.Arrays;
import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;

/** Runs PCM through a codec service frame by frame, as a sender and a listener would. */
final class Frames {
    static final AudioFormat STEREO = new AudioFormat(48_000, 2);

    private Frames() {
    }

    /** One payload per whole frame of {@code pcm}. */
    static byte[][] encode(AudioCodec codec, int samplesPerFrame, Map<String, ?> configuration, short[] pcm)
            throws InvalidSettingException {
        AudioEncoder encoder = codec.newEncoder(STEREO, samplesPerFrame, configuration);
        int frames = pcm.length / 2 / samplesPerFrame;
        byte[][] payloads = new byte[frames][];
        short[] frame = new short[samplesPerFrame * 2];
        byte[] out = new byte[codec.maxPayloadBytes(STEREO, samplesPerFrame)];
        for (int i = 0; i < frames; i++) {
            System.arraycopy(pcm, i * frame.length, frame, 0, frame.length);
            payloads[i] = Arrays.copyOf(out, encoder.encode(frame, samplesPerFrame, out, 0));
        }
        return payloads;
    }

    /** Decodes every payload in turn; a null payload is lost and concealed, or recovered from the next. */
    static short[] decode(AudioCodec codec, int samplesPerFrame, byte[][] payloads, boolean recover) {
        AudioDecoder decoder = codec.newDecoder(STEREO, samplesPerFrame);
        short[] out = new short[payloads.length * samplesPerFrame * 2];
        short[] frame = new short[samplesPerFrame * 2];
        for (int i = 0; i < payloads.length; i++) {
            byte[] payload = payloads[i];
            if (payload != null) {
                decoder.decode(payload, 0, payload.length, frame);
            } else if (!recover || i + 1 >= payloads.length || payloads[i + 1] == null || decoder.recover(
                    payloads[i + 1], 0, payloads[i + 1].length, frame, samplesPerFrame) == AudioDecoder.NOT_RECOVERED) {
                decoder.conceal(frame, samplesPerFrame);
            }
            System.arraycopy(frame, 0, out, i * frame.length, frame.length);
        }
        return out;
    }
}
