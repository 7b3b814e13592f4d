package org.liveaudio.control.sender;

import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Services of one kind keyed by a service property (a source type, a codec name), in the order they were
 * bound. Looking up a key gives the earliest bound service that has it, so a stream keeps using the one it
 * has while a second one comes and goes.
 */
final class ServiceCatalog<T> {
    private record Entry<T>(String key, T service) {
    }

    private final List<Entry<T>> entries = new CopyOnWriteArrayList<>();

    void add(String key, T service) {
        entries.add(new Entry<>(key, service));
    }

    void remove(T service) {
        entries.removeIf(entry -> entry.service() == service);
    }

    /** The service with {@code key} (ignoring case), or {@code null}. */
    T find(String key) {
        for (Entry<T> entry : entries) {
            if (entry.key().equalsIgnoreCase(key)) {
                return entry.service();
            }
        }
        return null;
    }

    /** The keys there are, sorted, or {@code none}. */
    String keys() {
        TreeSet<String> keys = new TreeSet<>();
        entries.forEach(entry -> keys.add(entry.key()));
        return keys.isEmpty() ? "none" : String.join(", ", keys);
    }
}
