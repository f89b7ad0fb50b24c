package org.hadamard.sparse.problem;

import java.util.Arrays;

/**
 * The standardized Gram matrix X̃ᵀΩX̃ over the columns that working sets have used so far, for losses
 * whose curvature does not depend on the fit (squared error). Columns are added incrementally — a
 * new batch of m columns costs one pass over the data with n·m·(M + m) multiply-adds against the M
 * columns already cached — so a whole regularization path pays for the Gram of its final support
 * about once.
 */
public final class GramCache {

    private final Design design;
    private final double[] weights;
    private final int[] position;
    private int[] cols = new int[0];
    private int size;
    private double[] gram = new double[0];
    private double[] colSum = new double[0];

    /**
     * @param design the design
     * @param weights the constant per-example curvature weights d_i
     */
    public GramCache(Design design, double[] weights) {
        this.design = design;
        this.weights = weights.clone();
        this.position = new int[design.cols()];
        Arrays.fill(position, -1);
    }

    /**
     * Writes the Gram submatrix of the requested columns (count × count, row-major) and their weighted
     * column sums, computing and caching any column not seen before.
     * @param want the columns
     * @param count how many
     * @param out output, length ≥ count²
     * @param outSum output, length ≥ count
     */
    public void fill(int[] want, int count, double[] out, double[] outSum) {
        int[] missing = new int[count];
        int m = 0;
        for (int t = 0; t < count; t++) {
            if (position[want[t]] < 0) {
                missing[m++] = want[t];
                position[want[t]] = -2;
            }
        }
        if (m > 0) {
            grow(missing, m);
        }
        for (int s = 0; s < count; s++) {
            int ps = position[want[s]];
            outSum[s] = colSum[ps];
            int row = ps * capacity();
            for (int t = 0; t < count; t++) {
                out[s * count + t] = gram[row + position[want[t]]];
            }
        }
    }

    private int capacity() {
        return cols.length;
    }

    private void grow(int[] missing, int m) {
        int newSize = size + m;
        if (newSize > capacity()) {
            int cap = Math.max(newSize, 2 * capacity());
            double[] g = new double[cap * cap];
            for (int s = 0; s < size; s++) {
                System.arraycopy(gram, s * capacity(), g, s * cap, size);
            }
            gram = g;
            cols = Arrays.copyOf(cols, cap);
            colSum = Arrays.copyOf(colSum, cap);
        }
        int cap = capacity();
        System.arraycopy(missing, 0, cols, size, m);
        for (int t = 0; t < m; t++) {
            position[missing[t]] = size + t;
        }
        // Rows of the new columns against all cached columns (old and new), then mirror.
        double[] cross = new double[m * newSize];
        double[] sums = new double[m];
        design.weightedCross(missing, m, cols, newSize, weights, cross, sums);
        for (int s = 0; s < m; s++) {
            int ps = size + s;
            colSum[ps] = sums[s];
            for (int t = 0; t < newSize; t++) {
                double v = cross[s * newSize + t];
                gram[ps * cap + t] = v;
                gram[t * cap + ps] = v;
            }
        }
        size = newSize;
    }
}
