package org.liveaudio.listener.engine;

import java.io.IOException;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioSink;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.StreamTransport;
import org.liveaudio.api.stream.ListenerControl;
import org.liveaudio.common.config.UnknownKeys;
import org.liveaudio.listener.sap.AnnouncedStream;
import org.liveaudio.listener.sap.SapBrowser;
import org.liveaudio.listener.sap.StreamTuning;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
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
 * A listener per factory configuration {@code org.liveaudio.listener-NAME.cfg}. It registers its
 * {@link ListenerControl} itself, because the {@link ListenerControl#NAME} property comes from the
 * configuration's file name when the file does not set {@code name}, which component properties cannot
 * express; the registration follows a rename.
 */
@Component(name = ListenerSettings.PID, configurationPolicy = ConfigurationPolicy.REQUIRE, service = {})
@Designate(ocd = Listener.Config.class, factory = true)
public final class Listener {
    /**
     * Every key's default and range, written once: {@link ListenerSettings} takes its fallbacks from these
     * defaults and checks against the same range constants, so MetaType and the refusals cannot disagree.
     */
    @ObjectClassDefinition(name = "Live Audio listener",
            description = "Receives one RTP multicast stream and plays it to a sink. One factory configuration "
                    + "(org.liveaudio.listener-NAME.cfg) per listener.")
    @interface Config {
        @AttributeDefinition(description = "The listener's name; empty: NAME from the .cfg file name")
        String name() default "";

        @AttributeDefinition(required = false, description = "Tune to the stream announced by SAP under this name "
                + "(its SDP's s= line) on this interface: group, port, codec, payload type, sample rate and channels "
                + "come from its SDP, and follow it when it is announced anew. Empty: as set here")
        String stream() default "";

        @AttributeDefinition(description = "Multicast group of the stream, in 224.0.0.0/4")
        String group() default "239.255.0.1";

        @AttributeDefinition(description = "UDP port of the stream (RTCP uses the next one)",
                min = "" + MulticastEndpoint.MIN_PORT, max = "" + MulticastEndpoint.MAX_PORT)
        int port() default 5004;

        @AttributeDefinition(name = "interface", description = "Network interface to join the group on")
        String interface$() default "lo";

        @AttributeDefinition(description = "Audio buffered before playout starts (jitter-buffer depth), in ms, "
                + "for a sender that announces no playout delay; a listener plays in step with one that does",
                min = "" + ListenerSettings.MIN_BUFFER_MILLIS, max = "" + ListenerSettings.MAX_BUFFER_MILLIS)
        int bufferMillis() default 20;

        @AttributeDefinition(description = "Test aid: take this machine's clock to be off by this many ms, as "
                + "another machine's would be; the listener finds the offset to the sender's clock. 0 otherwise",
                min = "" + -ListenerSettings.MAX_CLOCK_OFFSET_MILLIS,
                max = "" + ListenerSettings.MAX_CLOCK_OFFSET_MILLIS)
        int clockOffsetMillis() default 0;

        @AttributeDefinition(description = "Test aid: take this machine's clock to run this many ppm fast (slow if "
                + "negative), as another machine's crystal would; the listener follows its offset to the sender's "
                + "clock as it moves. 0 otherwise",
                min = "" + -ListenerSettings.MAX_CLOCK_DRIFT_PPM, max = "" + ListenerSettings.MAX_CLOCK_DRIFT_PPM)
        int clockDriftPpm() default 0;

        @AttributeDefinition(description = "Where the audio goes; speaker falls back to wav without a sound card",
                options = { @Option(label = "speaker", value = ListenerSettings.SPEAKER),
                    @Option(label = "wav", value = ListenerSettings.WAV),
                    @Option(label = "null", value = ListenerSettings.NULL_SINK),
                    @Option(label = "timing probe: per frame its hand-over instant and fingerprint, to file",
                            value = ListenerSettings.TIMING) })
        String sink() default ListenerSettings.SPEAKER;

        @AttributeDefinition(description = "WAV recording, relative to the working directory; empty: "
                + "recordings/NAME.wav")
        String file() default "";

        @AttributeDefinition(description = "Payload encoding, as in the SDP's a=rtpmap: any registered codec's name "
                + "(L16: uncompressed, bit-exact; opus: compressed, for Wi-Fi)")
        String codec() default "L16";

        @AttributeDefinition(description = "RTP payload type the SDP maps to the codec: 96..127, or a static type "
                + "(10, 11: L16 at 44.1 kHz)", min = "" + ListenerSettings.MIN_PAYLOAD_TYPE,
                max = "" + RtpPacket.MAX_DYNAMIC_PAYLOAD_TYPE)
        int payloadType() default 96;

        @AttributeDefinition(description = "Sample rate from the SDP's a=rtpmap, in Hz (48000 for opus)",
                min = "" + AudioFormat.MIN_SAMPLE_RATE, max = "" + AudioFormat.MAX_SAMPLE_RATE)
        int sampleRate() default 48_000;

        @AttributeDefinition(description = "Channels from the SDP's a=rtpmap",
                min = "" + AudioFormat.MIN_CHANNELS, max = "" + AudioFormat.MAX_CHANNELS)
        int channels() default 2;

        @AttributeDefinition(description = "A file holding the stream's SRTP key, the sender's (40 base64 "
                + "characters, as stream:newkey writes it): only packets that authenticate under it play. Empty: "
                + "the stream is taken unprotected.")
        String keyFile() default "";
    }

    private static final Set<String> CONFIG_KEYS = UnknownKeys.declaredBy(Config.class);
    private static final String DEFAULT_INTERFACE = SettingsReader.defaults(Config.class).interface$();
    private static final String STARTS_WHEN_RENAMED = "; this listener starts once it is renamed";
    private static final String KEEPING_RUNNING = "; keeping the last good configuration";

    private final ListenerEngine engine = new ListenerEngine();
    /** Serializes SCR's calls with the SAP browser's, which tune a listener by name from its thread. */
    private final Object tuning = new Object();
    private final Runnable follow = this::followAnnouncement;
    private Map<String, Object> configured;
    private Map<String, Object> tunedTo;
    private boolean following;
    private boolean waitingLogged;
    private boolean active;
    private RecordingMarkers recordings;
    private volatile BundleContext context;
    private ServiceRegistration<ListenerControl> registration;
    private String registeredName;
    private String origin;

    @Reference(service = LoggerFactory.class)
    private Logger log;

    @Reference
    private SapBrowser browser;

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        synchronized (tuning) {
            context = bundleContext;
            recordings = new RecordingMarkers(bundleContext.getDataFile("recordings").toPath());
            active = true;
            configure(properties);
        }
    }

    @Modified
    void modified(Map<String, Object> properties) {
        synchronized (tuning) {
            configure(properties);
        }
    }

    /**
     * Listens for SAP on the configured interface (so that {@code listener:streams} shows what is announced
     * there), then either applies the configuration as it is or, with {@code stream=NAME}, as the stream's SDP
     * completes it once the stream is announced.
     */
    private void configure(Map<String, Object> properties) {
        configured = properties;
        watchInterface(properties);
        String stream = StreamTuning.streamOf(properties);
        if (stream.isEmpty()) {
            stopFollowing();
            apply(properties);
            return;
        }
        if (!following) {
            following = true;
            waitingLogged = false;
            browser.subscribe(follow);
        }
        tunedTo = null;
        followAnnouncement();
    }

    /** On the browser's thread after every change it hears, and after a configuration that names a stream. */
    private void followAnnouncement() {
        synchronized (tuning) {
            if (!active || !following) {
                return;
            }
            String stream = StreamTuning.streamOf(configured);
            String name = ListenerSettings.nameOf(configured);
            Optional<AnnouncedStream> announced = browser.named(stream);
            if (announced.isEmpty()) {
                if (!waitingLogged) {
                    waitingLogged = true;
                    log.info("listener {}: waiting for stream \"{}\" to be announced by SAP{}", name, stream,
                            tunedTo == null ? "" : " again (it was withdrawn or went silent; listening on its last "
                                    + "group meanwhile)");
                }
                return;
            }
            waitingLogged = false;
            Map<String, Object> tuned = StreamTuning.tune(configured, announced.get().session());
            if (tuned.equals(tunedTo)) {
                return;
            }
            log.info("listener {}: tuned to stream \"{}\" announced by {}: {}:{} {} PT {}", name, stream,
                    announced.get().announcer().getHostAddress(), announced.get().session().group().getHostAddress(),
                    announced.get().session().port(), announced.get().session().format(),
                    announced.get().session().payloadType());
            tunedTo = tuned;
            apply(tuned);
        }
    }

    private void stopFollowing() {
        if (following) {
            following = false;
            browser.unsubscribe(follow);
        }
        tunedTo = null;
    }

    private void watchInterface(Map<String, Object> properties) {
        Object configuredInterface = properties.get(MulticastEndpoint.KEY_INTERFACE);
        String nicName = configuredInterface == null ? DEFAULT_INTERFACE : configuredInterface.toString().strip();
        try {
            NetworkInterface nic = NetworkInterface.getByName(nicName);
            if (nic != null) {
                browser.watch(this, nic);
            }
        } catch (SocketException e) {
            // An interface that cannot be looked up is the settings' to refuse, by name.
        }
    }

    private void apply(Map<String, Object> properties) {
        if (registration == null) {
            startUnlessNameTaken(properties);
            return;
        }
        warnOfUnknownKeys(properties);
        String wanted = ListenerSettings.nameOf(properties);
        if (!wanted.equals(registeredName) && refusedAsTaken(properties, wanted, KEEPING_RUNNING)) {
            return;
        }
        engine.update(properties);
        if (!engine.name().equals(registeredName)) {
            registeredName = engine.name();
            registration.setProperties(serviceProperties());
        }
    }

    /** A second listener with the name of one that runs is refused, so that no two report as one (its CNAME). */
    private void startUnlessNameTaken(Map<String, Object> properties) {
        warnOfUnknownKeys(properties);
        String name = ListenerSettings.nameOf(properties);
        if (refusedAsTaken(properties, name, STARTS_WHEN_RENAMED)) {
            return;
        }
        origin = new SettingsReader(properties).origin();
        continueRecordingOfASwap(name);
        engine.start(log, properties);
        registeredName = engine.name();
        registration = context.registerService(ListenerControl.class, engine, serviceProperties());
    }

    /** @return whether another listener has the name, which one line then says */
    private boolean refusedAsTaken(Map<String, Object> properties, String name, String consequence) {
        String holder = ListenerNames.holderOf(context, name, registration);
        if (holder == null) {
            return false;
        }
        log.warn("{}: {}={} refused; allowed: a name no other listener has (the listener of {} is named so){}",
                new SettingsReader(properties).origin(), ListenerSettings.NAME, name, holder, consequence);
        return true;
    }

    private void warnOfUnknownKeys(Map<String, Object> properties) {
        String file = new SettingsReader(properties).origin();
        UnknownKeys.describe(properties, CONFIG_KEYS).forEach(sentence -> log.warn("{}: {}", file, sentence));
    }

    @Deactivate
    void deactivate(int reason) {
        synchronized (tuning) {
            active = false;
            stopFollowing();
            browser.unwatch(this);
            stop(reason);
        }
    }

    private void stop(int reason) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            // Already gone with the bundle's context; nothing left to undo.
        }
        if (reason != ComponentConstants.DEACTIVATION_REASON_BUNDLE_STOPPED) {
            engine.stop();
            return;
        }
        if (frameworkStopping()) {
            engine.stop();
        } else {
            engine.depart();
        }
        keepRecordingForTheSwap();
    }

    /** The bundle stops for an update or restart: the listener that comes back continues the recording. */
    private void keepRecordingForTheSwap() {
        engine.recording().ifPresent(recording -> {
            try {
                recordings.save(engine.name(), recording, System.currentTimeMillis());
            } catch (IOException e) {
                log.warn("listener " + engine.name() + ": cannot note the recording " + recording.file()
                        + " for the bundle's return (" + e.getMessage() + "); it will start anew");
            }
        });
    }

    private void continueRecordingOfASwap(String name) {
        try {
            recordings.take(name, System.currentTimeMillis()).ifPresent(engine::continueRecording);
        } catch (IOException e) {
            log.warn("listener " + name + ": " + e.getMessage() + "; the recording starts anew");
        }
    }

    private Dictionary<String, Object> serviceProperties() {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(ListenerControl.NAME, registeredName);
        properties.put(ListenerNames.ORIGIN, origin);
        return properties;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindTransport(StreamTransport transport, Map<String, Object> properties) {
        engine.bindTransport(transport, properties);
    }

    void unbindTransport(StreamTransport transport) {
        engine.unbindTransport(transport, frameworkStopping());
    }

    private boolean frameworkStopping() {
        BundleContext bundleContext = context;
        if (bundleContext == null) {
            return false;
        }
        try {
            Bundle framework = bundleContext.getBundle(Constants.SYSTEM_BUNDLE_ID);
            return framework != null && framework.getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            return false; // the context went with this bundle: it is stopping, not necessarily the framework
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindCodec(AudioCodec codec, Map<String, Object> properties) {
        engine.bindCodec(codec, properties);
    }

    void unbindCodec(AudioCodec codec) {
        engine.unbindCodec(codec);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindSink(AudioSink sink, Map<String, Object> properties) {
        engine.bindSink(sink, properties);
    }

    void unbindSink(AudioSink sink) {
        engine.unbindSink(sink);
    }
}
