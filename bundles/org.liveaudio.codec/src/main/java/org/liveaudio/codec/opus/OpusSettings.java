package org.liveaudio.codec.opus;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioFormat;

/**
 * The Opus encoder's keys of a sender's configuration.
 *
 * @param kilobitsPerSecond the target rate, {@code bitrate} in kbit/s as users write it
 * @param vbr unconstrained VBR; false means constrained VBR, whose rate a Wi-Fi network can count on
 * @param lowDelay {@code application=lowdelay}: CELT only, 5 ms less algorithmic delay, no FEC
 */
record OpusSettings(int kilobitsPerSecond, boolean vbr, int complexity, boolean lowDelay, boolean inbandFec,
        int expectedLossPercent, boolean dtx) {
    static final String BITRATE = "bitrate";
    static final String VBR = "vbr";
    static final String COMPLEXITY = "complexity";
    static final String APPLICATION = "application";
    static final String INBAND_FEC = "inbandFec";
    static final String EXPECTED_LOSS_PERCENT = "expectedLossPercent";
    static final String DTX = "dtx";
    static final Set<String> KEYS = Set.of(BITRATE, VBR, COMPLEXITY, APPLICATION, INBAND_FEC, EXPECTED_LOSS_PERCENT,
            DTX);

    static final String AUDIO = "audio";
    static final String LOW_DELAY = "lowdelay";
    private static final Set<String> APPLICATIONS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(AUDIO,
            LOW_DELAY)));

    static final int MIN_KBPS = 6;
    static final int MAX_KBPS = 510;
    static final int STEREO_DEFAULT_KBPS = 128;
    static final int MONO_DEFAULT_KBPS = 64;
    /** Measured: 48 kHz stereo 128 kbit/s 10 ms frames encode at over 30x real time on one core (see README). */
    static final int DEFAULT_COMPLEXITY = 10;

    /**
     * The loss the encoder plans for when FEC is on and no loss was given. Opus carries FEC only in SILK and
     * hybrid frames, and switches to them from CELT only when the expected loss exceeds (128 - its voice
     * estimate) / 16 percent, at most 8 for music; 10 clears that for any signal.
     */
    static final int FEC_DEFAULT_LOSS_PERCENT = 10;

    /** Only SILK and hybrid frames carry FEC, and Opus uses them for frames of 10 ms or more. */
    private static final int MIN_FEC_FRAME_SAMPLES = 480;

    static OpusSettings read(Map<String, ?> configuration, AudioFormat format) throws InvalidSettingException {
        SettingsReader reader = new SettingsReader(configuration);
        int kbps = kilobits(reader, defaultKilobitsPerSecond(format));
        boolean vbr = reader.bool(VBR, false);
        int complexity = reader.integer(COMPLEXITY, DEFAULT_COMPLEXITY, 0, 10);
        boolean lowDelay = reader.choice(APPLICATION, AUDIO, APPLICATIONS).equals(LOW_DELAY);
        boolean inbandFec = reader.bool(INBAND_FEC, false);
        int expectedLoss = reader.integer(EXPECTED_LOSS_PERCENT, 0, 0, 100);
        boolean dtx = reader.bool(DTX, false);
        OpusSettings settings = new OpusSettings(kbps, vbr, complexity, lowDelay, inbandFec, expectedLoss, dtx);
        if (inbandFec && lowDelay) {
            throw settings.fecRefused();
        }
        return settings;
    }

    /** Refuses FEC with frames Opus codes as CELT only, where it would silently send none. */
    OpusSettings requireFecPossible(int samplesPerFrame) throws InvalidSettingException {
        if (inbandFec && samplesPerFrame < MIN_FEC_FRAME_SAMPLES) {
            throw fecRefused();
        }
        return this;
    }

    private InvalidSettingException fecRefused() {
        return new InvalidSettingException(INBAND_FEC, true, "false with application=lowdelay or frames under 10 ms, "
                + "which Opus codes as CELT only, without FEC");
    }

    static int defaultKilobitsPerSecond(AudioFormat format) {
        return format.channels() == 1 ? MONO_DEFAULT_KBPS : STEREO_DEFAULT_KBPS;
    }

    private static int kilobits(SettingsReader reader, int fallback) throws InvalidSettingException {
        try {
            return reader.integer(BITRATE, fallback, MIN_KBPS, MAX_KBPS);
        } catch (InvalidSettingException e) {
            throw new InvalidSettingException(e.key(), e.value(), e.allowed() + " (kbit/s)");
        }
    }

    int bitsPerSecond() {
        return kilobitsPerSecond * 1000;
    }

    /** What the encoder is told to expect: see {@link #FEC_DEFAULT_LOSS_PERCENT}. */
    int encoderLossPercent() {
        return inbandFec && expectedLossPercent == 0 ? FEC_DEFAULT_LOSS_PERCENT : expectedLossPercent;
    }
}
