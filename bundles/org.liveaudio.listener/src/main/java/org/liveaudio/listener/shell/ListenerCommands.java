package org.liveaudio.listener.shell;

import java.util.Comparator;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.listener.sap.SapBrowser;
import org.liveaudio.listener.shell.ListenerTables.NamedLatency;
import org.liveaudio.listener.shell.ListenerTables.NamedNowPlaying;
import org.liveaudio.listener.shell.ListenerTables.NamedSync;
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
    "osgi.command.function=latency",
    "osgi.command.function=sync",
    "osgi.command.function=now",
    "osgi.command.function=streams",
    "osgi.command.function=listener"
})
public final class ListenerCommands {
    static final String OVERVIEW = "the listener commands (one listener per config/org.liveaudio.listener-NAME.cfg):\n"
            + "   listener:stats         packets received, lost, rebuilt by packet FEC and by the codec's FEC, late,\n"
            + "                          duplicate, reordered and malformed, unauthenticated and replayed (protected\n"
            + "                          streams), RFC 3550 jitter, jitter-buffer depth, underruns, concealed and "
            + "played frames,\n"
            + "                          sink; one row per listener\n"
            + "   listener:stats NAME    the same for one listener\n"
            + "   listener:list          each listener's name, endpoint, stream (SSRC) and sink\n"
            + "   listener:latency       one-way latency against the sender's clock (from its RTCP sender "
            + "reports), in ms:\n"
            + "                          p50, p99 and max from the sender's time of each frame to its arrival "
            + "(recv)\n"
            + "                          and to its hand-over to the sink (play), since the stream was locked\n"
            + "   listener:latency NAME  the same for one listener\n"
            + "   listener:sync          how each listener keeps in step: by the sender's clock or its own, the "
            + "playout delay,\n"
            + "                          its clock's offset to the sender's and the round trip that measured it, "
            + "and its sink's clock drift\n"
            + "   listener:now           what each listener's sender says is playing (RTCP SDES NOTE: the file's "
            + "tags or stream:title)\n"
            + "   listener:now NAME      the same for one listener\n"
            + "   listener:streams       the streams announced by SAP on the listeners' interfaces (ours and other "
            + "tools'):\n"
            + "                          name, origin, group:port, codec/rate/channels and payload type, "
            + "seconds since heard;\n"
            + "                          a listener with stream=NAME plays the one of that name";

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<ListenerControl> listeners;

    @Reference
    private SapBrowser browser;

    @Descriptor("the streams announced by SAP on the listeners' interfaces: name, origin (o=), group:port, "
            + "codec/rate/channels and payload type, seconds since last heard")
    public String streams() {
        return ListenerTables.streams(browser.streams(), browser.interfaces(), System.nanoTime());
    }

    @Descriptor("reception statistics of every listener: packets received, lost, rebuilt by packet FEC and by the "
            + "codec's in-band FEC, late, duplicate, reordered, malformed, unauthenticated and replayed (protected "
            + "streams), RFC 3550 jitter, jitter-buffer depth, underruns, concealed and played frames, sink")
    public String stats() {
        return ListenerTables.stats(snapshot(null));
    }

    @Descriptor("reception statistics of one listener")
    public String stats(@Descriptor("the listener's name") String name) {
        List<ListenerStats> matching = snapshot(name);
        return matching.isEmpty() ? noSuchListener(name) : ListenerTables.stats(matching);
    }

    @Descriptor("one-way latency of every listener against the sender's clock (RTCP sender reports), in ms: "
            + "samples, p50/p99/max to arrival and to the sink")
    public String latency() {
        return ListenerTables.latency(latencies(null));
    }

    @Descriptor("one-way latency of one listener")
    public String latency(@Descriptor("the listener's name") String name) {
        List<NamedLatency> matching = latencies(name);
        return matching.isEmpty() ? noSuchListener(name) : ListenerTables.latency(matching);
    }

    @Descriptor("how every listener keeps in step with the sender: clock, playout delay, clock offset and round "
            + "trip, sink clock drift")
    public String sync() {
        return ListenerTables.sync(bound(null).stream()
                .map(listener -> new NamedSync(listener.name(), listener.sync()))
                .sorted(Comparator.comparing(NamedSync::name))
                .toList());
    }

    @Descriptor("what every listener's sender says is playing now (RTCP SDES NOTE): the file's tags or the "
            + "sender's stream:title")
    public String now() {
        return ListenerTables.now(nowPlaying(null));
    }

    @Descriptor("what one listener's sender says is playing now")
    public String now(@Descriptor("the listener's name") String name) {
        List<NamedNowPlaying> matching = nowPlaying(name);
        return matching.isEmpty() ? noSuchListener(name) : ListenerTables.now(matching);
    }

    @Descriptor("the listeners: name, endpoint they listen on, stream they locked onto, sink")
    public String list() {
        return ListenerTables.list(snapshot(null));
    }

    @Descriptor(OVERVIEW)
    public String listener() {
        return OVERVIEW;
    }

    private String noSuchListener(String name) {
        List<ListenerStats> all = snapshot(null);
        return all.isEmpty() ? ListenerTables.NONE
                : "no listener " + name + " (there are: "
                        + String.join(", ", all.stream().map(ListenerStats::name).toList()) + ")";
    }

    private List<ListenerStats> snapshot(String name) {
        return bound(name).stream()
                .map(ListenerControl::stats)
                .sorted(Comparator.comparing(ListenerStats::name))
                .toList();
    }

    private List<NamedLatency> latencies(String name) {
        return bound(name).stream()
                .map(listener -> new NamedLatency(listener.name(), listener.latency()))
                .sorted(Comparator.comparing(NamedLatency::name))
                .toList();
    }

    private List<NamedNowPlaying> nowPlaying(String name) {
        return bound(name).stream()
                .map(listener -> new NamedNowPlaying(listener.name(), listener.nowPlaying()))
                .sorted(Comparator.comparing(NamedNowPlaying::name))
                .toList();
    }

    private List<ListenerControl> bound(String name) {
        List<ListenerControl> bound = listeners;
        if (bound == null) {
            return List.of();
        }
        return bound.stream().filter(listener -> name == null || listener.name().equals(name)).toList();
    }
}
