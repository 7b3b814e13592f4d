package org.liveaudio.control.sender;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.net.StreamLayers;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.control.sap.Announcement;
import org.osgi.service.log.Logger;

/**
 * One sender stream. At every frame deadline the clock thread calls {@link #tick}: it (re)opens what the
 * configuration and the bound services call for, then sends the due frame (reads the source, encodes, sends
 * one RTP packet), and the RTCP report when one is due. Configuration and services may change between any two
 * ticks; the RTP session survives all of it except a change of its {@link SessionShape}, after which the old
 * session says BYE.
 *
 * <p>One lock guards everything: the clock thread holds it for one frame's work, SCR and shell threads for
 * a moment. So a service that goes away is never used after its unbind method returns.
 */
final class Stream {
    /** How soon to try again what failed to open (a capture device, a file, a socket). */
    static final long RETRY_NANOS = 1_000_000_000L;
    /** How often the clock looks in while there is no frame grid (no configuration or session yet). */
    static final long IDLE_POLL_NANOS = 10_000_000L;
    /**
     * How far a new session's first frame lies behind the sender report that announces it: long enough for a
     * listener that was running before to ask for this sender's clock and have the answer before that frame's
     * instant, also when this JVM and the listener's are cold (first answers then take tens of milliseconds),
     * so that it plays the stream in step from its first frame. A continued session needs none: its listeners
     * know this clock already.
     */
    static final long ANNOUNCE_LEAD_NANOS = 100_000_000L;
    private static final long SEND_WARNING_INTERVAL_NANOS = 60_000_000_000L;
    /** An RTP header without CSRCs or extension, as the sender sends it. */
    private static final int RTP_HEADER_BYTES = 12;
    static final String BYE_NEW_SESSION = "the stream's format changed: a new session follows";

    private final Logger log;
    private final StreamServices services;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClock;
    private final Random random;
    private final SenderRtcp rtcp;
    private SessionState resumable;

    private final Pacer pacer = new Pacer();
    private final SourceFeed feed = new SourceFeed();
    private final PacketOutlet outlet = new PacketOutlet();
    /** What the transport's layers (FEC) add to the stream, as it said when the outlet was last prepared. */
    private StreamLayers layers = StreamLayers.NONE;
    private final SdpPublisher sdp = new SdpPublisher();
    private final RateMeter meter = new RateMeter();
    private final WarningThrottle sendWarnings = new WarningThrottle(SEND_WARNING_INTERVAL_NANOS);
    private final WarningThrottle tapWarnings = new WarningThrottle(SEND_WARNING_INTERVAL_NANOS);
    private long tapFailures;
    private final StreamProblems problems;
    private final NowPlaying nowPlaying;

    private SenderSettings settings;
    /** What SAP announces; read by the announcer's thread without the lock a frame may hold. */
    private volatile Announcement announcement;
    private FrameEncoding encoding;
    private SessionShape shape;
    private RtpSession session;
    private long sessionStartNanos;
    /**
     * The session bandwidth RTCP takes its share of (RFC 3550 6.2): what the session's frames carry at full pace,
     * headers included. A fixed figure, as the RFC has it, rather than the measured rate, which is lower in the
     * first second and zero while paused, and would make the interval jump.
     */
    private long sessionBitsPerSecond;
    private long expectedSlot;
    /**
     * A new session's frame grid starts once everything it sends with is ready, and starts again should any of it
     * go before the first frame went out (the transport's bundle refreshed while the framework starts): a grid
     * that ran on meanwhile would send its first frames in a late burst, after the announcing report's lead. A
     * continued session's grid starts at once, for its timestamps go on with real time, and as far in the past as
     * the frames of the gap that it sends at once ({@link #catchUpNanos}).
     */
    private boolean gridPending;
    /**
     * How far in the past the grid of a continued session starts (ahead, if negative), so that its first slot is the
     * first one the last run did not send, or skip, and the frames of the gap go out at once.
     */
    private long catchUpNanos;

    private boolean paused;
    private boolean dirty = true;
    private boolean retry;
    private long retryAt;

    private long packets;
    private long bytes;
    private long pauses;
    private long sendErrors;

