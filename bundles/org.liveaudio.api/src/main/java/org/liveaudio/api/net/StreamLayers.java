package org.liveaudio.api.net;

import java.util.List;

/**
 * What a transport's layers (a FEC repair stream) add to a sender's stream, for its SDP and its playout delay.
 *
 * @param description for status lines, e.g. {@code FEC rs 10+5}; empty without layers
 * @param spanPackets how many source packets after a packet a listener may have to wait for to rebuild it: the
 *     playout delay must cover that many frames more
 * @param sessionSdp lines for the session part of the SDP (e.g. {@code a=group:FEC-FR S1 R1})
 * @param mediaSdp lines for the source stream's media section (e.g. {@code a=mid:S1})
 * @param extraMediaSdp further media sections, each starting with its {@code m=} line (the repair stream's)
 */
public record StreamLayers(String description, int spanPackets, List<String> sessionSdp, List<String> mediaSdp,
        List<String> extraMediaSdp) {
    public static final StreamLayers NONE = new StreamLayers("", 0, List.of(), List.of(), List.of());

    public StreamLayers {
        sessionSdp = List.copyOf(sessionSdp);
        mediaSdp = List.copyOf(mediaSdp);
        extraMediaSdp = List.copyOf(extraMediaSdp);
    }
}
