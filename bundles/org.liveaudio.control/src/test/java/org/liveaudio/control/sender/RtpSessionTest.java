package org.liveaudio.control.sender;

import org.liveaudio.api.testing.RecordingLogger;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtpSessionTest {
    private static final SessionShape SHAPE = new SessionShape(48_000, 2, 5_000, "L16", 96);

    @Test
    void sequenceWrapsFrom65535ToZero() {
        RtpSession session = new RtpSession(1, 65_535, 0, 240);

        assertEquals(65_535, session.takeSequence());
        assertEquals(0, session.takeSequence());
        assertEquals(1, session.takeSequence());
    }

    @Test
    void timestampWrapsAtTwoToThe32() {
        RtpSession session = new RtpSession(1, 0, (1L << 32) - 240, 240);

        assertEquals((1L << 32) - 240, session.timestamp(0));
        assertEquals(0, session.timestamp(1));
        assertEquals(240, session.timestamp(2));
    }

    @Test
    void onlyTheFirstPacketAndTheFirstAfterADiscontinuityCarryTheMarker() {
        RtpSession session = new RtpSession(1, 0, 0, 240);

        assertTrue(session.takeMarker());
        assertFalse(session.takeMarker());
        session.markDiscontinuity();
        assertTrue(session.takeMarker());
        assertFalse(session.takeMarker());
    }

    @Test
    void randomSessionsDiffer() {
        Random random = new Random(1);
        RtpSession one = RtpSession.random(random, 240);
        RtpSession two = RtpSession.random(random, 240);

        assertNotEquals(one.ssrc(), two.ssrc());
        assertTrue(one.ssrc() >= 0 && one.ssrc() <= 0xFFFF_FFFFL);
        assertTrue(one.nextSequence() >= 0 && one.nextSequence() <= 0xFFFF);
    }

    @Test
    void savedSessionContinuesWithTheSameSsrcTheNextSequenceAndTheTimestampOfTheTimePassed(@TempDir Path dir) {
        SessionStore store = new SessionStore(dir.resolve("session.properties"), new RecordingLogger().logger());
        store.save(new SessionState(0xCAFEBABEL, 65_535, 0xFFFF_FF00L, 4_000, 3_840_000, 12_345, "melody", 1_000_000,
                SHAPE));

        SessionState saved = store.take();
        long oneSecondLater = 1_001_000;
        assertTrue(saved.continues(SHAPE, oneSecondLater));
        RtpSession resumed = saved.resume(200, 240);

        assertEquals(0xCAFEBABEL, resumed.ssrc());
        assertEquals(65_535, resumed.takeSequence());
        assertEquals(0, resumed.takeSequence());
        assertEquals((0xFFFF_FF00L + 200 * 240) & 0xFFFF_FFFFL, resumed.timestamp(0));
        assertTrue(resumed.takeMarker());
        assertFalse(saved.resume(0, 240).takeMarker(), "no frame skipped: no marker");
        assertEquals(12_345, saved.sourcePosition());
        assertEquals("melody", saved.sourceKey());
        assertEquals(4_000, saved.packetCount());
        assertEquals(3_840_000, saved.octetCount());
    }

    @Test
    void aSessionKeptBeforeTheSenderCountedForReportsContinuesWithCountsFromZero(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.properties");
        SessionState counted = new SessionState(7, 2, 3, 10, 9_600, 4, "melody", 5, SHAPE);
        java.util.Properties older = counted.toProperties();
        older.remove("packetCount");
        older.remove("octetCount");
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(file)) {
            older.store(out, null);
        }

        SessionState saved = new SessionStore(file, new RecordingLogger().logger()).take();

        assertEquals(7, saved.ssrc());
        assertEquals(0, saved.packetCount());
        assertEquals(0, saved.octetCount());
    }

    @Test
    void aSavedSessionIsTakenOnlyOnce(@TempDir Path dir) {
        SessionStore store = new SessionStore(dir.resolve("session.properties"), new RecordingLogger().logger());
        store.save(new SessionState(1, 2, 3, 0, 0, 4, "melody", 5, SHAPE));

        store.take();

        assertNull(store.take());
    }

    @Test
    void aSessionDoesNotContinueWhenOldOrOfAnotherShape() {
        SessionState saved = new SessionState(1, 2, 3, 0, 0, 4, "melody", 1_000_000, SHAPE);

        assertFalse(saved.continues(SHAPE, 1_000_000 + SessionState.MAX_AGE_MILLIS));
        assertFalse(saved.continues(SHAPE, 1_000_000 - SessionState.MAX_AHEAD_MILLIS - 1));
        assertTrue(saved.continues(SHAPE, 999_995), "the slot's instant a frame after the saving");
        assertFalse(saved.continues(new SessionShape(44_100, 2, 5_000, "L16", 96), 1_000_001));
        assertFalse(saved.continues(new SessionShape(48_000, 2, 5_000, "L16", 97), 1_000_001));
        assertTrue(saved.continues(SHAPE, 1_000_001));
    }

    @Test
    void anUnreadableSessionFileIsIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.properties");
        java.nio.file.Files.writeString(file, "ssrc=not a number\n");

        assertNull(new SessionStore(file, new RecordingLogger().logger()).take());
    }
}
