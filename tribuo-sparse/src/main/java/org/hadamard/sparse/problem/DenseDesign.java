package org.hadamard.sparse.problem;

/**
 * A dense design stored row-major in one {@code double[]} (row i at offset i·p).
 * Not thread-safe: kernels reuse scratch buffers; build one per fit.
 */
public final class DenseDesign extends Design {

    private final double[] x;
    /** Scratch for {@link #rawWeightedCross} (a design serves one fit at a time, like Design's own scratch). */
    private double[] crossScratch;

    /**
     * Wraps row-major values (not copied) and standardizes them.
     * @param n rows
     * @param p columns
     * @param rowMajor values, length n·p
     * @param omega normalized example weights (sum 1)
     * @param scale divide columns by their weighted standard deviation
     */
    public DenseDesign(int n, int p, double[] rowMajor, double[] omega, boolean scale) {
        super(n, p);
        if ((long) n * p != rowMajor.length) {
            throw new IllegalArgumentException("Design has " + rowMajor.length + " values, expected " + n + "x" + p);
        }
        this.x = rowMajor;
        standardize(omega, scale);
    }

    @Override
    protected void columnMoments(double[] omega, double[] mean, double[] sq) {
        // Two passes for the variance would be more accurate for large offsets; centre by the first row
        // (a shift that leaves the variance unchanged) so that the one-pass formula stays stable.
        double[] shift = new double[p];
        System.arraycopy(x, 0, shift, 0, n > 0 ? p : 0);
        for (int i = 0; i < n; i++) {
            double w = omega[i];
            int off = i * p;
            for (int j = 0; j < p; j++) {
                double v = x[off + j] - shift[j];
                mean[j] += w * v;
                sq[j] += w * v * v;
            }
        }
        for (int j = 0; j < p; j++) {
            double m = mean[j];
            double var = Math.max(0.0, sq[j] - m * m);
            mean[j] = m + shift[j];
            sq[j] = var + mean[j] * mean[j];
        }
    }

    @Override
    protected void rawMultiply(int[] idx, double[] b, int m, double[] eta) {
        if (m == 0) {
            java.util.Arrays.fill(eta, 0.0);
            return;
        }
        if (m == p) {
            // Full support in natural order: a contiguous dot product per row.
            boolean natural = true;
            for (int t = 0; t < m && natural; t++) {
                natural = idx[t] == t;
            }
            if (natural) {
                for (int i = 0; i < n; i++) {
                    eta[i] = DenseKernels.dot(x, i * p, b, 0, p);
                }
                return;
            }
        }
        for (int i = 0; i < n; i++) {
            int off = i * p;
            double s0 = 0;
            double s1 = 0;
            int t = 0;
            for (; t + 1 < m; t += 2) {
                s0 += x[off + idx[t]] * b[t];
                s1 += x[off + idx[t + 1]] * b[t + 1];
            }
            if (t < m) {
                s0 += x[off + idx[t]] * b[t];
            }
            eta[i] = s0 + s1;
        }
    }

    @Override
    protected void rawTransposeMultiply(double[] r, int[] cols, int count, double[] out) {
        if (cols == null) {
            java.util.Arrays.fill(out, 0, p, 0.0);
        } else {
            for (int t = 0; t < count; t++) {
                out[cols[t]] = 0.0;
            }
        }
        // Rows with r_i ≠ 0, four per pass over out: each out_j receives the same additions in the same
        // order as row by row (left to right), with a quarter of the loads and stores of out.
        int[] rows = new int[4];
        int held = 0;
        for (int i = 0; i < n; i++) {
            if (r[i] == 0.0) {
                continue;
            }
            rows[held++] = i;
            if (held == 4) {
                axpy4(rows[0] * p, rows[1] * p, rows[2] * p, rows[3] * p, r[rows[0]], r[rows[1]], r[rows[2]], r[rows[3]], cols, count, out);
                held = 0;
            }
        }
        for (int h = 0; h < held; h++) {
            axpy1(rows[h] * p, r[rows[h]], cols, count, out);
        }
    }

    /**
     * out_j += a0·x_{o0+j} + a1·x_{o1+j} + a2·x_{o2+j} + a3·x_{o3+j}, added left to right (the same sums as
     * four {@link #axpy1} calls, bit for bit), over all columns (cols null) or the count listed ones.
     */
    private void axpy4(int o0, int o1, int o2, int o3, double a0, double a1, double a2, double a3, int[] cols, int count,
                       double[] out) {
        if (cols == null) {
            for (int j = 0; j < p; j++) {
                out[j] = out[j] + a0 * x[o0 + j] + a1 * x[o1 + j] + a2 * x[o2 + j] + a3 * x[o3 + j];
            }
        } else {
            for (int t = 0; t < count; t++) {
                int j = cols[t];
                out[j] = out[j] + a0 * x[o0 + j] + a1 * x[o1 + j] + a2 * x[o2 + j] + a3 * x[o3 + j];
            }
        }
    }

