package org.liveaudio.control.relay;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.common.audio.PcmRing;
import org.liveaudio.common.audio.TapThread;
import org.liveaudio.common.ogg.OggOpusEncoder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Relays the stream beyond the LAN: encodes the frames the sender sends as Ogg Opus and pushes them to a mount of
 * an Icecast server, whose listeners, relays and CDNs carry it further. A tap of the sender, so it never holds up
 * the sender's clock: frames go through a ring to a thread of its own, which encodes, and writes to the server.
 * When the server goes away it tries again with growing pauses; frames meanwhile are dropped, for it is live.
 */
@Component(service = AudioTap.class, configurationPid = IcecastRelay.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = IcecastRelay.Config.class)
public final class IcecastRelay implements AudioTap {
    public static final String PID = "org.liveaudio.relay";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Opus's usual packet for streaming: 20 ms. */
    static final int PACKET_MICROS = 20_000;
    /**
     * Two seconds of the largest format Opus takes (48 kHz stereo), 384 KB: the relay's thread catches up at many
     * times real time, so a stall that long (a busy machine, the encoder's first packets while the JIT compiles it,
     * measured at over half a second under load) costs no audio; a server that falls further behind loses frames
     * rather than stalling the sender.
     */
    private static final int RING_SAMPLES = 48_000 * 2 * 2;
    private static final long IDLE_PARK_NANOS = 100_000_000L;
    private static final long JOIN_MILLIS = 2_000;

    @ObjectClassDefinition(name = "Live Audio Streamer Icecast relay",
            description = "Pushes the sender's stream as Ogg Opus to a mount of an Icecast 2.4 server.")
    @interface Config {
        @AttributeDefinition(description = "The Icecast server: http://HOST:PORT.")
        String url() default "http://127.0.0.1:8000";

        @AttributeDefinition(description = "The mount to stream to; listeners open http://HOST:PORT/MOUNT.")
        String mount() default "/live.opus";

        @AttributeDefinition(description = "The source user, source for Icecast's own source password.")
        String user() default "source";

        @AttributeDefinition(description = "A file holding the source password on its first line; keep it "
                + "readable by this user only.")
        String passwordFile() default "";

        @AttributeDefinition(min = "" + RelaySettings.MIN_KBPS, max = "" + RelaySettings.MAX_KBPS,
                description = "Opus bitrate in kbit/s.")
        int bitrate() default 128;

        @AttributeDefinition(description = "The stream's name at the server (Ice-Name).")
        String name() default "Live Audio Streamer";
    }

    private static final Config DEFAULTS = SettingsReader.defaults(Config.class);

    @Reference(service = LoggerFactory.class)
    Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + AudioCodec.NAME + "=opus)")
    volatile AudioCodec opus;

    private final SecureRandom random = new SecureRandom();
    private volatile RelaySettings settings;
    /** Set when the settings change, so that the thread leaves the server and connects anew with them. */
    private volatile boolean reconnect;
    private TapThread worker;
    private PcmRing ring;
    private RelayState state;
    private volatile IcecastConnection connection;

    @Activate
    void activate(Map<String, Object> properties) {
        state = new RelayState(log, System::nanoTime);
        worker = new TapThread("liveaudio-relay-icecast", RING_SAMPLES, this::run);
        ring = worker.ring();
        configure(properties);
        worker.start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    @Deactivate
    void deactivate() {
        IcecastConnection open = connection;
        if (open != null) {
            open.close();
        }
        worker.stop(JOIN_MILLIS);
    }

    @Override
    public void frame(short[] pcm, int samples, AudioFormat format) {
        worker.frame(pcm, samples, format);
    }

    @Override
    public String status() {
        RelaySettings current = settings;
        return state.status(current == null ? null : current.target(), ring.dropped());
    }

    private void configure(Map<String, ?> properties) {
        String origin = new SettingsReader(properties).origin();
        try {
            settings = RelaySettings.read(properties, DEFAULTS);
            reconnect = true;
            worker.wake();
        } catch (InvalidSettingException e) {
            if (settings == null) {
                state.refused(origin + ": " + e.getMessage());
            } else {
                log.warn("{}: {}; keeping the last good configuration", origin, e.getMessage());
            }
        }
    }

    private void run() {
        AudioFormat format = null;
        OggOpusEncoder stream = null;
        short[] packet = new short[0];
        long retryAt = System.nanoTime();
        Duration backoff = FIRST_BACKOFF;
        while (worker.running()) {
            RelaySettings current = settings;
            AudioFormat offered = ring.offeredFormat();
            if (offered != null || reconnect) {
                reconnect = false;
                disconnect();
                if (offered != null) {
                    format = offered;
                    ring.adopt(offered);
                }
                retryAt = System.nanoTime();
                backoff = FIRST_BACKOFF;
            }
            if (current == null || format == null) {
                worker.await(IDLE_PARK_NANOS);
                continue;
            }
            int packetSamples = format.samplesPerFrame(PACKET_MICROS);
            AudioCodec codec = opus;
            if (codec == null || !codec.supports(format, packetSamples)) {
                state.stuck(current.target(), codec == null ? "no Opus codec" : "Opus takes "
                        + codec.supportedFormats() + "; the stream is " + format);
                worker.await(IDLE_PARK_NANOS);
                continue;
            }
            if (connection == null) {
                long now = System.nanoTime();
                if (now - retryAt < 0) {
                    worker.await(retryAt - now);
                    continue;
                }
                try {
                    stream = connect(current, codec, format, packetSamples);
                    packet = new short[packetSamples * format.channels()];
                    worker.wakeAt(packet.length);
                    backoff = FIRST_BACKOFF;
                    state.streaming(current.target(), current.kilobitsPerSecond());
                } catch (IOException | InvalidSettingException e) {
                    disconnect();
                    retryAt = System.nanoTime() + backoff.toNanos();
                    state.waiting(current.target(), reason(e), retryAt);
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF
                            : backoff.multipliedBy(2);
                }
                continue;
            }
            if (ring.available() < packet.length) {
                worker.await(IDLE_PARK_NANOS);
                continue;
            }
            ring.take(packet, packet.length);
            try {
                connection.write(stream.page(), stream.audioPage(packet));
            } catch (IOException e) {
                disconnect();
                retryAt = System.nanoTime() + backoff.toNanos();
                state.waiting(current.target(), "lost the server (" + reason(e) + ")", retryAt);
            }
        }
        disconnect();
    }

    /** Opens the mount and sends the stream's headers; from then on the ring's newest audio follows. */
    private OggOpusEncoder connect(RelaySettings current, AudioCodec codec, AudioFormat format, int packetSamples)
            throws IOException, InvalidSettingException {
        OggOpusEncoder stream = new OggOpusEncoder(codec.newEncoder(format, packetSamples,
                Map.of(RelaySettings.KEY_BITRATE, current.kilobitsPerSecond())), format, packetSamples,
                random.nextInt());
        IcecastConnection opened = IcecastConnection.open(current, RelaySettings.password(current.passwordFile()));
        connection = opened;
        opened.write(stream.page(), stream.identificationPage());
        opened.write(stream.page(), stream.commentPage(current.streamName()));
        ring.clear();
        return stream;
    }

    private void disconnect() {
        IcecastConnection open = connection;
        connection = null;
        worker.wakeAt(Integer.MAX_VALUE);
        if (open != null) {
            open.close();
        }
    }

    private static String reason(Exception e) {
        if (e instanceof IcecastConnection.RefusedException || e instanceof InvalidSettingException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
