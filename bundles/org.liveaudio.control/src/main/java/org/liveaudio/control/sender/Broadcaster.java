package org.liveaudio.control.sender;

import java.io.File;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.ListenerReport;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.liveaudio.common.config.UnknownKeys;
import org.liveaudio.control.sap.MulticastSapSocket;
import org.liveaudio.control.sap.SapAnnouncer;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.ComponentConstants;
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
import org.osgi.service.metatype.annotations.Option;

/**
 * The sender: streams the configured source as RTP to the configured multicast group, paced by its own
 * clock thread, and offers itself as {@link StreamControl}. Immediate, because it streams whether or not
 * anyone asks for the service. Sources, codecs and the transport are found by
 * interface and service property and may come and go while it streams; so may its own bundle, whose next
 * run continues the same RTP session. Beside the RTP it sends RTCP sender reports, says BYE when the session
 * ends, and lists the listeners that report back. Every {@link AudioTap} there is sees each frame sent.
 */
@Component(service = StreamControl.class, immediate = true, configurationPid = Broadcaster.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Broadcaster.Config.class)
public final class Broadcaster implements StreamControl {
    public static final String PID = "org.liveaudio.sender";
    private static final Set<String> CONFIG_KEYS = UnknownKeys.declaredBy(Config.class);
    static final String SESSION_FILE = "session.properties";
    static final String BYE_STOPPED = "the sender stopped";

    /**
     * Every key's default and range, written once: {@link SenderSettings} takes its fallbacks from these defaults
     * and checks against the same range constants, so MetaType and the refusals cannot disagree.
     */
    @ObjectClassDefinition(name = "Live Audio Streamer sender",
            description = "What the sender streams, in which format, and where to.")
    @interface Config {
        @AttributeDefinition(description = "Multicast group: IPv4 in 224.0.0.0/4 (239.255.0.0/16 stays inside "
                + "the organisation) or IPv6 in ff00::/8.")
        String group() default "239.255.0.1";

        @AttributeDefinition(min = "" + MulticastEndpoint.MIN_PORT, max = "" + MulticastEndpoint.MAX_PORT,
                description = "UDP port of RTP; the next one carries RTCP.")
        int port() default 5004;

        @AttributeDefinition(name = "interface", description = "Network interface to send through: lo keeps "
                + "the stream on this machine, eth0 (for example) puts it on the LAN.")
        String interface$() default "lo";

        @AttributeDefinition(min = "" + MulticastEndpoint.MIN_TTL, max = "" + MulticastEndpoint.MAX_TTL,
                description = "Multicast hops; 1 stays on the local network.")
        int ttl() default 1;

        @AttributeDefinition(description = "What to stream.", options = {
            @Option(label = "built-in melody", value = SenderSettings.SOURCE_MELODY),
            @Option(label = "sine tone", value = SenderSettings.SOURCE_TONE),
            @Option(label = "audio file, playlist or folder", value = SenderSettings.SOURCE_FILE),
            @Option(label = "raw PCM from a named pipe or a command", value = SenderSettings.SOURCE_PIPE),
            @Option(label = "line-in capture", value = SenderSettings.SOURCE_LINE_IN),
            @Option(label = "RTP stream of another tool, relayed", value = SenderSettings.SOURCE_RTP)})
        String source() default SenderSettings.SOURCE_MELODY;

        @AttributeDefinition(required = false, description = "For source=rtp: the SDP file of the stream to relay "
                + "(L16 or L24 at this sampleRate and channels). For source=file: a WAV, FLAC, MP3, Ogg Vorbis or "
                + "Ogg Opus file, an .m3u or .pls playlist, or a folder played as a playlist; relative to the "
                + "working directory.")
        String file() default "";

        @AttributeDefinition(required = false, description = "For source=rtp, in place of file: the name (the SDP's "
                + "s= line) that SAP announces the stream to relay with, as listener:streams lists it; the relay "
                + "hears announcements on this sender's interface and follows the stream when it moves.")
        String stream() default "";

        @AttributeDefinition(description = "Start the file or playlist again when it ends.")
        boolean loop() default true;