    /**
     * @param random draws SSRCs, initial sequence numbers and timestamps
     * @param resumable the session a previous run of the sender left, continued if it fits the first
     *     configuration; may be {@code null}
     * @param rtcp the stream's RTCP, used under this stream's lock only
     */
    Stream(Logger log, StreamServices services, LongSupplier nanoClock, LongSupplier wallClock, Random random,
            SessionState resumable, SenderRtcp rtcp) {
        this.log = log;
        this.services = services;
        this.nanoClock = nanoClock;
        this.wallClock = wallClock;
        this.random = random;
        this.resumable = resumable;
        this.rtcp = rtcp;
        this.problems = new StreamProblems(log);
        this.nowPlaying = new NowPlaying(log);
    }

    /** Takes a configuration that passed validation; what it changes is reopened at the next tick. */
    synchronized void configure(SenderSettings next) {
        settings = next;
        rtcp.playoutDelayMicros(next.playoutDelayMicros());
        problems.configured();
        dirty = true;
    }

    /** Notes a configuration that was refused; the stream keeps the one it has. */
    synchronized void refuse(String reason) {
        problems.refused(reason);
    }

    /** A service came: the next tick looks whether the stream can use it. */
    synchronized void servicesChanged() {
        dirty = true;
    }

    /**
     * A service is going for a moment (its bundle updated or restarted), and while it is being unregistered it still
     * works: when the stream uses it (the source, codec or transport in use), the frames of the next moments go out
     * through it now, ahead of their slots ({@link #sendAhead}), and its successor goes on after them; then it is
     * released as {@link #release} does. A swap then costs listeners nothing as long as it takes less than those
     * frames and the playout delay together; a source's, no silence.
     */
    synchronized void bridge(Object departing) {
        boolean carrying = encoding != null && encoding.codec == departing || outlet.sendsThrough(departing)
                || feed.readsFrom(departing);
        if (carrying) {
            sendAhead(nanoClock.getAsLong());
        }
        release(departing);
    }

    /**
     * A service is going: stops using it before the caller's unbind returns. Should the stream be unable to
     * carry frames without it, the frames listeners can still play wait for a replacement ({@link #tick}); the
     * marker bit marks only slots that passed unsent.
     */
    synchronized void release(Object departing) {
        feed.release(departing);
        outlet.release(departing);
        rtcp.release(departing);
        if (encoding != null && encoding.codec == departing) {
            encoding = null;
        }
        dirty = true;
    }

    synchronized void pause() {
        if (!paused) {
            paused = true;
            pauses++;
            log.info("Stream paused");
        }
    }

    synchronized void play() {
        if (paused) {
            paused = false;
            if (session != null) {
                session.markDiscontinuity();
            }
            log.info("Stream playing");
        }
    }

    /** See {@link org.liveaudio.api.stream.StreamControl#title}; listeners hear it with the next report. */
    synchronized void title(String title) {
        nowPlaying.override(title, feed.title());
    }

    /** When the clock should call {@link #tick} next, in {@link System#nanoTime()} terms. */
    synchronized long nextDeadline() {
        long now = nanoClock.getAsLong();
        if (settings != null && dirty) {
            return now;
        }
        if (settings == null || session == null || gridPending) {
            return now + IDLE_POLL_NANOS;
        }
        // Frames held for a service being swapped are due already; look again a slot later, not at once.
        return paused || canCarry() ? pacer.nextDeadline()
                : Math.max(pacer.nextDeadline(), pacer.deadline(pacer.slotAt(now) + 1));
    }

    /**
     * Does what is due now: reopens what changed, then sends the due frame or lets it pass, then the RTCP
     * report if one is due (checked at every slot without allocating; sent every few seconds).
     *
     * @return whether a frame slot was due (sent or let pass), rather than only changes applied
     */
    synchronized boolean tick() {
        if (settings == null) {
            return false;
        }
        long now = nanoClock.getAsLong();
        if (dirty || retry && now - retryAt >= 0) {
            reconcile(now);
            now = nanoClock.getAsLong();
        }
        problems.escalate(state(), now);
        if (session == null || gridPending || !pacer.isDue(now)) {
            return false;
        }
        try {
            if (!ready() && rtcp.packetCount() == 0) {
                gridPending = true;
            } else if (paused) {
                pacer.idle(now);
            } else if (!canCarry()) {
                // A codec or transport is being swapped: the frames listeners can still play wait for the new one,
                // which sends them at once; older ones pass unsent.
                pacer.idle(now - stillPlayableFrames(settings) * settings.periodNanos());
            } else {
                send(pacer.take(now));
            }
            if (rtcp.isDue(now)) {
                long next = pacer.nextSlot();
                rtcp.report(now, pacer.deadline(next), session.timestamp(next), sessionBitsPerSecond,
                        nowPlaying.title(feed.title()));
            }
        } catch (RuntimeException | LinkageError e) {
            fault(e, now);
        }
        return true;
    }

