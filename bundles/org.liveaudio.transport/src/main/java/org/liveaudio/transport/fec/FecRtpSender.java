package org.liveaudio.transport.fec;

import java.io.IOException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;

/**
 * Sends the source packets unchanged through one sender, so that a receiver without FEC plays them as ever, and
 * after each group the Reed-Solomon repair packets through another, as an RTP stream of their own: the repair
 * payload type, an SSRC and a sequence of its own (see {@link RepairFormat} for why). Allocates nothing per packet
 * once its buffers have grown to the longest payload.
 */
public final class FecRtpSender implements RtpSender {
    private final RtpSender source;
    private final RtpSender repair;
    private final FecSettings settings;
    private final BlockEncoder encoder;
    private final BlockEncoder.RepairOutlet outlet = this::sendRepair;
    /** Extended, as {@link RtpSender#send} takes it: a protected repair stream needs its wraps counted. */
    private int repairSequence;
    private final long repairSsrcMask;
    private int repairBytes;

    /**
     * @param firstRepairSequence the repair stream's first sequence number, random as RFC 3550 asks
     * @param repairSsrcMask random: the repair stream's SSRC is the source's with these bits flipped, at least one,
     *     so that it is never the source's, and another with each sender opened for a continuing source stream
     */
    public FecRtpSender(RtpSender source, RtpSender repair, FecSettings settings, int firstRepairSequence,
            int repairSsrcMask) {
        this.source = source;
        this.repair = repair;
        this.settings = settings;
        this.encoder = new BlockEncoder(settings);
        this.repairSequence = firstRepairSequence & 0xffff;
        this.repairSsrcMask = (repairSsrcMask | 1) & 0xffff_ffffL;
    }

    /** @return the bytes of the source packet, and of the repair packets its block's end sent, on the wire */
    @Override
    public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            int offset, int length) throws IOException {
        int bytes = source.send(payloadType, marker, sequence, timestamp, ssrc, payload, offset, length);
        repairBytes = 0;
        encoder.add(payloadType, marker, sequence, timestamp, ssrc, payload, offset, length, outlet);
        return bytes + repairBytes;
    }

    private void sendRepair(byte[] packet, int length, long timestamp, long sourceSsrc) throws IOException {
        repairBytes += repair.send(settings.payloadType(), false, repairSequence, timestamp,
                sourceSsrc ^ repairSsrcMask, packet, 0, length);
        repairSequence++;
    }

    @Override
    public MulticastEndpoint endpoint() {
        return source.endpoint();
    }

    public FecSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            source.close();
        } finally {
            repair.close();
        }
    }

    @Override
    public String toString() {
        return source + " with FEC " + settings + " to port " + repair.endpoint().port();
    }
}
