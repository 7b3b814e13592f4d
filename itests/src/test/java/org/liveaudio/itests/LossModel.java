package org.liveaudio.itests;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Which packets a lossy link drops, decided per packet in the order they cross it, whichever of the link's streams
 * (a source stream and its FEC repair stream) each belongs to: independent random loss, or bursts by the
 * Gilbert-Elliott model, which hit every stream on the link alike, as a burst on a real link takes what is sent
 * during it. Seeded, so that a run can be repeated.
 */
@FunctionalInterface
interface LossModel {
    /** @param stream tells the link's streams apart (their port, say) */
    boolean lost(int stream, int sequence);

    /** A kind of loss; each lossy link opens a model of its own from it, afresh whenever its loss changes. */
    @FunctionalInterface
    interface Link {
        LossModel open();

        /** For tables and log lines: {@code random 5 %}, {@code bursts of 4 at 5 %}. */
        default String describe() {
            return toString();
        }
    }

    Link NONE = new Link() {
        @Override
        public LossModel open() {
            return (stream, sequence) -> false;
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    /**
     * Each packet lost with probability {@code rate}, independently, by a hash of its stream and of how far its
     * sequence number is from that stream's first: the same packets of a stream in every run, whatever its random
     * initial sequence, and whatever the order in which the link's streams' packets cross it.
     */
    static Link random(double rate, long seed) {
        return new Link() {
            @Override
            public LossModel open() {
                Map<Integer, Integer> first = new HashMap<>();
                return (stream, sequence) -> {
                    int from;
                    synchronized (first) {
                        from = first.computeIfAbsent(stream, any -> sequence);
                    }
                    long z = (((sequence - from) & 0xffff) + seed * 31 + stream * 0x1_0000L) * 0x9E37_79B9_7F4A_7C15L;
                    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
                    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
                    z ^= z >>> 31;
                    return (z >>> 11) * 0x1.0p-53 < rate;
                };
            }

            @Override
            public String describe() {
                return String.format(java.util.Locale.ROOT, "random %.0f %%", rate * 100);
            }
        };
    }

    /**
     * The Gilbert-Elliott model as Gilbert had it: a good state that loses nothing and a bad one that loses every
     * packet, left with probability 1 / {@code meanBurst} per packet (bursts of that mean length), entered at the
     * rate that makes {@code averageRate} of the packets lost in the long run. One chain of states for the whole
     * link: the repair packets a sender sends right after a block's last source packets fall in the burst that took
     * those, as they would on a real link.
     */
    static Link gilbertElliott(double averageRate, double meanBurst, long seed) {
        double leaveBad = 1 / meanBurst;
        double enterBad = averageRate * leaveBad / (1 - averageRate);
        return new Link() {
            @Override
            public LossModel open() {
                SplittableRandom random = new SplittableRandom(seed);
                boolean[] bad = {false};
                return (stream, sequence) -> {
                    synchronized (bad) {
                        bad[0] = bad[0] ? random.nextDouble() >= leaveBad : random.nextDouble() < enterBad;
                        return bad[0];
                    }
                };
            }

            @Override
            public String describe() {
                return String.format(java.util.Locale.ROOT, "bursts of %.0f at %.0f %%", meanBurst, averageRate * 100);
            }
        };
    }
}