    /**
     * Sends the frame of {@code slot}, with the marker when slots before it passed unsent.
     *
     * @return false when an open source filled the frame only in part: it has no more audio yet
     */
    private boolean send(long slot) {
        if (slot != expectedSlot) {
            session.markDiscontinuity();
        }
        expectedSlot = slot + 1;
        return sendFrame(slot);
    }

    /**
     * Closes everything without a BYE, for the session goes on in the next run (the same bundle after an
     * update), and tells where the stream stood; {@code null} without a session. A stream that is playing first
     * sends the frames of the next moments ahead of their slots (see {@link #sendAhead}).
     */
    synchronized SessionState suspend() {
        long now = nanoClock.getAsLong();
        SessionState state = null;
        if (session != null) {
            sendAhead(now);
            // The first slot not sent, and the wall-clock time of its instant: the next run counts from there what
            // it missed, sends what listeners can still play, and skips (with the marker) only the rest.
            long wall = wallClock.getAsLong();
            long dueMillis = gridPending ? wall : wall + Math.floorDiv(pacer.deadline(expectedSlot) - now, 1_000_000);
            String key = feed.key() == null ? settings.sourceKey() : feed.key();
            state = new SessionState(session.ssrc(), session.nextSequence(), session.timestamp(expectedSlot),
                    rtcp.packetCount(), rtcp.octetCount(), feed.position(), key, dueMillis, shape,
                    session.rollovers());
        }
        close();
        return state;
    }

    /**
     * Sends the frames whose slots come within the Pacer's catch-up allowance at once, ahead of their time, and
     * leaves the next run (or the departing service's successor) to go on after them. A swap keeps the stream off
     * the wire for longer than the playout delay (an update of the control bundle: the new revision's classes load
     * and its component activates, 40 to 60 ms here, more with a collection; of the codec or transport in a
     * framework with many listeners, as long), and a listener holds frames that came early until their instant,
     * so it plays through the swap. The burst is no longer than the catch-up after a stall. A live source (a capture
     * line, a pipe, a relay) has no audio ahead of the moment: the first frame it cannot fill ends the burst, for
     * frames of silence sent ahead would leave its later audio that much behind for as long as the stream runs; a
     * swap is then bridged as it would be without them, by the frames listeners can still play.
     */
    private void sendAhead(long now) {
        if (paused || gridPending || !canCarry()) {
            return;
        }
        long until = now + Pacer.catchUpSlots(settings.periodNanos()) * settings.periodNanos();
        try {
            long slot = pacer.take(until);
            while (slot >= 0 && send(slot)) {
                slot = pacer.take(until);
            }
        } catch (RuntimeException | LinkageError e) {
            log.debug("sending frames ahead of a swap failed: {}", e.toString());
        }
    }

    /** Says BYE for the session, which ends here, and closes everything; the next run starts a new one. */
    synchronized void end(String reason) {
        rtcp.sessionEnded(reason);
        resumable = null;
        close();
    }

    synchronized StreamStatus status() {
        String state = state();
        SenderSettings s = settings;
        if (s == null) {
            return new StreamStatus(state, "", "", "", 0, "", 0, -1, Duration.ZERO, null, problems.text());
        }
        String codec = (encoding == null ? s.codec() + "/" + s.format().sampleRate()
                : encoding.codec.name() + "/" + encoding.clockRate()) + "/" + s.format().channels();
        return new StreamStatus(state, sourceDescription(s), nowPlaying.title(feed.title()), codec, s.frameMicros(),
                s.endpoint().toString(), s.endpoint().ttl(), session == null ? -1 : session.ssrc(),
                session == null ? Duration.ZERO : Duration.ofNanos(nanoClock.getAsLong() - sessionStartNanos),
                s.sdpFile(), problems.text());
    }

    synchronized SenderStats stats() {
        return new SenderStats(packets, bytes, meter.bytesPerSecond(nanoClock.getAsLong()) * Byte.SIZE,
                pacer.framesLate(), pacer.worstLatenessNanos() / 1_000, pacer.framesSkipped(), pauses,
                sendErrors);
    }

    /** The SDP last written, or an empty string while the stream has none. */
    synchronized String sdp() {
        return sdp.text();
    }

    /** What SAP should announce now: the SDP last written, {@code null} before it or with {@code sap=off}. */
    Announcement announcement() {
        return announcement;
    }

