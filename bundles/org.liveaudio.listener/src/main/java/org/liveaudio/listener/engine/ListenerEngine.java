package org.liveaudio.listener.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.net.KeptSockets;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.Succession;
import org.liveaudio.api.stream.Succession.Departure;
import org.liveaudio.api.stream.Succession.OpenSink;
import org.liveaudio.api.stream.SyncStats;
import org.liveaudio.common.service.ServiceChoice;
import org.liveaudio.listener.latency.LatencyMeter;
import org.liveaudio.listener.rtcp.ReceiverReportLoop;
import org.liveaudio.listener.rtcp.RtcpSession;
import org.liveaudio.listener.rtcp.SenderReports;
import org.liveaudio.listener.rtcp.WallClock;
import org.liveaudio.listener.sync.PlayoutPlan;
import org.liveaudio.listener.sync.PlayoutSync;
import org.liveaudio.listener.sync.TimeExchangeLoop;
import org.osgi.service.log.Logger;

/**
 * One listener: takes its configuration and keeps its pipeline (reception, playout, RTCP session, time exchange)
 * running by it, while three {@link Dependency} holders keep the services it uses matching it as they come and go:
 * the receiver with its RTCP channel ({@link ReceiverHolder}), the codec ({@link CodecHolder}) and the sink
 * ({@link SinkHolder}). The stream state lives in the pipeline, so a swapped bundle costs at most the frames that
 * arrive while it is missing.
 *
 * <p>It takes part in the RTCP session as its own SSRC (random per activation): receiver reports on the locked
 * stream, the sender's reports for its clock (and so the latency), BYE when it stops or moves away.
 *
 * <p>Lifecycle calls are serialized by one lock; {@link #stats()}, {@link #latency()}, {@link #sync()},
 * {@link #nowPlaying()} and {@link #name()} take no part in it.
 */
public final class ListenerEngine implements ListenerControl {
    private static final String LOOPBACK = "127.0.0.1";
    private static final String BYE_STOPPED = "listener stopped";
    static final String KEEPING = "; keeping the last good configuration";
    static final String STARTS_WHEN_FIXED = "; the listener starts once the configuration is fixed";

    private final Object lifecycle = new Object();
    private final ServiceChoice<StreamTransport> transports = new ServiceChoice<>();
    private final ServiceChoice<AudioCodec> codecs = new ServiceChoice<>();
    private final ServiceChoice<AudioSink> sinks = new ServiceChoice<>();
    private Logger log;
    private boolean running;
    /**
     * What it leaves a successor once it departs (a later stop must not close that), or null; and what its playout
     * thread runs once it has played out.
     */
    private Departure departure;
    private Optional<OpenSink> leavingSink = Optional.empty();
    private Runnable afterPlayingOut;
    private long ssrc;
    private String host;
    private WallClock wall;
    private RecordingMarkers.Recording continued;

    private volatile String name = "listener";
    private volatile String refusal = "not configured";
    /** The last good configuration; set once the parts below exist, so readers without the lock see them. */
    private volatile ListenerSettings settings;
    private Reception reception;
    private OutputStage output;
    private PlayoutLoop playout;
    private LatencyMeter latency;
    private RtcpSession session;
    private ReceiverReportLoop reports;
    private PlayoutSync sync;
    private TimeExchangeLoop exchange;
    private ReceiverHolder receiver;
    private CodecHolder codec;
    private SinkHolder sink;

    /**
     * Starts with a configuration, or logs why it is refused and waits for a good one.
     *
     * @return whether the configuration was accepted
     */
    public boolean start(Logger logger, Map<String, ?> properties) {
        synchronized (lifecycle) {
            log = logger;
            running = true;
            ssrc = new SecureRandom().nextInt() & 0xFFFF_FFFFL;
            host = hostName();
            wall = WallClock.anchoredNow();
            return configure(properties);
        }
    }

    /**
     * Applies a changed configuration in place; a refused one leaves the last good one running.
     *
     * @return whether the configuration was accepted
     */
    public boolean update(Map<String, ?> properties) {
        synchronized (lifecycle) {
            return running && configure(properties);
        }
    }

