/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

/**
 * An independent reference solver for the penalised logistic / multinomial objective on standardised
 * features, written from scratch for the tests (it shares no code with the engine):
 * <pre>
 *   P(b, B) = −Σ_i ω_i log p(y_i | b + B x̃_i) + λ·pen(B),   x̃_ij = (x_ij − m_j)/s_j
 * </pre>
 * with weighted (1/n-type) means m and standard deviations s, unpenalised intercepts, and
 * pen = Σ|B_kj| (lasso) or √K·Σ_j ‖B_·j‖₂ (grouped multinomial). Binary problems have one row (the
 * log-odds of class 1). Solved by FISTA with backtracking and the exact proximal map
 * (soft-threshold or group soft-threshold); every 20 iterations the intercepts are polished by Newton
 * steps and the duality gap P − D(θ) is computed at the dual point θ = s·ω(Y − P̂), scaled into the
 * dual feasible set. Stops when the gap is below {@code gapTol}·P.
 */
final class FistaReference {

    final int n;
    final int p;
    final int rows;
    final boolean binary;
    final boolean grouped;
    final double lambda;
    final double[][] xt;      // standardised design
    final double[] mean;
    final double[] sd;
    final int[] y;
    final double[] omega;

    double[] b;               // intercepts, internal scale
    double[][] beta;          // [row][j], internal scale
    double gap;
    int iterations;