    /** The listeners heard from lately, by SSRC; without the stream's lock, which a frame may hold. */
    List<ListenerReport> listeners() {
        return rtcp.listeners(nanoClock.getAsLong());
    }

    private void close() {
        feed.close();
        outlet.close();
        rtcp.close();
        encoding = null;
        session = null;
        settings = null;
        announcement = null;
    }

    private String state() {
        return paused ? "paused" : ready() ? "playing" : "waiting";
    }

    /**
     * Whether a session that has started can send its frames: a source that went (its bundle updated, a file
     * that cannot be read) leaves silence on the wire until it is back, so that listeners stay locked and in
     * step and the stream goes on, where a gap would cost every listener the stream for as long.
     */
    private boolean canCarry() {
        return session != null && encoding != null && outlet.isOpen();
    }

    private boolean ready() {
        return session != null && encoding != null && feed.isOpen() && outlet.isOpen();
    }

    /** A tap that throws despite its contract loses the frame, not the stream. */
    private void showTaps(FrameEncoding frame) {
        for (AudioTap tap : services.taps()) {
            try {
                tap.frame(frame.pcm, frame.samplesPerFrame, frame.format);
            } catch (RuntimeException e) {
                tapFailures++;
                if (tapWarnings.allow(nanoClock.getAsLong())) {
                    log.warn("a tap of the stream failed on a frame ({} failures so far; next warning in a minute at "
                            + "the earliest): {}", tapFailures, e.toString());
                }
            }
        }
    }

    private boolean sendFrame(long slot) {
        FrameEncoding frame = encoding;
        boolean whole = true;
        if (feed.isOpen()) {
            whole = feed.read(frame.pcm, frame.samplesPerFrame) == frame.samplesPerFrame;
        } else {
            Arrays.fill(frame.pcm, (short) 0);
        }
        showTaps(frame);
        int length = frame.encode();
        boolean marker = session.takeMarker();
        int sequence = session.takeExtendedSequence();
        long timestamp = session.timestamp(slot);
        long sentAt = nanoClock.getAsLong();
        pacer.sent(slot, sentAt);
        try {
            int sent = outlet.send(shape.payloadType(), marker, sequence, timestamp, session.ssrc(), frame.payload,
                    length);
            packets++;
            bytes += sent;
            meter.record(sentAt, sent);
            rtcp.sent(length);
            problems.sent();
        } catch (IOException e) {
            sendErrors++;
            String failure = "sending to " + settings.endpoint() + " failed: " + e.getMessage();
            problems.sendFailed(failure);
            if (sendWarnings.allow(sentAt)) {
                log.warn("{} ({} send errors so far, {} since the last warning; next warning in a minute at the "
                        + "earliest)", failure, sendErrors, sendWarnings.takeHeldBack() + 1);
            }
        }
        return whole;
    }

    /** Foreign code failed mid-frame (often a service whose bundle is going): start afresh from the services. */
    private void fault(Throwable failure, long now) {
        session.markDiscontinuity();
        feed.close();
        outlet.close();
        rtcp.close();
        encoding = null;
        scheduleRetry(now);
        report("the stream failed and restarts: " + failure, now);
    }

    private void reconcile(long now) {
        dirty = false;
        retry = false;
        List<String> found = new ArrayList<>();
        try {
            // A session of another shape says BYE before the outlet moves, so that the group that heard it
            // hears that too; the outlet opens before a session starts, so that the session the last run left
            // says BYE if this run cannot carry it on.
            endSessionOfAnotherShape(settings);
            prepareOutlet(settings, found);
            prepareSession(settings, found);
            prepareSource(settings, found);
            publishSdp(settings, found);
        } catch (RuntimeException | LinkageError e) {
            found.add("opening the stream failed: " + e);
            retry = true;
        }
        if (gridPending && (ready() || rtcp.packetCount() > 0)) {
            // Only now: opening a source or socket for the first time can take long enough to fall behind.
            gridPending = false;
            now = nanoClock.getAsLong();
            pacer.restart(rtcp.packetCount() == 0 ? now + ANNOUNCE_LEAD_NANOS : now - catchUpNanos,
                    settings.periodNanos());
            catchUpNanos = 0;
            rtcp.gridStarted(now, pacer.deadline(0), session.timestamp(0), nowPlaying.title(feed.title()));
            expectedSlot = 0;
            sessionStartNanos = now;
        }
        if (retry) {
            scheduleRetry(now);
        }
        report(String.join("; ", found), now);
    }

