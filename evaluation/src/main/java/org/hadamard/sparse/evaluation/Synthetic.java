package org.hadamard.sparse.evaluation;

import java.util.SplittableRandom;

/**
 * Seeded synthetic designs for the experiments.
 */
public final class Synthetic {

    private Synthetic() {}

    /**
     * @param n rows
     * @param p columns
     * @param rho AR(1) correlation between neighbouring columns (0: independent N(0,1))
     * @param rng the generator
     * @return rows with N(0,1) marginals and corr(x_j, x_k) = ρ^|j−k|
     */
    public static double[][] ar1(int n, int p, double rho, SplittableRandom rng) {
        double[][] x = new double[n][p];
        double s = Math.sqrt(1 - rho * rho);
        for (int i = 0; i < n; i++) {
            double prev = 0;
            for (int j = 0; j < p; j++) {
                double z = rng.nextGaussian();
                prev = j == 0 ? z : rho * prev + s * z;
                x[i][j] = prev;
            }
        }
        return x;
    }

    /**
     * @param x rows
     * @param beta coefficients
     * @param sigma noise standard deviation
     * @param rng the generator
     * @return y = Xβ + σ·N(0,1)
     */
    public static double[] response(double[][] x, double[] beta, double sigma, SplittableRandom rng) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double s = 0;
            for (int j = 0; j < beta.length; j++) {
                s += x[i][j] * beta[j];
            }
            y[i] = s + sigma * rng.nextGaussian();
        }
        return y;
    }

    /**
     * @param x rows
     * @param y responses
     * @param beta coefficients
     * @param intercept intercept
     * @return mean squared prediction error
     */
    public static double mse(double[][] x, double[] y, double[] beta, double intercept) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double e = intercept;
            for (int j = 0; j < beta.length; j++) {
                e += x[i][j] * beta[j];
            }
            s += (y[i] - e) * (y[i] - e);
        }
        return s / x.length;
    }

    /**
     * @param p columns
     * @return names x0, x1, …
     */
    public static String[] names(int p) {
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = "x" + j;
        }
        return names;
    }
}
