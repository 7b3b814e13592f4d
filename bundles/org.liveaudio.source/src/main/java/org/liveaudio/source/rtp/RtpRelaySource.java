package org.liveaudio.source.rtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.liveaudio.api.net.AnnouncedStreams;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.common.sdp.SdpException;
import org.liveaudio.common.sdp.SdpParser;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Relays an RTP stream of another tool (ffmpeg, GStreamer, PipeWire, an AES67 device), described by its SDP file
 * ({@code file}) or announced by SAP under a name ({@code stream}): L16 or L24 in the sender's own rate and
 * channels. The sender's clock paces the relay as any live source; the stream's packets fill a ring the clock
 * drains.
 */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + RtpRelaySource.TYPE)
public final class RtpRelaySource implements AudioSource {
    static final String TYPE = "rtp";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    /** The listener bundle's SAP browser, which finds a stream by name; only {@code stream=NAME} needs it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AnnouncedStreams announced;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException {
        if (!settings.stream().isEmpty()) {
            return openAnnounced(settings, format, startSample);
        }
        if (settings.file() == null) {
            throw new IOException("rtp: no stream to relay: give stream= the name SAP announces it with, or file= "
                    + "its SDP file");
        }
        RtpAudioSession session;
        try {
            session = RtpAudioSession.of(SdpParser.parse(Files.readString(settings.file(), StandardCharsets.UTF_8)));
        } catch (SdpException e) {
            throw new IOException("rtp: " + settings.file() + " describes no stream to relay: " + e.getMessage());
        }
        return RtpRelayInput.start(session, bytesPerValue(session, format), format, startSample, log);
    }

    private AudioInput openAnnounced(SourceSettings settings, AudioFormat format, long startSample)
            throws IOException {
        AnnouncedStreams directory = announced;
        if (directory == null) {
            throw new IOException("rtp: stream=" + settings.stream() + " is found by SAP, which the listener bundle "
                    + "(org.liveaudio.listener) hears, and it is not running; start it, or give file= an SDP file");
        }
        if (settings.networkInterface() == null) {
            throw new IOException("rtp: stream=" + settings.stream() + " is heard by SAP on the sender's interface, "
                    + "and none is set (interface=)");
        }
        return AnnouncedRelayInput.start(directory, settings.stream(), settings.networkInterface(), format,
                startSample, log);
    }

    /**
     * The bytes of one sample value of the session's codec, once its rate and channels are the sender's.
     *
     * @throws IOException saying what the stream is and what would take it
     */
    static int bytesPerValue(RtpAudioSession session, AudioFormat format) throws IOException {
        int bytes;
        if (session.codecIs("L16")) {
            bytes = 2;
        } else if (session.codecIs("L24")) {
            bytes = 3;
        } else {
            throw new IOException("rtp: the stream is " + session.format() + "; the relay takes L16 and L24");
        }
        if (session.clockRate() != format.sampleRate() || session.channels() != format.channels()) {
            throw new IOException("rtp: the stream is " + session.format() + ", the sender sends " + format
                    + ": set sampleRate=" + session.clockRate() + " and channels=" + session.channels());
        }
        return bytes;
    }
}