    private void scheduleRetry(long now) {
        retry = true;
        retryAt = now + RETRY_NANOS;
    }

    private void endSessionOfAnotherShape(SenderSettings s) {
        if (session != null && !s.shape().equals(shape)) {
            rtcp.sessionEnded(BYE_NEW_SESSION);
            session = null;
            shape = null;
        }
    }

    private void prepareSession(SenderSettings s, List<String> found) {
        AudioCodec codec = services.codec(s.codec());
        if (codec == null) {
            encoding = null;
            found.add("no AudioCodec " + s.codec() + " (there are: " + services.codecNames() + ")");
            return;
        }
        if (encoding == null || !encoding.isFor(codec, s.format(), s.frameMicros(), s.configuration())) {
            try {
                encoding = FrameEncoding.create(codec, s.format(), s.frameMicros(), s.configuration());
            } catch (InvalidSettingException e) {
                encoding = null;
                found.add(codec.name() + " refuses " + e.getMessage());
                return;
            }
            if (encoding == null) {
                found.add(codec.name() + " cannot carry " + SenderSettings.millis(s.frameMicros()) + " ms frames of "
                        + s.format() + "; it takes " + codec.supportedFormats());
                return;
            }
        }
        if (session == null) {
            startSession(s);
        }
    }

    private void startSession(SenderSettings s) {
        long wall = wallClock.getAsLong();
        SessionState saved = resumable;
        resumable = null;
        if (saved != null && saved.continues(s.shape(), wall)) {
            // The slots whose instant came since the first one not sent, but for the current one: what was missed.
            long overdueNanos = (wall - saved.wallMillis()) * 1_000_000;
            long missed = overdueNanos < 0 ? 0 : overdueNanos / s.periodNanos();
            long caughtUp = Math.min(missed, stillPlayableFrames(s));
            session = saved.resume(missed - caughtUp, encoding.ticksPerFrame);
            catchUpNanos = overdueNanos - (missed - caughtUp) * s.periodNanos();
            if (saved.sourceKey().equals(s.sourceKey())) {
                feed.resumeAt(saved.sourceKey(), saved.sourcePosition(), s.format());
            }
            rtcp.sessionStarted(session.ssrc(), encoding.clockRate(), saved.packetCount(), saved.octetCount());
            log.info("Continuing RTP session ssrc {} at sequence {}, its next frame due {}{}", hex(session.ssrc()),
                    session.nextSequence(), due(wall - saved.wallMillis()), caughtUp(missed, caughtUp));
        } else {
            if (saved != null) {
                // The last run left its session to this one, which cannot carry it on: it ends here.
                rtcp.bye(saved.ssrc(), BYE_NEW_SESSION);
            }
            session = RtpSession.random(random, encoding.ticksPerFrame);
            rtcp.sessionStarted(session.ssrc(), encoding.clockRate(), 0, 0);
            log.info("New RTP session ssrc {}: {} in {} ms frames, payload type {}", hex(session.ssrc()),
                    encoding.codec.name() + "/" + encoding.clockRate() + "/" + s.format().channels(),
                    SenderSettings.millis(s.frameMicros()), s.payloadType());
        }
        sessionBitsPerSecond = (RTP_HEADER_BYTES + encoding.payload.length) * (long) Byte.SIZE * 1_000_000_000L
                / s.periodNanos();
        shape = s.shape();
        gridPending = true;
    }

    private void prepareSource(SenderSettings s, List<String> found) {
        AudioSource source = services.source(s.source());
        if (source == null) {
            feed.close();
            found.add("no AudioSource " + s.source() + " (there are: " + services.sourceTypes() + ")");
            return;
        }
        if (feed.isOpenFor(source, s.sourceKey(), s.sourceSettings(), s.format())) {
            return;
        }
        try {
            feed.open(source, s.sourceKey(), s.sourceSettings(), s.format());
        } catch (IOException e) {
            found.add("the " + s.source() + " source cannot play: " + e.getMessage());
            retry = true;
        }
    }

