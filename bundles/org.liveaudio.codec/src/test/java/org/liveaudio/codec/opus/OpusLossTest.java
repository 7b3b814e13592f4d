package org.liveaudio.codec.opus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.audio.AudioDecoder;

/** A lost packet: Opus' concealment, and in-band FEC rebuilt from the packet after it. */
class OpusLossTest {
    private static final int FRAME = 480;
    private static final int MAX_DELAY = 1000;
    private static final int LEAD_IN = 10;

    private final OpusCodec codec = new OpusCodec();

    @Test
    void concealmentContinuesTheSoundInsteadOfSilence() throws Exception {
        short[] input = Signals.twoSines(48_000);
        byte[][] payloads = Frames.encode(codec, FRAME, Map.of(), input);
        int lost = 50;
        payloads[lost] = null;

        short[] output = Frames.decode(codec, FRAME, payloads, false);

        double before = Signals.rms(output, (lost - 1) * FRAME, lost * FRAME);
        double concealed = Signals.rms(output, lost * FRAME, (lost + 1) * FRAME);
        double after = Signals.rms(output, (lost + 1) * FRAME, (lost + 2) * FRAME);
        assertTrue(concealed > 0.5 * before && concealed < 1.5 * before,
                "concealed rms " + concealed + " against " + before + " before");
        assertTrue(after > 0.5 * before, "rms after " + after);
        int last = (lost * FRAME - 1) * 2;
        assertTrue(Math.abs(output[last + 2] - output[last]) < 3000,
                "no click into the gap: " + output[last] + " then " + output[last + 2]);
    }

    /**
     * Over every packet of a music-like stream whose successor carries FEC: losing it and rebuilding it from
     * the successor must come much closer to the original than concealing it.
     */
    @Test
    void fecRebuildsALostFrameCloserThanConcealment() throws Exception {
        short[] input = Signals.musicLike(48_000 * 3, 11);
        byte[][] payloads = Frames.encode(codec, FRAME, Map.of("inbandFec", "true"), input);
        int delay = Signals.delay(input, Frames.decode(codec, FRAME, payloads, false), MAX_DELAY);

        double fecError = 0;
        double plcError = 0;
        int tried = 0;
        for (int lost = LEAD_IN; lost < payloads.length - 2; lost++) {
            if (!OpusPacket.carriesFec(payloads[lost + 1], 0, payloads[lost + 1].length)) {
                continue;
            }
            // From a fresh decoder a few frames before the loss, which is as good as from the start and quicker.
            int first = lost - LEAD_IN;
            byte[][] lossy = Arrays.copyOfRange(payloads, first, lost + 3);
            lossy[LEAD_IN] = null;
            short[] original = Arrays.copyOfRange(input, first * FRAME * 2, input.length);
            int from = LEAD_IN * FRAME - delay;
            int to = (LEAD_IN + 2) * FRAME - delay;
            fecError += Signals.errorEnergy(original, Frames.decode(codec, FRAME, lossy, true), delay, from, to);
            plcError += Signals.errorEnergy(original, Frames.decode(codec, FRAME, lossy, false), delay, from, to);
            tried++;
        }

        assertTrue(tried > payloads.length / 4, tried + " of " + payloads.length + " packets carry FEC");
        assertTrue(fecError < 0.5 * plcError, "error energy with FEC " + fecError + ", concealed " + plcError);
    }

    @Test
    void withoutFecNothingIsRecovered() throws Exception {
        byte[][] payloads = Frames.encode(codec, FRAME, Map.of(), Signals.musicLike(48_000, 3));
        AudioDecoder decoder = codec.newDecoder(Frames.STEREO, FRAME);
        short[] pcm = new short[FRAME * 2];

        for (int next = 1; next < payloads.length; next++) {
            assertEquals(AudioDecoder.NOT_RECOVERED,
                    decoder.recover(payloads[next], 0, payloads[next].length, pcm, FRAME), "packet " + next);
        }
    }

    @Test
    void malformedPayloadIsNotDecoded() {
        AudioDecoder decoder = codec.newDecoder(Frames.STEREO, FRAME);
        short[] pcm = new short[FRAME * 2];

        assertEquals(-1, decoder.decode(new byte[] {(byte) (31 << 3 | 3), 0}, 0, 2, pcm), "frame count zero");
        assertEquals(-1, decoder.decode(new byte[] {(byte) (31 << 3)}, 0, 1, new short[FRAME]),
                "20 ms do not fit a 10 ms buffer");
        assertEquals(AudioDecoder.NOT_RECOVERED, decoder.recover(new byte[0], 0, 0, pcm, FRAME));
    }
}