    private boolean configure(Map<String, ?> properties) {
        if (settings == null) {
            name = ListenerSettings.nameOf(properties);
        }
        ListenerSettings accepted = readOrRefuse(properties, settings == null ? STARTS_WHEN_FIXED : KEEPING);
        if (accepted == null) {
            return false;
        }
        if (settings == null) {
            begin(accepted);
        } else {
            apply(accepted);
        }
        return true;
    }

    /**
     * Makes the first recording continue {@code recording} instead of starting it anew: the listener is
     * coming back after its bundle was swapped. Call before {@link #start}.
     */
    void continueRecording(RecordingMarkers.Recording recording) {
        synchronized (lifecycle) {
            continued = recording;
        }
    }

    /** The WAV recording made in this activation, if any. */
    Optional<RecordingMarkers.Recording> recording() {
        synchronized (lifecycle) {
            return sink == null ? Optional.ofNullable(continued) : sink.recording();
        }
    }

    /**
     * Says BYE, closes the receiver, ends the playout and report threads and closes the sink (a WAV file is
     * finalized).
     */
    public void stop() {
        synchronized (lifecycle) {
            running = false;
            if (settings == null || departure != null) {
                return;
            }
            exchange.stop();
            reports.stop(BYE_STOPPED);
            receiver.close();
            playout.stop();
            codec.close();
            sink.close();
            sink.stopped();
        }
    }

    /**
     * The listener's bundle stops for an update or a restart: leaves the RTCP session as {@link #stop()} does, but
     * goes on receiving and playing until the listener of its name that comes back takes over ({@link Succession}),
     * then plays out what it holds and leaves the successor its receive sockets and its sink's output, open, so that
     * the audio goes on while the bundle restarts. Without a successor within {@link ReceiverHolder#KEEP_NANOS} it
     * plays out and closes all. Returns at once.
     *
     * <p>An update refreshes the bundle's wiring as soon as it has stopped, after which no class of it can be loaded
     * any more: what runs after that (the release, on the successor's thread; the playing out, on the playout
     * thread) runs code already loaded, and every lambda it needs is made here.
     */
    public void depart() {
        synchronized (lifecycle) {
            running = false;
            if (settings == null || departure != null) {
                return;
            }
            exchange.stop();
            reports.stop(BYE_STOPPED);
            leavingSink = sink.leaving();
            afterPlayingOut = this::playedOut;
            departure = new Departure(settings.endpoint(), receiver.kept(), this::releaseToSuccessor,
                    new CompletableFuture<>());
            Succession.depart(name, departure);
            playout.drain(System.nanoTime() + ReceiverHolder.KEEP_NANOS, afterPlayingOut);
        }
    }

    /** On the successor's thread as it takes over: stops receiving, and plays out what is held. */
    private void releaseToSuccessor() {
        synchronized (lifecycle) {
            receiver.leave();
        }
        playout.drain(System.nanoTime(), afterPlayingOut);
    }

    /**
     * On the playout thread, once it has played out what it held: hands the sink's output to the successor, or,
     * with none come, closes it and the receiver with its sockets.
     */
    private void playedOut() {
        if (Succession.withdraw(name, departure)) {
            synchronized (lifecycle) {
                receiver.close();
            }
            if (leavingSink.isPresent()) {
                sink.closeOutput(leavingSink.get().output());
            }
            departure.playedOut().complete(Optional.empty());
        } else if (!departure.playedOut().complete(leavingSink) && leavingSink.isPresent()) {
            // The successor gave up waiting and opened a sink of its own.
            sink.closeOutput(leavingSink.get().output());
        }
    }

    private ListenerSettings readOrRefuse(Map<String, ?> properties, String consequence) {
        try {
            return ListenerSettings.read(properties);
        } catch (InvalidSettingException e) {
            log.warn("{}: {}{}", new SettingsReader(properties).origin(), e.getMessage(), consequence);
            if (settings == null) {
                refusal = e.getMessage();
            }
            return null;
        }
    }

