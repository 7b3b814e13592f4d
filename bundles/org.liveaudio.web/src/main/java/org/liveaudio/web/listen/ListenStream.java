package org.liveaudio.web.listen;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.AudioTap;
import org.liveaudio.api.stream.StreamControl;
import org.liveaudio.common.audio.PcmRing;
import org.liveaudio.common.audio.TapThread;
import org.liveaudio.common.config.UnknownKeys;
import org.liveaudio.common.ogg.OggOpusEncoder;
import org.liveaudio.web.auth.ReadAccess;
import org.liveaudio.web.auth.RequestFacts;
import org.liveaudio.web.auth.RequestGuard.Verdict;
import org.osgi.service.component.ComponentContext;
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
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The sender's stream for browsers and media players: Ogg Opus (RFC 7845) over HTTP at {@value BrowserStream#PATH},
 * chunked, for as long as the client listens. One encoder for all clients, fed by a tap of the sender through a
 * ring to a thread of its own, so the sender's clock never waits; it runs only while a client listens. Each client
 * gets the stream's header pages, then the live pages from the next one on; one that falls too far behind is
 * dropped. Reading it follows the console's rule for reads ({@link ReadAccess}): open on loopback by default,
 * else for a logged-in session.
 */
@Component(service = {Servlet.class, AudioTap.class, BrowserStream.class}, configurationPid = ListenStream.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        reference = @Reference(name = ListenStream.ACCESS, service = ReadAccess.class,
                cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC))
@HttpWhiteboardServletPattern(BrowserStream.PATH)
@HttpWhiteboardServletAsyncSupported
@Designate(ocd = ListenStream.Config.class)
public final class ListenStream extends HttpServlet implements AudioTap, BrowserStream {
    private static final long serialVersionUID = 1L;
    public static final String PID = "org.liveaudio.web.stream";
    static final String THREAD_NAME = "liveaudio-web-stream";
    /** Opus's usual packet for streaming, and one Ogg page each. */
    static final int PACKET_MICROS = 20_000;
    /**
     * Pages a client may be behind before it is dropped: 5 s of 20 ms pages. A browser reads ahead of what it plays
     * only as far as its own buffer, so a client this far behind is one whose connection cannot carry the stream.
     */
    static final int QUEUE_PAGES = 250;
    static final int MAX_CLIENTS_LIMIT = 256;
    /** Two seconds of 48 kHz stereo: the encoder's thread catches up at many times real time after a stall. */
    private static final int RING_SAMPLES = 48_000 * 2 * 2;
    private static final long IDLE_PARK_NANOS = 100_000_000L;
    private static final long JOIN_MILLIS = 2_000;
    private static final String KEY_BITRATE = "bitrate";
    /** The target of the Opus reference, which SCR puts among the component's properties. */
    private static final String OPUS_TARGET = "opus.target";
    /** The reference to the console's read rule, which requests look up. */
    static final String ACCESS = "access";

    @ObjectClassDefinition(name = "Live Audio Streamer browser stream",
            description = "The sender's stream as Ogg Opus over HTTP at /stream.opus, for browsers and players.")
    @interface Config {
        @AttributeDefinition(min = "6", max = "510", description = "Opus bitrate in kbit/s; a new value applies "
                + "from the next time the stream starts (when a client comes while none listens).")
        int bitrate() default 128;

        @AttributeDefinition(min = "1", max = "" + MAX_CLIENTS_LIMIT,
                description = "Clients at once at most; one more is answered 503.")
        int maxClients() default 16;
    }

    private static final Config DEFAULTS = SettingsReader.defaults(Config.class);

