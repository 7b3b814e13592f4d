package org.liveaudio.common.config;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the keys of a configuration that nothing reads (a typo in a {@code .cfg} file, which would otherwise
 * leave the default in force without a word) and the known key each most likely meant.
 */
public final class UnknownKeys {
    /** Prefixes of the keys that ConfigAdmin, SCR and FileInstall put into configurations. */
    private static final List<String> FRAMEWORK_PREFIXES = List.of("service.", "component.", "osgi.",
            "felix.fileinstall.");

    private UnknownKeys() {
    }

    /**
     * The keys a component's typed configuration declares, by DS's mapping of element names: a trailing
     * {@code $} goes ({@code interface$} is {@code interface}), {@code _} is {@code .}.
     */
    public static Set<String> declaredBy(Class<? extends Annotation> config) {
        Set<String> keys = new TreeSet<>();
        for (Method element : config.getDeclaredMethods()) {
            String name = element.getName();
            keys.add((name.endsWith("$") ? name.substring(0, name.length() - 1) : name).replace('_', '.'));
        }
        return keys;
    }

    /**
     * One sentence per key of {@code properties} that is neither in {@code known} nor the framework's, naming the
     * nearest known key where one is close: {@code unknown key bitrat (did you mean bitrate?); it is ignored}.
     */
    public static List<String> describe(Map<String, ?> properties, Set<String> known) {
        List<String> sentences = new ArrayList<>();
        for (String key : new TreeSet<>(properties.keySet())) {
            if (known.contains(key) || FRAMEWORK_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            String nearest = nearest(key, known);
            sentences.add("unknown key " + key + (nearest == null ? "" : " (did you mean " + nearest + "?)")
                    + "; it is ignored");
        }
        return sentences;
    }

    /** The known key within a third of the key's length in edits (at least one): a short key is no typo of a long. */
    private static String nearest(String key, Set<String> known) {
        String best = null;
        int bestDistance = Math.max(1, key.length() / 3) + 1;
        for (String candidate : known) {
            int distance = distance(key.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein's edit distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
