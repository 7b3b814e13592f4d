package org.liveaudio.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every reading of a fuzzed configuration is a value within the asked bounds, the fallback, or an
 * {@link InvalidSettingException}; nothing else may escape. Values come as strings (from {@code .cfg} files) and
 * as the typed objects ConfigAdmin and code hand over.
 */
class SettingsReaderFuzzTest {
    @FuzzTest(maxDuration = "2m")
    void everyReadingIsAValueInBoundsOrRefused(FuzzedDataProvider data) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            properties.put(data.consumeString(8), value(data));
        }
        properties.put("key", value(data));
        SettingsReader reader = new SettingsReader(properties);
        String key = data.consumeBoolean() ? "key" : data.consumeString(8);
        try {
            switch (data.consumeInt(0, 4)) {
                case 0 -> {
                    int min = data.consumeInt();
                    int max = data.consumeInt(min, Integer.MAX_VALUE);
                    int fallback = data.consumeInt();
                    int read = reader.integer(key, fallback, min, max);
                    assertTrue(read == fallback && properties.get(key) == null || read >= min && read <= max);
                }
                case 1 -> {
                    double min = data.consumeRegularDouble();
                    double max = data.consumeRegularDouble(min, Double.MAX_VALUE);
                    double fallback = data.consumeDouble();
                    double read = reader.decimal(key, fallback, min, max);
                    assertTrue(properties.get(key) == null || read >= min && read <= max);
                }
                case 2 -> reader.bool(key, data.consumeBoolean());
                case 3 -> {
                    Set<String> allowed = new LinkedHashSet<>(List.of(data.consumeString(8), data.consumeString(8)));
                    String read = reader.choice(key, data.consumeString(8), allowed);
                    assertTrue(allowed.contains(read));
                }
                default -> {
                    reader.string(key, "");
                    reader.origin();
                }
            }
        } catch (InvalidSettingException refused) {
            // The one documented answer to a bad value.
        }
    }

    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 7)) {
            case 0 -> data.consumeInt();
            case 1 -> data.consumeLong();
            case 2 -> data.consumeDouble();
            case 3 -> data.consumeFloat();
            case 4 -> data.consumeBoolean();
            case 5 -> {
                byte[] magnitude = data.consumeBytes(12);
                yield magnitude.length == 0 ? BigInteger.ZERO : new BigInteger(magnitude);
            }
            case 6 -> BigDecimal.valueOf(data.consumeRegularDouble());
            default -> data.consumeString(40);
        };
    }
}