    FistaReference(ClassificationData data, boolean binary, boolean grouped, double lambda) {
        this.n = data.x.length;
        this.p = data.x[0].length;
        this.binary = binary;
        this.rows = binary ? 1 : data.classes();
        this.grouped = grouped;
        this.lambda = lambda;
        this.y = data.y;
        double total = 0;
        for (double w : data.weights) {
            total += w;
        }
        this.omega = new double[n];
        for (int i = 0; i < n; i++) {
            omega[i] = data.weights[i] / total;
        }
        this.mean = new double[p];
        this.sd = new double[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (int i = 0; i < n; i++) {
                m += omega[i] * data.x[i][j];
            }
            double v = 0;
            for (int i = 0; i < n; i++) {
                v += omega[i] * (data.x[i][j] - m) * (data.x[i][j] - m);
            }
            mean[j] = m;
            sd[j] = Math.sqrt(v);
        }
        this.xt = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                xt[i][j] = (data.x[i][j] - mean[j]) / sd[j];
            }
        }
        this.b = new double[rows];
        this.beta = new double[rows][p];
    }

    /** Probabilities of the rows' classes; binary: one entry, p(class 1). */
    private void probs(double[] bb, double[][] bt, int i, double[] out) {
        if (binary) {
            double z = bb[0];
            for (int j = 0; j < p; j++) {
                z += bt[0][j] * xt[i][j];
            }
            out[0] = 1 / (1 + Math.exp(-z));
            return;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < rows; k++) {
            double z = bb[k];
            for (int j = 0; j < p; j++) {
                z += bt[k][j] * xt[i][j];
            }
            out[k] = z;
            max = Math.max(max, z);
        }
        double s = 0;
        for (int k = 0; k < rows; k++) {
            out[k] = Math.exp(out[k] - max);
            s += out[k];
        }
        for (int k = 0; k < rows; k++) {
            out[k] /= s;
        }
    }

    private double target(int i, int k) {
        return binary ? y[i] : (y[i] == k ? 1 : 0);
    }

    /** The smooth part; fills gradients if non-null. */
    double loss(double[] bb, double[][] bt, double[] gb, double[][] gbeta) {
        double f = 0;
        double[] pr = new double[rows];
        if (gb != null) {
            java.util.Arrays.fill(gb, 0);
            for (double[] g : gbeta) {
                java.util.Arrays.fill(g, 0);
            }
        }
        for (int i = 0; i < n; i++) {
            probs(bb, bt, i, pr);
            if (binary) {
                double q = y[i] == 1 ? pr[0] : 1 - pr[0];
                f -= omega[i] * Math.log(q);
            } else {
                f -= omega[i] * Math.log(pr[y[i]]);
            }
            if (gb != null) {
                for (int k = 0; k < rows; k++) {
                    double r = omega[i] * (pr[k] - target(i, k));
                    gb[k] += r;
                    for (int j = 0; j < p; j++) {
                        gbeta[k][j] += r * xt[i][j];
                    }
                }
            }
        }
        return f;
    }

    double penalty(double[][] bt) {
        double s = 0;
        if (grouped) {
            for (int j = 0; j < p; j++) {
                double q = 0;
                for (int k = 0; k < rows; k++) {
                    q += bt[k][j] * bt[k][j];
                }
                s += Math.sqrt(rows) * Math.sqrt(q);
            }
        } else {
            for (double[] r : bt) {
                for (double v : r) {
                    s += Math.abs(v);
                }
            }
        }
        return lambda * s;
    }

    /** P at internal-scale parameters. */
    double objective(double[] bb, double[][] bt) {
        return loss(bb, bt, null, null) + penalty(bt);
    }

    /**
     * P at raw-scale parameters (as a model reports them), converted to the internal scale.
     * @param rawB raw intercepts per row
     * @param rawBeta raw coefficients [row][j]
     * @return the objective
     */
    double objectiveRaw(double[] rawB, double[][] rawBeta) {
        double[] bb = new double[rows];
        double[][] bt = new double[rows][p];
        for (int k = 0; k < rows; k++) {
            bb[k] = rawB[k];
            for (int j = 0; j < p; j++) {
                bt[k][j] = rawBeta[k][j] * sd[j];
                bb[k] += rawBeta[k][j] * mean[j];
            }
        }
        return objective(bb, bt);
    }

    private void prox(double[][] v, double step) {
        double t = step * lambda;
        if (grouped) {
            double tg = t * Math.sqrt(rows);
            for (int j = 0; j < p; j++) {
                double q = 0;
                for (int k = 0; k < rows; k++) {
                    q += v[k][j] * v[k][j];
                }
                double norm = Math.sqrt(q);
                double shrink = norm <= tg ? 0 : 1 - tg / norm;
                for (int k = 0; k < rows; k++) {
                    v[k][j] *= shrink;
                }
            }
        } else {
            for (double[] r : v) {
                for (int j = 0; j < p; j++) {
                    r[j] = Math.signum(r[j]) * Math.max(0, Math.abs(r[j]) - t);
                }
            }
        }
    }

    /** Newton steps on the intercepts with B fixed, until the intercept gradient is ~0. */
    private void polishIntercepts() {
        double[] pr = new double[rows];
        for (int sweep = 0; sweep < 200; sweep++) {
            double worst = 0;
            for (int k = 0; k < rows; k++) {
                double g = 0;
                double h = 0;
                for (int i = 0; i < n; i++) {
                    probs(b, beta, i, pr);
                    g += omega[i] * (pr[k] - target(i, k));
                    h += omega[i] * pr[k] * (1 - pr[k]);
                }
                b[k] -= g / Math.max(h, 1e-12);
                worst = Math.max(worst, Math.abs(g));
            }
            if (worst < 1e-15) {
                return;
            }
        }
    }

    /** The duality gap at the current point (after polishing the intercepts). */
    double dualityGap() {
        polishIntercepts();
        double[] gb = new double[rows];
        double[][] g = new double[rows][p];
        double primal = loss(b, beta, gb, g) + penalty(beta);
        // θ = −∇_η F = ω(Y − P̂); X̃ᵀθ = −g. Scale into {‖X̃ᵀθ‖ ≤ λ}.
        double worst = 0;
        if (grouped) {
            for (int j = 0; j < p; j++) {
                double q = 0;
                for (int k = 0; k < rows; k++) {
                    q += g[k][j] * g[k][j];
                }
                worst = Math.max(worst, Math.sqrt(q) / Math.sqrt(rows));
            }
        } else {
            for (double[] r : g) {
                for (double v : r) {
                    worst = Math.max(worst, Math.abs(v));
                }
            }
        }
        double s = worst <= lambda ? 1 : lambda / worst;
        // D(sθ) = Σ ω_i H(π_i) with π_i = (1 − s)·e_{y_i} + s·p̂_i (entropy).
        double dual = 0;
        double[] pr = new double[rows];
        for (int i = 0; i < n; i++) {
            probs(b, beta, i, pr);
            if (binary) {
                double pi = (1 - s) * y[i] + s * pr[0];
                dual -= omega[i] * (xlogx(pi) + xlogx(1 - pi));
            } else {
                for (int k = 0; k < rows; k++) {
                    double pi = (1 - s) * target(i, k) + s * pr[k];
                    dual -= omega[i] * xlogx(pi);
                }
            }
        }
        return primal - dual;
    }

    private static double xlogx(double v) {
        return v <= 0 ? 0 : v * Math.log(v);
    }

    /**
     * Runs FISTA with backtracking.
     * @param gapTol relative duality gap to stop at
     * @param maxIter iteration budget
     * @return this
     */
    FistaReference solve(double gapTol, int maxIter) {
        double[] yb = b.clone();
        double[][] yBeta = copy(beta);
        double t = 1;
        double step = 1.0;
        double[] gb = new double[rows];
        double[][] g = new double[rows][p];
        for (iterations = 1; iterations <= maxIter; iterations++) {
            double fy = loss(yb, yBeta, gb, g);
            double[] nb;
            double[][] nBeta;
            while (true) {
                nb = new double[rows];
                nBeta = new double[rows][p];
                for (int k = 0; k < rows; k++) {
                    nb[k] = yb[k] - step * gb[k];
                    for (int j = 0; j < p; j++) {
                        nBeta[k][j] = yBeta[k][j] - step * g[k][j];
                    }
                }
                prox(nBeta, step);
                double quad = fy;
                double sq = 0;
                for (int k = 0; k < rows; k++) {
                    double d = nb[k] - yb[k];
                    quad += gb[k] * d;
                    sq += d * d;
                    for (int j = 0; j < p; j++) {
                        d = nBeta[k][j] - yBeta[k][j];
                        quad += g[k][j] * d;
                        sq += d * d;
                    }
                }
                if (loss(nb, nBeta, null, null) <= quad + sq / (2 * step) + 1e-15 * Math.abs(fy)) {
                    break;
                }
                step /= 2;
            }
            double tn = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            double mom = (t - 1) / tn;
            // Restart the momentum when the objective goes up (adaptive restart).
            boolean restart = objective(nb, nBeta) > objective(b, beta);
            for (int k = 0; k < rows; k++) {
                yb[k] = restart ? nb[k] : nb[k] + mom * (nb[k] - b[k]);
                for (int j = 0; j < p; j++) {
                    yBeta[k][j] = restart ? nBeta[k][j] : nBeta[k][j] + mom * (nBeta[k][j] - beta[k][j]);
                }
            }
            t = restart ? 1 : tn;
            b = nb;
            beta = nBeta;
            if (iterations % 20 == 0) {
                gap = dualityGap();
                if (gap <= gapTol * objective(b, beta)) {
                    return this;
                }
                // The intercepts were polished: restart FISTA from the polished point.
                yb = b.clone();
                yBeta = copy(beta);
                t = 1;
            }
        }
        gap = dualityGap();
        return this;
    }

    /** @return the final objective */
    double objective() {
        return objective(b, beta);
    }

    /** @return the support as "row:j" flags */
    boolean[][] support() {
        boolean[][] s = new boolean[rows][p];
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < p; j++) {
                s[k][j] = beta[k][j] != 0;
            }
        }
        return s;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }
}
