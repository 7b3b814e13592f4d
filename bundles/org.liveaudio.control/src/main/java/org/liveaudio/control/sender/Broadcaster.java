package org.liveaudio.control.sender;

import java.io.File;
import java.security.SecureRandom;
import java.util.Map;
import java.util.function.Supplier;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioSource;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.SenderStats;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.api.stream.StreamStatus;
import org.osgi.framework.BundleContext;
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
 * run continues the same RTP session.
 */
@Component(service = StreamControl.class, immediate = true, configurationPid = Broadcaster.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = Broadcaster.Config.class)
public final class Broadcaster implements StreamControl {
    public static final String PID = "org.liveaudio.sender";
    static final String SESSION_FILE = "session.properties";

    @ObjectClassDefinition(name = "Live Audio Streamer sender",
            description = "What the sender streams, in which format, and where to.")
    @interface Config {
        @AttributeDefinition(description = "Multicast group: IPv4 in 224.0.0.0/4 (239.255.0.0/16 stays inside "
                + "the organisation) or IPv6 in ff00::/8.")
        String group() default SenderSettings.DEFAULT_GROUP;

        @AttributeDefinition(min = "1", max = "65534", description = "UDP port of RTP; the next one carries RTCP.")
        int port() default SenderSettings.DEFAULT_PORT;

        @AttributeDefinition(name = "interface", description = "Network interface to send through: lo keeps "
                + "the stream on this machine, eth0 (for example) puts it on the LAN.")
        String interface$() default SenderSettings.DEFAULT_INTERFACE;

        @AttributeDefinition(min = "0", max = "255", description = "Multicast hops; 1 stays on the local network.")
        int ttl() default SenderSettings.DEFAULT_TTL;

        @AttributeDefinition(description = "What to stream.", options = {
            @Option(label = "built-in melody", value = "melody"), @Option(label = "sine tone", value = "tone"),
            @Option(label = "WAV file or folder", value = "file"), @Option(label = "line-in capture",
                    value = "line-in")})
        String source() default SenderSettings.DEFAULT_SOURCE;

        @AttributeDefinition(required = false, description = "For source=file: a WAV file, or a folder played "
                + "as a playlist; relative to the working directory.")
        String file() default "";

        @AttributeDefinition(description = "Start the file or playlist again when it ends.")
        boolean loop() default true;

        @AttributeDefinition(min = "20", max = "20000", description = "Frequency of source=tone, in Hz.")
        double toneHz() default SenderSettings.DEFAULT_TONE_HZ;

        @AttributeDefinition(min = "8000", max = "192000", description = "Samples per second.")
        int sampleRate() default SenderSettings.DEFAULT_SAMPLE_RATE;

        @AttributeDefinition(min = "1", max = "8", description = "Audio channels (2 = stereo).")
        int channels() default SenderSettings.DEFAULT_CHANNELS;

        @AttributeDefinition(description = "Audio per packet, in ms (2.5 allowed); must hold a whole number of "
                + "samples and suit the codec.")
        double frameMillis() default SenderSettings.DEFAULT_FRAME_MILLIS;

        @AttributeDefinition(description = "RTP payload format, by encoding name.")
        String codec() default SenderSettings.DEFAULT_CODEC;

        @AttributeDefinition(min = "96", max = "127", description = "Dynamic RTP payload type the SDP maps.")
        int payloadType() default SenderSettings.DEFAULT_PAYLOAD_TYPE;

        @AttributeDefinition(description = "Where to write the SDP of the stream; relative to the working "
                + "directory.")
        String sdpFile() default SenderSettings.DEFAULT_SDP_FILE;
    }

    private final BoundServices services = new BoundServices();

    @Reference(service = LoggerFactory.class)
    Logger log;

    private volatile Stream stream;
    private SenderClock clock;
    private SessionStore store;

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        File data = context.getDataFile(SESSION_FILE);
        store = new SessionStore(data == null ? null : data.toPath(), log);
        Stream started = new Stream(log, services, System::nanoTime, System::currentTimeMillis, new SecureRandom(),
                store.take());
        stream = started;
        configure(properties);
        clock = new SenderClock(started, System::nanoTime, log);
        clock.start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    @Deactivate
    void deactivate() {
        clock.stop();
        SessionState state = stream.stop();
        if (state != null) {
            store.save(state);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSource(AudioSource source, Map<String, Object> properties) {
        services.addSource(key(properties.get(AudioSource.TYPE), source::type), source);
        changed();
    }

    void unbindSource(AudioSource source) {
        services.removeSource(source);
        released(source);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCodec(AudioCodec codec, Map<String, Object> properties) {
        services.addCodec(key(properties.get(AudioCodec.NAME), codec::name), codec);
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
        services.removeTransport(transport);
        released(transport);
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

    private void configure(Map<String, ?> properties) {
        SettingsReader reader = new SettingsReader(properties);
        try {
            SenderSettings settings = SenderSettings.read(reader, services::codec);
            stream.configure(settings);
            log.info("{}: sending {} as {} {} in {} ms frames to {} ttl {}", reader.origin(), settings.source(),
                    settings.codec(), settings.format(), SenderSettings.millis(settings.frameMicros()),
                    settings.endpoint(), settings.endpoint().ttl());
        } catch (InvalidSettingException e) {
            log.warn("{}: {}; keeping the last good configuration", reader.origin(), e.getMessage());
            stream.refuse(e.getMessage());
        }
    }

    private void changed() {
        Stream current = stream;
        if (current != null) {
            current.servicesChanged();
        }
    }

    private void released(Object service) {
        Stream current = stream;
        if (current != null) {
            current.release(service);
        }
    }

    /** The service property, or what the service says where a provider forgot the property. */
    private static String key(Object property, Supplier<String> fallback) {
        return property != null ? property.toString() : fallback.get();
    }
}
