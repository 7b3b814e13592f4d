package org.liveaudio.listener.shell;

import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code listener:*} Gogo commands: every listener in this framework, found as a ListenerControl.
 *
 * <p>Gogo's {@code help NAME} looks NAME up as a function name, not a scope, so {@code help listener}
 * finds the {@code listener} function, whose description is the overview of all the commands.
 */
@Component(service = ListenerCommands.class, property = {
    "osgi.command.scope=listener",
    "osgi.command.function=stats",
    "osgi.command.function=list",
    "osgi.command.function=listener"
})
public final class ListenerCommands {
    static final String OVERVIEW = "the listener commands (one listener per config/org.liveaudio.listener-NAME.cfg):\n"
            + "   listener:stats         packets received, lost, late, duplicate, reordered and malformed, RFC 3550 "
            + "jitter,\n"
            + "                          jitter-buffer depth, underruns, concealed and played frames, sink; "
            + "one row per listener\n"
            + "   listener:stats NAME    the same for one listener\n"
            + "   listener:list          each listener's name, endpoint, stream (SSRC) and sink";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ListenerControl> listeners;

    @Descriptor("reception statistics of every listener: packets received, lost, late, duplicate, reordered, "
            + "malformed, RFC 3550 jitter, jitter-buffer depth, underruns, concealed and played frames, sink")
    public String stats() {
        return ListenerTables.stats(snapshot(null));
    }

    @Descriptor("reception statistics of one listener")
    public String stats(@Descriptor("the listener's name") String name) {
        List<ListenerStats> matching = snapshot(name);
        if (matching.isEmpty()) {
            List<ListenerStats> all = snapshot(null);
            return all.isEmpty() ? ListenerTables.NONE
                    : "no listener " + name + " (there are: "
                            + String.join(", ", all.stream().map(ListenerStats::name).toList()) + ")";
        }
        return ListenerTables.stats(matching);
    }

    @Descriptor("the listeners: name, endpoint they listen on, stream they locked onto, sink")
    public String list() {
        return ListenerTables.list(snapshot(null));
    }

    @Descriptor(OVERVIEW)
    public String listener() {
        return OVERVIEW;
    }

    private List<ListenerStats> snapshot(String name) {
        List<ListenerControl> bound = listeners;
        if (bound == null) {
            return List.of();
        }
        return bound.stream()
                .filter(listener -> name == null || listener.name().equals(name))
                .map(ListenerControl::stats)
                .sorted(Comparator.comparing(ListenerStats::name))
                .toList();
    }
}
