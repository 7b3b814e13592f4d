package org.liveaudio.transport.fec;

import java.io.IOException;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.api.net.RtpSender;

/**
 * Sends the source packets unchanged through one sender, so that a receiver without FEC plays them as ever, and
 * after each group the Reed-Solomon repair packets through another, as an RTP stream of their own: the source
 * SSRC, the repair payload type, a sequence of its own. Allocates nothing per packet once its buffers have grown
 * to the longest payload.
 */
public final class FecRtpSender implements RtpSender {
    private final RtpSender source;
    private final RtpSender repair;
    private final FecSettings settings;
    private final BlockEncoder encoder;
    private final BlockEncoder.RepairOutlet outlet = this::sendRepair;
    private int repairSequence;
    private long ssrc;
    private int repairBytes;

    /**
     * @param firstRepairSequence the repair stream's first sequence number, random as RFC 3550 asks
     */
    public FecRtpSender(RtpSender source, RtpSender repair, FecSettings settings, int firstRepairSequence) {
        this.source = source;
        this.repair = repair;
        this.settings = settings;
        this.encoder = new BlockEncoder(settings);
        this.repairSequence = firstRepairSequence & 0xffff;
    }

    /** @return the bytes of the source packet, and of the repair packets its block's end sent, on the wire */
    @Override
    public int send(int payloadType, boolean marker, int sequence, long timestamp, long ssrc, byte[] payload,
            int offset, int length) throws IOException {
        int bytes = source.send(payloadType, marker, sequence, timestamp, ssrc, payload, offset, length);
        this.ssrc = ssrc;
        repairBytes = 0;
        encoder.add(payloadType, marker, sequence, timestamp, payload, offset, length, outlet);
        return bytes + repairBytes;
    }

    private void sendRepair(byte[] packet, int length, long timestamp) throws IOException {
        repairBytes += repair.send(settings.payloadType(), false, repairSequence, timestamp, ssrc, packet, 0, length);
        repairSequence = (repairSequence + 1) & 0xffff;
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
