package org.liveaudio.listener.rtcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.NtpTime;
import org.liveaudio.api.net.ReceiverReport;
import org.liveaudio.api.net.RepairReport;
import org.liveaudio.api.net.ReportBlock;
import org.liveaudio.api.net.SenderReport;
import org.liveaudio.api.testing.RecordingLogger;
import org.liveaudio.listener.sync.PlayoutSync;

class RtcpSessionTest {
    private static final long MS = 1_000_000L;
    private static final long OWN = 0x1157_E4E1L;
    private static final long SENDER = 0x5E4D_E401L;
    private static final long NTP = 0xE1B2_C3D4_A5B6_C7D8L;
    private static final InetSocketAddress FROM = new InetSocketAddress("127.0.0.1", 5005);
    private static final MulticastEndpoint ENDPOINT = TestEndpoints.loopback("239.255.0.1");

    /** A stream that is locked onto what the test says and records what is asked of it. */
    private static final class ScriptedStream implements ReportedStream {
        long locked = -1;
        /** Whether the reception would take another stream now. */
        boolean takesAnother;
        final List<Long> byesPassedOn = new ArrayList<>();
        /** What repair made of the loss, as the reception would say it; null where it says nothing. */
        RepairReport repair;

        @Override
        public RepairReport repairReport() {
            return repair;
        }

        @Override
        public boolean wouldLock(long ssrc, long nowNanos) {
            return takesAnother && ssrc != locked;
        }

        @Override
        public long lockedSsrc() {
            return locked;
        }

        @Override
        public ReportBlock nextReportBlock(SenderTiming lastReport, long nowNanos) {
            return locked < 0 ? null : new ReportBlock(locked, 0, 0, 0, 0,
                    lastReport == null ? 0 : lastReport.lastSenderReport(),
                    lastReport == null ? 0 : lastReport.delaySinceReport(nowNanos));
        }

        @Override
        public boolean senderLeft(long ssrc, long nowNanos) {
            boolean first = ssrc == locked && !byesPassedOn.contains(ssrc);
            byesPassedOn.add(ssrc);
            return first;
        }
    }

    private final RecordingLogger log = new RecordingLogger();
    private final ScriptedStream stream = new ScriptedStream();
    private final SenderReports senders = new SenderReports();
    private long now = 50_000 * MS;
    private final PlayoutSync sync = new PlayoutSync(new WallClock(0, 0), 48_000);
    private final RtcpSession session = new RtcpSession("demo", OWN, stream, senders, sync, 1_536_000, () -> now,
            log.logger());
    private final FakeRtcpChannel channel = new FakeRtcpChannel(ENDPOINT, session, "rtcp");

    private static SenderReport senderReport(long ssrc) {
        return new SenderReport(ssrc, NTP, 1_000, 10, 9_600, List.of());
    }

    @Test
    void receiverReportCarriesLsrAndDlsrOfTheLockedSendersLastReport() {
        stream.locked = SENDER;
        senders.lock(SENDER);
        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        now += 1_500 * MS;

        ReceiverReport report = session.receiverReport();

        assertEquals(OWN, report.ssrc());
        assertEquals(List.of(new ReportBlock(SENDER, 0, 0, 0, 0, 0xC3D4_A5B6L, 98_304)), report.blocks(),
                "LSR the middle 32 bits of the report's NTP time, DLSR 1.5 s in 1/65536 s");
    }

    @Test
    void receiverReportCarriesWhatRepairMadeOfTheLossBesideItsBlock() {
        stream.locked = SENDER;
        stream.repair = new RepairReport(SENDER, 100, 300, 2, 5);

        ReceiverReport report = session.receiverReport();

        assertEquals(1, report.blocks().size());
        assertEquals(List.of(stream.repair), report.repairs());
        stream.locked = -1;
        assertEquals(new ReceiverReport(OWN, List.of()), session.receiverReport(),
                "no stream, no block and no repair to speak of");
    }

    @Test
    void aSenderThatAnnouncesAStreamTheReceptionWouldTakeHasItsClockMeasuredBeforeItsFirstPacket() {
        stream.takesAnother = true;

        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now + 5 * MS);

