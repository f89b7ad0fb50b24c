package org.hadamard.sparse.problem;

import org.hadamard.sparse.loss.SquaredLoss;

/**
 * Builds validated problems from plain arrays. Every check names the offending example or feature:
 * bad input never reaches a solver.
 */
public final class Problems {

    private Problems() {}

    /**
     * Normalizes example weights to sum 1, rejecting negative, NaN or all-zero weights.
     * @param weights raw weights, or null for unit weights
     * @param n number of examples
     * @return normalized weights ω
     */
    public static double[] normalizedWeights(double[] weights, int n) {
        if (n == 0) {
            throw new IllegalArgumentException("The data has no examples");
        }
        double[] omega = new double[n];
        if (weights == null) {
            java.util.Arrays.fill(omega, 1.0 / n);
            return omega;
        }
        if (weights.length != n) {
            throw new IllegalArgumentException("Got " + weights.length + " weights for " + n + " examples");
        }
        double total = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Example " + i + " has weight " + w + "; weights must be finite and >= 0");
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("All example weights are zero");
        }
        for (int i = 0; i < n; i++) {
            omega[i] = weights[i] / total;
        }
        return omega;
    }

    /**
     * Checks that a matrix (row-major) holds only finite values.
     * @param x values
     * @param p columns (for the message)
     * @param names feature names for the message, or null
     */
    public static void requireFinite(double[] x, int p, String[] names) {
        for (int t = 0; t < x.length; t++) {
            if (!Double.isFinite(x[t])) {
                int j = p == 0 ? 0 : t % p;
                String f = names != null && j < names.length ? names[j] : "feature " + j;
                throw new IllegalArgumentException("Example " + (p == 0 ? 0 : t / p) + " has value " + x[t] + " for " + f + "; features must be finite");
            }
        }
    }

    /**
     * A squared-error regression problem on a dense design.
     * @param n examples
     * @param p features
     * @param rowMajor the design, row-major (not copied)
     * @param y responses
     * @param weights example weights or null
     * @param standardize scale columns to unit (weighted, 1/n) standard deviation
     * @return the problem
     */
    public static Problem denseRegression(int n, int p, double[] rowMajor, double[] y, double[] weights, boolean standardize) {
        if (n == 0) {
            throw new IllegalArgumentException("The data has no examples");
        }
        if (y.length != n) {
            throw new IllegalArgumentException("Got " + y.length + " responses for " + n + " examples");
        }
        requireFinite(rowMajor, p, null);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(y[i])) {
                throw new IllegalArgumentException("Example " + i + " has response " + y[i] + "; responses must be finite");
            }
        }
        double[] omega = normalizedWeights(weights, n);
        return new Problem(new DenseDesign(n, p, rowMajor, omega, standardize), new SquaredLoss(y, omega));
    }

    /**
     * A squared-error regression problem from rows.
     * @param x rows (copied into row-major storage)
     * @param y responses
     * @param weights example weights or null
     * @param standardize scale columns
     * @return the problem
     */
    public static Problem denseRegression(double[][] x, double[] y, double[] weights, boolean standardize) {
        int n = x.length;
        int p = n == 0 ? 0 : x[0].length;
        double[] flat = new double[n * p];
        for (int i = 0; i < n; i++) {
            if (x[i].length != p) {
                throw new IllegalArgumentException("Row " + i + " has " + x[i].length + " values, expected " + p);
            }
            System.arraycopy(x[i], 0, flat, i * p, p);
        }
        return denseRegression(n, p, flat, y, weights, standardize);
    }
}
