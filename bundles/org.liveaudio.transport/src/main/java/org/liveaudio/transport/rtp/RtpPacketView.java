package org.liveaudio.transport.rtp;

import org.liveaudio.api.net.RtpPacket;

/** The one mutable {@link RtpPacket} a receiver refills for every datagram, so receiving allocates nothing. */
public final class RtpPacketView implements RtpPacket {
    private int payloadType;
    private boolean marker;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private byte[] buffer;
    private int payloadOffset;
    private int payloadLength;
    private long receivedNanos;
    private boolean recovered;

    void fill(int payloadType, boolean marker, int sequence, long timestamp, long ssrc,
            byte[] buffer, int payloadOffset, int payloadLength) {
        this.payloadType = payloadType;
        this.marker = marker;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.buffer = buffer;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    public void receivedAt(long nanos) {
        this.receivedNanos = nanos;
    }

    /** Marks the packets this view shows as rebuilt from FEC repair rather than received. */
    public void markRecovered() {
        this.recovered = true;
    }

    @Override
    public int payloadType() {
        return payloadType;
    }

    @Override
    public boolean marker() {
        return marker;
    }

    @Override
    public int sequence() {
        return sequence;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public long ssrc() {
        return ssrc;
    }

    @Override
    public byte[] buffer() {
        return buffer;
    }

    @Override
    public int payloadOffset() {
        return payloadOffset;
    }

    @Override
    public int payloadLength() {
        return payloadLength;
    }

    @Override
    public long receivedNanos() {
        return receivedNanos;
    }

    @Override
    public boolean recovered() {
        return recovered;
    }

    @Override
    public String toString() {
        return (recovered ? "rebuilt " : "") + "RTP pt=" + payloadType + " seq=" + sequence + " ts=" + timestamp + " ssrc=" + ssrc
                + (marker ? " M" : "") + " payload=" + payloadLength;
    }
}