    private void begin(ListenerSettings accepted) {
        name = accepted.name();
        SenderReports senders = new SenderReports();
        sync = new PlayoutSync(clockOf(accepted), accepted.format().sampleRate());
        latency = new LatencyMeter(sync::senderEpochNanos, sync::senderEpochNanosAt);
        reception = new Reception(accepted.payloadType(), accepted.format(), accepted.bufferMillis(), latency);
        reception.onNewStream(locked -> {
            sync.lock(locked);
            senders.lock(locked);
        });
        output = new OutputStage(accepted.name(), accepted.format(), log);
        session = new RtcpSession(accepted.name(), ssrc, reception, senders, sync,
                CodecHolder.bitsPerSecond(accepted.format(), null), System::nanoTime, log);
        reports = new ReceiverReportLoop(accepted.name(), host, session, log);
        exchange = new TimeExchangeLoop(accepted.name(), ssrc, sync, reports::cname, log);
        playout = new PlayoutLoop(accepted.name(), reception, output, latency, sync, exchange::askNow, log);
        Optional<Departure> predecessor = Succession.take(accepted.name());
        predecessor.ifPresent(left -> left.release().run());
        LongConsumer reconcileAfter = delay -> CompletableFuture.runAsync(this::reconcileLater,
                CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS));
        receiver = new ReceiverHolder(transports, socketsLeftBy(predecessor, accepted), reception, session, reports,
                exchange, log, reconcileAfter);
        codec = new CodecHolder(codecs, reception, output, sync, session, log, reconcileAfter);
        reception.onUndecodable((stream, payload, offset, length, step) ->
                codec.undecodable(settings, stream, payload, offset, length, step));
        reception.onForeignPayloadType((stream, type, expected) -> log.warn("listener {}: packets of payload type {} "
                + "from stream 0x{} on its group, where it takes payload type {} (payloadType): they are counted as "
                + "malformed and not played; is the sender set to another codec or payload type?", name, type,
                String.format("%08x", stream), expected));
        sink = new SinkHolder(sinks, output, log, reconcileAfter);
        predecessor.ifPresent(left -> {
            sink.afterPredecessor(left.playedOut());
            left.playedOut().whenComplete((output, failure) -> reconcileLater());
        });
        if (continued != null) {
            sink.continueRecording(continued);
        }
        playout.start();
        reports.start();
        exchange.start();
        settings = accepted;
        reconcile();
    }

    /** The sockets a predecessor on the same endpoint left; those of one that listened elsewhere are closed. */
    private static KeptSockets socketsLeftBy(Optional<Departure> predecessor, ListenerSettings accepted) {
        if (predecessor.isEmpty()) {
            return new KeptSockets();
        }
        KeptSockets left = predecessor.get().sockets();
        if (predecessor.get().endpoint().equals(accepted.endpoint())) {
            return left;
        }
        left.close();
        return new KeptSockets();
    }

    /** This machine's clock, set off and running fast by the test aids if they are configured. */
    private WallClock clockOf(ListenerSettings accepted) {
        return wall.shiftedBy(accepted.clockOffsetMillis() * 1_000_000L).runningFast(accepted.clockDriftPpm());
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return LOOPBACK;
        }
    }

    private void apply(ListenerSettings accepted) {
        ListenerSettings old = settings;
        String changes = accepted.changesSince(old);
        if (changes.isEmpty()) {
            return;
        }
        log.info("listener {}: configuration changed: {}", accepted.name(), changes);
        name = accepted.name();
        if (!old.name().equals(accepted.name())) {
            playout.rename(accepted.name());
            output.rename(accepted.name());
            session.rename(accepted.name());
            reports.rename(accepted.name());
            exchange.rename(accepted.name());
        }
        if (old.clockOffsetMillis() != accepted.clockOffsetMillis()
                || old.clockDriftPpm() != accepted.clockDriftPpm()) {
            sync.useClock(clockOf(accepted));
        }
        sink.settingsChanged(old, accepted);
        reception.reconfigure(accepted.payloadType(), accepted.format(), accepted.bufferMillis());
        settings = accepted;
        reconcile();
    }

    public void bindTransport(StreamTransport bound, Map<String, ?> properties) {
        synchronized (lifecycle) {
            transports.add(bound, ReceiverHolder.ANY, properties);
            reconcile();
        }
    }

    /**
     * @param frameworkStopping whether the framework is stopping: then this listener leaves the session (says
     *        BYE) now, while the transport still carries it, since it may be stopped before the listener
     */
    public void unbindTransport(StreamTransport unbound, boolean frameworkStopping) {
        synchronized (lifecycle) {
            if (frameworkStopping && running && settings != null && receiver.uses(unbound)) {
                reports.leave(BYE_STOPPED);
                // Nothing comes back: its receiver goes now, not as a departed one.
                receiver.leave();
            }
            transports.remove(unbound);
            reconcile();
        }
    }

    public void bindCodec(AudioCodec bound, Map<String, ?> properties) {
        synchronized (lifecycle) {
            codecs.add(bound, nameOf(properties.get(AudioCodec.NAME), bound.name()), properties);
            reconcile();
        }
    }

    public void unbindCodec(AudioCodec unbound) {
        synchronized (lifecycle) {
            codecs.remove(unbound);
            reconcile();
        }
    }

    public void bindSink(AudioSink bound, Map<String, ?> properties) {
        synchronized (lifecycle) {
            sinks.add(bound, nameOf(properties.get(AudioSink.TYPE), bound.type()), properties);
            reconcile();
        }
    }

    public void unbindSink(AudioSink unbound) {
        synchronized (lifecycle) {
            sinks.remove(unbound);
            reconcile();
        }
    }

    /** The naming service property, or what the service says where a provider forgot the property. */
    private static String nameOf(Object property, String fallback) {
        return property == null ? fallback : property.toString();
    }

    /**
     * Reconciles off SCR's calls, on another thread: the sink may open once a predecessor played out, a departed
     * codec or sink output be let go once its successor is overdue.
     */
    private void reconcileLater() {
        synchronized (lifecycle) {
            reconcile();
        }
    }

    /**
     * The codec first: a receiver on sockets that a predecessor left reads what waits in them at once, and a payload
     * read while no codec measures it cannot play.
     */
    private void reconcile() {
        if (!running || settings == null) {
            return;
        }
        codec.reconcile(settings);
        receiver.reconcile(settings);
        sink.reconcile(settings);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ListenerStats stats() {
        ListenerSettings current = settings;
        if (current == null) {
            return new ListenerStats(name, "-", PacketGate.NO_SOURCE, "-", 0.0, 0, "not started: " + refusal,
                    Map.of());
        }
        ReceptionStats received = reception.stats();
        Map<String, Long> counters = new HashMap<>();
        counters.put(ListenerStats.RECEIVED, received.received());
        counters.put(ListenerStats.LOST, received.lost());
        counters.put(ListenerStats.LATE, received.late());
        counters.put(ListenerStats.DUPLICATES, received.duplicates());
        counters.put(ListenerStats.REORDERED, received.reordered());
        counters.put(ListenerStats.MALFORMED, received.malformed() + receiver.malformed());
        counters.put(ListenerStats.UNDECODABLE, received.undecodable() + output.undecodable());
        counters.put(ListenerStats.UNDERRUNS, received.underruns());
        counters.put(ListenerStats.CONCEALED,
                received.concealedFrames() - output.recovered() + output.fillerFrames());
        counters.put(ListenerStats.CODEC_FEC_RECOVERED, output.recovered());
        counters.put(ListenerStats.FEC_RECOVERED, received.fecRecovered());
        counters.put(ListenerStats.PASSED_OVER, received.passedOver());
        counters.put(ListenerStats.PLAYED, output.framesPlayed());
        counters.put(ListenerStats.UNAUTHENTICATED, receiver.unauthenticated());
        counters.put(ListenerStats.REPLAYED, receiver.replayed());
        return new ListenerStats(current.name(), current.endpoint().toString(), received.ssrc(),
                current.payloadDescription(), received.jitterMillis(), received.bufferedFrames(), sink.status(),
                counters);
    }

    @Override
    public String nowPlaying() {
        return settings == null ? "" : session.nowPlaying();
    }

    @Override
    public LatencyStats latency() {
        return settings == null ? LatencyStats.NONE : latency.stats();
    }

    @Override
    public SyncStats sync() {
        if (settings == null) {
            return SyncStats.NONE;
        }
        PlayoutPlan plan = sync.plan();
        long roundTrip = sync.roundTripNanos();
        return new SyncStats(plan != null, plan == null ? Double.NaN : plan.delayNanos() / 1e6,
                sync.offsetNanos() / 1e6, roundTrip < 0 ? Double.NaN : roundTrip / 1e6, output.sinkDriftPpm());
    }
}
