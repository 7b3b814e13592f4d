package org.liveaudio.transport.fec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashSet;
import java.util.Set;
import org.liveaudio.transport.rtp.ParseResult;
import org.liveaudio.transport.rtp.RtpHeader;
import org.liveaudio.transport.rtp.RtpPacketView;

/**
 * Whatever arrives on the repair port (forged, cut short, of another stream, in any order with the source packets),
 * the receiver never throws, and what it hands on as rebuilt is a well-formed packet of the stream's SSRC whose
 * sequence number had not arrived: a repair packet can fill a gap, never overwrite or duplicate a packet that came.
 */
class RecoveryWindowFuzzTest {
    private static final long SSRC = 0x5EED_0001L;

    @FuzzTest(maxDuration = "1m")
    void anyRepairPacketsRebuildOnlyWhatIsMissing(FuzzedDataProvider data) {
        Set<Integer> arrived = new HashSet<>();
        int[] rebuilt = {0};
        FecRtpReceiver receiver = new FecRtpReceiver(packet -> {
            if (packet.recovered()) {
                rebuilt[0]++;
                assertEquals(SSRC, packet.ssrc());
                assertFalse(arrived.contains(packet.sequence()), "rebuilt " + packet.sequence() + ", which came");
                assertTrue(packet.payloadOffset() + packet.payloadLength() <= packet.buffer().length);
                arrived.add(packet.sequence());
            }
        });
        byte[] datagram = new byte[600];
        RtpPacketView view = new RtpPacketView();
        int base = data.consumeInt(0, 0xffff);
        while (data.remainingBytes() > 4) {
            if (data.consumeBoolean()) {
                int sequence = (base + data.consumeInt(0, 40)) & 0xffff;
                if (arrived.contains(sequence)) {
                    continue; // duplicates are the jitter buffer's to drop
                }
                byte[] payload = data.consumeBytes(data.consumeInt(0, 100));
                deliver(receiver, true, 96, sequence, data.consumeBoolean() ? SSRC : SSRC + 1, payload, datagram,
                        view);
                if (view.ssrc() == SSRC) {
                    arrived.add(sequence);
                }
            } else {
                byte[] payload = data.consumeBytes(data.consumeInt(0, 300));
                if (payload.length >= RepairFormat.REPAIR_HEADER && data.consumeBoolean()) {
                    // Often a block that names sources near the stream's, of its SSRC, to reach the decoder.
                    int near = (base + data.consumeInt(0, 40)) & 0xffff;
                    RepairFormat.writeRepairHeader(payload, near, payload[2], payload[3], payload[4], payload[5],
                            (payload[6] & 0xff) << 8 | (payload[7] & 0xff), SSRC);
                }
                deliver(receiver, false, 100, data.consumeInt(0, 0xffff), SSRC + 2, payload, datagram, view);
            }
        }
        assertEquals(rebuilt[0], receiver.recovered());
    }

    private static void deliver(FecRtpReceiver receiver, boolean source, int payloadType, int sequence, long ssrc,
            byte[] payload, byte[] datagram, RtpPacketView view) {
        int n = RtpHeader.encode(datagram, 0, payloadType, false, sequence, 0, ssrc);
        System.arraycopy(payload, 0, datagram, n, payload.length);
        assertEquals(ParseResult.OK, RtpHeader.parse(datagram, 0, n + payload.length, view));
        (source ? receiver.sourceHandler() : receiver.repairHandler()).onPacket(view);
    }
}