    private void prepareOutlet(SenderSettings s, List<String> found) {
        StreamTransport transport = services.transport();
        if (transport == null) {
            outlet.close();
            rtcp.close();
            found.add("no StreamTransport");
            return;
        }
        try {
            layers = transport.layers(s.endpoint(), s.format().sampleRate(), s.configuration());
        } catch (InvalidSettingException e) {
            outlet.close();
            found.add("the transport refuses " + e.getMessage());
            return;
        }
        rtcp.playoutDelayMicros(playoutDelayMicros(s));
        if (!outlet.isOpenFor(transport, s.endpoint(), s.key(), s.configuration())) {
            try {
                outlet.open(transport, s.endpoint(), s.key(), s.configuration());
            } catch (IOException e) {
                found.add("cannot send to " + s.endpoint() + ": " + e.getMessage());
                retry = true;
            } catch (InvalidSettingException e) {
                found.add("the transport refuses " + e.getMessage());
            }
        }
        try {
            rtcp.prepare(transport, s.endpoint(), s.key());
        } catch (IOException e) {
            found.add("no RTCP on " + s.endpoint() + ": " + e.getMessage());
            retry = true;
        }
    }

    private void publishSdp(SenderSettings s, List<String> found) {
        if (session == null || encoding == null) {
            return;
        }
        AudioCodec codec = encoding.codec;
        StreamLayers described = layers;
        StreamTransport transport = services.transport();
        if (transport != null && !described.equals(StreamLayers.NONE)) {
            try {
                described = transport.layers(s.endpoint(), encoding.clockRate(), s.configuration());
            } catch (InvalidSettingException e) {
                described = layers; // refused in prepareOutlet already
            }
        }
        SessionDescription description = new SessionDescription(session.ssrc(), 0,
                SessionDescription.originOf(s.endpoint()), s.endpoint(), s.payloadType(), codec.name(),
                encoding.clockRate(), s.format().channels(), s.frameMicros(), encoding.sdpFormatParameters(),
                playoutDelayMicros(s), s.announcing().name(), s.announcing().description(),
                s.announcing().clockSignalling(), s.key(), described);
        String failure = sdp.publish(description, s.sdpFile(), wallClock.getAsLong() / 1_000);
        if (!failure.isEmpty()) {
            found.add(failure);
            retry = true;
            return;
        }
        Announcing announcing = s.announcing();
        announcement = announcing.sap() ? new Announcement(sdp.text(), description.origin(), s.endpoint(),
                announcing.intervalSeconds()) : null;
    }

    private static String due(long overdueMillis) {
        return overdueMillis < 0 ? "in " + -overdueMillis + " ms (the last run sent the frames before it ahead)"
                : overdueMillis + " ms ago";
    }

    private static String caughtUp(long missed, long caughtUp) {
        if (missed <= 0) {
            return "";
        }
        return (caughtUp == missed ? "; its " : "; the last " + caughtUp + " of its ") + missed
                + " frames since go out at once, in time for the listeners";
    }

    /**
     * Of the frames a stream could not send (no codec or transport for a moment, or no sender while the control
     * bundle was swapped), how many listeners can still play if they are sent now, back to back: those whose
     * instant (capture plus the playout delay) lies a frame or more ahead. Sent, they bridge a short swap without a
     * gap in the audio; older ones would only come late.
     */
    private long stillPlayableFrames(SenderSettings s) {
        long playable = (playoutDelayMicros(s) * 1_000 - s.periodNanos()) / s.periodNanos();
        return Math.min(playable, Pacer.catchUpSlots(s.periodNanos()));
    }

    /**
     * The configured playout delay, and as many frames more as a FEC block spans, so that a listener has its
     * repair packets before a lost packet's instant.
     */
    private long playoutDelayMicros(SenderSettings s) {
        return s.playoutDelayMicros() + (long) layers.spanPackets() * s.frameMicros();
    }

    /** One log line when what keeps the stream from playing changes, never one per frame. */
    private void report(String found, long now) {
        if (!problems.wiring(found, now)) {
            return;
        }
        if (found.isEmpty()) {
            log.info("Stream {}: {} as {} to {} ttl {}{}, SDP in {}", state(), sourceDescription(settings),
                    encoding.codec.name(), settings.endpoint(), settings.endpoint().ttl(), layers.description().isEmpty()
                            ? "" : " with " + layers.description() + " (playout delay "
                            + SenderSettings.millis((int) playoutDelayMicros(settings)) + " ms)", settings.sdpFile());
        } else {
            log.info("Stream {}: {}", ready() ? "running with a problem" : "waiting", found);
        }
    }

    private String sourceDescription(SenderSettings s) {
        try {
            String description = feed.description();
            return description == null ? s.source() : description;
        } catch (RuntimeException e) {
            return s.source();
        }
    }

    static String hex(long ssrc) {
        return String.format("0x%08x", ssrc);
    }
}
