package org.hadamard.sparse.reference;

/**
 * A plain warm-started cyclic coordinate-descent lasso path (glmnet's "naive" updates with active-set
 * cycling), written here as a fair timing reference for {@code bench}: Tribuo's
 * {@code ElasticNetCDTrainer} has no warm start, so a path of it is a sequence of cold fits.
 * <p>
 * Minimizes (1/2n)‖y − b₀ − Xβ‖² + λ‖β‖₁ on raw (centred, unscaled) features — the engine's objective
 * with {@code standardize = false}. Stops a λ when the largest weighted coordinate change
 * max_j (‖x_j‖²/n)·Δβ_j² falls below tolerance·(‖y − ȳ‖²/n) (glmnet's rule).
 */
public final class CdLassoPath {

    private final int n;
    private final int p;
    private final double[][] col;
    private final double[] yc;
    private final double[] colSq;
    private final double nullDev;

    /**
     * @param x rows
     * @param y responses
     */
    public CdLassoPath(double[][] x, double[] y) {
        n = x.length;
        p = x[0].length;
        col = new double[p][n];
        colSq = new double[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += x[i][j];
            }
            m /= n;
            double s = 0;
            for (int i = 0; i < n; i++) {
                double v = x[i][j] - m;
                col[j][i] = v;
                s += v * v;
            }
            colSq[j] = s / n;
        }
        double my = 0;
        for (double v : y) {
            my += v;
        }
        my /= n;
        yc = new double[n];
        double d = 0;
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - my;
            d += yc[i] * yc[i];
        }
        nullDev = d / n;
    }

    /**
     * @param lambdas decreasing λ values
     * @param tolerance relative convergence tolerance (glmnet's thresh, e.g. 1e-10)
     * @return per λ, the coefficients
     */
    public double[][] path(double[] lambdas, double tolerance) {
        double[] beta = new double[p];
        double[] r = yc.clone();
        boolean[] active = new boolean[p];
        double[][] out = new double[lambdas.length][];
        double thresh = tolerance * nullDev;
        for (int l = 0; l < lambdas.length; l++) {
            double lambda = lambdas[l];
            while (true) {
                double full = sweep(beta, r, active, lambda, false);
                if (full < thresh) {
                    break;
                }
                while (sweep(beta, r, active, lambda, true) >= thresh) {
                    // cycle on the active set until it converges, then check all features again
                }
            }
            out[l] = beta.clone();
        }
        return out;
    }

    private double sweep(double[] beta, double[] r, boolean[] active, double lambda, boolean activeOnly) {
        double worst = 0;
        for (int j = 0; j < p; j++) {
            if ((activeOnly && !active[j]) || colSq[j] == 0) {
                continue;
            }
            double[] c = col[j];
            double g = 0;
            for (int i = 0; i < n; i++) {
                g += c[i] * r[i];
            }
            g = g / n + colSq[j] * beta[j];
            double nb = Math.abs(g) <= lambda ? 0 : (g - Math.signum(g) * lambda) / colSq[j];
            double d = nb - beta[j];
            if (d != 0) {
                for (int i = 0; i < n; i++) {
                    r[i] -= d * c[i];
                }
                beta[j] = nb;
                active[j] = true;
                worst = Math.max(worst, colSq[j] * d * d);
            }
        }
        return worst;
    }
}
