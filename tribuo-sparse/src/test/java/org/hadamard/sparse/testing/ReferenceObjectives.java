package org.hadamard.sparse.testing;

/**
 * Base objectives written out directly from raw data, independent of the engine's design kernels.
 */
public final class ReferenceObjectives {

    private ReferenceObjectives() {}

    /**
     * The raw (unstandardised) lasso objective with the optimal intercept b = ȳ − x̄ᵀw:
     * 1/(2n)‖y − b − Xw‖² + λ‖w‖₁ = 1/(2n)‖y − ȳ − (X − x̄)w‖² + λ‖w‖₁.
     * @param x the design, n rows of p values
     * @param y the responses
     * @param w the coefficients (p values)
     * @param lambda the regularisation strength
     * @return the objective
     */
    public static double lassoRaw(double[][] x, double[] y, double[] w, double lambda) {
        int n = x.length;
        int p = w.length;
        double[] pred = new double[n];
        double my = 0;
        double mp = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += x[i][j] * w[j];
            }
            pred[i] = s;
            my += y[i] / n;
            mp += s / n;
        }
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - my - (pred[i] - mp);
            rss += r * r;
        }
        double l1 = 0;
        for (double v : w) {
            l1 += Math.abs(v);
        }
        return rss / (2 * n) + lambda * l1;
    }
}
