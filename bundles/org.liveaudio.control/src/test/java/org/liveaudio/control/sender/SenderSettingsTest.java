package org.liveaudio.control.sender;

import org.liveaudio.api.testing.FakeL16Codec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.audio.AudioCodec;
import org.liveaudio.api.audio.AudioEncoder;
import org.liveaudio.api.audio.AudioFormat;
import org.liveaudio.api.audio.PipeSettings;

class SenderSettingsTest {
    private final FakeL16Codec codec = new FakeL16Codec();

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("group", "10.0.0.1"),
                Arguments.of("group", "240.0.0.300"),
                Arguments.of("group", "abc"),
                Arguments.of("port", "0"),
                Arguments.of("port", "70000"),
                Arguments.of("port", "x"),
                Arguments.of("interface", "nosuch0"),
                Arguments.of("ttl", "300"),
                Arguments.of("source", "foo"),
                Arguments.of("loop", "sometimes"),
                Arguments.of("toneHz", "0"),
                Arguments.of("pipeSampleRate", "1000"),
                Arguments.of("pipeChannels", "9"),
                Arguments.of("sampleRate", "1000"),
                Arguments.of("channels", "0"),
                Arguments.of("frameMillis", "0"),
                Arguments.of("frameMillis", "3.3333"),
                Arguments.of("frameMillis", "100"),
                Arguments.of("codec", "L 16"),
                Arguments.of("payloadType", "20"),
                Arguments.of("sdpFile", "/no/such/folder/liveaudio.sdp"),
                Arguments.of("name", "Kitchen\r\na=forged"),
                Arguments.of("name", ""),
                Arguments.of("name", "x".repeat(201)),
                Arguments.of("description", "two\nlines"),
                Arguments.of("sap", "yes"),
                Arguments.of("sapIntervalSeconds", "0"),
                Arguments.of("sapIntervalSeconds", "301"),
                Arguments.of("profile", "dante"));
    }

    @Test
    void aKeyFileIsReadAndAMissingOrMalformedOneRefusedNamingTheFileNeverItsContent(@TempDir Path folder)
            throws Exception {
        StreamKey key = StreamKey.generate(new java.security.SecureRandom());
        Path file = folder.resolve("stream.key");
        Files.writeString(file, "# the stream's key\n" + key.inline() + "\n");
        assertEquals(key, read(Map.of("keyFile", file.toString())).key());
        assertEquals(null, read(Map.of()).key(), "unprotected without one");

        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("keyFile", folder.resolve("absent.key").toString())));
        assertEquals("keyFile", missing.key());
        assertTrue(missing.getMessage().contains("absent.key (cannot be read"), missing.getMessage());
        Files.writeString(file, key.inline().substring(0, 30));
        InvalidSettingException malformed = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("keyFile", file.toString())));
        assertTrue(malformed.getMessage().contains("holds a key of 30 characters, not 40"), malformed.getMessage());
        assertFalse(malformed.getMessage().contains(key.inline().substring(0, 30)), malformed.getMessage());
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void aBadValueIsRefusedNamingKeyValueAndWhatIsAllowed(String key, String value) {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class, () -> read(Map.of(key, value)));

        assertEquals(key, refused.key());
        assertEquals(value, refused.value());
        assertFalse(refused.allowed().isBlank());
        assertTrue(refused.getMessage().startsWith(key + "=" + value + " refused; allowed: "), refused.getMessage());
    }

    @Test
    void aMissingFileIsRefusedWhenTheSourceIsFile() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "file", "file", "/no/such/song.wav")));

        assertEquals("file", refused.key());
        assertEquals("/no/such/song.wav", refused.value());
    }

    @Test
    void anEmptyFileIsRefusedWhenTheSourceIsFile() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "file")));

        assertEquals("file", refused.key());
    }

    @Test
    void aPipeSourceWithoutPipeOrCommandIsRefusedNamingPipe() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "pipe")));

        assertEquals("pipe", refused.key());
        assertTrue(refused.allowed().contains("exactly one of pipe"), refused.allowed());
    }

    @Test
    void aPipeSourceWithBothPipeAndCommandIsRefusedNamingTheCommand() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "pipe", "pipe", "/tmp/snapfifo", "pipeCommand", "librespot")));

        assertEquals("pipeCommand", refused.key());
        assertEquals("librespot", refused.value());
    }

    @Test
    void aPipeCommandWithAnOpenQuoteIsRefused() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "pipe", "pipeCommand", "librespot --name 'Living room")));

        assertEquals("pipeCommand", refused.key());
    }

    @Test
    void aNamedPipeIsTakenAsAnAbsolutePathInTheDefaultFormatAndNeedNotExistYet() throws Exception {
        SenderSettings settings = read(Map.of("source", "pipe", "pipe", "snapfifo"));

        PipeSettings pipe = settings.pipe();
        assertEquals(Path.of("snapfifo").toAbsolutePath(), pipe.fifo());
        assertEquals(List.of(), pipe.command());
        assertEquals(new AudioFormat(48_000, 2), pipe.format());
        assertEquals(pipe, settings.sourceSettings().pipe());
    }

    @Test
    void aPipeCommandIsSplitIntoWordsKeepingQuotedOnesWhole() throws Exception {
        SenderSettings settings = read(Map.of("source", "PIPE", "pipeSampleRate", "44100", "pipeChannels", "1",
                "pipeCommand", "librespot  --name 'Living room' --backend pipe --device \"a \\\"b\\\"\" x\\ y"));

        PipeSettings pipe = settings.pipe();
        assertEquals(List.of("librespot", "--name", "Living room", "--backend", "pipe", "--device", "a \"b\"", "x y"),
                pipe.command());
        assertNull(pipe.fifo());
        assertEquals(new AudioFormat(44_100, 1), pipe.format());
    }

    @Test
    void otherSourcesCarryNoPipe() throws Exception {
        assertNull(read(Map.of("source", "tone", "pipe", "/tmp/snapfifo")).sourceSettings().pipe());
    }

    @Test
    void aFrameOfNoWholeNumberOfSamplesIsRefusedWithLengthsThatWouldDo() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("sampleRate", "44100", "frameMillis", "5")));

        assertEquals("frameMillis", refused.key());
        assertTrue(refused.allowed().endsWith("at 44100 Hz, e.g. 10, 20, 40"), refused.allowed());
    }

    @Test
    void theCodecLimitNamesWhatTheCodecTakes() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("frameMillis", "100")));

        assertTrue(refused.allowed().contains(codec.supportedFormats()), refused.allowed());
    }

    @Test
    void theCodecLimitWaitsForTheCodecWhenItIsNotThereYet() throws Exception {
        SenderSettings settings = SenderSettings.read(new SettingsReader(Map.of("frameMillis", "100")), name -> null);

        assertEquals(100_000, settings.frameMicros());
    }

    @Test
    void withoutAFrameLengthTheCodecsOwnDefaultApplies() throws Exception {
        AudioCodec tenMillisecondCodec = new ForwardingCodec(codec) {
            @Override
            public int defaultFrameMicros() {
                return 10_000;
            }
        };

        SenderSettings settings = SenderSettings.read(new SettingsReader(Map.of("channels", "1")),
                name -> tenMillisecondCodec);

        assertEquals(10_000, settings.frameMicros());
    }

    @Test
    void aValueTheCodecRefusesIsRefusedAsTheCodecSaysIt() {
        AudioCodec picky = new ForwardingCodec(codec) {
            @Override
            public AudioEncoder newEncoder(AudioFormat format, int samplesPerFrame, Map<String, ?> configuration)
                    throws InvalidSettingException {
                throw new InvalidSettingException("bitrate", configuration.get("bitrate"), "6..510");
            }
        };

        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> SenderSettings.read(new SettingsReader(Map.of("bitrate", "5")), name -> picky));

        assertEquals("bitrate=5 refused; allowed: 6..510", refused.getMessage());
    }

    @Test
    void theCodecReadsItsKeysFromTheWholeConfiguration() throws Exception {
        SenderSettings settings = read(Map.of("bitrate", "96", "codec", "L16"));

        assertEquals("96", settings.configuration().get("bitrate"));
    }

    @Test
    void defaultsStreamTheMelodyAsL16StereoInFiveMillisecondFramesOnLoopback() throws Exception {
        SenderSettings settings = read(Map.of());

        assertEquals("239.255.0.1:5004 on lo", settings.endpoint().toString());
        assertEquals(1, settings.endpoint().ttl());
        assertEquals("melody", settings.source());
        assertNull(settings.file());
        assertTrue(settings.loop());
        assertEquals(440, settings.toneHz());
        assertEquals(48_000, settings.format().sampleRate());
        assertEquals(2, settings.format().channels());
        assertEquals(5_000, settings.frameMicros());
        assertEquals(240, settings.samplesPerFrame());
        assertEquals("L16", settings.codec());
        assertEquals(96, settings.payloadType());
        assertEquals(Path.of("liveaudio.sdp").toAbsolutePath(), settings.sdpFile());
    }

    @Test
    void typedValuesAndFractionalFramesAreAccepted() throws Exception {
        Map<String, Object> typed = new HashMap<>();
        typed.put("port", 6000);
        typed.put("ttl", 0);
        typed.put("frameMillis", 2.5);
        typed.put("loop", false);
        typed.put("channels", 1);
        typed.put("payloadType", 127);

        SenderSettings settings = read(typed);

        assertEquals(6000, settings.endpoint().port());
        assertEquals(2_500, settings.frameMicros());
        assertEquals(120, settings.samplesPerFrame());
        assertFalse(settings.loop());
    }

    @Test
    void anExistingFileOrFolderIsAcceptedAsAnAbsolutePath(@TempDir Path dir) throws Exception {
        Path song = Files.createFile(dir.resolve("song.wav"));

        assertEquals(song, read(Map.of("source", "file", "file", song.toString())).file());
        assertEquals(dir, read(Map.of("source", "FILE", "file", dir.toString())).file());
    }

    @Test
    void theSourceKeyNamesTheFileSoThatAnotherFileStartsFromItsBeginning(@TempDir Path dir) throws Exception {
        Path song = Files.createFile(dir.resolve("song.wav"));

        assertEquals("file:" + song, read(Map.of("source", "file", "file", song.toString())).sourceKey());
        assertEquals("melody", read(Map.of("file", song.toString())).sourceKey());
    }

    @Test
    void backslashesEscapeOnlyWhereAShellWouldLetThem() throws Exception {
        SenderSettings settings = read(Map.of("source", "pipe",
                "pipeCommand", "cmd \"a\\\\b\" \"c\\d\" 'e\\f' \"h\\\\\" g\\"));

        assertEquals(List.of("cmd", "a\\b", "c\\d", "e\\f", "h\\", "g\\"), settings.pipe().command());
    }

    @Test
    void aFrameOfNoLengthIsRefusedAlsoWhileTheCodecIsMissing() {
        InvalidSettingException refused = assertThrows(InvalidSettingException.class,
                () -> SenderSettings.read(new SettingsReader(Map.of("frameMillis", "0")), name -> null));

        assertTrue(refused.allowed().startsWith("above 0 and at most "), refused.allowed());
    }

    @Test
    void theStreamIsNamedAndAnnouncedEveryFiveSecondsByDefault() throws Exception {
        assertEquals(new Announcing("Live Audio Streamer", "", true, 5, false), read(Map.of()).announcing());
        assertEquals(new Announcing("Kitchen", "Radio 3, all day", false, 30, false), read(Map.of("name", " Kitchen ",
                "description", "Radio 3, all day", "sap", "OFF", "sapIntervalSeconds", "30")).announcing());
    }

    @Test
    void theAes67ProfileStandsForL24At48kHzInOneMillisecondFramesAnnouncedWithItsClockLines() throws Exception {
        SenderSettings s = read(Map.of("profile", "aes67", "channels", "8"));

        assertEquals("L24", s.codec());
        assertEquals(new AudioFormat(48_000, 8), s.format());
        assertEquals(1_000, s.frameMicros());
        assertTrue(s.announcing().sap());
        assertTrue(s.announcing().clockSignalling());
        assertFalse(read(Map.of()).announcing().clockSignalling());
        assertEquals(1_000, read(Map.of("profile", "AES67", "frameMillis", "1.0", "codec", "l24")).frameMicros());
    }

    @Test
    void aKeyThatContradictsTheAes67ProfileIsRefusedSayingWhatTheProfileStandsFor() {
        InvalidSettingException codec = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("profile", "aes67", "codec", "L16")));
        InvalidSettingException sap = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("profile", "aes67", "sap", "off")));

        assertEquals("codec", codec.key());
        assertTrue(codec.getMessage().contains("L24 with profile=aes67, which stands for codec=L24, sampleRate=48000, "
                + "frameMillis=1, sap=on"), codec.getMessage());
        assertEquals("sap", sap.key());
    }

    @Test
    void theRtpRelayNeedsTheSdpFileOfTheStream(@TempDir Path dir) throws Exception {
        InvalidSettingException missing = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "rtp")));
        assertEquals("file", missing.key());
        assertTrue(missing.getMessage().contains("SDP file of the RTP stream to relay"), missing.getMessage());

        Path sdp = Files.writeString(dir.resolve("ffmpeg.sdp"), "v=0\n");
        assertEquals(sdp, read(Map.of("source", "rtp", "file", sdp.toString())).file());
    }

    @Test
    void theRtpRelayTakesAnAnnouncedStreamByNameInPlaceOfAnSdpFile() throws Exception {
        SenderSettings byName = read(Map.of("source", "rtp", "stream", " PipeWire desktop ", "interface", "lo"));
        assertEquals("PipeWire desktop", byName.stream());
        assertNull(byName.file(), "no SDP file is looked for");
        assertEquals("PipeWire desktop", byName.sourceSettings().stream());
        assertEquals("lo", byName.sourceSettings().networkInterface().getName(), "SAP is heard where the sender sends");
        assertEquals("rtp:stream:PipeWire desktop", byName.sourceKey());
        assertNotEquals(byName.sourceKey(), read(Map.of("source", "rtp", "stream", "Kitchen")).sourceKey(),
                "another stream is another source");

        InvalidSettingException forged = assertThrows(InvalidSettingException.class,
                () -> read(Map.of("source", "rtp", "stream", "a\nb")));
        assertEquals("stream", forged.key());
        assertTrue(forged.getMessage().contains("name of an announced stream"), forged.getMessage());
        assertEquals("", read(Map.of("source", "melody", "stream", "Kitchen")).stream(), "only the relay takes one");
        assertNull(read(Map.of("source", "melody", "interface", "lo")).sourceSettings().networkInterface(),
                "a source that hears nothing on the interface is not told it, so a new one does not reopen it");
    }

    @Test
    void thePlayoutDelayIsKeptInMicroseconds() throws Exception {
        assertEquals(8_750, read(Map.of("playoutDelayMillis", "8.75")).playoutDelayMicros());
    }

    @Test
    void theSessionShapeChangesOnlyWithWhatListenersLockOnto() throws Exception {
        SessionShape shape = read(Map.of()).shape();

        assertEquals(shape, read(Map.of("port", "6000", "source", "tone", "ttl", "2")).shape());
        assertFalse(shape.equals(read(Map.of("channels", "1")).shape()));
        assertFalse(shape.equals(read(Map.of("payloadType", "97")).shape()));
        assertFalse(shape.equals(read(Map.of("frameMillis", "2.5")).shape()));
        assertFalse(shape.equals(read(Map.of("sampleRate", "32000")).shape()));
    }

    @Test
    void frameLengthsReadAsWritten() {
        assertEquals("5", SenderSettings.millis(5_000));
        assertEquals("2.5", SenderSettings.millis(2_500));
        assertEquals("0.125", SenderSettings.millis(125));
    }

    private SenderSettings read(Map<String, ?> properties) throws InvalidSettingException {
        return SenderSettings.read(new SettingsReader(properties), this::codec);
    }

    private AudioCodec codec(String name) {
        return name.equalsIgnoreCase(codec.name()) ? codec : null;
    }
}
