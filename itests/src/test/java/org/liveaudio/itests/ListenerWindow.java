package org.liveaudio.itests;

import java.util.Locale;
import org.liveaudio.api.stream.LatencyStats;
import org.liveaudio.api.stream.ListenerStats;

/**
 * What one listener did in the measured window: the difference of its statistics at the two ends, its receive
 * rate over the window's length, and the RFC 3550 jitter it reported while the window ran.
 */
record ListenerWindow(String name, long received, long lost, long late, long duplicates, long reordered,
        long underruns, double packetsPerSecond, double bytesPerSecond, double meanJitterMillis,
        double maxJitterMillis, LatencyStats latency) {

    /**
     * @param bytesPerPacket RTP bytes (header and payload) of each packet, as the sender counted them: every packet
     *     of the stream has the same length
     * @param latency the listener's one-way latency since it started, as far as a sender report let it measure
     */
    static ListenerWindow between(ListenerStats before, ListenerStats after, JitterTally jitter, double seconds,
            double bytesPerPacket, LatencyStats latency) {
        long received = after.received() - before.received();
        double packetsPerSecond = received / seconds;
        return new ListenerWindow(after.name(), received, after.lost() - before.lost(), after.late() - before.late(),
                after.duplicates() - before.duplicates(), after.reordered() - before.reordered(),
                after.underruns() - before.underruns(), packetsPerSecond, packetsPerSecond * bytesPerPacket,
                jitter.mean(), jitter.max(), latency);
    }

    /** Every one of the {@code sent} packets arrived exactly once, and none was lost or late at playout. */
    boolean gotEvery(long sent) {
        return received == sent && duplicates == 0 && lost == 0 && late == 0;
    }

    boolean atRate(double realTimePacketsPerSecond, double tolerance) {
        return Math.abs(packetsPerSecond / realTimePacketsPerSecond - 1) <= tolerance;
    }

    String describe(long sent) {
        return String.format(Locale.ROOT, "%s received %d of %d, lost %d, late %d, duplicate %d, reordered %d, "
                + "underruns %d, %.2f packets/s, jitter mean %.3f max %.3f ms", name, received, sent, lost, late,
                duplicates, reordered, underruns, packetsPerSecond, meanJitterMillis, maxJitterMillis);
    }

    /** The jitter values one listener reported, sampled through the window. */
    static final class JitterTally {
        private double sum;
        private double max;
        private int samples;

        void add(double millis) {
            sum += millis;
            max = Math.max(max, millis);
            samples++;
        }

        double mean() {
            return samples == 0 ? 0 : sum / samples;
        }

        double max() {
            return max;
        }
    }
}
