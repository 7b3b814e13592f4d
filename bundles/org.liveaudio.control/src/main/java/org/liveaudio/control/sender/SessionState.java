package org.liveaudio.control.sender;

import java.util.Properties;

/**
 * Where a stream stood when its sender stopped, kept so that the sender started next (the same bundle after
 * an update) continues the same RTP session instead of making every listener lock onto a new one.
 *
 * @param nextTimestamp the timestamp of the first slot not sent
 * @param packetCount RTP packets sent in the session, which its sender reports go on counting
 * @param octetCount payload octets sent in the session
 * @param sourceKey what the source played ({@link SenderSettings#sourceKey()}); its position means nothing
 *     for another source
 * @param wallMillis wall-clock time of that slot's instant (of saving, before the first frame), the only clock two
 *     runs share
 */
record SessionState(long ssrc, int nextSequence, long nextTimestamp, long packetCount, long octetCount,
        long sourcePosition, String sourceKey, long wallMillis, SessionShape shape, int rollovers) {
    /** Older than this, the listeners have given the stream up anyway. */
    static final long MAX_AGE_MILLIS = 30_000;
    /** Longer than any frame: a saved slot's instant further ahead comes from a clock that went back. */
    static final long MAX_AHEAD_MILLIS = 1_000;

    /** A state whose sequence numbers have not wrapped. */
    SessionState(long ssrc, int nextSequence, long nextTimestamp, long packetCount, long octetCount,
            long sourcePosition, String sourceKey, long wallMillis, SessionShape shape) {
        this(ssrc, nextSequence, nextTimestamp, packetCount, octetCount, sourcePosition, sourceKey, wallMillis, shape,
                0);
    }

    /**
     * True when a stream of {@code shape} may continue this session at {@code nowMillis}: the slot's instant lies no
     * more than {@link #MAX_AHEAD_MILLIS} ahead (up to a frame after the saving) and less than {@link
     * #MAX_AGE_MILLIS} back.
     */
    boolean continues(SessionShape shape, long nowMillis) {
        long age = nowMillis - wallMillis;
        return this.shape.equals(shape) && age >= -MAX_AHEAD_MILLIS && age < MAX_AGE_MILLIS;
    }

    /**
     * The session continued on a new frame grid: same SSRC, the next sequence number, the timestamp advanced past
     * {@code skippedFrames} that are not sent, and the marker bit only after such a gap.
     */
    RtpSession resume(long skippedFrames, int ticksPerFrame) {
        return new RtpSession(ssrc, nextSequence, rollovers, nextTimestamp + skippedFrames * ticksPerFrame,
                ticksPerFrame, skippedFrames > 0);
    }

    Properties toProperties() {
        Properties properties = new Properties();
        properties.setProperty("ssrc", Long.toString(ssrc));
        properties.setProperty("nextSequence", Integer.toString(nextSequence));
        properties.setProperty("rollovers", Integer.toString(rollovers));
        properties.setProperty("nextTimestamp", Long.toString(nextTimestamp));
        properties.setProperty("packetCount", Long.toString(packetCount));
        properties.setProperty("octetCount", Long.toString(octetCount));
        properties.setProperty("sourcePosition", Long.toString(sourcePosition));
        properties.setProperty("sourceKey", sourceKey);
        properties.setProperty("wallMillis", Long.toString(wallMillis));
        properties.setProperty("sampleRate", Integer.toString(shape.sampleRate()));
        properties.setProperty("channels", Integer.toString(shape.channels()));
        properties.setProperty("frameMicros", Integer.toString(shape.frameMicros()));
        properties.setProperty("codec", shape.codec());
        properties.setProperty("payloadType", Integer.toString(shape.payloadType()));
        return properties;
    }

    /**
     * The counts and the rollovers may be missing, as in a file the sender kept before it reported them; they start from zero then.
     *
     * @throws IllegalArgumentException when another value is missing, or any is not a number
     */
    static SessionState fromProperties(Properties properties) {
        SessionShape shape = new SessionShape(integer(properties, "sampleRate"), integer(properties, "channels"),
                integer(properties, "frameMicros"), text(properties, "codec"), integer(properties, "payloadType"));
        return new SessionState(number(properties, "ssrc"), integer(properties, "nextSequence"),
                number(properties, "nextTimestamp"), Long.parseLong(properties.getProperty("packetCount", "0")),
                Long.parseLong(properties.getProperty("octetCount", "0")), number(properties, "sourcePosition"),
                text(properties, "sourceKey"), number(properties, "wallMillis"), shape,
                Integer.parseInt(properties.getProperty("rollovers", "0")));
    }

    private static String text(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException("no " + key);
        }
        return value;
    }

    private static long number(Properties properties, String key) {
        return Long.parseLong(text(properties, key));
    }

    private static int integer(Properties properties, String key) {
        return Integer.parseInt(text(properties, key));
    }
}
