package org.liveaudio.control.sender;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.PipeSettings;
import org.liveaudio.api.audio.SourceSettings;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpPacket;
import org.liveaudio.api.net.StreamKey;

/**
 * One validated sender configuration. Built only through {@link #read}, so a stream never sees a value that
 * was not checked.
 *
 * @param file absolute; {@code null} unless the source is {@code file}, or {@code rtp} relaying by SDP file
 * @param stream the name of the announced stream that {@code source=rtp} relays; empty for other sources, and where
 *     an SDP file names the stream instead
 * @param pipe {@code null} unless the source is {@code pipe}
 * @param sdpFile absolute
 * @param configuration the whole configuration, from which the codec reads its own keys
 * @param key the SRTP key the stream is protected with, or {@code null}
 * @param announcing what the SDP names the stream and whether SAP announces it
 */
record SenderSettings(MulticastEndpoint endpoint, String source, Path file, String stream, boolean loop,
        double toneHz, PipeSettings pipe, AudioFormat format, int frameMicros, String codec, int payloadType,
        Path sdpFile, long playoutDelayMicros, Map<String, Object> configuration, StreamKey key,
        Announcing announcing) {
    static final String KEY_SOURCE = "source";
    static final String KEY_FILE = "file";
    static final String KEY_STREAM = "stream";
    static final String KEY_LOOP = "loop";
    static final String KEY_TONE_HZ = "toneHz";
    static final String KEY_PIPE = "pipe";
    static final String KEY_PIPE_COMMAND = "pipeCommand";
    static final String KEY_PIPE_SAMPLE_RATE = "pipeSampleRate";
    static final String KEY_PIPE_CHANNELS = "pipeChannels";
    static final String KEY_SAMPLE_RATE = "sampleRate";
    static final String KEY_CHANNELS = "channels";
    static final String KEY_FRAME_MILLIS = "frameMillis";
    static final String KEY_CODEC = "codec";
    static final String KEY_PAYLOAD_TYPE = "payloadType";
    static final String KEY_SDP_FILE = "sdpFile";
    static final String KEY_PLAYOUT_DELAY_MILLIS = "playoutDelayMillis";
    static final String KEY_NAME = "name";
    static final String KEY_DESCRIPTION = "description";
    static final String KEY_SAP = "sap";
    static final String KEY_SAP_INTERVAL_SECONDS = "sapIntervalSeconds";
    static final String SAP_ON = "on";
    static final String SAP_OFF = "off";
    static final int MIN_SAP_INTERVAL_SECONDS = 1;
    /** RFC 2974's interval for a crowded global scope; more would outlast a receiver's patience (10 intervals). */
    static final int MAX_SAP_INTERVAL_SECONDS = 300;
    static final int MAX_NAME_CHARS = 200;

    static final String SOURCE_MELODY = "melody";
    static final String SOURCE_TONE = "tone";
    static final String SOURCE_FILE = "file";
    static final String SOURCE_PIPE = "pipe";
    static final String SOURCE_LINE_IN = "line-in";
    static final String SOURCE_RTP = "rtp";
    static final Set<String> SOURCES = new LinkedHashSet<>(List.of(SOURCE_MELODY, SOURCE_TONE, SOURCE_FILE,
            SOURCE_PIPE, SOURCE_LINE_IN, SOURCE_RTP));

    /** Every key's fallback: the defaults {@link Broadcaster.Config} declares, which MetaType shows. */
    static final Broadcaster.Config DEFAULTS = SettingsReader.defaults(Broadcaster.Config.class);
    // Ranges that the Config's @AttributeDefinition(min, max) and the checks here both use.
    static final int MIN_TONE_HZ = 20;
    static final int MAX_TONE_HZ = 20_000;
    static final int MAX_FRAME_MILLIS = 1000;
    static final int MIN_PLAYOUT_DELAY_MILLIS = 1;
    static final int MAX_PLAYOUT_DELAY_MILLIS = 5000;
    /**
     * The frame length while the codec, whose own default applies, is not yet known; the Config declares no
     * default frame length, since it differs by codec.
     */
    static final double DEFAULT_FRAME_MILLIS = 5;

    /**
     * Reads and checks every key, naming the first bad one. The codec's own limits are checked only when
     * {@code codecs} knows the codec; otherwise the stream checks them once the codec service arrives.
     */
    static SenderSettings read(SettingsReader configured, Function<String, AudioCodec> codecs)
            throws InvalidSettingException {
        SettingsReader reader = Aes67Profile.apply(configured);
        String group = reader.string(MulticastEndpoint.KEY_GROUP, DEFAULTS.group());
        int port = reader.integer(MulticastEndpoint.KEY_PORT, DEFAULTS.port(), MulticastEndpoint.MIN_PORT,
                MulticastEndpoint.MAX_PORT);
        String nic = reader.string(MulticastEndpoint.KEY_INTERFACE, DEFAULTS.interface$());
        int ttl = reader.integer(MulticastEndpoint.KEY_TTL, DEFAULTS.ttl(), MulticastEndpoint.MIN_TTL,
                MulticastEndpoint.MAX_TTL);
        MulticastEndpoint endpoint = MulticastEndpoint.of(group, port, nic, ttl);

        String source = reader.choice(KEY_SOURCE, DEFAULTS.source(), SOURCES);
        String stream = relayedStream(reader, source);
        Path file = stream.isEmpty() ? sourceFile(reader, source) : null;
        PipeSettings pipe = pipeSettings(reader, source);
        boolean loop = reader.bool(KEY_LOOP, DEFAULTS.loop());
        double toneHz = reader.decimal(KEY_TONE_HZ, DEFAULTS.toneHz(), MIN_TONE_HZ, MAX_TONE_HZ);

        int sampleRate = reader.integer(KEY_SAMPLE_RATE, DEFAULTS.sampleRate(), AudioFormat.MIN_SAMPLE_RATE,
                AudioFormat.MAX_SAMPLE_RATE);
        int channels = reader.integer(KEY_CHANNELS, DEFAULTS.channels(), AudioFormat.MIN_CHANNELS,
                AudioFormat.MAX_CHANNELS);
        AudioFormat format = new AudioFormat(sampleRate, channels);
        String codec = codecName(reader);
        int frameMicros = frameMicros(reader, format, codecs.apply(codec));
        int payloadType = reader.integer(KEY_PAYLOAD_TYPE, DEFAULTS.payloadType(), RtpPacket.MIN_DYNAMIC_PAYLOAD_TYPE,
                RtpPacket.MAX_DYNAMIC_PAYLOAD_TYPE);
        Path sdpFile = sdpFile(reader);
        double delayMillis = reader.decimal(KEY_PLAYOUT_DELAY_MILLIS, DEFAULTS.playoutDelayMillis(),
                MIN_PLAYOUT_DELAY_MILLIS, MAX_PLAYOUT_DELAY_MILLIS);
        Map<String, Object> configuration = Collections.unmodifiableMap(new HashMap<>(reader.properties()));
        AudioCodec known = codecs.apply(codec);
        if (known != null) {
            known.newEncoder(format, format.samplesPerFrame(frameMicros), configuration);
        }
        StreamKey key = streamKey(reader);
        return new SenderSettings(endpoint, source, file, stream, loop, toneHz, pipe, format, frameMicros, codec,
                payloadType, sdpFile, Math.round(delayMillis * 1000), configuration, key, announcing(reader));
    }

    /**
     * What the SDP names the stream ({@code s=}, {@code i=}) and how SAP announces it. Each is one SDP line, so
     * a line break in either would forge lines of its own: refused.
     */
    private static Announcing announcing(SettingsReader reader) throws InvalidSettingException {
        String given = reader.string(KEY_NAME, DEFAULTS.name());
        String name = given.strip();
        if (name.isEmpty() || name.length() > MAX_NAME_CHARS || hasLineBreak(name)) {
            throw new InvalidSettingException(KEY_NAME, given, "a name of 1 to " + MAX_NAME_CHARS + " characters on "
                    + "one line, e.g. Living room (listeners tune to it with stream=NAME)");
        }
        String givenDescription = reader.string(KEY_DESCRIPTION, DEFAULTS.description());
        String description = givenDescription.strip();
        if (description.length() > MAX_NAME_CHARS || hasLineBreak(description)) {
            throw new InvalidSettingException(KEY_DESCRIPTION, givenDescription, "up to " + MAX_NAME_CHARS
                    + " characters on one line");
        }
        boolean sap = SAP_ON.equals(reader.choice(KEY_SAP, DEFAULTS.sap(), Set.of(SAP_ON, SAP_OFF)));
        int interval = reader.integer(KEY_SAP_INTERVAL_SECONDS, DEFAULTS.sapIntervalSeconds(),
                MIN_SAP_INTERVAL_SECONDS, MAX_SAP_INTERVAL_SECONDS);
        return new Announcing(name, description, sap, interval, Aes67Profile.chosen(reader));
    }

    private static boolean hasLineBreak(String text) {
        return text.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0);
    }

    /** What listeners lock onto: when any of it changes, the stream starts a new RTP session. */
    SessionShape shape() {
        return new SessionShape(format.sampleRate(), format.channels(), frameMicros, codec, payloadType);
    }

    SourceSettings sourceSettings() {
        // Only a relay by name hears on the interface: for any other source a new interface must not reopen it
        // (a pipeCommand's player would be started again).
        return new SourceSettings(file, loop, toneHz, pipe, stream,
                stream.isEmpty() ? null : endpoint.networkInterface());
    }

    /** Names what the source plays, so that a change of it starts from the beginning rather than mid-way. */
    String sourceKey() {
        if (!stream.isEmpty()) {
            return source + ":stream:" + stream;
        }
        return file == null ? source : source + ":" + file;
    }

    int samplesPerFrame() {
        return format.samplesPerFrame(frameMicros);
    }

    long periodNanos() {
        return frameMicros * 1_000L;
    }

    /** {@code 5}, {@code 2.5}: a frame length as a user wrote it. */
    static String millis(int micros) {
        return BigDecimal.valueOf(micros, 3).stripTrailingZeros().toPlainString();
    }

    /** For {@code source=rtp}, the announced name of the stream to relay, which takes the place of an SDP file. */
    private static String relayedStream(SettingsReader reader, String source) throws InvalidSettingException {
        String given = reader.string(KEY_STREAM, DEFAULTS.stream());
        String stream = given.strip();
        if (!SOURCE_RTP.equals(source)) {
            return "";
        }
        if (stream.length() > MAX_NAME_CHARS || hasLineBreak(stream)) {
            throw new InvalidSettingException(KEY_STREAM, given, "the name of an announced stream, 1 to "
                    + MAX_NAME_CHARS + " characters on one line, as listener:streams shows it (or none, and an SDP "
                    + "file in file=)");
        }
        return stream;
    }

    private static Path sourceFile(SettingsReader reader, String source) throws InvalidSettingException {
        String text = reader.string(KEY_FILE, DEFAULTS.file());
        if (!SOURCE_FILE.equals(source) && !SOURCE_RTP.equals(source)) {
            return null;
        }
        String allowed = SOURCE_RTP.equals(source) ? "an existing SDP file of the RTP stream to relay (needed by "
                + "source=rtp unless stream= names an announced one), e.g. as ffmpeg -sdp_file writes it"
                : "an existing audio file (WAV, FLAC, MP3, Ogg Vorbis, Ogg Opus), playlist (.m3u, .m3u8, "
                + ".pls) or folder of audio files (needed by source=file)";
        try {
            Path file = Path.of(text).toAbsolutePath().normalize();
            if (text.isEmpty() || !Files.exists(file)) {
                throw new InvalidSettingException(KEY_FILE, text, allowed);
            }
            return file;
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(KEY_FILE, text, allowed);
        }
    }

    /**
     * A named pipe ({@code pipe}) or a command line ({@code pipeCommand}), exactly one, and the format written there.
     * The pipe need not exist yet: players such as MPD create it when they start, and the source waits for it.
     */
    private static PipeSettings pipeSettings(SettingsReader reader, String source) throws InvalidSettingException {
        String fifo = reader.string(KEY_PIPE, DEFAULTS.pipe());
        String commandLine = reader.string(KEY_PIPE_COMMAND, DEFAULTS.pipeCommand());
        int sampleRate = reader.integer(KEY_PIPE_SAMPLE_RATE, DEFAULTS.pipeSampleRate(), AudioFormat.MIN_SAMPLE_RATE,
                AudioFormat.MAX_SAMPLE_RATE);
        int channels = reader.integer(KEY_PIPE_CHANNELS, DEFAULTS.pipeChannels(), AudioFormat.MIN_CHANNELS,
                AudioFormat.MAX_CHANNELS);
        if (!SOURCE_PIPE.equals(source)) {
            return null;
        }
        if (fifo.isEmpty() == commandLine.isEmpty()) {
            String allowed = "with source=pipe, exactly one of pipe (a named pipe's path) and pipeCommand (a "
                    + "command line that writes raw PCM to its standard output)";
            throw fifo.isEmpty() ? new InvalidSettingException(KEY_PIPE, fifo, allowed)
                    : new InvalidSettingException(KEY_PIPE_COMMAND, commandLine, allowed);
        }
        AudioFormat format = new AudioFormat(sampleRate, channels);
        if (!commandLine.isEmpty()) {
            List<String> command = words(commandLine);
            // No words: a quote left open, or only whitespace that trim() keeps (U+3000, U+2028, ...).
            if (command.isEmpty()) {
                throw new InvalidSettingException(KEY_PIPE_COMMAND, commandLine,
                        "a command line whose quotes are closed, e.g. librespot --backend pipe --name 'Living room'");
            }
            return new PipeSettings(null, command, format);
        }
        try {
            return new PipeSettings(Path.of(fifo).toAbsolutePath().normalize(), List.of(), format);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(KEY_PIPE, fifo, "a named pipe's path, e.g. /tmp/snapfifo");
        }
    }

    /**
     * Splits a command line as a shell would, without running one: on whitespace, except within single quotes
     * (taken literally) or double quotes (where a backslash escapes " and \); elsewhere a backslash escapes any
     * character. Empty when a quote is left open.
     */
    private static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean escaped = c == '\\' && i + 1 < line.length()
                    && (quote == 0 || (quote == '"' && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')));
            if (quote == 0 && Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                continue;
            }
            word = word == null ? new StringBuilder() : word;
            if (escaped) {
                word.append(line.charAt(++i));
            } else if (quote == 0 && (c == '\'' || c == '"')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else {
                word.append(c);
            }
        }
        if (quote != 0) {
            return List.of();
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    private static String codecName(SettingsReader reader) throws InvalidSettingException {
        String codec = reader.string(KEY_CODEC, DEFAULTS.codec());
        if (!codec.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new InvalidSettingException(KEY_CODEC, codec, "an RTP encoding name such as L16");
        }
        return codec;
    }

    private static int frameMicros(SettingsReader reader, AudioFormat format, AudioCodec codec)
            throws InvalidSettingException {
        double fallback = codec == null ? DEFAULT_FRAME_MILLIS : codec.defaultFrameMicros() / 1000.0;
        double millis = reader.decimal(KEY_FRAME_MILLIS, fallback, 0, MAX_FRAME_MILLIS);
        double micros = millis * 1000;
        long whole = Math.round(micros);
        int samples = Math.abs(micros - whole) < 1e-6 ? format.samplesPerFrame((int) whole) : -1;
        String given = reader.string(KEY_FRAME_MILLIS, millis((int) whole));
        if (samples <= 0) {
            throw new InvalidSettingException(KEY_FRAME_MILLIS, given, "above 0 and at most " + MAX_FRAME_MILLIS
                    + " ms, holding a whole number of samples at " + format.sampleRate() + " Hz, e.g. "
                    + wholeFrames(format));
        }
        if (codec != null && FrameEncoding.ticksPerFrame(codec, format, samples) < 0) {
            throw new InvalidSettingException(KEY_FRAME_MILLIS, given,
                    codec.name() + " with " + format + " takes " + codec.supportedFormats());
        }
        return (int) whole;
    }

    private static String wholeFrames(AudioFormat format) {
        return IntStream.of(2_500, 5_000, 10_000, 20_000, 40_000).filter(micros -> format.samplesPerFrame(micros) > 0)
                .mapToObj(SenderSettings::millis).collect(Collectors.joining(", "));
    }

    /** The key in the file {@code keyFile} names, relative to the working directory; null without one. */
    private static StreamKey streamKey(SettingsReader reader) throws InvalidSettingException {
        String text = reader.string(StreamKey.KEY_FILE, DEFAULTS.keyFile());
        if (text.isEmpty()) {
            return null;
        }
        try {
            return StreamKey.read(Path.of(text).toAbsolutePath().normalize(), StreamKey.KEY_FILE);
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(StreamKey.KEY_FILE, text, "a file path");
        }
    }

    private static Path sdpFile(SettingsReader reader) throws InvalidSettingException {
        String text = reader.string(KEY_SDP_FILE, DEFAULTS.sdpFile());
        String allowed = "a file path whose folder exists (relative paths start in the working directory)";
        try {
            Path file = Path.of(text).toAbsolutePath().normalize();
            if (text.isEmpty() || Files.isDirectory(file) || !Files.isDirectory(file.getParent())) {
                throw new InvalidSettingException(KEY_SDP_FILE, text, allowed);
            }
            return file;
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(KEY_SDP_FILE, text, allowed);
        }
    }
}
