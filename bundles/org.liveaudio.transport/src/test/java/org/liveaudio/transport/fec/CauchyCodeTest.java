package org.liveaudio.transport.fec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CauchyCodeTest {
    @Test
    void fieldMultiplicationIsThatOfThePolynomial() {
        // Carry-less multiplication reduced by 0x11d, written out bit by bit, for every pair.
        for (int a = 0; a < 256; a++) {
            for (int b = 0; b < 256; b++) {
                int product = 0;
                int x = a;
                for (int bit = 0; bit < 8; bit++) {
                    if ((b >> bit & 1) != 0) {
                        product ^= x;
                    }
                    x <<= 1;
                    if (x >= 256) {
                        x ^= 0x11d;
                    }
                }
                assertEquals(product, Gf256.multiply(a, b), a + " * " + b);
            }
        }
    }

    @Test
    void everyNonZeroElementTimesItsInverseIsOne() {
        for (int a = 1; a < 256; a++) {
            assertEquals(1, Gf256.multiply(a, Gf256.inverse(a)), "a=" + a);
        }
    }

    @Test
    void everyErasurePatternUpToTheRepairCountIsRebuilt() {
        Random random = new Random(7);
        for (int k = 1; k <= 10; k++) {
            for (int r = 1; r <= 5; r++) {
                checkAllPatterns(k, r, 1 + random.nextInt(40), random);
            }
        }
    }

    @Test
    void theLargestBlockRebuildsFromAnyOfItsRepairs() {
        Random random = new Random(11);
        int k = CauchyCode.MAX_SOURCE;
        int r = 16;
        for (int trial = 0; trial < 50; trial++) {
            Block block = Block.encode(k, r, 100, random);
            int lostCount = 1 + random.nextInt(r);
            int[] lost = choose(k, lostCount, random);
            int[] repairs = choose(r, lostCount, random);
            block.assertRebuilt(new CauchyCode(r), lost, repairs);
        }
    }

    private static void checkAllPatterns(int k, int r, int length, Random random) {
        Block block = Block.encode(k, r, length, random);
        CauchyCode code = new CauchyCode(r);
        for (int mask = 1; mask < 1 << k; mask++) {
            int lostCount = Integer.bitCount(mask);
            if (lostCount > r) {
                continue;
            }
            int[] lost = new int[lostCount];
            for (int i = 0, n = 0; i < k; i++) {
                if ((mask >> i & 1) != 0) {
                    lost[n++] = i;
                }
            }
            // Every choice of which repairs arrived would be 2^r more; a random one per pattern, and the last ones.
            block.assertRebuilt(code, lost, choose(r, lostCount, random));
            int[] last = new int[lostCount];
            for (int j = 0; j < lostCount; j++) {
                last[j] = r - lostCount + j;
            }
            block.assertRebuilt(code, lost, last);
        }
    }

    private static int[] choose(int n, int count, Random random) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = 0; i < count; i++) {
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, count);
        Arrays.sort(chosen);
        return chosen;
    }

    private record Block(byte[][] source, byte[][] repair, int length) {
        static Block encode(int k, int r, int length, Random random) {
            byte[][] source = new byte[k][length];
            byte[][] repair = new byte[r][length];
            for (byte[] symbol : source) {
                random.nextBytes(symbol);
            }
            for (int j = 0; j < r; j++) {
                for (int i = 0; i < k; i++) {
                    CauchyCode.accumulate(repair[j], j, source[i], 0, i, length);
                }
            }
            return new Block(source, repair, length);
        }

        void assertRebuilt(CauchyCode code, int[] lost, int[] repairs) {
            int e = lost.length;
            byte[][] received = new byte[e][];
            for (int j = 0; j < e; j++) {
                received[j] = repair[repairs[j]].clone();
                for (int i = 0; i < source.length; i++) {
                    if (Arrays.binarySearch(lost, i) < 0) {
                        CauchyCode.accumulate(received[j], repairs[j], source[i], 0, i, length);
                    }
                }
            }
            byte[][] rebuilt = new byte[e][length];
            code.solve(lost, rebuilt, repairs, received, e, length);
            for (int m = 0; m < e; m++) {
                assertArrayEquals(source[lost[m]], rebuilt[m], "k=" + source.length + " r=" + repair.length
                        + " lost " + Arrays.toString(lost) + " from repairs " + Arrays.toString(repairs));
            }
        }
    }
}
