package org.liveaudio.control.sender;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;

/**
 * {@code profile=aes67}: the keys an AES67 stream needs, set in one word. AES67 (AES standard for audio over IP
 * interoperability) streams L24 at 48 kHz in 1 ms packets, described by SDP with the clock signalling of
 * RFC 7273 and announced by SAP. A key the file sets anyway must agree with the profile; channels stay the
 * file's (AES67 allows 1 to 8).
 *
 * <p>What it does not give: PTP. AES67 devices lock their media clocks to an IEEE 1588 grandmaster and name it in
 * {@code a=ts-refclk:ptp=...}; our sender's clock is this host's, which its listeners follow through its own
 * time exchange and RTCP sender reports. So the SDP says {@code a=ts-refclk:local} and
 * {@code a=mediaclk:sender} (RFC 7273 5.2), which is true, and a receiver that insists on PTP will not take it.
 */
final class Aes67Profile {
    static final String KEY_PROFILE = "profile";
    static final String NONE = "none";
    static final String AES67 = "aes67";
    static final Set<String> PROFILES = Set.of(NONE, AES67);
    /** What the profile stands for, in the order a user reads it. */
    static final Map<String, String> KEYS = keys();

    private Aes67Profile() {
    }

    /** Whether the configuration asks for the profile. */
    static boolean chosen(SettingsReader reader) throws InvalidSettingException {
        return AES67.equals(reader.choice(KEY_PROFILE, SenderSettings.DEFAULTS.profile(), PROFILES));
    }

    /**
     * The configuration with the profile's keys filled in where the file leaves them out.
     *
     * @throws InvalidSettingException naming the first key the file sets otherwise
     */
    static SettingsReader apply(SettingsReader reader) throws InvalidSettingException {
        if (!chosen(reader)) {
            return reader;
        }
        Map<String, Object> merged = new HashMap<>(reader.properties());
        for (Map.Entry<String, String> key : KEYS.entrySet()) {
            Object given = merged.get(key.getKey());
            if (given == null || given.toString().isBlank()) {
                merged.put(key.getKey(), key.getValue());
            } else if (!same(given.toString().strip(), key.getValue())) {
                throw new InvalidSettingException(key.getKey(), given, key.getValue() + " with profile=aes67, "
                        + "which stands for " + describe() + " (or leave the key out)");
            }
        }
        return new SettingsReader(merged);
    }

    static String describe() {
        return KEYS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }

    private static boolean same(String given, String wanted) {
        if (given.equalsIgnoreCase(wanted)) {
            return true;
        }
        try {
            return new BigDecimal(given).compareTo(new BigDecimal(wanted)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(SenderSettings.KEY_CODEC, "L24");
        keys.put(SenderSettings.KEY_SAMPLE_RATE, "48000");
        keys.put(SenderSettings.KEY_FRAME_MILLIS, "1");
        keys.put(SenderSettings.KEY_SAP, SenderSettings.SAP_ON);
        return keys;
    }
}
