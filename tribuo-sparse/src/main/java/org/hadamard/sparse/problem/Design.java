package org.hadamard.sparse.problem;

import java.util.Arrays;

/**
 * The design matrix X of a problem, seen through its standardization: every operation acts on
 * X̃ = (X − 1mᵀ)·diag(1/s) without ever materialising X̃, so sparse designs stay sparse.
 * <p>
 * Means m and scales s are weighted by the normalized example weights ω (Σω = 1) and computed from
 * the examples this design holds, never from a feature map. Columns with zero spread get
 * {@code 1/s = 0}: they are constant, carry no information and their coefficient stays zero, as in
 * glmnet and Tribuo's coordinate descent.
 * <p>
 * Implementations: {@link DenseDesign} (row-major {@code double[]}) and {@link SparseDesign} (CSR).
 * Row-major storage serves both full-batch kernels (one contiguous pass per row) and minibatch
 * access to examples.
 */
public abstract class Design {

    /** Number of examples (rows). */
    protected final int n;
    /** Number of features (columns). */
    protected final int p;
    /** Column centres m_j. */
    protected final double[] center;
    /** Inverse column scales 1/s_j; 0 for constant columns. */
    protected final double[] invScale;
    /** Weighted (1/n) standard deviations of the raw columns. */
    protected final double[] sd;

    /**
     * Sets the shape; subclasses fill {@link #center} and {@link #invScale} through {@link #standardize}.
     * @param n rows
     * @param p columns
     */
    protected Design(int n, int p) {
        this.n = n;
        this.p = p;
        this.center = new double[p];
        this.invScale = new double[p];
        this.sd = new double[p];
    }

    /** @return the number of examples */
    public int rows() { return n; }

    /** @return the number of features */
    public int cols() { return p; }

    /** @return a copy of the column centres m_j (weighted means) */
    public double[] centers() { return center.clone(); }

    /** @return a copy of the column scales s_j (1 for unstandardized columns, 0 for constant ones) */
    public double[] scales() {
        double[] s = new double[p];
        for (int j = 0; j < p; j++) {
            s[j] = invScale[j] == 0 ? 0 : 1.0 / invScale[j];
        }
        return s;
    }

    /**
     * @param j a column
     * @return Σ_i ω_i x̃_ij², the weighted second moment of the standardized column (1 when scaled,
     *         the raw variance when only centred, 0 when constant)
     */
    public double standardizedVariance(int j) {
        double v = sd[j] * invScale[j];
        return v * v;
    }

    /**
     * Σ_i w_i x̃_ij² for every column, for any non-negative weights (one pass over the data).
     * @param w per-example weights
     * @return the weighted squared norms of the standardized columns
     */
    public double[] standardizedSquaredNorms(double[] w) {
        double[] mean = new double[p];
        double[] sq = new double[p];
        columnMoments(w, mean, sq);
        double total = 0;
        for (double v : w) {
            total += v;
        }
        double[] out = new double[p];
        for (int j = 0; j < p; j++) {
            double c = center[j];
            double raw = Math.max(0.0, sq[j] - 2 * c * mean[j] + c * c * total);
            out[j] = raw * invScale[j] * invScale[j];
        }
        return out;
    }

    /**
     * @param j a column
     * @return 1/s_j, or 0 when column j is constant (its coefficient must stay zero)
     */
    public double inverseScale(int j) { return invScale[j]; }

    /**
     * Computes weighted centres and, if asked, weighted 1/n standard deviations.
     * @param omega normalized example weights (sum 1)
     * @param scale whether to divide by the standard deviation (glmnet's {@code standardize})
     */
    protected final void standardize(double[] omega, boolean scale) {
        double[] mean = new double[p];
        double[] sq = new double[p];
        columnMoments(omega, mean, sq);
        for (int j = 0; j < p; j++) {
            double var = Math.max(0.0, sq[j] - mean[j] * mean[j]);
            // Relative test so that a column of large constant values still counts as constant.
            boolean constant = var <= 1e-24 * Math.max(1.0, sq[j]);
            center[j] = mean[j];
            sd[j] = Math.sqrt(var);
            invScale[j] = constant ? 0.0 : (scale ? 1.0 / Math.sqrt(var) : 1.0);
        }
    }

