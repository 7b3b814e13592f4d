package org.liveaudio.listener.sap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liveaudio.common.sap.SapPacket;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.common.sdp.Sdp;
import org.liveaudio.common.sdp.SdpException;
import org.liveaudio.common.sdp.SdpParser;

/**
 * The streams heard by SAP, each under its SDP origin (RFC 4566 5.2: username, session id and address name a
 * session for good; its version grows with every change), so that a re-announcement with another group, port or
 * codec replaces the entry it updates. An entry goes when its deletion comes (naming the session by its origin
 * line, or, from a writer that sends the bare header, by announcer and message id hash) or when it has not been
 * heard for ten of its intervals (RFC 2974 3.1), {@value #MIN_TIMEOUT_SECONDS} s at least. The RFC's floor of
 * an hour suits its five-minute global scope, not a room whose streams announce every few seconds: PipeWire
 * forgets a stream after 90 s.
 *
 * <p>Thread-safe: the browser's thread files what it hears, the shell and the listeners read.
 */
public final class SapDirectory {
    static final int MIN_TIMEOUT_SECONDS = 60;
    /** Assumed until a stream's second announcement shows its own: AES67's interval, the slowest in use. */
    static final int FIRST_INTERVAL_SECONDS = 30;
    static final int INTERVALS_BEFORE_TIMEOUT = 10;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    /** What a datagram changed: a stream came, changed or went, or nothing (a repetition, a refusal). */
    public enum Change {
        NONE, ADDED, UPDATED, REMOVED
    }

    /** What a datagram was taken for, for the one log line a browser writes per new event. */
    public record Outcome(Change change, AnnouncedStream stream, String refusal) {
        static final Outcome NOTHING = new Outcome(Change.NONE, null, "");
    }

    private final Map<String, AnnouncedStream> streams = new LinkedHashMap<>();
    private long refused;

    /** Files one SAP datagram's content heard at {@code now}. */
    public synchronized Outcome heard(SapPacket packet, long now) {
        if (!SapPacket.SDP.equalsIgnoreCase(packet.payloadType())) {
            refused++;
            return new Outcome(Change.NONE, null, "payload type " + packet.payloadType() + " is not "
                    + SapPacket.SDP);
        }
        if (packet.deletion()) {
            return delete(packet);
        }
        String sdp = packet.payloadText();
        RtpAudioSession session;
        try {
            session = RtpAudioSession.of(SdpParser.parse(sdp));
        } catch (SdpException e) {
            refused++;
            return new Outcome(Change.NONE, null, e.getMessage());
        }
        String key = AnnouncedStream.keyOf(session);
        AnnouncedStream old = streams.get(key);
        if (old == null) {
            AnnouncedStream added = new AnnouncedStream(session, sdp, packet.origin(), packet.messageIdHash(), now, now,
                    0);
            streams.put(key, added);
            return new Outcome(Change.ADDED, added, "");
        }
        AnnouncedStream renewed = new AnnouncedStream(session, sdp, packet.origin(), packet.messageIdHash(),
                old.firstHeardNanos(), now, now - old.lastHeardNanos());
        streams.put(key, renewed);
        return new Outcome(old.session().equals(session) ? Change.NONE : Change.UPDATED, renewed, "");
    }

    /** Forgets what has not been heard for too long; returns what it forgot. */
    public synchronized List<AnnouncedStream> expire(long now) {
        List<AnnouncedStream> gone = new ArrayList<>();
        streams.values().removeIf(stream -> {
            boolean expired = now - stream.lastHeardNanos() > timeoutNanos(stream);
            if (expired) {
                gone.add(stream);
            }
            return expired;
        });
        return gone;
    }

    /** Every stream heard and not gone, the newest announcement first. */
    public synchronized List<AnnouncedStream> streams() {
        return streams.values().stream().sorted(Comparator.comparingLong(AnnouncedStream::lastHeardNanos).reversed())
                .toList();
    }

    /** The stream of this name ({@code s=}), the one heard last where several share it. */
    public synchronized Optional<AnnouncedStream> named(String name) {
        return streams().stream().filter(stream -> stream.name().equals(name)).findFirst();
    }

    /** Announcements that could not be read (not SDP, no playable audio in it). */
    public synchronized long refused() {
        return refused;
    }

    static long timeoutNanos(AnnouncedStream stream) {
        long interval = stream.intervalNanos() > 0 ? stream.intervalNanos() : FIRST_INTERVAL_SECONDS * NANOS_PER_SECOND;
        return Math.max(INTERVALS_BEFORE_TIMEOUT * interval, MIN_TIMEOUT_SECONDS * NANOS_PER_SECOND);
    }

    private Outcome delete(SapPacket packet) {
        String key = deletedKey(packet.payloadText());
        AnnouncedStream gone = key == null ? null : streams.remove(key);
        if (gone == null) {
            for (AnnouncedStream stream : streams.values()) {
                if (stream.announcer().equals(packet.origin()) && stream.messageIdHash() == packet.messageIdHash()) {
                    gone = streams.remove(stream.key());
                    break;
                }
            }
        }
        return gone == null ? Outcome.NOTHING : new Outcome(Change.REMOVED, gone, "");
    }

    /** The session key of a deletion's payload: a whole SDP, or only its {@code o=} line (RFC 2974 5). */
    private static String deletedKey(String payload) {
        try {
            return AnnouncedStream.keyOf(RtpAudioSession.of(SdpParser.parse(payload)));
        } catch (SdpException e) {
            // Not a whole description: its o= line names the session.
        }
        for (String line : payload.split("\r?\n")) {
            if (line.startsWith("o=")) {
                String[] f = line.substring(2).strip().split(" +");
                if (f.length == 6) {
                    return new Sdp.Origin(f[0], f[1], f[2], f[3], f[4], f[5]).sessionKey();
                }
            }
        }
        return null;
    }
}
