package org.hadamard.sparse.reference;

/**
 * A small, exact reference solver for the group lasso
 * <pre>  min over b₀, β:  (1/2n)‖y − b₀ − Xβ‖² + λ·Σ_g c_g‖β_g‖₂</pre>
 * (raw features, unpenalized intercept; the engine's objective with {@code standardize = false}).
 * <p>
 * Block coordinate descent on centred data: each block is minimized (to a tight inner tolerance) by
 * proximal-gradient steps with step 1/L_g, L_g the largest eigenvalue of X_gᵀX_g/n, whose proximal map
 * is the exact group soft-threshold z ↦ max(0, 1 − t·λc_g/‖z‖)·z. Sweeps repeat until the KKT
 * conditions hold to {@code tolerance}: ‖X_gᵀr/n‖ ≤ λc_g on zero groups and
 * X_gᵀr/n = λc_g·β_g/‖β_g‖ on non-zero groups (r the residual).
 */
public final class GroupLassoBcd {

    private final int n;
    private final int p;
    private final double[][] col;       // centred columns
    private final double[] yc;          // centred response
    private final double[] mean;
    private final double yMean;
    private final int[][] members;
    private final double[] weights;
    private final double[] lipschitz;

    /** The result of one solve. */
    public record Result(double lambda, double intercept, double[] beta, double kktViolation, int sweeps, boolean converged) {}

