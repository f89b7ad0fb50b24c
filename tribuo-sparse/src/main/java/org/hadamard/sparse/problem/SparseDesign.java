package org.hadamard.sparse.problem;

import java.util.Arrays;

/**
 * A sparse design in compressed sparse rows (CSR). Standardization is implicit (see {@link Design}),
 * so centring never fills in the zeros. Not thread-safe; build one per fit.
 */
public final class SparseDesign extends Design {

    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] values;

    /**
     * Wraps CSR arrays (not copied) and standardizes.
     * @param n rows
     * @param p columns
     * @param rowStart row pointers, length n+1
     * @param colIndex column of each stored entry
     * @param values value of each stored entry
     * @param omega normalized example weights (sum 1)
     * @param scale divide columns by their weighted standard deviation
     */
    public SparseDesign(int n, int p, int[] rowStart, int[] colIndex, double[] values, double[] omega, boolean scale) {
        super(n, p);
        if (rowStart.length != n + 1 || colIndex.length != values.length || rowStart[n] != values.length) {
            throw new IllegalArgumentException("Inconsistent CSR arrays");
        }
        this.rowStart = rowStart;
        this.colIndex = colIndex;
        this.values = values;
        standardize(omega, scale);
    }

    @Override
    protected void columnMoments(double[] omega, double[] mean, double[] sq) {
        for (int i = 0; i < n; i++) {
            double w = omega[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                double v = values[k];
                mean[colIndex[k]] += w * v;
                sq[colIndex[k]] += w * v * v;
            }
        }
    }

    @Override
    protected void rawMultiply(int[] idx, double[] b, int m, double[] eta) {
        // Scatter the compact coefficients into a dense vector so each stored entry costs one lookup.
        double[] dense = denseScratch();
        for (int t = 0; t < m; t++) {
            dense[idx[t]] = b[t];
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += values[k] * dense[colIndex[k]];
            }
            eta[i] = s;
        }
        for (int t = 0; t < m; t++) {
            dense[idx[t]] = 0.0;
        }
    }

    @Override
    protected void rawTransposeMultiply(double[] r, int[] cols, int count, double[] out) {
        double[] acc = denseScratch();
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            if (ri == 0.0) {
                continue;
            }
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                acc[colIndex[k]] += ri * values[k];
            }
        }
        if (cols == null) {
            System.arraycopy(acc, 0, out, 0, p);
        } else {
            for (int t = 0; t < count; t++) {
                out[cols[t]] = acc[cols[t]];
            }
        }
        Arrays.fill(acc, 0.0);
    }

    @Override
    protected void rawWeightedGram(int[] cols, int count, double[] d, double[] gram, double[] colSum) {
        int[] position = new int[p];
        Arrays.fill(position, -1);
        for (int a = 0; a < count; a++) {
            position[cols[a]] = a;
        }
        int[] idx = new int[count];
        double[] val = new double[count];
        for (int i = 0; i < n; i++) {
            double di = d[i];
            if (di == 0.0) {
                continue;
            }
            int m = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int a = position[colIndex[k]];
                if (a >= 0) {
                    idx[m] = a;
                    val[m++] = values[k];
                }
            }
            for (int s = 0; s < m; s++) {
                double da = di * val[s];
                colSum[idx[s]] += da;
                for (int t = 0; t < m; t++) {
                    if (idx[t] >= idx[s]) {
                        gram[idx[s] * count + idx[t]] += da * val[t];
                    }
                }
            }
        }
    }

    @Override
    public double rawRowDot(int i, double[] b) {
        double s = 0;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            s += values[k] * b[colIndex[k]];
        }
        return s;
    }

    @Override
    public void rawRowAxpy(int i, double a, double[] acc) {
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            acc[colIndex[k]] += a * values[k];
        }
    }

    @Override
    public long storedEntries() { return values.length; }

    @Override
    public boolean isDense() { return false; }

    private double[] dense;

    private double[] denseScratch() {
        if (dense == null) {
            dense = new double[p];
        }
        return dense;
    }
}
