package org.liveaudio.listener.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.osgi.framework.Constants;

/**
 * The services of one kind that are bound now, each known by a naming property (a codec's name, a sink's
 * type). For a name, the highest service ranking wins, then the oldest service. Not thread-safe: the
 * listener calls it under its own lock.
 */
final class ServiceChoice<S> {
    private record Candidate<S>(S service, String key, int ranking, long id) {
    }

    private static final Comparator<Candidate<?>> PREFERENCE = Comparator
            .comparingInt((Candidate<?> candidate) -> candidate.ranking()).reversed()
            .thenComparingLong(Candidate::id);

    private final String property;
    private final List<Candidate<S>> candidates = new ArrayList<>();

    ServiceChoice(String property) {
        this.property = property;
    }

    void add(S service, Map<String, ?> properties) {
        Object key = properties.get(property);
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        candidates.add(new Candidate<>(service, key == null ? "" : key.toString(),
                ranking instanceof Integer value ? value : 0,
                id instanceof Long value ? value : Long.MAX_VALUE));
    }

    void remove(S service) {
        candidates.removeIf(candidate -> candidate.service() == service);
    }

    /** The preferred service named {@code key} (ignoring case), or null when none is bound. */
    S best(String key) {
        return candidates.stream()
                .filter(candidate -> candidate.key().equalsIgnoreCase(key))
                .min(PREFERENCE)
                .map(Candidate::service)
                .orElse(null);
    }

    /** The names of the services other than {@code key}'s that pass {@code test}, for a message; empty if none. */
    String recognizing(String key, Predicate<S> test) {
        TreeSet<String> names = new TreeSet<>();
        candidates.stream().filter(candidate -> !candidate.key().equalsIgnoreCase(key))
                .filter(candidate -> test.test(candidate.service())).forEach(candidate -> names.add(candidate.key()));
        return String.join(" or ", names);
    }

    /** The names bound now, for messages. */
    String names() {
        TreeSet<String> names = new TreeSet<>();
        candidates.forEach(candidate -> names.add(candidate.key()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
