package org.liveaudio.itests;

import java.util.SplittableRandom;

/**
 * Which packets of one RTP stream a lossy link drops, decided per packet in the order the stream sends them:
 * independent random loss, or bursts by the Gilbert-Elliott model. Seeded, so that a run can be repeated.
 */
@FunctionalInterface
interface LossModel {
    boolean lost(int sequence);

    /** A fresh model for each stream of a link; {@code stream} tells the streams apart (their port, say). */
    @FunctionalInterface
    interface Link {
        LossModel forStream(int stream);

        /** For tables and log lines: {@code random 5 %}, {@code bursts of 4 at 5 %}. */
        default String describe() {
            return toString();
        }
    }

    Link NONE = new Link() {
        @Override
        public LossModel forStream(int stream) {
            return sequence -> false;
        }

        @Override
        public String describe() {
            return "none";
        }
    };

    /**
     * Each packet lost with probability {@code rate}, independently, by a hash of how far its sequence number is
     * from the stream's first: the same packets of a stream in every run, whatever its random initial sequence.
     */
    static Link random(double rate, long seed) {
        return new Link() {
            @Override
            public LossModel forStream(int stream) {
                int[] first = {-1};
                return sequence -> {
                    if (first[0] < 0) {
                        first[0] = sequence;
                    }
                    long z = (((sequence - first[0]) & 0xffff) + seed * 31 + stream * 0x1_0000L) * 0x9E37_79B9_7F4A_7C15L;
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
     * rate that makes {@code averageRate} of the packets lost in the long run.
     */
    static Link gilbertElliott(double averageRate, double meanBurst, long seed) {
        double leaveBad = 1 / meanBurst;
        double enterBad = averageRate * leaveBad / (1 - averageRate);
        return new Link() {
            @Override
            public LossModel forStream(int stream) {
                SplittableRandom random = new SplittableRandom(seed * 31 + stream);
                boolean[] bad = {false};
                return sequence -> {
                    bad[0] = bad[0] ? random.nextDouble() >= leaveBad : random.nextDouble() < enterBad;
                    return bad[0];
                };
            }

            @Override
            public String describe() {
                return String.format(java.util.Locale.ROOT, "bursts of %.0f at %.0f %%", meanBurst, averageRate * 100);
            }
        };
    }
}
