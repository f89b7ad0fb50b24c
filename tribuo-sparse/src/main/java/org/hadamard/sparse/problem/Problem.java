package org.hadamard.sparse.problem;

import org.hadamard.sparse.loss.Loss;

/**
 * The numeric view of one fitting problem: a standardized design X̃ (n × p) and a loss over K linear
 * predictors per example, η_i = b + B_k x̃_i, with coefficients stored output-major
 * (coefficient c = k·p + j). Nothing of Tribuo or Weka lives below this line.
 * <p>
 * Not thread-safe (kernels reuse scratch buffers): build one per fit.
 */
public final class Problem {

    private final Design design;
    private final Loss loss;
    private final int n;
    private final int p;
    private final int outputs;
    private final double[] column;
    private final double[] columnGrad;

    /**
     * @param design the standardized design
     * @param loss the loss, over the same examples
     */
    public Problem(Design design, Loss loss) {
        if (design.rows() != loss.size()) {
            throw new IllegalArgumentException("Design has " + design.rows() + " rows but the loss has " + loss.size() + " examples");
        }
        if (design.rows() == 0) {
            throw new IllegalArgumentException("The problem has no examples");
        }
        this.design = design;
        this.loss = loss;
        this.n = design.rows();
        this.p = design.cols();
        this.outputs = loss.outputs();
        this.column = outputs == 1 ? null : new double[n];
        this.columnGrad = outputs == 1 ? null : new double[n];
    }

    private GramCache gramCache;

    /**
     * The Gram cache for losses with constant curvature, created on first use and kept for the life of
     * this problem (so a path reuses it across λ).
     * @return the cache, or null if the loss's curvature depends on the fit
     */
    public GramCache constantCurvatureGram() {
        if (gramCache == null) {
            if (!(loss instanceof org.hadamard.sparse.loss.SquaredLoss)) {
                return null;
            }
            double[] d = new double[n];
            loss.weightedSecondDerivatives(new double[n], d);
            gramCache = new GramCache(design, d);
        }
        return gramCache;
    }

    /** @return the design */
    public Design design() { return design; }

    /** @return the loss */
    public Loss loss() { return loss; }

    /** @return n */
    public int examples() { return n; }

    /** @return p */
    public int features() { return p; }

    /** @return K */
    public int outputs() { return outputs; }

    /** @return K·p, the number of coefficients */
    public int coefficients() { return outputs * p; }

    /**
     * The diagonal of X̃ᵀΩX̃ times the loss curvature bound, per coefficient: a safe coordinate-wise
     * curvature (1 for standardized columns under squared error, 0 for constant columns).
     * @return per-coefficient curvature bounds
     */
    public double[] curvatures() {
        double c = loss.curvatureBound();
        double[] h = new double[coefficients()];
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < p; j++) {
                h[k * p + j] = c * design.standardizedVariance(j);
            }
        }
        return h;
    }

    /**
     * η = b + X̃B over the listed coefficients of each output.
     * @param beta coefficients (length K·p; entries outside the lists are ignored)
     * @param b0 intercepts (length K)
     * @param cols per output, the features to use (null entry: all)
     * @param ncols per output, how many entries of cols are used
     * @param eta output, example-major
     */
    public void predictors(double[] beta, double[] b0, int[][] cols, int[] ncols, double[] eta) {
        if (outputs == 1) {
            design.multiply(beta, cols[0], ncols[0], eta);
            double b = b0[0];
            for (int i = 0; i < n; i++) {
                eta[i] += b;
            }
            return;
        }
        double[] slice = new double[p];
        for (int k = 0; k < outputs; k++) {
            System.arraycopy(beta, k * p, slice, 0, p);
            design.multiply(slice, cols[k], ncols[k], column);
            for (int i = 0; i < n; i++) {
                eta[i * outputs + k] = column[i] + b0[k];
            }
        }
    }

    /**
     * gβ = X̃ᵀ·∂F/∂η over the listed coefficients, and the intercept gradients.
     * @param gEta ∂F/∂η (example-major)
     * @param cols per output, the features (null entry: all)
     * @param ncols per output, how many
     * @param gBeta output (only listed coefficients are written)
     * @param gB0 output intercept gradients, length K
     */
    public void gradients(double[] gEta, int[][] cols, int[] ncols, double[] gBeta, double[] gB0) {
        if (outputs == 1) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += gEta[i];
            }
            gB0[0] = s;
            if (cols[0] == null || ncols[0] > 0) {
                design.transposeMultiply(gEta, cols[0], ncols[0], gBeta);
            }
            return;
        }
        double[] out = new double[p];
        for (int k = 0; k < outputs; k++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                columnGrad[i] = gEta[i * outputs + k];
                s += columnGrad[i];
            }
            gB0[k] = s;
            if (cols[k] == null || ncols[k] > 0) {
                design.transposeMultiply(columnGrad, cols[k], ncols[k], out);
                int count = cols[k] == null ? p : ncols[k];
                for (int t = 0; t < count; t++) {
                    int j = cols[k] == null ? t : cols[k][t];
                    gBeta[k * p + j] = out[j];
                }
            }
        }
    }
}