        @AttributeDefinition(min = "" + SenderSettings.MIN_TONE_HZ, max = "" + SenderSettings.MAX_TONE_HZ,
                description = "Frequency of source=tone, in Hz.")
        double toneHz() default 440;

        @AttributeDefinition(required = false, description = "For source=pipe: the named pipe (FIFO) to read raw "
                + "16-bit little-endian PCM from, as MPD's fifo output or shairport-sync writes it; it may appear "
                + "later. Either this or pipeCommand.")
        String pipe() default "";

        @AttributeDefinition(required = false, description = "For source=pipe: a command line whose standard "
                + "output is raw 16-bit little-endian PCM, e.g. librespot --backend pipe; run again when it ends. "
                + "Either this or pipe.")
        String pipeCommand() default "";

        @AttributeDefinition(min = "" + AudioFormat.MIN_SAMPLE_RATE, max = "" + AudioFormat.MAX_SAMPLE_RATE,
                description = "For source=pipe: samples per second of the PCM written to the pipe.")
        int pipeSampleRate() default 48_000;

        @AttributeDefinition(min = "" + AudioFormat.MIN_CHANNELS, max = "" + AudioFormat.MAX_CHANNELS,
                description = "For source=pipe: channels of the PCM written to the pipe.")
        int pipeChannels() default 2;

        @AttributeDefinition(min = "" + AudioFormat.MIN_SAMPLE_RATE, max = "" + AudioFormat.MAX_SAMPLE_RATE,
                description = "Samples per second.")
        int sampleRate() default 48_000;

        @AttributeDefinition(min = "" + AudioFormat.MIN_CHANNELS, max = "" + AudioFormat.MAX_CHANNELS,
                description = "Audio channels (2 = stereo).")
        int channels() default 2;

        /** No default: an absent key means the codec's own, which differs by codec. */
        @AttributeDefinition(required = false, max = "" + SenderSettings.MAX_FRAME_MILLIS, description = "Audio "
                + "per packet, in ms (2.5 allowed); must hold a whole number of samples and suit the codec. Empty: "
                + "the codec's own, 5 for L16, 10 for opus.")
        double frameMillis();

        @AttributeDefinition(description = "RTP payload format, by encoding name.")
        String codec() default "L16";

        @AttributeDefinition(min = "" + RtpPacket.MIN_DYNAMIC_PAYLOAD_TYPE,
                max = "" + RtpPacket.MAX_DYNAMIC_PAYLOAD_TYPE, description = "Dynamic RTP payload type the SDP maps.")
        int payloadType() default 96;

        @AttributeDefinition(description = "Where to write the SDP of the stream; relative to the working "
                + "directory.")
        String sdpFile() default "liveaudio.sdp";

        @AttributeDefinition(min = "" + SenderSettings.MIN_PLAYOUT_DELAY_MILLIS,
                max = "" + SenderSettings.MAX_PLAYOUT_DELAY_MILLIS, description = "How long after its capture every "
                + "listener plays a frame, in ms, the same instant for all (fractions allowed): it must cover the "
                + "network's delay and jitter. 32.5 by default, half a frame past a whole number of frames, so that "
                + "listeners play between packet arrivals; 8.75 with 2.5 ms frames for the low-latency profile.")
        double playoutDelayMillis() default 32.5;

        @AttributeDefinition(description = "A file holding the stream's SRTP key (AES_CM_128_HMAC_SHA1_80, 40 "
                + "base64 characters, as stream:newkey writes it): media go as SRTP, reports and the time exchange as "
                + "SRTCP, and the SDP file is readable by its owner only. Empty: the stream is not protected.")
        String keyFile() default "";

        @AttributeDefinition(description = "The stream's name: the SDP's s= line, what SAP announces and what a "
                + "listener tunes to with stream=NAME.")
        String name() default "Live Audio Streamer";

        @AttributeDefinition(required = false, description = "A line about the stream: the SDP's i= line.")
        String description() default "";

