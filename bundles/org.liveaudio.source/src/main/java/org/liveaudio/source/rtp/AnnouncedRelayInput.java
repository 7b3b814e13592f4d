package org.liveaudio.source.rtp;

import java.io.IOException;
import java.net.NetworkInterface;
import java.util.Arrays;
import java.util.Optional;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.net.AnnouncedStreams;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.common.sdp.SdpException;
import org.liveaudio.common.sdp.SdpParser;
import org.osgi.service.log.Logger;

/**
 * The relay of a stream found by its SAP name: silence until the stream is announced, then an {@link RtpRelayInput}
 * on the group, port and format its SDP gives; a new one when the announcement moves the stream (the old one
 * closed), and silence again while it is withdrawn. The announcements' thread retunes; the sender's clock reads.
 * One log line per tuning and per announcement that cannot be relayed.
 */
final class AnnouncedRelayInput implements AudioInput {
    private final AnnouncedStreams directory;
    private final String name;
    private final AudioFormat format;
    private final Logger log;
    /** Guards the tuning against a close, both from threads other than the reader's. */
    private final Object tuning = new Object();
    private volatile RtpRelayInput relay;
    private RtpAudioSession tunedTo;
    private String refusedSdp;
    private boolean closed;
    private long position;

    private AnnouncedRelayInput(AnnouncedStreams directory, String name, AudioFormat format, long startSample,
            Logger log) {
        this.directory = directory;
        this.name = name;
        this.format = format;
        this.position = startSample;
        this.log = log;
    }

    static AnnouncedRelayInput start(AnnouncedStreams directory, String name, NetworkInterface networkInterface,
            AudioFormat format, long startSample, Logger log) {
        AnnouncedRelayInput input = new AnnouncedRelayInput(directory, name, format, startSample, log);
        log.info("rtp: relaying stream \"{}\" once SAP announces it on {}", name, networkInterface.getName());
        directory.watch(input, networkInterface, input::retune);
        input.retune();
        return input;
    }

    /** Follows the announcement: tunes to it, to where it moved, or to nothing while it is not announced. */
    private void retune() {
        synchronized (tuning) {
            if (closed) {
                return;
            }
            Optional<String> sdp = directory.sdp(name);
            if (sdp.isEmpty()) {
                if (tunedTo != null) {
                    log.info("rtp: stream \"{}\" is no longer announced; the relay plays silence until it is again",
                            name);
                    tuneTo(null, null);
                }
                return;
            }
            try {
                RtpAudioSession session = RtpAudioSession.of(SdpParser.parse(sdp.get()));
                if (!session.equals(tunedTo)) {
                    RtpRelayInput next = RtpRelayInput.start(session,
                            RtpRelaySource.bytesPerValue(session, format), format, 0, log);
                    log.info("rtp: relaying stream \"{}\": {}:{} {} PT {}", name,
                            session.group().getHostAddress(), session.port(), session.format(),
                            session.payloadType());
                    tuneTo(session, next);
                }
            } catch (SdpException | IOException e) {
                if (!sdp.get().equals(refusedSdp)) {
                    refusedSdp = sdp.get();
                    log.warn("rtp: stream \"{}\" is announced but cannot be relayed: {}", name, e.getMessage());
                }
            }
        }
    }

    private void tuneTo(RtpAudioSession session, RtpRelayInput next) {
        RtpRelayInput previous = relay;
        relay = next;
        tunedTo = session;
        if (previous != null) {
            previous.close();
        }
    }

    @Override
    public String description() {
        RtpRelayInput current = relay;
        return current == null ? "rtp relay of \"" + name + "\": waiting for its SAP announcement"
                : current.description();
    }

    @Override
    public int read(short[] pcm, int samples) {
        position += samples;
        RtpRelayInput current = relay;
        if (current == null) {
            Arrays.fill(pcm, 0, samples * format.channels(), (short) 0);
            return 0;
        }
        return current.read(pcm, samples);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void close() {
        directory.release(this);
        synchronized (tuning) {
            closed = true;
            tuneTo(null, null);
        }
    }
}