    /**
     * Weighted first and second raw moments per column.
     * @param omega normalized weights
     * @param mean output Σ ω_i x_ij
     * @param sq output Σ ω_i x_ij²
     */
    protected abstract void columnMoments(double[] omega, double[] mean, double[] sq);

    /**
     * η = X̃β restricted to the listed columns (β is treated as zero elsewhere); η is overwritten.
     * @param beta coefficients on the standardized scale (length p)
     * @param cols the columns to use, or null for all
     * @param ncols how many entries of {@code cols} are used
     * @param eta output, length n
     */
    public final void multiply(double[] beta, int[] cols, int ncols, double[] eta) {
        int count = cols == null ? p : ncols;
        double[] b = scratchB();
        int[] idx = scratchIdx();
        int m = 0;
        double offset = 0;
        for (int t = 0; t < count; t++) {
            int j = cols == null ? t : cols[t];
            double bj = beta[j] * invScale[j];
            if (bj != 0.0) {
                idx[m] = j;
                b[m++] = bj;
                offset += center[j] * bj;
            }
        }
        rawMultiply(idx, b, m, eta);
        if (offset != 0.0) {
            for (int i = 0; i < n; i++) {
                eta[i] -= offset;
            }
        }
    }

    /**
     * out_j = (X̃ᵀr)_j for the listed columns; other entries of out are left untouched.
     * @param r a vector of length n
     * @param cols the columns, or null for all
     * @param ncols how many entries of {@code cols} are used
     * @param out output, length p
     */
    public final void transposeMultiply(double[] r, int[] cols, int ncols, double[] out) {
        double rsum = 0;
        for (int i = 0; i < n; i++) {
            rsum += r[i];
        }
        rawTransposeMultiply(r, cols, cols == null ? p : ncols, out);
        int count = cols == null ? p : ncols;
        for (int t = 0; t < count; t++) {
            int j = cols == null ? t : cols[t];
            out[j] = invScale[j] * (out[j] - center[j] * rsum);
        }
    }

    /**
     * The raw product X·b over a compact list of columns.
     * @param idx column indices
     * @param b their (already unscaled) coefficients
     * @param m how many
     * @param eta output, overwritten
     */
    protected abstract void rawMultiply(int[] idx, double[] b, int m, double[] eta);

    /**
     * The raw product (Xᵀr)_j for the listed columns, overwriting out_j.
     * @param r vector of length n
     * @param cols columns or null for all
     * @param count how many
     * @param out output
     */
    protected abstract void rawTransposeMultiply(double[] r, int[] cols, int count, double[] out);

    /**
     * The raw dot product Σ_j X_ij b_j over all columns, for minibatch kernels. The caller applies the
     * standardization by passing b_j = β_j/s_j and subtracting Σ m_j b_j once per batch.
     * @param i the row
     * @param b unscaled coefficients (length p)
     * @return Σ_j X_ij b_j
     */
    public abstract double rawRowDot(int i, double[] b);

    /**
     * acc_j += a·X_ij for every stored entry of row i, for minibatch kernels (see {@link #rawRowDot}).
     * @param i the row
     * @param a the multiplier
     * @param acc the accumulator, length p
     */
    public abstract void rawRowAxpy(int i, double a, double[] acc);

    /**
     * out[t] = {@link #rawRowDot}(rows[t], b) for t &lt; count, bit for bit. Dense designs override it to
     * read several rows at once: rows visited in random order are memory-latency bound one at a
     * time, and interleaving independent rows lets the memory system fetch them in parallel.
     * @param rows the rows
     * @param count how many entries of rows are used
     * @param b unscaled coefficients (length p)
     * @param out the dot products, length ≥ count
     */
    public void rawRowDots(int[] rows, int count, double[] b, double[] out) {
        for (int t = 0; t < count; t++) {
            out[t] = rawRowDot(rows[t], b);
        }
    }

    /**
     * acc_j += a[t]·X_{rows[t], j} for t = 0, …, count − 1 in that order: the same result, bit for bit,
     * as {@link #rawRowAxpy} row after row (dense designs override it to stream several rows per pass).
     * @param rows the rows
     * @param a the multipliers
     * @param count how many rows
     * @param acc the accumulator, length p
     */
    public void rawRowsAxpy(int[] rows, double[] a, int count, double[] acc) {
        for (int t = 0; t < count; t++) {
            rawRowAxpy(rows[t], a[t], acc);
        }
    }