    /** out_j += a·x_{off+j} over all columns (cols null) or the count listed ones. */
    private void axpy1(int off, double a, int[] cols, int count, double[] out) {
        if (cols == null) {
            for (int j = 0; j < p; j++) {
                out[j] += a * x[off + j];
            }
        } else {
            for (int t = 0; t < count; t++) {
                int j = cols[t];
                out[j] += a * x[off + j];
            }
        }
    }

    @Override
    protected void rawWeightedCross(int[] a, int na, int[] b, int nb, double[] d, double[] out, double[] sumA, double[] sumB) {
        // Rows in blocks: each block's columns are gathered contiguously (weighted for a, plain for b),
        // so that every entry is a contiguous dot product over the block instead of a rank-one update of
        // the whole na × nb output per row (which streams the output through memory n times).
        boolean symmetric = a == b && na == nb;
        int block = Math.max(64, Math.min(1024, (1 << 17) / Math.max(1, na + nb)));
        // One reused buffer (about 1 MB) for both gathers: a path calls this once per Gram growth.
        int need = (na + nb) * block;
        if (crossScratch == null || crossScratch.length < need) {
            crossScratch = new double[need];
        }
        double[] ca = crossScratch;
        double[] cb = crossScratch;
        int cbOff = na * block;
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            for (int s = 0; s < na; s++) {
                int col = a[s];
                int base = s * len;
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    int i = start + k;
                    double v = d[i] * x[i * p + col];
                    ca[base + k] = v;
                    sum += v;
                }
                sumA[s] += sum;
            }
            for (int t = 0; t < nb; t++) {
                int col = b[t];
                int base = cbOff + t * len;
                double sum = 0;
                for (int k = 0; k < len; k++) {
                    int i = start + k;
                    double v = x[i * p + col];
                    cb[base + k] = v;
                    sum += d[i] * v;
                }
                sumB[t] += sum;
            }
            for (int s = 0; s < na; s++) {
                int row = s * nb;
                for (int t = symmetric ? s : 0; t < nb; t++) {
                    out[row + t] += DenseKernels.dot(ca, s * len, cb, cbOff + t * len, len);
                }
            }
        }
        if (symmetric) {
            for (int s = 0; s < na; s++) {
                for (int t = 0; t < s; t++) {
                    out[s * nb + t] = out[t * nb + s];
                }
            }
        }
    }

    @Override
    public double rawRowDot(int i, double[] b) {
        return DenseKernels.dot(x, i * p, b, 0, p);
    }

    @Override
    public void rawRowAxpy(int i, double a, double[] acc) {
        axpy1(i * p, a, null, p, acc);
    }

    @Override
    public void rawRowDots(int[] rows, int count, double[] b, double[] out) {
        int t = 0;
        for (; t + 3 < count; t += 4) {
            DenseKernels.dot4(x, rows[t] * p, rows[t + 1] * p, rows[t + 2] * p, rows[t + 3] * p, b, 0, p, out, t);
        }
        for (; t < count; t++) {
            out[t] = DenseKernels.dot(x, rows[t] * p, b, 0, p);
        }
    }

    @Override
    public void rawRowsAxpy(int[] rows, double[] a, int count, double[] acc) {
        int t = 0;
        for (; t + 3 < count; t += 4) {
            axpy4(rows[t] * p, rows[t + 1] * p, rows[t + 2] * p, rows[t + 3] * p, a[t], a[t + 1], a[t + 2], a[t + 3], null, p, acc);
        }
        for (; t < count; t++) {
            rawRowAxpy(rows[t], a[t], acc);
        }
    }

    @Override
    public int rowNonzeros(int i, int[] out) {
        int off = i * p;
        int c = 0;
        for (int j = 0; j < p; j++) {
            if (x[off + j] != 0.0) {
                out[c++] = j;
            }
        }
        return c;
    }

    /**
     * @param i row
     * @param j column
     * @return the raw value X_ij
     */
    public double get(int i, int j) { return x[i * p + j]; }

    @Override
    public long storedEntries() { return (long) n * p; }

    @Override
    public boolean isDense() { return true; }
}
