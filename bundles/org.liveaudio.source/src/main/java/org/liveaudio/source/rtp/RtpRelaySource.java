package org.liveaudio.source.rtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioInput;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.SourceSettings;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.common.sdp.SdpException;
import org.liveaudio.common.sdp.SdpParser;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Relays an RTP stream of another tool (ffmpeg, GStreamer, PipeWire, an AES67 device), described by its SDP file
 * ({@code file}): L16 or L24 in the sender's own rate and channels. The sender's clock paces the relay as any live
 * source; the stream's packets fill a ring the clock drains.
 */
@Component(service = AudioSource.class, property = AudioSource.TYPE + "=" + RtpRelaySource.TYPE)
public final class RtpRelaySource implements AudioSource {
    static final String TYPE = "rtp";

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public AudioInput open(SourceSettings settings, AudioFormat format, long startSample) throws IOException {
        if (settings.file() == null) {
            throw new IOException("rtp: no SDP file configured (file)");
        }
        RtpAudioSession session;
        try {
            session = RtpAudioSession.of(SdpParser.parse(Files.readString(settings.file(), StandardCharsets.UTF_8)));
        } catch (SdpException e) {
            throw new IOException("rtp: " + settings.file() + " describes no stream to relay: " + e.getMessage());
        }
        int bytesPerValue = bytesPerValue(session);
        if (session.clockRate() != format.sampleRate() || session.channels() != format.channels()) {
            throw new IOException("rtp: the stream is " + session.format() + ", the sender sends " + format
                    + ": set sampleRate=" + session.clockRate() + " and channels=" + session.channels());
        }
        return RtpRelayInput.start(session, bytesPerValue, format, startSample, log);
    }

    private static int bytesPerValue(RtpAudioSession session) throws IOException {
        if (session.codecIs("L16")) {
            return 2;
        }
        if (session.codecIs("L24")) {
            return 3;
        }
        throw new IOException("rtp: the stream is " + session.format() + "; the relay takes L16 and L24");
    }
}
