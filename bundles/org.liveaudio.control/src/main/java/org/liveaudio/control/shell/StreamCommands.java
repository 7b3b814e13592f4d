package org.liveaudio.control.shell;

import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.stream.StreamControl;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The Gogo {@code stream:*} commands: each calls the sender's {@link StreamControl} and returns what to print.
 *
 * <p>Gogo's {@code help NAME} describes the functions named NAME, not a scope; so {@code stream} is a function
 * too, whose description lists every command, and {@code help stream} describes them all.
 */
@Component(service = StreamCommands.class, property = {
    "osgi.command.scope=stream",
    "osgi.command.function=stream",
    "osgi.command.function=pause",
    "osgi.command.function=play",
    "osgi.command.function=status",
    "osgi.command.function=title",
    "osgi.command.function=stats",
    "osgi.command.function=sdp",
    "osgi.command.function=listeners",
    "osgi.command.function=newkey"})
public final class StreamCommands {
    static final String NO_SENDER = "no sender running (configure org.liveaudio.sender)";

    private static final String PAUSE = "pause the stream: stop reading the source and sending, within one frame";
    private static final String PLAY = "resume the stream where the source stopped";
    private static final String STATUS = "one line: state, source, title, codec and frame length, group:port and "
            + "interface, TTL, SSRC, uptime, SDP file, and the problem if any; then a line for each tap of the "
            + "stream, such as the Icecast relay";
    private static final String TITLE = "name what plays now for listeners (RTCP SDES NOTE) in place of the source's "
            + "title; without TEXT or with -, give the source's title back";
    /** What clears the title, besides no words at all: a shell makes an empty argument awkward to type. */
    static final String CLEAR = "-";
    private static final String STATS = "packets and bytes sent, bitrate, packet rate, frames late (worst lateness), "
            + "frames skipped, pauses, send errors, listeners heard from";
    private static final String SDP = "the SDP (RFC 4566) of the stream, as written to the file status shows";
    private static final String LISTENERS = "the listeners heard from through RTCP, one row each: SSRC, CNAME, "
            + "address, loss, cumulative lost, jitter, round-trip time, seconds since the last report";
    private static final String NEWKEY = "a new SRTP key for keyFile: printed once, or with FILE written to that "
            + "new file, readable by its owner only; AES_CM_128_HMAC_SHA1_80, or the SUITE given (AEAD_AES_128_GCM)";
    private static final String OVERVIEW = "the commands of the sender (PID org.liveaudio.sender):"
            + "\n   stream:pause      " + PAUSE
            + "\n   stream:play       " + PLAY
            + "\n   stream:status     " + STATUS
            + "\n   stream:title      " + TITLE
            + "\n   stream:stats      " + STATS
            + "\n   stream:sdp        " + SDP
            + "\n   stream:listeners  " + LISTENERS
            + "\n   stream:newkey     " + NEWKEY;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile StreamControl control;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile List<AudioTap> taps;

    @Descriptor(OVERVIEW)
    public String stream() {
        return OVERVIEW.substring(0, 1).toUpperCase() + OVERVIEW.substring(1);
    }

    @Descriptor(PAUSE)
    public String pause() {
        StreamControl sender = control;
        if (sender == null) {
            return NO_SENDER;
        }
        sender.pause();
        return StreamText.status(sender.status());
    }

    @Descriptor(PLAY)
    public String play() {
        StreamControl sender = control;
        if (sender == null) {
            return NO_SENDER;
        }
        sender.play();
        return StreamText.status(sender.status());
    }

    @Descriptor(STATUS)
    public String status() {
        StreamControl sender = control;
        if (sender == null) {
            return NO_SENDER;
        }
        StringBuilder text = new StringBuilder(StreamText.status(sender.status()));
        List<AudioTap> bound = taps;
        if (bound != null) {
            bound.forEach(tap -> text.append('\n').append(tap.status()));
        }
        return text.toString();
    }

    @Descriptor(TITLE)
    public String title() {
        return title(new String[0]);
    }

    /** Gogo passes the words after the command as they were typed: {@code stream:title Artist - Song} is three. */
    @Descriptor(TITLE)
    public String title(@Descriptor("TEXT: the title, one or more words") String[] words) {
        StreamControl sender = control;
        if (sender == null) {
            return NO_SENDER;
        }
        String title = String.join(" ", words).strip();
        sender.title(title.equals(CLEAR) ? "" : title);
        return StreamText.status(sender.status());
    }

    @Descriptor(STATS)
    public String stats() {
        StreamControl sender = control;
        return sender == null ? NO_SENDER : StreamText.stats(sender.stats(), sender.listeners().size());
    }

    @Descriptor(LISTENERS)
    public String listeners() {
        StreamControl sender = control;
        return sender == null ? NO_SENDER : StreamText.listeners(sender.listeners());
    }

    @Descriptor(NEWKEY)
    public String newkey() {
        return NewKey.printed();
    }

    @Descriptor(NEWKEY)
    public String newkey(@Descriptor("FILE: a new file for the key, e.g. config/stream.key") String file) {
        return NewKey.written(file);
    }

    @Descriptor(NEWKEY)
    public String newkey(@Descriptor("FILE: a new file for the key") String file,
            @Descriptor("SUITE: AES_CM_128_HMAC_SHA1_80 or AEAD_AES_128_GCM") String suite) {
        return NewKey.written(file, suite);
    }

    @Descriptor(SDP)
    public String sdp() {
        StreamControl sender = control;
        if (sender == null) {
            return NO_SENDER;
        }
        String sdp = sender.sdp();
        if (sdp.isEmpty()) {
            return "no SDP yet: " + StreamText.status(sender.status());
        }
        return sdp.replace("\r\n", "\n").strip();
    }
}
