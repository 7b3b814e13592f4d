package org.liveaudio.codec.opus;

import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioDecoder;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.codec.PayloadLimit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Component;

/**
 * Opus (RFC 6716) in RTP (RFC 7587): the RTP clock always runs at 48 kHz, and the encoding name is
 * {@code opus/48000/2} whatever the channel count. Encoded and decoded by Concentus, embedded in this bundle.
 *
 * <p>Decoding happens at 48 kHz only, so that the samples a listener plays and the clock ticks it counts
 * are the same thing; other rates are refused rather than resampled here.
 */
@Component(service = AudioCodec.class, property = AudioCodec.NAME + "=" + OpusCodec.ENCODING_NAME)
public final class OpusCodec implements AudioCodec {
    /** Lower case as RFC 7587's rtpmap writes it; the system compares names ignoring case. */
    static final String ENCODING_NAME = "opus";

    /** Short enough for a tight playout delay, and long enough for SILK and hybrid modes, so FEC can work. */
    static final int DEFAULT_FRAME_MICROS = 10_000;

    static final String WARM_UP_THREAD = "liveaudio-codec-opus-warmup";
    private static final long WARM_UP_JOIN_MILLIS = 1_000;

    /** Whether the component is active: a codec made outside the framework (a unit test's) never warms up. */
    private boolean active;
    /** Started by the first stream that asks for a coder; null before. */
    private Thread warmUp;

    /**
     * Compiles Concentus on a thread of its own ({@link OpusWarmUp}), never a sender's clock or a listener's
     * playout, once a stream first asks for an Opus encoder or decoder. Not when the bundle starts: every sender and
     * listener binds every codec, and one that streams L16 (the default) paid the warm-up at every start, about
     * 0.45 s of CPU while the process was starting and 6 MB of heap, for an Opus it never used. The stream that asked
     * starts at once and shares what the warm-up compiles as it goes.
     */
    private synchronized void warmUpOnce() {
        if (!active || warmUp != null) {
            return;
        }
        warmUp = new Thread(() -> OpusWarmUp.run(this, () -> !Thread.currentThread().isInterrupted()),
                WARM_UP_THREAD);
        warmUp.setDaemon(true);
        warmUp.start();
    }

    @Activate
    synchronized void activate() {
        active = true;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        Thread started;
        synchronized (this) {
            active = false;
            started = warmUp;
        }
        if (started != null) {
            started.interrupt();
            started.join(WARM_UP_JOIN_MILLIS);
        }
    }

    @Override
    public String name() {
        return ENCODING_NAME;
    }

    @Override
    public int clockRate(AudioFormat format) {
        return OpusPacket.CLOCK_RATE;
    }

    @Override
    public boolean supports(AudioFormat format, int samplesPerFrame) {
        return format != null && format.sampleRate() == OpusPacket.CLOCK_RATE && format.channels() <= 2
                && OpusPacket.isFrameSize(samplesPerFrame);
    }

    @Override
    public String supportedFormats() {
        return "48000 Hz mono or stereo in frames of 2.5, 5, 10, 20, 40 or 60 ms "
                + "(120, 240, 480, 960, 1920 or 2880 samples)";
    }

    @Override
    public int defaultFrameMicros() {
        return DEFAULT_FRAME_MICROS;
    }

    @Override
    public long nominalBitsPerSecond(AudioFormat format) {
        return OpusSettings.defaultKilobitsPerSecond(format) * 1000L;
    }

    /**
     * An unfragmented packet's payload. Opus' own bound (1275 bytes a frame) is larger for frames of 40 and
     * 60 ms; the encoder is held to this one, which caps those frames' rate near 290 and 195 kbit/s.
     */
    @Override
    public int maxPayloadBytes(AudioFormat format, int samplesPerFrame) {
        return PayloadLimit.UNFRAGMENTED_BYTES;
    }

    @Override
    public int samplesIn(AudioFormat format, byte[] payload, int offset, int length) {
        return OpusPacket.samples(payload, offset, length);
    }

    /**
     * RFC 7587 section 7's parameters that are true of the stream the configuration makes. Never {@code cbr=1}:
     * the rate is constrained VBR at most. The frame length is the sender's, so {@code a=ptime} is its line.
     */
    @Override
    public String sdpFormatParameters(AudioFormat format, Map<String, ?> configuration) {
        OpusSettings settings;
        try {
            settings = OpusSettings.read(configuration, format);
        } catch (InvalidSettingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        StringJoiner parameters = new StringJoiner("; ");
        parameters.add("maxaveragebitrate=" + settings.bitsPerSecond());
        if (format.channels() == 2) {
            parameters.add("stereo=1").add("sprop-stereo=1");
        }
        if (settings.inbandFec()) {
            parameters.add("useinbandfec=1");
        }
        if (settings.dtx()) {
            parameters.add("usedtx=1");
        }
        return parameters.toString();
    }

    @Override
    public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration)
            throws InvalidSettingException {
        AudioEncoder encoder = encoder(format, samplesPerFrame, configuration);
        warmUpOnce();
        return encoder;
    }

    @Override
    public AudioDecoder newDecoder(AudioFormat format, int samplesPerFrame) {
        AudioDecoder decoder = decoder(format, samplesPerFrame);
        warmUpOnce();
        return decoder;
    }

    /** Whether a stream's coder has started the warm-up. */
    synchronized boolean warmUpStarted() {
        return warmUp != null;
    }

    /** An encoder that starts no warm-up: the warm-up's own. */
    AudioEncoder encoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration)
            throws InvalidSettingException {
        requireSupported(format, samplesPerFrame);
        OpusSettings settings = OpusSettings.read(configuration, format).requireFecPossible(samplesPerFrame);
        return new OpusFrameEncoder(format.channels(), settings);
    }

    /** A decoder that starts no warm-up: the warm-up's own. */
    AudioDecoder decoder(AudioFormat format, int samplesPerFrame) {
        requireSupported(format, samplesPerFrame);
        return new OpusFrameDecoder(format.channels());
    }

    private void requireSupported(AudioFormat format, int samplesPerFrame) {
        if (!supports(format, samplesPerFrame)) {
            throw new IllegalArgumentException("Opus cannot carry " + samplesPerFrame + " samples of " + format
                    + " per packet; allowed: " + supportedFormats());
        }
    }

    @Override
    public Set<String> settingKeys() {
        return OpusSettings.KEYS;
    }
}
