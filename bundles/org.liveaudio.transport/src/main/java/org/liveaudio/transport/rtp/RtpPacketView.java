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
    public String toString() {
        return "RTP pt=" + payloadType + " seq=" + sequence + " ts=" + timestamp + " ssrc=" + ssrc
                + (marker ? " M" : "") + " payload=" + payloadLength;
    }
}
