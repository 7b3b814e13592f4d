package org.liveaudio.listener.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.liveaudio.listener.engine.PacketGate.Verdict.ACCEPT;
import static org.liveaudio.listener.engine.PacketGate.Verdict.NEW_SOURCE;
import static org.liveaudio.listener.engine.PacketGate.Verdict.REJECT;
import static org.liveaudio.listener.engine.PacketGate.Verdict.WRONG_PAYLOAD_TYPE;

import org.junit.jupiter.api.Test;

class PacketGateTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long SOURCE = 0xCAFE_F00DL;
    private static final long OTHER = 0x1234_5678L;

    private final PacketGate gate = new PacketGate(96);

    @Test
    void locksOntoTheFirstSource() {
        assertEquals(-1, gate.ssrc());
        assertEquals(NEW_SOURCE, gate.check(96, SOURCE, 0));
        assertEquals(ACCEPT, gate.check(96, SOURCE, 5_000_000));
        assertEquals(SOURCE, gate.ssrc());
    }

    @Test
    void wrongPayloadTypeIsMalformed() {
        gate.check(96, SOURCE, 0);

        assertEquals(WRONG_PAYLOAD_TYPE, gate.check(97, SOURCE, 1));
        assertEquals(WRONG_PAYLOAD_TYPE, gate.check(0, SOURCE, 2));
        assertEquals(2, gate.malformed());
    }

    @Test
    void wrongPayloadTypeDoesNotLock() {
        assertEquals(WRONG_PAYLOAD_TYPE, gate.check(8, OTHER, 0));
        assertEquals(-1, gate.ssrc());
    }

    @Test
    void foreignSsrcIsMalformedWhileTheLockedSourceIsAlive() {
        gate.check(96, SOURCE, 0);
        gate.check(96, SOURCE, SECOND);

        assertEquals(REJECT, gate.check(96, OTHER, 2 * SECOND));
        assertEquals(1, gate.malformed());
        assertEquals(SOURCE, gate.ssrc());
    }

    @Test
    void relocksOntoANewSourceAfterTwoSecondsOfSilence() {
        gate.check(96, SOURCE, 0);
        assertEquals(REJECT, gate.check(96, OTHER, 2 * SECOND), "exactly 2 s is not yet silence");

        assertEquals(NEW_SOURCE, gate.check(96, OTHER, 2 * SECOND + 1));
        assertEquals(OTHER, gate.ssrc());
        assertEquals(REJECT, gate.check(96, SOURCE, 2 * SECOND + 2), "the old source is foreign now");
    }

    @Test
    void payloadTypeFollowsTheConfiguration() {
        gate.check(96, SOURCE, 0);
        gate.expect(100);

        assertEquals(WRONG_PAYLOAD_TYPE, gate.check(96, SOURCE, 1));
        assertEquals(ACCEPT, gate.check(100, SOURCE, 2));
    }

    @Test
    void byeOfTheLockedSourceLetsAnotherTakeOverAtOnce() {
        gate.check(96, SOURCE, 0);

        assertTrue(gate.release(SOURCE, SECOND));
        assertFalse(gate.release(SOURCE, SECOND), "a repeated BYE releases nothing more");

        assertEquals(NEW_SOURCE, gate.check(96, OTHER, SECOND + 1));
        assertEquals(OTHER, gate.ssrc());
        assertEquals(REJECT, gate.check(96, SOURCE, SECOND + 2));
    }

    @Test
    void byeOfAnotherSourceChangesNothing() {
        gate.check(96, SOURCE, 0);

        assertFalse(gate.release(OTHER, 1));
        assertEquals(REJECT, gate.check(96, OTHER, 2));
    }

    @Test
    void packetsTrailingTheByeKeepItButASenderBackLaterHoldsTheLockAgain() {
        gate.check(96, SOURCE, 0);
        gate.release(SOURCE, SECOND);

        assertEquals(ACCEPT, gate.check(96, SOURCE, SECOND + PacketGate.BYE_GRACE_NANOS));
        assertFalse(gate.release(SOURCE, SECOND), "still released");

        assertEquals(NEW_SOURCE, gate.check(96, SOURCE, SECOND + PacketGate.BYE_GRACE_NANOS + 1),
                "another run of the sender, with a timeline of its own");
        assertEquals(ACCEPT, gate.check(96, SOURCE, SECOND + PacketGate.BYE_GRACE_NANOS + 2));
        assertEquals(REJECT, gate.check(96, OTHER, SECOND + PacketGate.BYE_GRACE_NANOS + 3),
                "the sender came back with the same SSRC: the lock holds again");
    }

    @Test
    void wouldTakeAnotherStreamExactlyWhenAPacketOfItWouldBeLocked() {
        assertTrue(gate.wouldTake(OTHER, 0), "nothing locked yet");
        gate.check(96, SOURCE, 0);
        assertFalse(gate.wouldTake(SOURCE, 1), "the locked stream is not another");
        assertFalse(gate.wouldTake(OTHER, PacketGate.SILENCE_BEFORE_RELOCK_NANOS), "the locked one is alive");
        assertTrue(gate.wouldTake(OTHER, PacketGate.SILENCE_BEFORE_RELOCK_NANOS + 1), "the locked one fell silent");
        assertEquals(0, gate.malformed(), "asking counts nothing");

        gate.release(SOURCE, 2);
        assertTrue(gate.wouldTake(OTHER, 3), "the locked one said BYE");
        assertEquals(SOURCE, gate.ssrc(), "asking locks nothing");
    }
}
