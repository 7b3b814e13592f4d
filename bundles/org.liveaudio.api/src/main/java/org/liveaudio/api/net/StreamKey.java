package org.liveaudio.api.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import org.liveaudio.api.InvalidSettingException;

/**
 * The master key and master salt that protect a stream with SRTP and SRTCP (RFC 3711), written as in RFC 4568's
 * inline key parameter, the base64 of key and salt together (40 characters), which also tells the crypto suite:
 * {@value #SUITE} has a 128-bit key and a 112-bit salt, {@value #SUITE_GCM} (RFC 7714) a 128-bit key and a 96-bit
 * salt. The key never shows in {@link #toString()}, only its {@link #id()}.
 */
public final class StreamKey {
    /** The default suite, which every SRTP peer has (ffmpeg among them). */
    public static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
    /** AES-GCM (RFC 7714): encryption and authentication in one pass, a 16-byte tag. */
    public static final String SUITE_GCM = "AEAD_AES_128_GCM";
    public static final String KEY_FILE = "keyFile";
    public static final int KEY_BYTES = 16;
    public static final int SALT_BYTES = 14;
    public static final int GCM_SALT_BYTES = 12;
    private static final int ENCODED_LENGTH = 40;
    private static final String ALLOWED = "a readable file holding the " + ENCODED_LENGTH + "-character base64 "
            + "master key and salt of " + SUITE + " or " + SUITE_GCM + " (RFC 4568 inline key), as stream:newkey "
            + "writes it";

    private final byte[] material;
    private final String suite;
    private final String id;

    private StreamKey(byte[] material) {
        this.material = material;
        this.suite = material.length == KEY_BYTES + GCM_SALT_BYTES ? SUITE_GCM : SUITE;
        this.id = fingerprint(material);
    }

    /** A fresh {@value #SUITE} key from {@code random}, which should be a {@link SecureRandom}. */
    public static StreamKey generate(SecureRandom random) {
        return generate(random, SUITE);
    }

    /**
     * A fresh key of {@code suite} from {@code random}.
     *
     * @throws IllegalArgumentException for a suite other than {@value #SUITE} and {@value #SUITE_GCM}
     */
    public static StreamKey generate(SecureRandom random, String suite) {
        byte[] material = new byte[KEY_BYTES + saltBytes(suite)];
        random.nextBytes(material);
        return new StreamKey(material);
    }

    private static int saltBytes(String suite) {
        if (SUITE.equals(suite)) {
            return SALT_BYTES;
        }
        if (SUITE_GCM.equals(suite)) {
            return GCM_SALT_BYTES;
        }
        throw new IllegalArgumentException("suite " + suite + ": " + SUITE + " or " + SUITE_GCM);
    }

    /**
     * The key of RFC 4568's inline parameter: 40 base64 characters, optionally preceded by {@code inline:} and
     * followed by a lifetime or MKI ({@code |...}), which this suite's use here ignores.
     *
     * @throws IllegalArgumentException naming what is wrong, never the text itself
     */
    public static StreamKey parse(String inline) {
        String text = inline.strip();
        if (text.startsWith("inline:")) {
            text = text.substring("inline:".length());
        }
        int bar = text.indexOf('|');
        if (bar >= 0) {
            text = text.substring(0, bar);
        }
        if (text.length() != ENCODED_LENGTH) {
            throw new IllegalArgumentException("a key of " + text.length() + " characters, not " + ENCODED_LENGTH);
        }
        byte[] material;
        try {
            material = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a key that is not base64");
        }
        if (material.length != KEY_BYTES + SALT_BYTES && material.length != KEY_BYTES + GCM_SALT_BYTES) {
            throw new IllegalArgumentException("a key of " + material.length + " bytes, not "
                    + (KEY_BYTES + SALT_BYTES) + " (" + SUITE + ") or " + (KEY_BYTES + GCM_SALT_BYTES) + " ("
                    + SUITE_GCM + ")");
        }
        return new StreamKey(material);
    }

    /**
     * Reads the key from a file of its own, whose first line that is not empty or a {@code #} comment holds it.
     *
     * @param setting the configuration key that named the file, for the refusal
     * @throws InvalidSettingException for a missing, unreadable or malformed file; its message names the file and
     *     what is wrong, never the file's content
     */
    public static StreamKey read(Path file, String setting) throws InvalidSettingException {
        String text;
        try {
            text = Files.readAllLines(file, StandardCharsets.US_ASCII).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            throw new InvalidSettingException(setting, file + " (cannot be read: " + e.getClass().getSimpleName()
                    + ")", ALLOWED);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(setting, file + " (holds " + e.getMessage() + ")", ALLOWED);
        }
    }

    /** The 16-byte master key; a copy. */
    public byte[] masterKey() {
        return Arrays.copyOf(material, KEY_BYTES);
    }

    /** The crypto suite, {@value #SUITE} or {@value #SUITE_GCM}, as an SDP's {@code a=crypto} names it. */
    public String suite() {
        return suite;
    }

    /** The master salt, 14 bytes ({@value #SUITE}) or 12 ({@value #SUITE_GCM}); a copy. */
    public byte[] masterSalt() {
        return Arrays.copyOfRange(material, KEY_BYTES, material.length);
    }

    /** The inline key parameter (RFC 4568): for a key file or an SDP that must carry it, never for a log. */
    public String inline() {
        return Base64.getEncoder().encodeToString(material);
    }

    /**
     * Eight hex digits that tell keys apart in logs and tables without giving away anything of the key: the start
     * of its SHA-256.
     */
    public String id() {
        return id;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StreamKey key && MessageDigest.isEqual(material, key.material);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }

    @Override
    public String toString() {
        return suite + " key " + id;
    }

    private static String fingerprint(byte[] material) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material);
            return String.format("%02x%02x%02x%02x", digest[0], digest[1], digest[2], digest[3]);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