        assertEquals(SENDER, sync.lockedSsrc());
        assertEquals(NtpTime.toEpochNanos(NTP), sync.senderEpochNanos(SENDER, 1_000),
                "the report's timeline is the announced stream's");
        assertEquals(List.of("listener demo: sender ssrc 0x5e4de401 announced a stream; asking for its clock "
                + "before its first packet"), log.at("info"), "once per stream");
    }

    @Test
    void aSenderReportOfAStreamTheReceptionWouldNotTakeLocksNothing() {
        stream.locked = 0x0BAD_BEEFL;

        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);

        assertEquals(-1, sync.lockedSsrc());
        assertEquals(List.of(), log.at("info"));
    }

    @Test
    void theLockedSendersNoteIsWhatPlaysAndEachChangeIsLoggedOnce() {
        stream.locked = SENDER;

        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        session.onSdesNote(SENDER, "Artist - Song", FROM);
        session.onSdesNote(SENDER, "Artist - Song", FROM);
        assertEquals("Artist - Song", session.nowPlaying());
        session.onSdesNote(SENDER, "", FROM);

        assertEquals("", session.nowPlaying(), "an empty note: the sender names nothing now");
        assertEquals(List.of("listener demo: now playing Artist - Song", "listener demo: now playing nothing named"),
                log.at("info"));
    }

    @Test
    void aNoteOfAnotherSenderOrOfThisListenerIsNotWhatPlays() {
        stream.locked = SENDER;

        session.onSdesNote(0x0123_4567L, "Someone else's song", FROM);
        session.onSdesNote(OWN, "Own echo", FROM);

        assertEquals("", session.nowPlaying());
        assertTrue(log.at("info").isEmpty());
    }

    @Test
    void aNoteHeardBeforeTheStreamLockedCountsOnceItLocks() {
        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        session.onSdesNote(SENDER, "Artist - Song", FROM);
        assertEquals("", session.nowPlaying(), "nothing plays yet");

        stream.locked = SENDER;

        assertEquals("Artist - Song", session.nowPlaying());
    }

    @Test
    void theNoteGoesWithTheSendersByeOrWhenItsReportsFallSilent() {
        stream.locked = SENDER;
        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        session.onSdesNote(SENDER, "Artist - Song", FROM);
        session.onBye(SENDER, FROM);
        assertEquals("", session.nowPlaying(), "BYE");

        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        session.onSdesNote(SENDER, "Artist - Song", FROM);
        now += 5 * 5_000 * MS + 1;
        session.nextReportDelayNanos(channel, false);
        assertEquals("", session.nowPlaying(), "silent for 5 report intervals");
    }

    @Test
    void receiverReportBeforeAnyStreamHasNoBlock() {
        assertEquals(new ReceiverReport(OWN, List.of()), session.receiverReport());
    }

    @Test
    void byeOfTheLockedSenderIsLoggedOnceAndReleasesTheStream() {
        stream.locked = SENDER;

        session.onBye(SENDER, FROM);
        session.onBye(SENDER, FROM);
        session.onBye(0x0123_4567L, FROM);

        assertEquals(List.of(SENDER, SENDER, 0x0123_4567L), stream.byesPassedOn);
        assertEquals(List.of("listener demo: sender ssrc 0x5e4de401 said BYE"), log.at("info"));
    }

    @Test
    void ownPacketsHeardBackFromTheGroupAreIgnored() {
        stream.locked = SENDER;
        session.onSenderReport(senderReport(OWN), "", FROM, now);
        session.onReceiverReport(new ReceiverReport(OWN, List.of()), "", FROM, now);
        session.onBye(OWN, FROM);

        session.nextReportDelayNanos(channel, true);

        assertEquals(List.of(), stream.byesPassedOn);
        assertEquals(new FakeRtcpChannel.DelayRequest(2, 1, false, 1_536_000, true, 0),
                withoutTime(channel.delayRequests.get(0)), "just this listener and the sender it hears");
    }

    @Test
    void intervalCountsMembersHeardLatelyAndTheSenderOnceHeard() {
        channel.delayNanos = 5_000 * MS;
        session.nextReportDelayNanos(channel, true);
        session.onReceiverReport(new ReceiverReport(0xAAAAL, List.of()), "listener-a@host", FROM, now);
        session.onReceiverReport(new ReceiverReport(0xBBBBL, List.of()), "listener-b@host", FROM, now);
        session.onSenderReport(senderReport(SENDER), "sender@host", FROM, now);
        stream.locked = SENDER;
        session.nextReportDelayNanos(channel, false);

        session.onBye(0xAAAAL, FROM);
        now += 5 * 5_000 * MS + 1;
        session.onReceiverReport(new ReceiverReport(0xCCCCL, List.of()), "listener-c@host", FROM, now);
        session.nextReportDelayNanos(channel, false);

        assertEquals(List.of(
                new FakeRtcpChannel.DelayRequest(1, 0, false, 1_536_000, true, 0),
                new FakeRtcpChannel.DelayRequest(4, 1, false, 1_536_000, false, 0),
                new FakeRtcpChannel.DelayRequest(3, 1, false, 1_536_000, false, 0)),
                channel.delayRequests.stream().map(RtcpSessionTest::withoutTime).toList(),
                "a BYE leaves at once, silence for 5 intervals leaves too; the locked sender stays a member "
                        + "through its RTP");
        assertTrue(log.at("info").isEmpty(), "the BYE of a mere listener is no news");
    }

    @Test
    void aMemberStaysForFiveFullIntervalsAndALockedStreamOfSsrcZeroIsASender() {
        channel.delayNanos = 5_000 * MS;
        stream.locked = 0;
        session.onReceiverReport(new ReceiverReport(0xAAAAL, List.of()), "listener-a@host", FROM, now);
        now += 1_000 * MS;
        session.nextReportDelayNanos(channel, true);
        now += 24_000 * MS;
        session.nextReportDelayNanos(channel, false);
        now += 1;
        session.nextReportDelayNanos(channel, false);

        assertEquals(List.of(
                new FakeRtcpChannel.DelayRequest(3, 1, false, 1_536_000, true, 0),
                new FakeRtcpChannel.DelayRequest(3, 1, false, 1_536_000, false, 0),
                new FakeRtcpChannel.DelayRequest(2, 1, false, 1_536_000, false, 0)),
                channel.delayRequests.stream().map(RtcpSessionTest::withoutTime).toList(),
                "heard 25 s ago is 5 intervals of 5 s: still a member; a moment later it has left");
    }

    private static FakeRtcpChannel.DelayRequest withoutTime(FakeRtcpChannel.DelayRequest request) {
        return new FakeRtcpChannel.DelayRequest(request.members(), request.senders(), request.weSent(),
                request.sessionBitsPerSecond(), request.initial(), 0);
    }
}
