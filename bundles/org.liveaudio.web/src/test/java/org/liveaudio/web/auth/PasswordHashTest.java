package org.liveaudio.web.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PasswordHashTest {
    private final SecureRandom random = new SecureRandom();

    @Test
    void theHashedPasswordMatchesAndNoOtherDoes() {
        PasswordHash hash = PasswordHash.of("correct horse".toCharArray(), random);
        assertTrue(hash.matches("correct horse".toCharArray()));
        assertFalse(hash.matches("correct horsf".toCharArray()));
        assertFalse(hash.matches("".toCharArray()));
    }

    @Test
    void theLineReadsBackToAHashOfTheSamePasswordWithTheIterationsItNames() {
        PasswordHash hash = PasswordHash.of("s3cret".toCharArray(), random, 1000);
        String line = hash.line();
        assertTrue(line.startsWith("pbkdf2-sha256$1000$"), line);
        assertTrue(PasswordHash.isHashed(line));
        PasswordHash read = PasswordHash.parse(line);
        assertTrue(read.matches("s3cret".toCharArray()));
        assertFalse(read.matches("s3creT".toCharArray()));
        assertEquals(line, read.line());
    }

    @Test
    void theDefaultIsOwaspsIterationCountAndEachHashHasItsOwnSalt() {
        String first = PasswordHash.of("same".toCharArray(), random).line();
        String second = PasswordHash.of("same".toCharArray(), random).line();
        assertTrue(first.startsWith("pbkdf2-sha256$600000$"), first);
        assertNotEquals(first, second);
    }

    @Test
    void aDamagedLineIsRefusedWithoutRepeatingIt() {
        String good = PasswordHash.of("x".toCharArray(), random, 10).line();
        String[] damaged = {"pbkdf2-sha256$10$abc", "pbkdf2-sha256$ten$" + good.split("\\$")[2] + "$" + good.split("\\$")[3],
            "pbkdf2-sha256$0$" + good.split("\\$")[2] + "$" + good.split("\\$")[3],
            "pbkdf2-sha256$10$" + good.split("\\$")[2] + "$AAAA", "md5$10$a$b", "pbkdf2-sha256$10$!!$??"};
        for (String line : damaged) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> PasswordHash.parse(line), line);
            assertFalse(refused.getMessage().contains(line), refused.getMessage());
        }
    }

    @Test
    void aPasswordInClearIsNotTakenForAHash() {
        assertFalse(PasswordHash.isHashed("hunter2"));
        assertFalse(PasswordHash.isHashed("pbkdf2-sha256"));
    }
}
