package org.liveaudio.transport.fec;

import java.util.Arrays;

/**
 * A systematic Reed-Solomon erasure code over GF(2^8) with a Cauchy generator: repair symbol j of a block is
 * the sum over the block's source symbols i of {@code 1 / (x_j + y_i)} times symbol i, with x_j = 128 + j and
 * y_i = i. Every square sub-matrix of a Cauchy matrix is invertible, so any e lost source symbols come back from
 * any e repair symbols of their block (the code is MDS, as RFC 6865's Vandermonde-derived one is). Decoding
 * works in arrays sized once for the largest block, so it allocates nothing.
 */
final class CauchyCode {
    /** y_i < 128 <= x_j keeps the two sets apart, which makes every coefficient defined. */
    static final int MAX_SOURCE = 128;
    static final int MAX_REPAIR = 128;

    private final int maxRepair;
    private final int[][] matrix;
    private final int[][] inverse;

    CauchyCode(int maxRepair) {
        if (maxRepair < 1 || maxRepair > MAX_REPAIR) {
            throw new IllegalArgumentException("repair symbols per block " + maxRepair + " outside 1.." + MAX_REPAIR);
        }
        this.maxRepair = maxRepair;
        this.matrix = new int[maxRepair][maxRepair];
        this.inverse = new int[maxRepair][maxRepair];
    }

    /** The coefficient of source symbol {@code source} in repair symbol {@code repair}. */
    static int coefficient(int repair, int source) {
        return Gf256.inverse((MAX_SOURCE + repair) ^ source);
    }

    /** Adds source symbol {@code source} to repair symbol {@code repair}, which starts as zeros. */
    static void accumulate(byte[] repairSymbol, int repair, byte[] sourceSymbol, int sourceOffset, int source,
            int length) {
        Gf256.addMultiple(repairSymbol, 0, sourceSymbol, sourceOffset, length, coefficient(repair, source));
    }

    /**
     * Rebuilds the lost source symbols of a block in place.
     *
     * @param lost indices (0..k-1) of the {@code lostCount} source symbols missing
     * @param lostSymbols where each lost symbol is written, {@code length} bytes
     * @param repairs indices (0..r-1) of {@code lostCount} repair symbols received
     * @param repairSymbols those repair symbols, from each of which every source symbol received has already been
     *     taken away ({@link #accumulate} again removes one, as addition is XOR); they are overwritten
     */
    void solve(int[] lost, byte[][] lostSymbols, int[] repairs, byte[][] repairSymbols, int lostCount, int length) {
        if (lostCount > maxRepair) {
            throw new IllegalArgumentException(lostCount + " lost symbols exceed the " + maxRepair + " this code takes");
        }
        for (int row = 0; row < lostCount; row++) {
            for (int column = 0; column < lostCount; column++) {
                matrix[row][column] = coefficient(repairs[row], lost[column]);
                inverse[row][column] = row == column ? 1 : 0;
            }
        }
        invert(lostCount);
        for (int m = 0; m < lostCount; m++) {
            byte[] target = lostSymbols[m];
            Arrays.fill(target, 0, length, (byte) 0);
            for (int j = 0; j < lostCount; j++) {
                Gf256.addMultiple(target, 0, repairSymbols[j], 0, length, inverse[m][j]);
            }
        }
    }

    /** Gauss-Jordan elimination of {@link #matrix} into {@link #inverse}; a Cauchy matrix always has one. */
    private void invert(int size) {
        for (int pivot = 0; pivot < size; pivot++) {
            int row = pivot;
            while (matrix[row][pivot] == 0) {
                row++;
            }
            swap(matrix, row, pivot);
            swap(inverse, row, pivot);
            int scale = Gf256.inverse(matrix[pivot][pivot]);
            for (int c = 0; c < size; c++) {
                matrix[pivot][c] = Gf256.multiply(matrix[pivot][c], scale);
                inverse[pivot][c] = Gf256.multiply(inverse[pivot][c], scale);
            }
            for (int r = 0; r < size; r++) {
                int factor = matrix[r][pivot];
                if (r == pivot || factor == 0) {
                    continue;
                }
                for (int c = 0; c < size; c++) {
                    matrix[r][c] ^= Gf256.multiply(factor, matrix[pivot][c]);
                    inverse[r][c] ^= Gf256.multiply(factor, inverse[pivot][c]);
                }
            }
        }
    }

    private static void swap(int[][] rows, int a, int b) {
        if (a != b) {
            int[] row = rows[a];
            rows[a] = rows[b];
            rows[b] = row;
        }
    }
}
