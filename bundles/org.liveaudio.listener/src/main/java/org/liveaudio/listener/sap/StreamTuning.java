package org.liveaudio.listener.sap;

import java.util.HashMap;
import java.util.Map;
import org.liveaudio.api.net.MulticastEndpoint;
import org.liveaudio.common.sdp.RtpAudioSession;
import org.liveaudio.listener.engine.ListenerSettings;

/**
 * A listener's configuration with what an announced stream's SDP says in place of the keys it decides: group,
 * port, codec, payload type, sample rate (the RTP clock rate: L16's and L24's rate, Opus' 48000) and channels.
 * Everything else (sink, file, buffer, interface) stays as configured.
 */
public final class StreamTuning {
    /** The key naming the stream to tune to, by its SDP's {@code s=} line. */
    public static final String KEY_STREAM = "stream";

    private StreamTuning() {
    }

    /** The stream a configuration tunes to, or an empty string when it sets group and port by hand. */
    public static String streamOf(Map<String, ?> properties) {
        Object stream = properties.get(KEY_STREAM);
        return stream == null ? "" : stream.toString().strip();
    }

    public static Map<String, Object> tune(Map<String, ?> configured, RtpAudioSession session) {
        Map<String, Object> tuned = new HashMap<>(configured);
        tuned.remove(KEY_STREAM);
        tuned.put(MulticastEndpoint.KEY_GROUP, session.group().getHostAddress());
        tuned.put(MulticastEndpoint.KEY_PORT, session.port());
        tuned.put(ListenerSettings.CODEC, session.encoding());
        tuned.put(ListenerSettings.PAYLOAD_TYPE, session.payloadType());
        tuned.put(ListenerSettings.SAMPLE_RATE, session.clockRate());
        tuned.put(ListenerSettings.CHANNELS, session.channels());
        return tuned;
    }
}