    /**
     * @param x rows
     * @param y responses
     * @param groupOf group of each feature, 0..G−1
     * @param weights c_g per group, or null for √|g|
     */
    public GroupLassoBcd(double[][] x, double[] y, int[] groupOf, double[] weights) {
        this.n = x.length;
        this.p = x[0].length;
        int groups = 0;
        for (int g : groupOf) {
            groups = Math.max(groups, g + 1);
        }
        int[] size = new int[groups];
        for (int g : groupOf) {
            size[g]++;
        }
        members = new int[groups][];
        int[] fill = new int[groups];
        for (int g = 0; g < groups; g++) {
            members[g] = new int[size[g]];
        }
        for (int j = 0; j < p; j++) {
            members[groupOf[j]][fill[groupOf[j]]++] = j;
        }
        this.weights = new double[groups];
        for (int g = 0; g < groups; g++) {
            this.weights[g] = weights == null ? Math.sqrt(size[g]) : weights[g];
        }
        mean = new double[p];
        col = new double[p][n];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += x[i][j];
            }
            m /= n;
            mean[j] = m;
            for (int i = 0; i < n; i++) {
                col[j][i] = x[i][j] - m;
            }
        }
        double my = 0;
        for (double v : y) {
            my += v;
        }
        yMean = my / n;
        yc = new double[n];
        for (int i = 0; i < n; i++) {
            yc[i] = y[i] - yMean;
        }
        lipschitz = new double[groups];
        for (int g = 0; g < groups; g++) {
            lipschitz[g] = largestEigenvalue(members[g]);
        }
    }

    /** Power iteration on X_gᵀX_g/n (small blocks: converges in a few dozen steps). */
    private double largestEigenvalue(int[] m) {
        int k = m.length;
        double[][] gram = new double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += col[m[a]][i] * col[m[b]][i];
                }
                gram[a][b] = s / n;
                gram[b][a] = s / n;
            }
        }
        double[] v = new double[k];
        java.util.Arrays.fill(v, 1.0 / Math.sqrt(k));
        double lam = 0;
        for (int it = 0; it < 1000; it++) {
            double[] w = new double[k];
            for (int a = 0; a < k; a++) {
                for (int b = 0; b < k; b++) {
                    w[a] += gram[a][b] * v[b];
                }
            }
            double norm = 0;
            for (double t : w) {
                norm += t * t;
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 0;
            }
            for (int a = 0; a < k; a++) {
                v[a] = w[a] / norm;
            }
            if (Math.abs(norm - lam) <= 1e-15 * norm) {
                lam = norm;
                break;
            }
            lam = norm;
        }
        // A hair above the top eigenvalue keeps every step a strict majorization.
        return lam * (1 + 1e-12);
    }

    /** @return λ_max = max_g ‖X_gᵀ(y − ȳ)/n‖ / c_g */
    public double lambdaMax() {
        double best = 0;
        for (int g = 0; g < members.length; g++) {
            double s = 0;
            for (int j : members[g]) {
                double d = dot(col[j], yc) / n;
                s += d * d;
            }
            if (weights[g] > 0) {
                best = Math.max(best, Math.sqrt(s) / weights[g]);
            }
        }
        return best;
    }

    /**
     * @param lambda λ ≥ 0
     * @param warm starting coefficients or null
     * @param tolerance KKT tolerance (absolute, on the gradient scale)
     * @param maxSweeps sweep budget
     * @return the solution
     */
    public Result solve(double lambda, double[] warm, double tolerance, int maxSweeps) {
        double[] beta = warm == null ? new double[p] : warm.clone();
        double[] r = yc.clone();
        for (int j = 0; j < p; j++) {
            if (beta[j] != 0) {
                axpy(-beta[j], col[j], r);
            }
        }
        int sweeps = 0;
        double viol = kkt(beta, r, lambda);
        while (viol > tolerance && sweeps < maxSweeps) {
            sweeps++;
            for (int g = 0; g < members.length; g++) {
                block(g, beta, r, lambda, tolerance);
            }
            viol = kkt(beta, r, lambda);
        }
        double b0 = yMean;
        for (int j = 0; j < p; j++) {
            b0 -= mean[j] * beta[j];
        }
        return new Result(lambda, b0, beta, viol, sweeps, viol <= tolerance);
    }

    private void block(int g, double[] beta, double[] r, double lambda, double tolerance) {
        int[] m = members[g];
        int k = m.length;
        double L = lipschitz[g];
        if (L == 0) {
            return;
        }
        double thr = lambda * weights[g] / L;
        double[] z = new double[k];
        for (int inner = 0; inner < 500; inner++) {
            double zn = 0;
            for (int a = 0; a < k; a++) {
                z[a] = beta[m[a]] + dot(col[m[a]], r) / (n * L);
                zn += z[a] * z[a];
            }
            zn = Math.sqrt(zn);
            double shrink = zn <= thr ? 0 : 1 - thr / zn;
            double change = 0;
            for (int a = 0; a < k; a++) {
                double nb = shrink * z[a];
                double d = nb - beta[m[a]];
                if (d != 0) {
                    axpy(-d, col[m[a]], r);
                    beta[m[a]] = nb;
                    change = Math.max(change, Math.abs(d));
                }
            }
            if (change * L < 0.01 * tolerance) {
                break;
            }
        }
    }

    /**
     * @param beta coefficients
     * @param r residual y_c − X_cβ
     * @param lambda λ
     * @return the largest KKT violation over groups
     */
    private double kkt(double[] beta, double[] r, double lambda) {
        double worst = 0;
        for (int g = 0; g < members.length; g++) {
            worst = Math.max(worst, groupViolation(g, beta, r, lambda));
        }
        return worst;
    }

    private double groupViolation(int g, double[] beta, double[] r, double lambda) {
        int[] m = members[g];
        double bn = 0;
        double gn = 0;
        double[] grad = new double[m.length];
        for (int a = 0; a < m.length; a++) {
            grad[a] = dot(col[m[a]], r) / n;
            bn += beta[m[a]] * beta[m[a]];
            gn += grad[a] * grad[a];
        }
        bn = Math.sqrt(bn);
        if (bn == 0) {
            return Math.max(0, Math.sqrt(gn) - lambda * weights[g]);
        }
        double s = 0;
        for (int a = 0; a < m.length; a++) {
            double d = grad[a] - lambda * weights[g] * beta[m[a]] / bn;
            s += d * d;
        }
        return Math.sqrt(s);
    }

    /**
     * Independent KKT check of any coefficient vector (for tests).
     * @param beta coefficients
     * @param lambda λ
     * @return per group: {‖X_gᵀr/n‖, λc_g, stationarity residual (NaN for zero groups)}
     */
    public double[][] kktReport(double[] beta, double lambda) {
        double[] r = yc.clone();
        for (int j = 0; j < p; j++) {
            axpy(-beta[j], col[j], r);
        }
        double[][] out = new double[members.length][3];
        for (int g = 0; g < members.length; g++) {
            int[] m = members[g];
            double gn = 0;
            double bn = 0;
            for (int j : m) {
                double d = dot(col[j], r) / n;
                gn += d * d;
                bn += beta[j] * beta[j];
            }
            out[g][0] = Math.sqrt(gn);
            out[g][1] = lambda * weights[g];
            out[g][2] = bn == 0 ? Double.NaN : groupViolation(g, beta, r, lambda);
        }
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < y.length; i++) {
            y[i] += a * x[i];
        }
    }
}
