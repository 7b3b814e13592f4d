package org.liveaudio.transport.fec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.liveaudio.api.InvalidSettingException;
import org.liveaudio.api.SettingsReader;
import org.liveaudio.api.net.RtpPacket;

/**
 * The sender's FEC keys, checked. {@code fec=rs} protects every block of {@code fecSourcePackets} consecutive
 * source packets (or, with {@code fecDepth} d above 1, every d-th packet of d*k consecutive ones, so that a burst
 * of up to d losses costs each block one) with {@code fecRepairPackets} Reed-Solomon repair packets, sent as an
 * RTP stream of their own at the RTP port + 2 ({@link #REPAIR_PORT_OFFSET}).
 *
 * @param enabled false for {@code fec=off}, when the other values are unused
 * @param sourcePackets k, source packets per block
 * @param repairPackets r, repair packets per block: any r of a block's k + r packets may be lost
 * @param depth d, blocks interleaved
 * @param payloadType of the repair stream
 */
public record FecSettings(boolean enabled, int sourcePackets, int repairPackets, int depth, int payloadType) {
    public static final String KEY_FEC = "fec";
    public static final String KEY_SOURCE_PACKETS = "fecSourcePackets";
    public static final String KEY_REPAIR_PACKETS = "fecRepairPackets";
    public static final String KEY_DEPTH = "fecDepth";
    public static final String KEY_PAYLOAD_TYPE = "fecPayloadType";
    /** The source stream's payload type key, which the repair stream's must differ from. */
    static final String KEY_SOURCE_PAYLOAD_TYPE = "payloadType";
    public static final Set<String> KEYS = Set.of(KEY_FEC, KEY_SOURCE_PACKETS, KEY_REPAIR_PACKETS, KEY_DEPTH,
            KEY_PAYLOAD_TYPE);

    static final String OFF = "off";
    static final String REED_SOLOMON = "rs";
    static final Set<String> SCHEMES = new LinkedHashSet<>(List.of(OFF, REED_SOLOMON));
    static final int DEFAULT_SOURCE_PACKETS = 10;
    static final int DEFAULT_REPAIR_PACKETS = 5;
    static final int DEFAULT_DEPTH = 1;
    static final int DEFAULT_PAYLOAD_TYPE = 100;
    static final int DEFAULT_SOURCE_PAYLOAD_TYPE = 96;
    static final int MAX_SOURCE_PACKETS = 64;
    static final int MAX_REPAIR_PACKETS = 32;
    static final int MAX_DEPTH = 16;
    /** Every source packet of an interleaved group must fit in the listener's window, with room for reordering. */
    static final int MAX_GROUP_PACKETS = 64;
    public static final int REPAIR_PORT_OFFSET = 2;
    public static final FecSettings OFF_SETTINGS = new FecSettings(false, DEFAULT_SOURCE_PACKETS,
            DEFAULT_REPAIR_PACKETS, DEFAULT_DEPTH, DEFAULT_PAYLOAD_TYPE);

    /** @throws InvalidSettingException naming the first key whose value cannot be used */
    public static FecSettings read(Map<String, ?> configuration) throws InvalidSettingException {
        SettingsReader reader = new SettingsReader(configuration);
        String scheme = reader.choice(KEY_FEC, OFF, SCHEMES);
        int k = reader.integer(KEY_SOURCE_PACKETS, DEFAULT_SOURCE_PACKETS, 1, MAX_SOURCE_PACKETS);
        int r = reader.integer(KEY_REPAIR_PACKETS, DEFAULT_REPAIR_PACKETS, 1, MAX_REPAIR_PACKETS);
        int d = reader.integer(KEY_DEPTH, DEFAULT_DEPTH, 1, MAX_DEPTH);
        int payloadType = reader.integer(KEY_PAYLOAD_TYPE, DEFAULT_PAYLOAD_TYPE, RtpPacket.MIN_DYNAMIC_PAYLOAD_TYPE,
                RtpPacket.MAX_DYNAMIC_PAYLOAD_TYPE);
        if (k * d > MAX_GROUP_PACKETS) {
            throw new InvalidSettingException(KEY_DEPTH, d, "1.." + Math.max(1, MAX_GROUP_PACKETS / k) + " with "
                    + KEY_SOURCE_PACKETS + "=" + k + " (" + KEY_SOURCE_PACKETS + " times " + KEY_DEPTH + " at most "
                    + MAX_GROUP_PACKETS + ")");
        }
        int sourcePayloadType = reader.integer(KEY_SOURCE_PAYLOAD_TYPE, DEFAULT_SOURCE_PAYLOAD_TYPE, 0, 127);
        if (payloadType == sourcePayloadType) {
            throw new InvalidSettingException(KEY_PAYLOAD_TYPE, payloadType, "a dynamic payload type ("
                    + RtpPacket.MIN_DYNAMIC_PAYLOAD_TYPE + ".." + RtpPacket.MAX_DYNAMIC_PAYLOAD_TYPE
                    + ") other than the stream's payloadType " + sourcePayloadType);
        }
        return new FecSettings(REED_SOLOMON.equals(scheme), k, r, d, payloadType);
    }

    /**
     * How many source packets after a block's first a listener may have to wait for before it can rebuild that
     * one: the span of an interleaved group, whose repair packets follow its last source packet at once.
     */
    public int spanPackets() {
        return enabled ? sourcePackets * depth - 1 : 0;
    }

    /** {@code rs 10+5} or {@code rs 10+5 depth 2}, or {@code off}. */
    @Override
    public String toString() {
        return !enabled ? OFF : REED_SOLOMON + " " + sourcePackets + "+" + repairPackets
                + (depth > 1 ? " depth " + depth : "");
    }
}