        @AttributeDefinition(description = "Announce the stream's SDP by SAP (RFC 2974) on its interface, at the "
                + "address of its group's scope (239.255.255.255:9875 for 239.255.0.0/16), with its TTL.", options = {
            @Option(label = "announce", value = SenderSettings.SAP_ON),
            @Option(label = "do not announce", value = SenderSettings.SAP_OFF)})
        String sap() default SenderSettings.SAP_ON;

        @AttributeDefinition(min = "" + SenderSettings.MIN_SAP_INTERVAL_SECONDS,
                max = "" + SenderSettings.MAX_SAP_INTERVAL_SECONDS, description = "Seconds between two SAP "
                + "announcements (PipeWire: 5, AES67 devices: 30); receivers forget a stream after ten missed.")
        int sapIntervalSeconds() default 5;

        @AttributeDefinition(description = "aes67: codec=L24, sampleRate=48000, frameMillis=1, sap=on and RFC 7273's "
                + "clock lines in the SDP (ts-refclk:local, mediaclk:sender: no PTP); keys set anyway must agree.",
                options = {@Option(label = "none", value = Aes67Profile.NONE),
                    @Option(label = "AES67", value = Aes67Profile.AES67)})
        String profile() default Aes67Profile.NONE;
    }

    private final BoundServices services = new BoundServices();

    @Reference(service = LoggerFactory.class)
    Logger log;

    private volatile Stream stream;
    private volatile Map<String, ?> configuration;
    private List<String> unknownWarned = List.of();
    private volatile BundleContext context;
    private SenderClock clock;
    private SapAnnouncer announcer;
    private SessionStore store;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        File data = context.getDataFile(SESSION_FILE);
        store = new SessionStore(data == null ? null : data.toPath(), log);
        SenderRtcp rtcp = new SenderRtcp(log, SenderRtcp.cnameOfThisHost(), WallAnchor.take());
        Stream started = new Stream(log, services, System::nanoTime, System::currentTimeMillis, new SecureRandom(),
                store.take(), rtcp);
        stream = started;
        configure(properties);
        clock = new SenderClock(started::nextDeadline, started::tick, System::nanoTime, log);
        clock.start();
        announcer = new SapAnnouncer(started::announcement, new MulticastSapSocket(), System::nanoTime,
                new SecureRandom(), log);
        announcer.start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    /** @param reason why SCR deactivates, which tells whether the session goes on in the next run */
    @Deactivate
    void deactivate(int reason) {
        clock.stop();
        boolean outlives = sessionOutlives(reason, frameworkStopping());
        announcer.stop(!outlives);
        if (outlives) {
            SessionState state = stream.suspend();
            if (state != null) {
                store.save(state);
            }
        } else {
            stream.end(BYE_STOPPED);
        }
    }

