package org.hadamard.sparse.evaluation;

/**
 * Penalized least-squares objectives recomputed from raw data and raw-scale coefficients, with the
 * optimal (unpenalized) intercept: F(β) = (1/2n)‖y − ȳ − (X − x̄)β‖² + λ·pen(β). These are what the
 * engine minimizes with {@code standardize = false} and what Tribuo's coordinate descent minimizes.
 */
public final class Objectives {

    private Objectives() {}

    /**
     * @param x rows
     * @param y responses
     * @param w coefficients
     * @return (1/2n)‖y − ȳ − (X − x̄)w‖²
     */
    public static double halfMse(double[][] x, double[] y, double[] w) {
        int n = x.length;
        double[] pred = new double[n];
        double my = 0;
        double mp = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            double[] xi = x[i];
            for (int j = 0; j < w.length; j++) {
                s += xi[j] * w[j];
            }
            pred[i] = s;
            my += y[i];
            mp += s;
        }
        my /= n;
        mp /= n;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - my - (pred[i] - mp);
            rss += r * r;
        }
        return rss / (2 * n);
    }

    /**
     * @param x rows
     * @param y responses
     * @param w coefficients
     * @param lambda λ
     * @return the lasso objective
     */
    public static double lasso(double[][] x, double[] y, double[] w, double lambda) {
        return lq(x, y, w, lambda, 1.0);
    }

    /**
     * @param x rows
     * @param y responses
     * @param w coefficients
     * @param lambda λ
     * @param q exponent in (0, 1]
     * @return (1/2n)RSS + λΣ|w_j|^q
     */
    public static double lq(double[][] x, double[] y, double[] w, double lambda, double q) {
        double pen = 0;
        for (double v : w) {
            pen += q == 1.0 ? Math.abs(v) : Math.pow(Math.abs(v), q);
        }
        return halfMse(x, y, w) + lambda * pen;
    }

    /**
     * @param x rows
     * @param y responses
     * @param w coefficients
     * @param groupOf group index of each feature (0..G−1)
     * @param weights c_g per group
     * @param lambda λ
     * @param q exponent (1: group lasso)
     * @return (1/2n)RSS + λΣ_g c_g‖w_g‖^q
     */
    public static double group(double[][] x, double[] y, double[] w, int[] groupOf, double[] weights, double lambda, double q) {
        double[] norm2 = new double[weights.length];
        for (int j = 0; j < w.length; j++) {
            norm2[groupOf[j]] += w[j] * w[j];
        }
        double pen = 0;
        for (int g = 0; g < weights.length; g++) {
            pen += weights[g] * Math.pow(Math.sqrt(norm2[g]), q);
        }
        return halfMse(x, y, w) + lambda * pen;
    }
}
