package org.hadamard.sparse.solver;

/**
 * Base objectives written out directly from raw data, independent of the engine's design kernels.
 */
final class ReferenceObjectives {

    private ReferenceObjectives() {}

    /**
     * 1/(2n)‖y − b − Xw‖² + λ‖w‖₁ with the optimal intercept b = ȳ − x̄ᵀw.
     */
    static double lassoRaw(double[][] x, double[] y, double[] w, double lambda) {
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
