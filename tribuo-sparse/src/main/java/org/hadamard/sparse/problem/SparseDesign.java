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
    protected void rawWeightedCross(int[] a, int na, int[] b, int nb, double[] d, double[] out, double[] sumA, double[] sumB) {
        int[] posA = new int[p];
        int[] posB = new int[p];
        Arrays.fill(posA, -1);
        Arrays.fill(posB, -1);
        for (int s = 0; s < na; s++) {
            posA[a[s]] = s;
        }
        for (int t = 0; t < nb; t++) {
            posB[b[t]] = t;
        }
        int[] ia = new int[na];
        double[] va = new double[na];
        int[] ib = new int[nb];
        double[] vb = new double[nb];
        for (int i = 0; i < n; i++) {
            double di = d[i];
            if (di == 0.0) {
                continue;
            }
            int ma = 0;
            int mb = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                int c = colIndex[k];
                if (posA[c] >= 0) {
                    ia[ma] = posA[c];
                    va[ma++] = di * values[k];
                }
                if (posB[c] >= 0) {
                    ib[mb] = posB[c];
                    vb[mb++] = values[k];
                }
            }
            for (int t = 0; t < mb; t++) {
                sumB[ib[t]] += di * vb[t];
            }
            for (int s = 0; s < ma; s++) {
                sumA[ia[s]] += va[s];
                int row = ia[s] * nb;
                for (int t = 0; t < mb; t++) {
                    out[row + ib[t]] += va[s] * vb[t];
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
    public int rowNonzeros(int i, int[] out) {
        int c = 0;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            if (values[k] != 0.0) {
                out[c++] = colIndex[k];
            }
        }
        return c;
    }

    @Override
    public int markNewColumns(int i, int[] stamp, int mark, int[] out, int count) {
        int c = count;
        for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
            int j = colIndex[k];
            if (values[k] != 0.0 && stamp[j] != mark) {
                stamp[j] = mark;
                out[c++] = j;
            }
        }
        return c;
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
