package org.liveaudio.transport.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.StreamKey;
import org.liveaudio.api.testing.RecordingLogger;

class ProtectionWatchTest {
    private static final long MILLI = 1_000_000;
    private final RecordingLogger log = new RecordingLogger();
    private final StreamKey key = StreamKey.generate(new SecureRandom());
    private final ProtectionWatch watch = new ProtectionWatch(log.logger(), "receiver", key);

    @Test
    void aWrongKeyIsSaidOnceAfterASecondOfFailuresAndRecoveryOnceToo() {
        for (long t = 0; t <= 3_000; t += 5) {
            watch.dropped(Verdict.UNAUTHENTICATED, t * MILLI);
        }
        assertEquals(601, watch.unauthenticated());
        assertEquals(1, log.warnings().size(), log.lines().toString());
        assertTrue(log.warnings().get(0).contains("no packet has authenticated under " + key), log.warnings().get(0));
        watch.accepted(3_001 * MILLI);
        watch.accepted(3_006 * MILLI);
        assertEquals(2, log.lines().size(), log.lines().toString());
        assertTrue(log.lines().get(1).contains("packets authenticate under " + key), log.lines().get(1));
        assertTrue(log.lines().stream().noneMatch(line -> line.contains(key.inline())));
    }

    @Test
    void rogueFailuresAmongAuthenticPacketsChangeNoStateAndOnlyCount() {
        for (long t = 0; t <= 3_000; t += 5) {
            watch.accepted(t * MILLI);
            watch.dropped(Verdict.UNAUTHENTICATED, t * MILLI + 1);
            watch.dropped(Verdict.REPLAYED, t * MILLI + 2);
        }
        assertEquals(601, watch.unauthenticated());
        assertEquals(601, watch.replayed());
        assertEquals(2, log.lines().size(), "first authenticated, first replay: " + log.lines());
        assertTrue(log.warnings().isEmpty());
    }
}
