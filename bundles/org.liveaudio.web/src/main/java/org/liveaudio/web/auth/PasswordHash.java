package org.liveaudio.web.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A password stored as PBKDF2-HMAC-SHA256 (RFC 8018) with a random salt, written as one line
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (salt and hash in base64): the form the password file holds.
 * The JDK's own {@code javax.crypto} does the work; nothing here is home-made but the line's layout.
 */
public final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2023); one check costs a fraction of a second, a guess as much. */
    static final int ITERATIONS = 600_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final String ALGORITHM = "PBKDF2WithHmacSHA256";

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** The hash of {@code password} with a new random salt. */
    public static PasswordHash of(char[] password, SecureRandom random) {
        return of(password, random, ITERATIONS);
    }

    static PasswordHash of(char[] password, SecureRandom random, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    /** Whether {@code line} is in this class's form (else a password file holds a password not yet hashed). */
    public static boolean isHashed(String line) {
        return line.startsWith(SCHEME + "$");
    }

    /**
     * Reads a line in this class's form.
     *
     * @throws IllegalArgumentException naming what is wrong, never repeating the line (it may be a password)
     */
    public static PasswordHash parse(String line) {
        String[] parts = line.strip().split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("not " + SCHEME + "$ITERATIONS$SALT$HASH");
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("the iteration count is below 1");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] hash = Base64.getDecoder().decode(parts[3]);
            if (salt.length == 0 || hash.length * 8 != HASH_BITS) {
                throw new IllegalArgumentException("the salt is empty or the hash is not " + HASH_BITS + " bits");
            }
            return new PasswordHash(iterations, salt, hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("salt or hash is not base64 of the right length");
        }
    }

    /** Whether {@code password} is the one hashed; in time independent of where the two differ. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    /** The line for the password file. */
    public String line() {
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is part of every Java 17 runtime", e);
        } finally {
            spec.clearPassword();
        }
    }
}
