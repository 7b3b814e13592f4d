package org.liveaudio.itests;

import java.util.Locale;
import org.liveaudio.api.stream.LatencyStats;

/**
 * What one codec setting cost over a measured window: CPU per second of audio on each side, the payload on the wire,
 * and the listener's capture-to-sink latency and losses.
 *
 * @param codec what the sender encoded, e.g. {@code Opus 10 ms}
 * @param frameMillis audio per packet
 * @param windowSeconds the window's length by the test's clock
 * @param sentPackets packets the sender counted in the window: one frame of audio each
 * @param senderCpuNanos the sender's clock thread, which reads the source, encodes and sends
 * @param receiveCpuNanos the listener's receive thread: receiving and buffering
 * @param playoutCpuNanos the listener's playout thread: decoding, handing over, and spinning through the last 150 us
 *     before each frame's instant, which costs per frame whatever the codec
 * @param controlCpuNanos the listener's RTCP, receiver report and clock exchange threads: the same for every codec
 * @param wirePackets RTP datagrams a plain socket on the group saw in the window
 * @param wirePayloadBytes their payload, RTP header excluded
 * @param latency the listener's capture-to-sink latency since it locked onto the stream, shortly before the window
 * @param lockedSecondsBeforeWindow how long before the window the listener started, so much of {@code latency} lies
 *     outside the window
 */
record CodecCost(String codec, double frameMillis, double windowSeconds, long sentPackets, long senderCpuNanos,
        long receiveCpuNanos, long playoutCpuNanos, long controlCpuNanos, long wirePackets, long wirePayloadBytes,
        long lost, long late, long concealed, long underruns, LatencyStats latency, double lockedSecondsBeforeWindow) {

    static final String TABLE_HEADER = "| codec | window | sender clock thread | listener receive | "
            + "listener playout | listener RTCP + clock | payload | packets/s | latency p50 | p99 | max | lost | "
            + "late | concealed | underruns |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
            + "---:|\n";

    /** Audio the window carried: one frame per packet sent. */
    double audioSeconds() {
        return sentPackets * frameMillis / 1000;
    }

    double senderMillisPerSecond() {
        return perAudioSecond(senderCpuNanos);
    }

    double receiveMillisPerSecond() {
        return perAudioSecond(receiveCpuNanos);
    }

    double playoutMillisPerSecond() {
        return perAudioSecond(playoutCpuNanos);
    }

    double controlMillisPerSecond() {
        return perAudioSecond(controlCpuNanos);
    }

    /** Payload bits per second of the audio the wire packets carried, so the window's edges do not count. */
    double payloadKbitPerSecond() {
        return wirePackets == 0 ? 0 : wirePayloadBytes * 8.0 / (wirePackets * frameMillis);
    }

    double wirePacketsPerSecond() {
        return wirePackets / windowSeconds;
    }

    private double perAudioSecond(long nanos) {
        return nanos / 1e6 / audioSeconds();
    }

    String line() {
        return String.format(Locale.ROOT, "%s over %.1f s (%.1f s of audio): CPU per s of audio: sender clock thread "
                + "%.2f ms, listener receive %.2f ms, playout %.2f ms, RTCP+clock %.2f ms; payload %.1f kbit/s, "
                + "%.2f packets/s (%d on the wire, %d sent); capture to sink p50 %.2f ms, p99 %.2f ms, max %.2f ms "
                + "(%d frames since lock, %.1f s before the window); lost %d, late %d, concealed %d, underruns %d",
                codec, windowSeconds, audioSeconds(), senderMillisPerSecond(), receiveMillisPerSecond(),
                playoutMillisPerSecond(), controlMillisPerSecond(), payloadKbitPerSecond(), wirePacketsPerSecond(),
                wirePackets, sentPackets,
                latency.playoutP50Millis(), latency.playoutP99Millis(), latency.playoutMaxMillis(), latency.samples(),
                lockedSecondsBeforeWindow, lost, late, concealed, underruns);
    }

    String tableRow() {
        return String.format(Locale.ROOT, "| %s | %.0f s | %.2f ms/s | %.2f ms/s | %.2f ms/s | %.2f ms/s | "
                + "%.1f kbit/s | %.1f | %.2f ms | %.2f ms | %.2f ms | %d | %d | %d | %d |%n", codec, windowSeconds,
                senderMillisPerSecond(), receiveMillisPerSecond(), playoutMillisPerSecond(), controlMillisPerSecond(),
                payloadKbitPerSecond(), wirePacketsPerSecond(), latency.playoutP50Millis(), latency.playoutP99Millis(),
                latency.playoutMaxMillis(), lost, late, concealed, underruns);
    }
}
