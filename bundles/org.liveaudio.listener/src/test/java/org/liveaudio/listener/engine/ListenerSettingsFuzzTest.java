package org.liveaudio.listener.engine;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;

/**
 * A listener's {@code .cfg} with fuzzed values (and the FileInstall file name and PID it names itself by):
 * {@link ListenerSettings#read} builds settings or refuses one value with an {@link InvalidSettingException}, and
 * {@link ListenerSettings#nameOf}, which names a listener whose configuration is bad, always answers.
 */
class ListenerSettingsFuzzTest {
    private static final List<String> KEYS = List.of(ListenerSettings.NAME, "group", "port", "interface",
            ListenerSettings.BUFFER_MILLIS, ListenerSettings.SINK, ListenerSettings.FILE, ListenerSettings.CODEC,
            ListenerSettings.PAYLOAD_TYPE, ListenerSettings.SAMPLE_RATE, ListenerSettings.CHANNELS,
            ListenerSettings.CLOCK_OFFSET_MILLIS, ListenerSettings.CLOCK_DRIFT_PPM, SettingsReader.FILE_PROPERTY,
            "service.pid");
    private static final List<String> TYPICAL = List.of("", "0", "1", "-1", "20", "96", "48000", "2", "lo",
            "239.255.0.1", "wav", "speaker", "L16", "opus", "kitchen", "file:/etc/org.liveaudio.listener-a.cfg",
            "file://host/x.cfg", "file:", "org.liveaudio.listener~b", "/tmp", "a\\b/c.config");

    @FuzzTest(maxDuration = "2m")
    void readsOrRefusesWithTheKey(FuzzedDataProvider data) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = data.consumeInt(0, 10); i > 0; i--) {
            String key = data.consumeBoolean() ? data.pickValue(KEYS) : data.consumeString(12);
            properties.put(key, switch (data.consumeInt(0, 4)) {
                case 0 -> data.pickValue(TYPICAL);
                case 1 -> data.consumeInt();
                case 2 -> data.consumeDouble();
                default -> data.consumeString(64);
            });
        }
        ListenerSettings.nameOf(properties);
        try {
            ListenerSettings.read(properties);
        } catch (InvalidSettingException refused) {
            // The documented answer.
        }
    }
}
