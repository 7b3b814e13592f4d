package org.liveaudio.api.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liveaudio.api.InvalidSettingException;

class StreamKeyTest {
    /** RFC 4568's example key. */
    private static final String INLINE = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

    @TempDir
    Path folder;

    @Test
    void inlineKeyParsesIntoKeyAndSaltAndWritesBackTheSame() {
        StreamKey key = StreamKey.parse("inline:" + INLINE + "|2^20|1:32");
        assertEquals(16, key.masterKey().length);
        assertEquals(14, key.masterSalt().length);
        assertArrayEquals("YS___semctl () {".getBytes(java.nio.charset.StandardCharsets.US_ASCII), key.masterKey());
        assertEquals(INLINE, key.inline());
        assertEquals(key, StreamKey.parse(INLINE));
    }

    @Test
    void generatedKeysDifferAndRoundTrip() {
        StreamKey one = StreamKey.generate(new SecureRandom());
        StreamKey two = StreamKey.generate(new SecureRandom());
        assertNotEquals(one, two);
        assertNotEquals(one.id(), two.id());
        assertEquals(one, StreamKey.parse(one.inline()));
    }

    @Test
    void theKeysLengthTellsTheSuite() {
        StreamKey gcm = StreamKey.generate(new SecureRandom(), StreamKey.SUITE_GCM);
        assertEquals(StreamKey.SUITE_GCM, gcm.suite());
        assertEquals(12, gcm.masterSalt().length);
        assertEquals(40, gcm.inline().length());
        assertEquals(gcm, StreamKey.parse(gcm.inline()));
        assertEquals(StreamKey.SUITE, StreamKey.parse(INLINE).suite());
        assertTrue(gcm.toString().startsWith(StreamKey.SUITE_GCM + " key "));
        assertThrows(IllegalArgumentException.class, () -> StreamKey.generate(new SecureRandom(), "NULL"));
    }

    @Test
    void textShowsTheIdAndNeverTheKey() {
        StreamKey key = StreamKey.parse(INLINE);
        assertFalse(key.toString().contains(INLINE));
        assertTrue(key.toString().contains(key.id()));
        assertEquals(8, key.id().length());
    }

    @Test
    void fileWithCommentsAndTheKeyIsRead() throws Exception {
        Path file = folder.resolve("stream.key");
        Files.writeString(file, "# the stream's key\n\n" + INLINE + "\n");
        assertEquals(StreamKey.parse(INLINE), StreamKey.read(file, "keyFile"));
    }

    @Test
    void missingFileIsRefusedNamingTheFile() {
        Path file = folder.resolve("absent.key");
        InvalidSettingException e = assertThrows(InvalidSettingException.class, () -> StreamKey.read(file, "keyFile"));
        assertEquals("keyFile", e.key());
        assertTrue(e.value().contains(file.toString()) && e.value().contains("cannot be read"), e.value());
        assertTrue(e.allowed().contains("base64"), e.allowed());
    }

    @Test
    void malformedKeysAreRefusedWithoutShowingWhatTheFileHolds() throws IOException {
        for (String content : new String[] {"", INLINE.substring(1), INLINE.replace('W', '*'),
                INLINE + INLINE}) {
            Path file = folder.resolve("bad.key");
            Files.writeString(file, content);
            InvalidSettingException e = assertThrows(InvalidSettingException.class,
                    () -> StreamKey.read(file, "keyFile"));
            assertTrue(e.value().contains("holds"), e.value());
            if (!content.isEmpty()) {
                assertFalse(e.getMessage().contains(content), e.getMessage());
            }
        }
    }
}
