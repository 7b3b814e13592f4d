package org.liveaudio.transport.fec;

import org.liveaudio.api.net.RtpPacket;

/** A source packet rebuilt from repair packets; one instance per receiver, refilled for each, like a received one. */
final class RebuiltPacket implements RtpPacket {
    private int payloadType;
    private boolean marker;
    private int sequence;
    private long timestamp;
    private long ssrc;
    private byte[] buffer;
    private int payloadLength;
    private long receivedNanos;

    void fill(byte[] symbol, int sequence, long ssrc, long nowNanos) {
        this.payloadType = RepairFormat.payloadType(symbol);
        this.marker = RepairFormat.marker(symbol);
        this.timestamp = RepairFormat.timestamp(symbol);
        this.payloadLength = RepairFormat.payloadLength(symbol);
        this.sequence = sequence;
        this.ssrc = ssrc;
        this.buffer = symbol;
        this.receivedNanos = nowNanos;
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
        return RepairFormat.SYMBOL_HEADER;
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
        return true;
    }

    @Override
    public String toString() {
        return "rebuilt RTP pt=" + payloadType + " seq=" + sequence + " ts=" + timestamp + " payload=" + payloadLength;
    }
}
