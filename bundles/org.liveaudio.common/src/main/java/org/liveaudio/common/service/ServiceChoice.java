package org.liveaudio.common.service;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.osgi.framework.Constants;

/**
 * The services of one kind that are bound now, each known by a name (a codec's name, a source's or sink's type),
 * and the one rule by which the sender and the listener pick among those of a name: the framework's own
 * (ServiceReference ordering), the highest {@code service.ranking}, then the oldest service (lowest
 * {@code service.id}). So a second service of a name never displaces the one in use unless it ranks higher,
 * which is how a user deliberately replaces an implementation. Names compare ignoring case. Safe to read from any
 * thread while SCR binds and unbinds; a look-up allocates nothing.
 */
public final class ServiceChoice<S> {
    private record Candidate<S>(S service, String name, int ranking, long id) {
        boolean preferredTo(Candidate<S> other) {
            return ranking != other.ranking ? ranking > other.ranking : id < other.id;
        }
    }

    private final List<Candidate<S>> candidates = new CopyOnWriteArrayList<>();

    /** @param properties the service's properties, as DS hands them to a bind method, for its ranking and id */
    public void add(S service, String name, Map<String, ?> properties) {
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        Object id = properties.get(Constants.SERVICE_ID);
        candidates.add(new Candidate<>(service, name, ranking instanceof Integer value ? value : 0,
                id instanceof Long value ? value : Long.MAX_VALUE));
    }

    public void remove(S service) {
        candidates.removeIf(candidate -> candidate.service() == service);
    }

    /** The preferred service named {@code name}, or null when none is bound. */
    public S best(String name) {
        Candidate<S> best = null;
        for (Candidate<S> candidate : candidates) {
            if (candidate.name().equalsIgnoreCase(name) && (best == null || candidate.preferredTo(best))) {
                best = candidate;
            }
        }
        return best == null ? null : best.service();
    }

    /** The names of the services other than {@code name}'s that pass {@code test}, for a message; empty if none. */
    public String recognizing(String name, Predicate<S> test) {
        TreeSet<String> names = new TreeSet<>();
        for (Candidate<S> candidate : candidates) {
            if (!candidate.name().equalsIgnoreCase(name) && test.test(candidate.service())) {
                names.add(candidate.name());
            }
        }
        return String.join(" or ", names);
    }

    /** The names bound now, sorted, for messages; {@code none} when there are none. */
    public String names() {
        TreeSet<String> names = new TreeSet<>();
        candidates.forEach(candidate -> names.add(candidate.name()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
