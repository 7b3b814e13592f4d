package org.liveaudio.listener.engine;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioOutput;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.audio.SinkSettings;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtcpChannel;
import org.liveaudio.api.net.RtpReceiver;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.api.stream.ListenerStats;
import org.liveaudio.api.stream.SyncStats;
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
 * One listener: takes its configuration and the services it uses as they come and go, and keeps the
 * receiver, the decoder and the sink matching them. Whatever goes away is closed, and reopened when it or a
 * replacement comes back; the stream state (in {@link Reception}) is untouched by that, so a swapped bundle
 * costs at most the frames that arrive while it is missing.
 *
 * <p>Beside the RTP receiver it opens an RTCP channel on the same endpoint, with the same lifecycle, and
 * takes part in the RTCP session as its own SSRC (random per activation): receiver reports on the locked
 * stream, the sender's reports for its clock (and so the latency), BYE when it stops or moves away.
 *
 * <p>Lifecycle calls are serialized by one lock; {@link #stats()}, {@link #latency()}, {@link #sync()} and
 * {@link #name()} take no part in it.
 */
public final class ListenerEngine implements ListenerControl {
    static final String RECEIVE_THREAD_PREFIX = "liveaudio-listener-receive-";
    static final String RTCP_THREAD_PREFIX = "liveaudio-listener-rtcp-";
    private static final String LOOPBACK = "127.0.0.1";
    private static final String BYE_STOPPED = "listener stopped";
    static final String KEEPING = "; keeping the last good configuration";
    static final String STARTS_WHEN_FIXED = "; the listener starts once the configuration is fixed";

    private final Object lifecycle = new Object();
    private final ServiceChoice<AudioCodec> codecs = new ServiceChoice<>(AudioCodec.NAME);
    private final ServiceChoice<AudioSink> sinks = new ServiceChoice<>(AudioSink.TYPE);
    private StreamTransport transport;
    private Logger log;
    private boolean running;
    private long ssrc;
    private String host;
    private WallClock wall;

    private volatile String name = "listener";
    private volatile String refusal = "not configured";
    /** The last good configuration; set once the parts below exist, so readers without the lock see them. */
    private volatile ListenerSettings settings;
    private Reception reception;
    private OutputStage output;
    private PlayoutLoop playout;
    private LatencyMeter latency;
    private SenderReports senders;
    private RtcpSession session;
    private ReceiverReportLoop reports;
    private PlayoutSync sync;
    private TimeExchangeLoop exchange;

    private final Object receiverLock = new Object();
    private RtpReceiver receiver;
    private long closedReceiversMalformed;
    private Attempt receiverOpened;
    private Attempt receiverFailed;
    private MulticastEndpoint listeningOn;
    private RtcpChannel rtcp;
    private boolean transportMissing;
    private boolean listenedBefore;

    private boolean codecMissing;

    private AudioSink sinkInUse;
    private SinkKey sinkInUseKey;
    private Attempt sinkFailed;
    private boolean sinkMissing;
    private boolean speakerFailed;
    private SinkKey fallbackSink;
    private SinkKey announcedSink;
    private Path recordedFile;
    private AudioFormat recordedFormat;
    private volatile String sinkStatus = "none";

    /** An attempt to use a service for some settings; the service compares by identity. */
    private record Attempt(Object service, Object settings) {
    }

    private record SinkKey(String type, Path file, AudioFormat format) {
    }

    private record ReceiverKey(MulticastEndpoint endpoint, String name) {
    }

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
            recordedFile = recording.file();
            recordedFormat = recording.format();
        }
    }

    /** The WAV recording made in this activation, if any. */
    Optional<RecordingMarkers.Recording> recording() {
        synchronized (lifecycle) {
            return recordedFile == null ? Optional.empty()
                    : Optional.of(new RecordingMarkers.Recording(recordedFile, recordedFormat));
        }
    }

    /**
     * Says BYE, closes the receiver, ends the playout and report threads and closes the sink (a WAV file is
     * finalized).
     */
    public void stop() {
        synchronized (lifecycle) {
            running = false;
            if (settings == null) {
                return;
            }
            exchange.stop();
            reports.stop(BYE_STOPPED);
            closeReceiver(null);
            playout.stop();
            closeOutput();
            sinkStatus = "stopped";
        }
    }

    private ListenerSettings readOrRefuse(Map<String, ?> properties, String consequence) {
        try {
            return ListenerSettings.read(properties);
        } catch (InvalidSettingException e) {
            log.warn(new SettingsReader(properties).origin() + ": " + e.getMessage() + consequence);
            if (settings == null) {
                refusal = e.getMessage();
            }
            return null;
        }
    }

    private void begin(ListenerSettings accepted) {
        name = accepted.name();
        senders = new SenderReports();
        sync = new PlayoutSync(clockOf(accepted), accepted.format().sampleRate());
        latency = new LatencyMeter(sync::senderEpochNanos, sync::senderEpochNanosAt);
        reception = new Reception(accepted.payloadType(), accepted.format(), accepted.bufferMillis(), latency);
        reception.onNewStream(locked -> {
            sync.lock(locked);
            senders.lock(locked);
        });
        reception.onUndecodable(this::undecodable);
        output = new OutputStage(accepted.name(), accepted.format(), log);
        session = new RtcpSession(accepted.name(), ssrc, reception, senders, sync, bitsPerSecond(accepted, null),
                System::nanoTime, log);
        reports = new ReceiverReportLoop(accepted.name(), host, session, log);
        exchange = new TimeExchangeLoop(accepted.name(), ssrc, sync, reports::cname, log);
        playout = new PlayoutLoop(accepted.name(), reception, output, latency, sync, exchange::askNow, log);
        playout.start();
        reports.start();
        exchange.start();
        settings = accepted;
        reconcile();
    }

    /** This machine's clock, set off and running fast by the test aids if they are configured. */
    private WallClock clockOf(ListenerSettings accepted) {
        return wall.shiftedBy(accepted.clockOffsetMillis() * 1_000_000L).runningFast(accepted.clockDriftPpm());
    }

    /** The stream's bandwidth, for the RTCP interval: the codec's nominal rate, uncompressed PCM's before it comes. */
    private static long bitsPerSecond(ListenerSettings settings, AudioCodec codec) {
        AudioFormat format = settings.format();
        return codec == null ? (long) format.sampleRate() * format.bytesPerSample() * Byte.SIZE
                : codec.nominalBitsPerSecond(format);
    }

    /**
     * The first payload of a stream that the expected codec cannot read: one line saying which codec it looks like,
     * among those registered, so that a user sees at once which setting to change. On the receive thread.
     */
    private void undecodable(long stream, byte[] payload, int offset, int length, long timestampStep) {
        ListenerSettings current = settings;
        String looksLike = codecs.recognizing(current.codec(), codec -> {
            int samples = codec.samplesIn(current.format(), payload, offset, length);
            return samples > 0 && (timestampStep < 0 || samples == timestampStep);
        });
        log.warn("listener " + current.name() + ": the payloads of stream " + String.format("0x%08x", stream)
                + " do not decode as " + current.payloadDescription() + ", which this listener expects"
                + (looksLike.isEmpty() ? "; no codec registered here reads them" : "; they look like " + looksLike)
                + ". They are counted as undecodable and concealed.");
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
        log.info("listener " + accepted.name() + ": configuration changed: " + changes);
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

        if (!old.sink().equals(accepted.sink()) || !old.file().equals(accepted.file())) {
            speakerFailed = false;
        }
        reception.reconfigure(accepted.payloadType(), accepted.format(), accepted.bufferMillis());
        settings = accepted;
        reconcile();
    }

    public void bindTransport(StreamTransport bound) {
        synchronized (lifecycle) {
            transport = bound;
            reconcile();
        }
    }

    /**
     * @param frameworkStopping whether the framework is stopping: then this listener leaves the session (says
     *        BYE) now, while the transport still carries it, since it may be stopped before the listener
     */
    public void unbindTransport(StreamTransport unbound, boolean frameworkStopping) {
        synchronized (lifecycle) {
            if (transport == unbound) {
                if (frameworkStopping && running && settings != null) {
                    reports.leave(BYE_STOPPED);
                }
                transport = null;
                reconcile();
            }
        }
    }

    public void bindCodec(AudioCodec codec, Map<String, ?> properties) {
        synchronized (lifecycle) {
            codecs.add(codec, properties);
            reconcile();
        }
    }

    public void unbindCodec(AudioCodec codec) {
        synchronized (lifecycle) {
            codecs.remove(codec);
            reconcile();
        }
    }

    public void bindSink(AudioSink sink, Map<String, ?> properties) {
        synchronized (lifecycle) {
            sinks.add(sink, properties);
            reconcile();
        }
    }

    public void unbindSink(AudioSink sink) {
        synchronized (lifecycle) {
            sinks.remove(sink);
            reconcile();
        }
    }

    private void reconcile() {
        if (!running || settings == null) {
            return;
        }
        reconcileReceiver();
        reconcileCodec();
        reconcileSink();
    }

    private void reconcileReceiver() {
        ListenerSettings current = settings;
        StreamTransport available = transport;
        Attempt wanted = new Attempt(available, new ReceiverKey(current.endpoint(), current.name()));
        if (receiver != null && !wanted.equals(receiverOpened)) {
            closeReceiver(current.endpoint().equals(listeningOn) ? null : "listener moved to " + current.endpoint());
        }
        if (available == null) {
            if (!transportMissing) {
                transportMissing = true;
                log.info("listener " + current.name() + ": no transport registered; listening once one is");
            }
            return;
        }
        transportMissing = false;
        if (receiver != null || wanted.equals(receiverFailed)) {
            return;
        }
        try {
            RtpReceiver opened = available.openReceiver(current.endpoint(), reception,
                    RECEIVE_THREAD_PREFIX + current.name());
            synchronized (receiverLock) {
                receiver = opened;
            }
        } catch (IOException | RuntimeException e) {
            receiverFailed = wanted;
            log.warn("listener " + current.name() + ": cannot listen on " + current.endpoint() + " (" + message(e)
                    + "); trying again when the transport or the configuration changes");
            return;
        }
        receiverFailed = null;
        receiverOpened = wanted;
        listeningOn = current.endpoint();
        openRtcp(available, current);
        log.info("listener " + current.name() + ": " + (listenedBefore ? "listening again on " : "listening on ")
                + current.endpoint() + " for " + current.payloadDescription() + ", buffer "
                + current.bufferMillis() + " ms");
        listenedBefore = true;
    }

    private void openRtcp(StreamTransport available, ListenerSettings current) {
        try {
            rtcp = available.openRtcp(current.endpoint(), session, RTCP_THREAD_PREFIX + current.name());
        } catch (IOException | RuntimeException e) {
            log.warn("listener " + current.name() + ": cannot open RTCP for " + current.endpoint() + " ("
                    + message(e) + "); no receiver reports or latency until the transport or the configuration "
                    + "changes");
            return;
        }
        reports.use(rtcp);
        exchange.use(rtcp);
    }

    /** @param byeReason why this listener leaves the RTCP session, or null when it stays in it */
    private void closeReceiver(String byeReason) {
        exchange.use(null);
        if (byeReason == null) {
            reports.use(null);
        } else {
            reports.leave(byeReason);
        }
        if (rtcp != null) {
            try {
                rtcp.close();
            } catch (RuntimeException e) {
                log.debug("listener " + name + ": closing RTCP: " + message(e));
            }
            rtcp = null;
        }
        RtpReceiver closing;
        synchronized (receiverLock) {
            closing = receiver;
            if (closing == null) {
                return;
            }
            closedReceiversMalformed += closing.malformed();
            receiver = null;
        }
        try {
            closing.close();
        } catch (RuntimeException e) {
            log.debug("listener " + name + ": closing the receiver: " + message(e));
        }
    }

    private void reconcileCodec() {
        ListenerSettings current = settings;
        AudioCodec wanted = codecs.best(current.codec());
        if (wanted == null && !codecMissing) {
            codecMissing = true;
            log.info("listener " + current.name() + ": no " + current.codec() + " codec registered (there are: "
                    + codecs.names() + "); frames play as silence until one is");
        } else if (wanted != null && codecMissing) {
            codecMissing = false;
            log.info("listener " + current.name() + ": " + current.codec() + " codec registered; decoding again");
        }
        output.useCodec(wanted, current.format());
        reception.useCodec(wanted);
        sync.useClockRate(wanted == null ? current.format().sampleRate() : wanted.clockRate(current.format()));
        session.sessionBitsPerSecond(bitsPerSecond(current, wanted));
    }

    private void reconcileSink() {
        ListenerSettings current = settings;
        String type = speakerFailed ? ListenerSettings.WAV : current.sink();
        AudioSink wanted = sinks.best(type);
        SinkKey key = new SinkKey(type, current.file(), current.format());
        if (wanted != null && wanted == sinkInUse && key.equals(sinkInUseKey)) {
            return;
        }
        closeOutput();
        if (wanted == null) {
            sinkStatus = "waiting for a " + type + " sink";
            if (!sinkMissing) {
                sinkMissing = true;
                log.info("listener " + current.name() + ": no " + type + " sink registered; playing once one is");
            }
            return;
        }
        sinkMissing = false;
        Attempt attempt = new Attempt(wanted, key);
        if (attempt.equals(sinkFailed)) {
            return;
        }
        boolean append = current.file().equals(recordedFile) && current.format().equals(recordedFormat);
        AudioOutput opened;
        try {
            opened = wanted.open(new SinkSettings(current.file(), append), current.format());
        } catch (IOException | RuntimeException e) {
            if (ListenerSettings.SPEAKER.equals(type)) {
                speakerFailed = true;
                fallbackSink = new SinkKey(ListenerSettings.WAV, current.file(), current.format());
                log.warn("listener " + current.name() + ": speaker unavailable (" + message(e) + "); recording to "
                        + current.file() + " instead");
                reconcileSink();
                return;
            }
            sinkFailed = attempt;
            sinkStatus = type + " sink failed: " + message(e);
            log.warn("listener " + current.name() + ": cannot open the " + type + " sink (" + message(e)
                    + "); trying again when the sink or the configuration changes");
            return;
        }
        sinkFailed = null;
        output.attach(opened);
        sinkInUse = wanted;
        sinkInUseKey = key;
        if (ListenerSettings.WAV.equals(type)) {
            recordedFile = current.file();
            recordedFormat = current.format();
        }
        announceSink(current, key, append, opened);
    }

    /** One line for the sink in use; none when the speaker's fallback line already said it. */
    private void announceSink(ListenerSettings current, SinkKey key, boolean append, AudioOutput opened) {
        boolean wav = ListenerSettings.WAV.equals(key.type());
        if (key.equals(announcedSink)) {
            log.info("listener " + current.name() + ": " + key.type() + " sink reopened"
                    + (wav && append ? ", appending to " + current.file() : ""));
        } else if (!key.equals(fallbackSink)) {
            log.info("listener " + current.name() + ": " + (wav ? "recording to " + current.file()
                    + (append ? " (appending)" : "") : "playing to " + opened.description()));
        }
        announcedSink = key;
    }

    private void closeOutput() {
        sinkInUse = null;
        sinkInUseKey = null;
        AudioOutput closing = output.detach();
        if (closing == null) {
            return;
        }
        try {
            closing.close();
        } catch (IOException | RuntimeException e) {
            log.warn("listener " + name + ": closing " + closing.description() + " failed: " + message(e));
        }
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
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
        long transportMalformed;
        synchronized (receiverLock) {
            transportMalformed = closedReceiversMalformed + (receiver == null ? 0 : receiver.malformed());
        }
        String sink = output.description();
        Map<String, Long> counters = new HashMap<>();
        counters.put(ListenerStats.RECEIVED, received.received());
        counters.put(ListenerStats.LOST, received.lost());
        counters.put(ListenerStats.LATE, received.late());
        counters.put(ListenerStats.DUPLICATES, received.duplicates());
        counters.put(ListenerStats.REORDERED, received.reordered());
        counters.put(ListenerStats.MALFORMED, received.malformed() + transportMalformed);
        counters.put(ListenerStats.UNDECODABLE, received.undecodable() + output.undecodable());
        counters.put(ListenerStats.UNDERRUNS, received.underruns());
        counters.put(ListenerStats.CONCEALED,
                received.concealedFrames() - output.recovered() + output.fillerFrames());
        counters.put(ListenerStats.CODEC_FEC_RECOVERED, output.recovered());
        counters.put(ListenerStats.PLAYED, output.framesPlayed());
        return new ListenerStats(current.name(), current.endpoint().toString(), received.ssrc(),
                current.payloadDescription(), received.jitterMillis(), received.bufferedFrames(),
                sink == null ? sinkStatus : sink, counters);
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
