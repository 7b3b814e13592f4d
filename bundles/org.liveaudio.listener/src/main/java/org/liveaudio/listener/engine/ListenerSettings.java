package org.liveaudio.listener.engine;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.net.RtpPacket;

/**
 * One listener's validated configuration (factory PID {@value #PID}, one {@code PID-NAME.cfg} per listener).
 *
 * @param file the recording, absolute: for the wav sink, and for the speaker's fallback
 * @param codec the payload's encoding name, as in the SDP's {@code a=rtpmap}
 * @param format sample rate and channels from the SDP's {@code a=rtpmap} (L16 does not describe itself)
 * @param bufferMillis the prebuffer when playing by this machine's clock, for senders that do not announce a
 *     playout delay
 * @param clockOffsetMillis a test aid: this machine's clock is taken to be that far off, as another machine's
 *     would be, to show that the listener finds the offset to the sender's clock; 0 otherwise
 * @param clockDriftPpm a test aid: this machine's clock is taken to run that many ppm fast (slow if negative),
 *     as another machine's crystal would, to show that the listener follows the offset as it moves; 0 otherwise
 * @param key the SRTP key the stream is protected with, or {@code null} for an unprotected stream
 */
public record ListenerSettings(String name, MulticastEndpoint endpoint, int bufferMillis, String sink, Path file,
        String codec, int payloadType, AudioFormat format, int clockOffsetMillis, int clockDriftPpm, StreamKey key) {
    public static final String PID = "org.liveaudio.listener";

    public static final String NAME = "name";
    public static final String BUFFER_MILLIS = "bufferMillis";
    public static final String SINK = "sink";
    public static final String FILE = "file";
    public static final String CODEC = "codec";
    public static final String PAYLOAD_TYPE = "payloadType";
    public static final String SAMPLE_RATE = "sampleRate";
    public static final String CHANNELS = "channels";
    public static final String CLOCK_OFFSET_MILLIS = "clockOffsetMillis";
    public static final String CLOCK_DRIFT_PPM = "clockDriftPpm";

    // Ranges that the Config's @AttributeDefinition(min, max) and the checks here both use.
    public static final int MIN_BUFFER_MILLIS = 0;
    public static final int MAX_BUFFER_MILLIS = 2000;
    /**
     * Static payload types too: ffmpeg sends L16 at 44.1 kHz as RFC 3551's static types 10 (stereo) and 11
     * (mono), which its SDP names without an rtpmap.
     */
    public static final int MIN_PAYLOAD_TYPE = 0;
    /** Either way: the clock may be taken to be behind as well as ahead. */
    public static final int MAX_CLOCK_OFFSET_MILLIS = 10_000;
    /** Either way: the clock may be taken to run slow as well as fast. */
    public static final int MAX_CLOCK_DRIFT_PPM = 500;

    public static final String SPEAKER = "speaker";
    public static final String WAV = "wav";
    public static final String NULL_SINK = "null";
    public static final String TIMING = "timing";
    public static final Set<String> SINKS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(SPEAKER, WAV,
            NULL_SINK, TIMING)));
    private static final Pattern ENCODING_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,31}");
    /** Every key's fallback: the defaults {@link Listener.Config} declares, which MetaType shows. */
    private static final Listener.Config DEFAULTS = SettingsReader.defaults(Listener.Config.class);
    /** Listeners never send media; the TTL only completes the endpoint. */
    private static final int TTL = 1;
    private static final Pattern NAME_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String NAME_ALLOWED =
            "1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit";

    /**
     * Reads and checks every key, in the order a user reads the file, refusing the first bad value.
     * Absent keys (and an empty {@code name} or {@code file}) take their defaults.
     */
    public static ListenerSettings read(Map<String, ?> properties) throws InvalidSettingException {
        SettingsReader reader = new SettingsReader(properties);
        String name = reader.string(NAME, DEFAULTS.name());
        if (name.isEmpty()) {
            name = defaultName(properties);
        }
        if (!NAME_PATTERN.matcher(name).matches()) {
            throw new InvalidSettingException(NAME, name, NAME_ALLOWED);
        }
        String group = reader.string(MulticastEndpoint.KEY_GROUP, DEFAULTS.group());
        int port = reader.integer(MulticastEndpoint.KEY_PORT, DEFAULTS.port(), MulticastEndpoint.MIN_PORT,
                MulticastEndpoint.MAX_PORT);
        String networkInterface = reader.string(MulticastEndpoint.KEY_INTERFACE, DEFAULTS.interface$());
        MulticastEndpoint endpoint = MulticastEndpoint.of(group, port, networkInterface, TTL);
        int bufferMillis = reader.integer(BUFFER_MILLIS, DEFAULTS.bufferMillis(), MIN_BUFFER_MILLIS,
                MAX_BUFFER_MILLIS);
        String sink = reader.choice(SINK, DEFAULTS.sink(), SINKS);
        Path file = recording(reader.string(FILE, DEFAULTS.file()), name);
        String codec = reader.string(CODEC, DEFAULTS.codec());
        if (!ENCODING_NAME.matcher(codec).matches()) {
            throw new InvalidSettingException(CODEC, codec, "an RTP encoding name such as L16 or opus, as the SDP's "
                    + "a=rtpmap names it");
        }
        int payloadType = reader.integer(PAYLOAD_TYPE, DEFAULTS.payloadType(), MIN_PAYLOAD_TYPE,
                RtpPacket.MAX_DYNAMIC_PAYLOAD_TYPE);
        int sampleRate = reader.integer(SAMPLE_RATE, DEFAULTS.sampleRate(), AudioFormat.MIN_SAMPLE_RATE,
                AudioFormat.MAX_SAMPLE_RATE);
        int channels = reader.integer(CHANNELS, DEFAULTS.channels(), AudioFormat.MIN_CHANNELS,
                AudioFormat.MAX_CHANNELS);
        int clockOffsetMillis = reader.integer(CLOCK_OFFSET_MILLIS, DEFAULTS.clockOffsetMillis(),
                -MAX_CLOCK_OFFSET_MILLIS, MAX_CLOCK_OFFSET_MILLIS);
        int clockDriftPpm = reader.integer(CLOCK_DRIFT_PPM, DEFAULTS.clockDriftPpm(), -MAX_CLOCK_DRIFT_PPM,
                MAX_CLOCK_DRIFT_PPM);
        StreamKey key = streamKey(reader.string(StreamKey.KEY_FILE, DEFAULTS.keyFile()));
        return new ListenerSettings(name, endpoint, bufferMillis, sink, file, codec, payloadType,
                new AudioFormat(sampleRate, channels), clockOffsetMillis, clockDriftPpm, key);
    }

    /** The key in the file named, relative to the working directory; null for none. */
    private static StreamKey streamKey(String keyFile) throws InvalidSettingException {
        if (keyFile.isEmpty()) {
            return null;
        }
        try {
            return StreamKey.read(Path.of(keyFile).toAbsolutePath().normalize(), StreamKey.KEY_FILE);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(StreamKey.KEY_FILE, keyFile, "a file path");
        }
    }

    /** The configured name if it is usable, else the default: for naming a listener whose configuration is bad. */
    public static String nameOf(Map<String, ?> properties) {
        Object configured = properties.get(NAME);
        String name = configured == null ? "" : configured.toString().trim();
        return NAME_PATTERN.matcher(name).matches() ? name : defaultName(properties);
    }

    /**
     * {@code NAME} of the {@code org.liveaudio.listener-NAME.cfg} file the configuration came from, else the
     * name part of its PID.
     */
    static String defaultName(Map<String, ?> properties) {
        Object file = properties.get(SettingsReader.FILE_PROPERTY);
        if (file != null) {
            String base = fileName(file.toString()).replaceFirst("\\.(cfg|config)$", "");
            String name = base.startsWith(PID + "-") ? base.substring(PID.length() + 1) : base;
            if (!name.isEmpty()) {
                return name;
            }
        }
        Object pid = properties.get("service.pid");
        if (pid == null) {
            return "listener";
        }
        String text = pid.toString();
        return text.substring(text.lastIndexOf('~') + 1);
    }

    private static String fileName(String location) {
        try {
            if (location.startsWith("file:")) {
                Path path = Path.of(URI.create(location)).getFileName();
                return path == null ? "" : path.toString();
            }
        } catch (IllegalArgumentException e) {
            // Not a well-formed file URI: fall through to taking the last path segment as it is.
        }
        return location.substring(Math.max(location.lastIndexOf('/'), location.lastIndexOf('\\')) + 1);
    }

    private static Path recording(String configured, String name) throws InvalidSettingException {
        String text = configured.isEmpty() ? "recordings/" + name + ".wav" : configured;
        String allowed = "a file path, absolute or relative to " + Path.of("").toAbsolutePath();
        try {
            Path file = Path.of(text).toAbsolutePath().normalize();
            if (Files.isDirectory(file)) {
                throw new InvalidSettingException(FILE, text, allowed + ", that is not a folder");
            }
            return file;
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(FILE, text, allowed);
        }
    }

    /** What differs from an older configuration, for the log line, e.g. {@code sink speaker -> wav}. */
    String changesSince(ListenerSettings old) {
        List<String> changes = new ArrayList<>();
        change(changes, NAME, old.name, name);
        change(changes, "endpoint", old.endpoint, endpoint);
        change(changes, BUFFER_MILLIS, old.bufferMillis, bufferMillis);
        change(changes, SINK, old.sink, sink);
        change(changes, FILE, old.file, file);
        change(changes, CODEC, old.codec, codec);
        change(changes, PAYLOAD_TYPE, old.payloadType, payloadType);
        change(changes, "format", old.format, format);
        change(changes, CLOCK_OFFSET_MILLIS, old.clockOffsetMillis, clockOffsetMillis);
        change(changes, CLOCK_DRIFT_PPM, old.clockDriftPpm, clockDriftPpm);
        change(changes, "key", old.key == null ? "none" : old.key, key == null ? "none" : key);
        return String.join(", ", changes);
    }

    private static void change(List<String> changes, String what, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(what + " " + before + " -> " + after);
        }
    }

    /** {@code L16/48000/2 PT 96}, as the SDP would say it. */
    String payloadDescription() {
        return codec + "/" + format.sampleRate() + "/" + format.channels() + " PT " + payloadType;
    }
}