    /**
     * Whether the RTP session outlives a deactivation, kept for the next run without a BYE, rather than ending
     * with one. A bundle that stops (an update, a stop and start) or a mandatory reference that goes (the log
     * service replaced) brings the sender back moments later, and a BYE would make every listener drop the
     * stream meanwhile; a component disabled or disposed, its configuration deleted, or the framework stopping
     * ends the stream.
     */
    static boolean sessionOutlives(int reason, boolean frameworkStopping) {
        return !frameworkStopping && (reason == ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED
                || reason == ComponentConstants.DEACTIVATION_REASON_REFERENCE
                || reason == ComponentConstants.DEACTIVATION_REASON_CONFIGURATION_MODIFIED);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(AudioSource source, Map<String, Object> properties) {
        services.addSource(key(properties.get(AudioSource.TYPE), source::type), source, properties);
        changed();
    }

    void unbindSource(AudioSource source) {
        services.removeSource(source);
        released(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCodec(AudioCodec codec, Map<String, Object> properties) {
        String name = key(properties.get(AudioCodec.NAME), codec::name);
        services.addCodec(name, codec, properties);
        readAgainFor(name);
        changed();
    }

    void unbindCodec(AudioCodec codec) {
        services.removeCodec(codec);
        released(codec);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransport(StreamTransport transport) {
        services.setTransport(transport);
        changed();
    }

    void unbindTransport(StreamTransport transport) {
        Stream current = stream;
        if (current != null && services.transport() == transport && frameworkStopping()) {
            // The framework may stop the transport before this bundle: say BYE while there is a channel for it.
            current.end(BYE_STOPPED);
        }
        services.removeTransport(transport);
        released(transport);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTap(AudioTap tap) {
        services.addTap(tap);
    }

    void unbindTap(AudioTap tap) {
        services.removeTap(tap);
    }

    @Override
    public void pause() {
        stream.pause();
    }

    @Override
    public void play() {
        stream.play();
    }

    @Override
    public void title(String title) {
        stream.title(title);
    }

    @Override
    public StreamStatus status() {
        return stream.status();
    }

    @Override
    public SenderStats stats() {
        return stream.stats();
    }

    @Override
    public String sdp() {
        return stream.sdp();
    }

    @Override
    public List<ListenerReport> listeners() {
        return stream.listeners();
    }

    /** Asked only after {@link #activate}, which sets the context before the stream. */
    private boolean frameworkStopping() {
        try {
            Bundle framework = context.getBundle(Constants.SYSTEM_BUNDLE_ID);
            return framework != null && framework.getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return false; // the context went with this bundle: keep the session rather than guess
        }
    }

    /**
     * A configuration read while its codec was missing took a stand-in frame length and left the codec's keys
     * unchecked: when that codec arrives, it is read again.
     */
    private void readAgainFor(String codecName) {
        Map<String, ?> properties = configuration;
        if (stream != null && properties != null && codecName.equalsIgnoreCase(
                new SettingsReader(properties).string(SenderSettings.KEY_CODEC, SenderSettings.DEFAULTS.codec()))) {
            configure(properties);
        }
    }

    private synchronized void configure(Map<String, ?> properties) {
        configuration = properties;
        SettingsReader reader = new SettingsReader(properties);
        warnOfUnknownKeys(reader);
        try {
            SenderSettings settings = SenderSettings.read(reader, services::codec);
            StreamTransport transport = services.transport();
            if (transport != null) {
                transport.layers(settings.endpoint(), settings.format().sampleRate(), settings.configuration());
            }
            stream.configure(settings);
            log.info("{}: sending {} as {} {} in {} ms frames to {} ttl {}", reader.origin(), settings.source(),
                    settings.codec(), settings.format(), SenderSettings.millis(settings.frameMicros()),
                    settings.endpoint(), settings.endpoint().ttl());
        } catch (InvalidSettingException e) {
            log.warn("{}: {}; keeping the last good configuration", reader.origin(), e.getMessage());
            stream.refuse(e.getMessage());
        }
    }

    /**
     * One warning per key that neither this component nor the configured codec reads, once per configuration
     * that has it: a typo would otherwise leave a default in force without a word.
     */
    private void warnOfUnknownKeys(SettingsReader reader) {
        Set<String> known = new HashSet<>(CONFIG_KEYS);
        AudioCodec codec = services.codec(reader.string(SenderSettings.KEY_CODEC, SenderSettings.DEFAULTS.codec()));
        if (codec != null) {
            known.addAll(codec.settingKeys());
        }
        StreamTransport transport = services.transport();
        if (transport != null) {
            known.addAll(transport.settingKeys());
        }
        List<String> unknown = UnknownKeys.describe(reader.properties(), known);
        if (!unknown.equals(unknownWarned)) {
            unknown.forEach(sentence -> log.warn("{}: {}", reader.origin(), sentence));
            unknownWarned = unknown;
        }
    }

    private void changed() {
        Stream current = stream;
        if (current != null) {
            current.servicesChanged();
        }
    }

    /** A service goes: bridged by frames sent ahead where it comes back in a moment, not as the framework stops. */
    private void released(Object service) {
        Stream current = stream;
        if (current == null) {
            return;
        }
        if (frameworkStopping()) {
            current.release(service);
        } else {
            current.bridge(service);
        }
    }

    /** The service property, or what the service says where a provider forgot the property. */
    private static String key(Object property, Supplier<String> fallback) {
        return property != null ? property.toString() : fallback.get();
    }
}
