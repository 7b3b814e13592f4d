package org.liveaudio.listener.buffer;

/**
 * Checks a codec's reading of each payload against the stream's RTP timestamps: between two packets in sequence
 * (no marker bit, which starts a talkspurt or follows a pause) the timestamp moves by exactly the samples the
 * first one held. A listener set for the wrong codec reads another codec's payloads as frames of some length
 * (L16 reads a 160-byte Opus packet as 40 samples), and the timestamps give it away.
 */
public final class TimestampFit {
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFFL;

    private int lastSequence = -1;
    private long lastTimestamp;
    private int lastSamples;

    /**
     * @param samples what the codec read from this packet's payload, or 0 when no codec measured it
     * @return false when the packet before this one, in sequence, held other than the samples its timestamp step
     *     says: this payload is then taken not to be the codec's
     */
    public boolean fits(int sequence, long timestamp, boolean marker, int samples) {
        boolean fits = lastSamples <= 0 || marker || sequence != ((lastSequence + 1) & 0xFFFF)
                || ((timestamp - lastTimestamp) & TIMESTAMP_MASK) == lastSamples;
        lastSequence = sequence;
        lastTimestamp = timestamp;
        lastSamples = samples;
        return fits;
    }

    /** How far the timestamp moved from the packet before, or -1 when that one was not its predecessor. */
    public long lastStep(int sequence, long timestamp) {
        return sequence == ((lastSequence + 1) & 0xFFFF) ? (timestamp - lastTimestamp) & TIMESTAMP_MASK : -1;
    }

    /** A new stream: nothing is known of its timestamps. */
    public void reset() {
        lastSequence = -1;
        lastSamples = 0;
    }
}