    /**
     * The columns j with a nonzero raw value X_ij in row i (in storage order; a column stored twice may be reported twice), for minibatch kernels
     * that only touch the coordinates a batch involves. Depends on the values only, never on the
     * storage format (a dense row with zeros reports the same columns as its CSR form).
     * @param i row
     * @param out receives the columns (length ≥ {@link #cols()})
     * @return the number of columns written
     */
    public abstract int rowNonzeros(int i, int[] out);

    /**
     * Appends to out, from position count, the columns of row i's nonzero entries (as
     * {@link #rowNonzeros}) whose stamp is not mark, and stamps them: the distinct columns a set of rows
     * touches, in order of first touch, without a copy of each row.
     * @param i the row
     * @param stamp per column, the last mark it received (length p)
     * @param mark this set's mark
     * @param out receives the new columns
     * @param count how many entries of out are already used
     * @return the new count
     */
    public int markNewColumns(int i, int[] stamp, int mark, int[] out, int count) {
        int[] cols = scratchIdx();
        int c = rowNonzeros(i, cols);
        for (int q = 0; q < c; q++) {
            int j = cols[q];
            if (stamp[j] != mark) {
                stamp[j] = mark;
                out[count++] = j;
            }
        }
        return count;
    }

    /**
     * The weighted cross-product of standardized columns, X̃_Aᵀ·diag(d)·X̃_B (row-major, na × nb), and
     * the weighted column sums X̃_Aᵀd, for Newton steps on a working set.
     * @param a the row columns
     * @param na how many
     * @param b the column columns
     * @param nb how many
     * @param d per-example weights (e.g. ω_i·ℓ''(η_i))
     * @param out output, length ≥ na·nb
     * @param sumA output, length ≥ na
     */
    public final void weightedCross(int[] a, int na, int[] b, int nb, double[] d, double[] out, double[] sumA) {
        java.util.Arrays.fill(out, 0, na * nb, 0.0);
        java.util.Arrays.fill(sumA, 0, na, 0.0);
        double[] sumB = new double[nb];
        rawWeightedCross(a, na, b, nb, d, out, sumA, sumB);
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += d[i];
        }
        // Expand Σd(x_a − m_a)(x_b − m_b) = R_ab − m_a r_b − m_b r_a + m_a m_b Σd, then scale.
        for (int s = 0; s < na; s++) {
            int ja = a[s];
            double ma = center[ja];
            for (int t = 0; t < nb; t++) {
                int jb = b[t];
                double mb = center[jb];
                out[s * nb + t] = (out[s * nb + t] - ma * sumB[t] - mb * sumA[s] + ma * mb * total) * invScale[ja] * invScale[jb];
            }
        }
        for (int s = 0; s < na; s++) {
            sumA[s] = (sumA[s] - center[a[s]] * total) * invScale[a[s]];
        }
    }

    /**
     * Raw Σ_i d_i x_ia x_ib into out (zeroed by the caller) and the raw weighted column sums of both lists.
     * @param a row columns
     * @param na how many
     * @param b column columns
     * @param nb how many
     * @param d weights
     * @param out output na × nb
     * @param sumA output Σ d x_a
     * @param sumB output Σ d x_b
     */
    protected abstract void rawWeightedCross(int[] a, int na, int[] b, int nb, double[] d, double[] out, double[] sumA, double[] sumB);

    /** @return the number of stored entries (n·p for dense designs) */
    public abstract long storedEntries();

    /** @return whether this design stores its rows densely */
    public abstract boolean isDense();

    private double[] bScratch;
    private int[] idxScratch;

    private double[] scratchB() {
        if (bScratch == null) {
            bScratch = new double[p];
        }
        return bScratch;
    }

    private int[] scratchIdx() {
        if (idxScratch == null) {
            idxScratch = new int[p];
        }
        return idxScratch;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(n=" + n + ",p=" + p + ",centers=" + Arrays.toString(Arrays.copyOf(center, Math.min(p, 5))) + ")";
    }
}
