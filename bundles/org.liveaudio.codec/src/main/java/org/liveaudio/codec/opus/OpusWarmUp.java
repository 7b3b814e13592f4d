package org.liveaudio.codec.opus;

import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.codec.PayloadLimit;

/**
 * Runs Concentus through throwaway encoders and a decoder so that the JIT has compiled it before a stream uses
 * it. Cold, a 10 ms stereo frame takes 3 to 30 ms to encode in the interpreter, over the frame's own length, for
 * its first hundred frames or so; a sender's clock thread that did that work sent its first second late. The JIT
 * keeps the code it compiled for every later encoder and decoder, and the streams' own start from a fresh state,
 * so what they send is what they would have sent without this.
 *
 * <p>Only the default settings are run, whose frames are CELT: in-band FEC's SILK and hybrid frames cost three to
 * four times as much to warm (3 s on a busy 2-core machine), too long to hold up the service for streams that
 * mostly do without. The decoder decodes the frames and conceals some, as a listener under loss does.
 */
final class OpusWarmUp {
    /** Measured: 500 warm-up frames bring the first 100 frames of a stream from 85 over 1 ms to under 15. */
    static final int FRAMES = 500;
    private static final int SAMPLES = 480;
    private static final AudioFormat STEREO = new AudioFormat(OpusPacket.CLOCK_RATE, 2);
    private static final int LOSS_EVERY = 10;

    private OpusWarmUp() {
    }

    /**
     * @return what was exercised, for tests to check that the warm-up takes the paths a stream takes
     */
    static Exercised run(OpusCodec codec) {
        return run(codec, () -> true);
    }

    /** @param going whether to go on: the warm-up stops between frames once it says no */
    static Exercised run(OpusCodec codec, BooleanSupplier going) {
        Exercised exercised = new Exercised();
        try {
            exercise(codec.encoder(STEREO, SAMPLES, Map.of()), codec.decoder(STEREO, SAMPLES), exercised,
                    going);
        } catch (InvalidSettingException e) {
            throw new IllegalStateException("Opus refused its own default settings", e);
        }
        return exercised;
    }

    private static void exercise(AudioEncoder encoder, AudioDecoder decoder, Exercised exercised,
            BooleanSupplier going) {
        short[] pcm = new short[SAMPLES * 2];
        byte[] previous = new byte[PayloadLimit.UNFRAGMENTED_BYTES];
        byte[] payload = new byte[PayloadLimit.UNFRAGMENTED_BYTES];
        Chords chords = new Chords();
        int previousLength = 0;
        for (int frame = 0; frame < FRAMES && going.getAsBoolean(); frame++) {
            chords.fill(pcm);
            int length = encoder.encode(pcm, SAMPLES, payload, 0);
            if (frame % LOSS_EVERY == 1) {
                // The frame before this one counts as lost.
                decoder.conceal(pcm, SAMPLES);
                exercised.concealed++;
            } else if (frame > 0) {
                decoder.decode(previous, 0, previousLength, pcm);
                exercised.decoded++;
            }
            byte[] swap = previous;
            previous = payload;
            payload = swap;
            previousLength = length;
            exercised.encoded++;
        }
    }

    /** What a warm-up did. */
    static final class Exercised {
        int encoded;
        int decoded;
        int concealed;
    }

    /**
     * Music enough for Opus to take the paths music takes: a new three-note chord with harmonics every 100 ms under
     * a decaying envelope, over quiet noise. Silence or a steady tone would leave most of the encoder cold.
     */
    private static final class Chords {
        private static final int NOTE_SAMPLES = OpusPacket.CLOCK_RATE / 10;
        private final Random random = new Random(1);
        private final double[] notes = new double[3];
        private long sample;

        void fill(short[] pcm) {
            for (int i = 0; i < pcm.length; i += 2, sample++) {
                int intoNote = (int) (sample % NOTE_SAMPLES);
                if (intoNote == 0) {
                    for (int n = 0; n < notes.length; n++) {
                        notes[n] = 110 * Math.pow(2, random.nextInt(36) / 12.0);
                    }
                }
                double t = (double) sample / OpusPacket.CLOCK_RATE;
                double envelope = 3000 * Math.exp(-3.0 * intoNote / NOTE_SAMPLES);
                double left = 0;
                double right = 0;
                for (int n = 0; n < notes.length; n++) {
                    for (int harmonic = 1; harmonic <= 4; harmonic++) {
                        double tone = Math.sin(2 * Math.PI * notes[n] * harmonic * t) / harmonic;
                        left += tone * (1 + n) / 3;
                        right += tone * (3 - n) / 3;
                    }
                }
                pcm[i] = (short) (envelope * left + 300 * random.nextGaussian());
                pcm[i + 1] = (short) (envelope * right + 300 * random.nextGaussian());
            }
        }
    }
}
