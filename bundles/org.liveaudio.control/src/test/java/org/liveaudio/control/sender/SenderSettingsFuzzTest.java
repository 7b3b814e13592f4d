package org.liveaudio.control.sender;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.testing.FakeL16Codec;

/**
 * A sender's {@code .cfg} with fuzzed values for its keys (and stray keys): {@link SenderSettings#read} builds
 * settings or refuses one value with an {@link InvalidSettingException}; anything else escaping would stop the
 * stream's configuration with a stack trace instead of a line naming the key.
 */
class SenderSettingsFuzzTest {
    private static final List<String> KEYS = List.of("group", "port", "interface", "ttl", SenderSettings.KEY_SOURCE,
            SenderSettings.KEY_FILE, SenderSettings.KEY_LOOP, SenderSettings.KEY_TONE_HZ, SenderSettings.KEY_PIPE,
            SenderSettings.KEY_PIPE_COMMAND, SenderSettings.KEY_PIPE_SAMPLE_RATE, SenderSettings.KEY_PIPE_CHANNELS,
            SenderSettings.KEY_SAMPLE_RATE, SenderSettings.KEY_CHANNELS, SenderSettings.KEY_FRAME_MILLIS,
            SenderSettings.KEY_CODEC, SenderSettings.KEY_PAYLOAD_TYPE, SenderSettings.KEY_SDP_FILE,
            SenderSettings.KEY_PLAYOUT_DELAY_MILLIS, SenderSettings.KEY_NAME, SenderSettings.KEY_DESCRIPTION,
            SenderSettings.KEY_SAP, SenderSettings.KEY_SAP_INTERVAL_SECONDS, Aes67Profile.KEY_PROFILE);
    /** Values that pass a check or sit at its edge, so the fuzzer gets past the first key to the later ones. */
    private static final List<String> TYPICAL = List.of("", "0", "1", "-1", "2.5", "5", "20", "96", "127", "48000",
            "65535", "1e3", "NaN", "Infinity", "true", "lo", "239.255.0.1", "ff02::1", "tone", "file", "pipe",
            "L16", "L24", "aes67", "/tmp", "/", "'a b' \"c\\\" d\" e\\ f");

    private final AudioCodec l16 = new FakeL16Codec();

    @FuzzTest(maxDuration = "2m")
    void readsOrRefusesWithTheKey(FuzzedDataProvider data) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = data.consumeInt(0, 12); i > 0; i--) {
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(12);
            properties.put(key, value(data));
        }
        boolean codecKnown = data.consumeBoolean();
        try {
            SenderSettings.read(new SettingsReader(properties), name -> codecKnown ? l16 : null);
        } catch (InvalidSettingException refused) {
            // The documented answer.
        }
    }

    static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> data.pickValue(TYPICAL);
            case 1 -> data.consumeInt();
            case 2 -> data.consumeDouble();
            case 3 -> data.consumeBoolean();
            default -> data.consumeString(64);
        };
    }
}