    @Reference(service = LoggerFactory.class)
    transient Logger log;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, target = "(" + AudioCodec.NAME + "=opus)")
    transient volatile AudioCodec opus;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    transient volatile StreamControl sender;

    /**
     * Where the read rule ({@link #ACCESS}) is looked up, per request, rather than bound: the console's API, which
     * provides the rule, refers to this stream, and two bound references make a cycle that SCR reports as an error
     * whenever both components activate together.
     */
    private transient volatile ComponentContext context;

    private final transient SecureRandom random = new SecureRandom();
    private transient TapThread worker;
    transient Subscribers clients;
    /** Whether a client listens: only then does the tap fill the ring and the thread encode. */
    private volatile boolean wanted;
    private volatile int bitrate;
    private volatile int maxClients;
    private volatile String state = "idle";

    @Activate
    void activate(ComponentContext componentContext, Map<String, Object> properties) {
        context = componentContext;
        bitrate = DEFAULTS.bitrate();
        maxClients = DEFAULTS.maxClients();
        configure(properties);
        clients = new Subscribers(log);
        worker = new TapThread(THREAD_NAME, RING_SAMPLES, this::run);
        worker.start();
    }

    @Modified
    void modified(Map<String, Object> properties) {
        configure(properties);
    }

    @Deactivate
    void deactivate() {
        worker.stop(JOIN_MILLIS);
        clients.closeAll("the stream stops");
    }

    @Override
    public void frame(short[] pcm, int samples, AudioFormat format) {
        if (wanted) {
            worker.frame(pcm, samples, format);
        }
    }

    @Override
    public String status() {
        Listening now = listening();
        return String.format("browser stream %s: %s, %d client(s) (%d since the start, %d dropped as too slow), "
                + "%d frame(s) dropped", now.path(), now.state(), now.clients(), now.served(), now.droppedClients(),
                now.droppedFrames());
    }

    @Override
    public Listening listening() {
        Subscribers.Counts counts = clients.counts();
        return new Listening(PATH, state, counts.clients(), counts.served(), counts.dropped(),
                worker.ring().dropped());
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        ReadAccess rule = (ReadAccess) context.locateService(ACCESS);
        Verdict verdict = rule == null ? new Verdict(503, "the console is not running", null)
                : rule.read(RequestFacts.of(request));
        if (!verdict.allowed()) {
            response.sendError(verdict.status(), verdict.reason());
            return;
        }
        if (sender == null) {
            response.sendError(503, "no sender runs in this framework");
            return;
        }
        if (opus == null) {
            response.sendError(503, "no Opus codec in this framework");
            return;
        }
        if (clients.counts().clients() >= maxClients) {
            response.sendError(503, "at most " + maxClients + " clients at once");
            return;
        }
        response.setContentType("audio/ogg");
        AsyncContext context = request.startAsync();
        StreamClient client = StreamClient.start(context, request.getRemoteAddr() + ":" + request.getRemotePort(),
                QUEUE_PAGES);
        clients.add(client);
        log.info("Browser stream: a client at {} listens ({})", client.address(), request.getHeader("User-Agent"));
        worker.wake();
    }

    private void configure(Map<String, ?> properties) {
        SettingsReader reader = new SettingsReader(properties);
        Set<String> known = new TreeSet<>(UnknownKeys.declaredBy(Config.class));
        known.add(OPUS_TARGET);
        for (String unknown : UnknownKeys.describe(properties, known)) {
            log.warn("{}: {}", reader.origin(), unknown);
        }
        try {
            int kbps = reader.integer(KEY_BITRATE, DEFAULTS.bitrate(), 6, 510);
            int most = reader.integer("maxClients", DEFAULTS.maxClients(), 1, MAX_CLIENTS_LIMIT);
            bitrate = kbps;
            maxClients = most;
        } catch (InvalidSettingException e) {
            log.warn("{}: {}; keeping bitrate={} and maxClients={}", reader.origin(), e.getMessage(), bitrate,
                    maxClients);
        }
    }

    private void run() {
        PcmRing ring = worker.ring();
        AudioFormat format = null;
        OggOpusEncoder encoder = null;
        short[] packet = new short[0];
        while (worker.running()) {
            if (clients.sweep() == 0) {
                if (wanted) {
                    wanted = false;
                    worker.wakeAt(Integer.MAX_VALUE);
                    encoder = null;
                    clients.end();
                    state = "idle";
                }
                worker.await(IDLE_PARK_NANOS);
                continue;
            }
            wanted = true;
            AudioFormat offered = ring.offeredFormat();
            if (offered != null) {
                if (encoder != null) {
                    clients.closeAll("the stream's format changed to " + offered);
                    encoder = null;
                }
                format = offered;
                ring.adopt(offered);
                continue;
            }
            if (format == null) {
                worker.await(IDLE_PARK_NANOS);
                continue;
            }
            if (encoder == null) {
                encoder = begin(format, bitrate, ring);
                if (encoder == null) {
                    worker.await(IDLE_PARK_NANOS);
                    continue;
                }
                packet = new short[format.samplesPerFrame(PACKET_MICROS) * format.channels()];
                worker.wakeAt(packet.length);
                continue;
            }
            if (ring.available() < packet.length) {
                worker.await(IDLE_PARK_NANOS);
                continue;
            }
            ring.take(packet, packet.length);
            int length = encoder.audioPage(packet);
            clients.publish(Arrays.copyOf(encoder.page(), length));
        }
    }

    /**
     * A new Ogg stream from the ring's newest audio on: its header pages go to the clients; {@code null} when Opus
     * cannot encode this stream, and the clients are closed with the reason.
     */
    private OggOpusEncoder begin(AudioFormat format, int kbps, PcmRing ring) {
        AudioCodec codec = opus;
        int packetSamples = format.samplesPerFrame(PACKET_MICROS);
        String problem = codec == null ? "no Opus codec"
                : !codec.supports(format, packetSamples) ? "Opus takes " + codec.supportedFormats()
                        + "; the stream is " + format : null;
        OggOpusEncoder encoder = null;
        if (problem == null) {
            try {
                encoder = new OggOpusEncoder(codec.newEncoder(format, packetSamples, Map.of(KEY_BITRATE, kbps)),
                        format, packetSamples, random.nextInt());
            } catch (InvalidSettingException e) {
                problem = e.getMessage();
            }
        }
        if (encoder == null) {
            if (!state.equals("stuck: " + problem)) {
                log.warn("Browser stream cannot encode: {}", problem);
            }
            state = "stuck: " + problem;
            clients.closeAll(problem);
            return null;
        }
        byte[] identification = Arrays.copyOf(encoder.page(), encoder.identificationPage());
        byte[] comment = Arrays.copyOf(encoder.page(), encoder.commentPage("Live Audio Streamer"));
        ring.clear();
        clients.begin(identification, comment);
        state = "streaming Opus " + kbps + " kbit/s " + format;
        return encoder;
    }
}
