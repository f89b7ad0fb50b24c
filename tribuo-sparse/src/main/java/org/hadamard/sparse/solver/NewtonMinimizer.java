package org.hadamard.sparse.solver;

import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.Problem;

import java.util.Arrays;

/**
 * Newton's method with Levenberg–Marquardt damping on the surrogate over a working set, for
 * single-output losses that provide second derivatives. The surrogate Hessian is assembled exactly:
 * Jᵀ(X̃ᵀDX̃)J + Σ_t g_t∇²β_t + λ∇²R_ξ, with J the Jacobian of β in the factors and D the loss
 * curvature per example. Near a minimum the convergence is quadratic, which removes the
 * ill-conditioning that the factorization brings to first-order methods (the curvature along β
 * scales with |β|, so small and large coefficients differ by orders of magnitude).
 * <p>
 * Cost per step: one weighted Gram of the working set's columns (n·m²/2; cached for the squared loss,
 * whose curvature is constant) and one dense Cholesky factorization of the dim × dim system.
 */
final class NewtonMinimizer {

    /** The largest system (slots + intercept) solved by Newton; larger working sets use L-BFGS. */
    static final int MAX_DIMENSION = 1500;

    private static final boolean DEBUG = System.getenv("HADAMARD_DEBUG") != null;
    private int iterations;

    /** @return iterations of the last run */
    int iterations() { return iterations; }

    /**
     * @param objective the surrogate
     * @return whether Newton applies (single output, second derivatives available, small enough)
     */
    static boolean applies(SurrogateObjective objective) {
        Problem problem = objective.problem();
        if (problem.outputs() != 1 || objective.dimension() > MAX_DIMENSION) {
            return false;
        }
        double[] probe = new double[problem.examples()];
        return problem.loss().weightedSecondDerivatives(new double[problem.examples()], probe);
    }

    /**
     * Minimizes the surrogate from z (overwritten).
     * @param objective the surrogate with its working set
     * @param z start point and result
     * @param maxIterations budget
     * @param monitor the caller's stopping test
     * @param saddleEscape moves working-set blocks that sit at a strict saddle (near zero, violating
     *                     the base KKT condition) off it; returns true if it changed any factor
     * @return why it stopped
     */
    Lbfgs.Status minimize(SurrogateObjective objective, double[] z, int maxIterations, Lbfgs.Monitor monitor,
                          java.util.function.BooleanSupplier saddleEscape) {
        Problem problem = objective.problem();
        Parametrization param = objective.parametrization();
        int n = problem.examples();
        int dim = objective.dimension();
        int blocks = objective.activeCount();
        // Coefficient list of the working set, with each block's first position in it.
        int count = 0;
        int[] memberStart = new int[blocks + 1];
        int[] slotStart = new int[blocks + 1];
        for (int t = 0; t < blocks; t++) {
            memberStart[t] = count;
            count += param.members(objective.activeBlock(t)).length;
            slotStart[t + 1] = slotStart[t] + param.width(objective.activeBlock(t));
        }
        memberStart[blocks] = count;
        int[] cols = new int[count];
        for (int t = 0; t < blocks; t++) {
            int[] mem = param.members(objective.activeBlock(t));
            System.arraycopy(mem, 0, cols, memberStart[t], mem.length);
        }
        double[] jac = new double[blocks == 0 ? 0 : maxJacobian(param, objective)];
        double[][] jacobians = new double[blocks][];
        double[] hessTerm = new double[maxWidth(param, objective) * maxWidth(param, objective)];
        double[] d = new double[n];
        double[] gram = new double[count * count];
        double[] colSum = new double[count];
        double[] gm = new double[count * dim];
        double[] h = new double[dim * dim];
        double[] chol = new double[dim * dim];
        double[] g = new double[dim];
        double[] gNew = new double[dim];
        double[] step = new double[dim];
        double[] zNew = new double[dim];

        iterations = 0;
        double f = objective.valueAndGradient(z, g);
        double mu = 0;
        int flat = 0;
        org.hadamard.sparse.problem.GramCache cache = problem.constantCurvatureGram();
        boolean constantCurvature = cache != null;
        boolean cacheFilled = false;
        while (iterations < maxIterations) {
            if (monitor.done(z, f, g)) {
                return Lbfgs.Status.MONITOR;
            }
            // Damped Newton escapes a strict saddle only geometrically; a block that drifted to zero
            // while its gradient grew past λ is re-seeded along its descent direction instead.
            if (saddleEscape.getAsBoolean()) {
                objective.gather(z);
                f = objective.valueAndGradient(z, g);
                mu = 0;
            }
            double[] beta = objective.beta();
            double[] gBeta = objective.lossGradient();
            // Loss curvature on the working set's columns.
            if (cache != null) {
                if (!cacheFilled) {
                    cache.fill(cols, count, gram, colSum);
                    cacheFilled = true;
                }
            } else {
                problem.loss().weightedSecondDerivatives(objective.predictors(), d);
                problem.design().weightedCross(cols, count, cols, count, d, gram, colSum);
            }
            double curvSum = 0;
            if (constantCurvature) {
                curvSum = 1.0;
            } else {
                for (int i = 0; i < n; i++) {
                    curvSum += d[i];
                }
            }
            // GM = G·J (count × slots), then H = Jᵀ·GM plus the block terms and the intercept.
            for (int t = 0; t < blocks; t++) {
                int b = objective.activeBlock(t);
                int w = param.width(b);
                int size = param.members(b).length;
                if (jacobians[t] == null || jacobians[t].length < size * w) {
                    jacobians[t] = new double[size * w];
                }
                param.jacobian(objective.xi(), b, jacobians[t]);
            }
            Arrays.fill(gm, 0, count * dim, 0.0);
            for (int a = 0; a < count; a++) {
                int row = a * count;
                int out = a * dim;
                for (int t = 0; t < blocks; t++) {
                    int b = objective.activeBlock(t);
                    int w = param.width(b);
                    int size = memberStart[t + 1] - memberStart[t];
                    double[] jt = jacobians[t];
                    for (int u = 0; u < size; u++) {
                        double gv = gram[row + memberStart[t] + u];
                        if (gv == 0.0) {
                            continue;
                        }
                        for (int s = 0; s < w; s++) {
                            gm[out + slotStart[t] + s] += gv * jt[u * w + s];
                        }
                    }
                }
            }
            Arrays.fill(h, 0, dim * dim, 0.0);
            int last = dim - 1;
            for (int t = 0; t < blocks; t++) {
                int b = objective.activeBlock(t);
                int w = param.width(b);
                int size = memberStart[t + 1] - memberStart[t];
                double[] jt = jacobians[t];
                for (int s = 0; s < w; s++) {
                    int r = slotStart[t] + s;
                    double cross = 0;
                    for (int u = 0; u < size; u++) {
                        double j = jt[u * w + s];
                        if (j == 0.0) {
                            continue;
                        }
                        int a = memberStart[t] + u;
                        int src = a * dim;
                        for (int c = 0; c < last; c++) {
                            h[r * dim + c] += j * gm[src + c];
                        }
                        cross += j * colSum[a];
                    }
                    h[r * dim + last] = cross;
                    h[last * dim + r] = cross;
                }
                param.secondOrderTerm(objective.xi(), b, gBeta, objective.lambda(), hessTerm);
                for (int s = 0; s < w; s++) {
                    for (int s2 = 0; s2 < w; s2++) {
                        h[(slotStart[t] + s) * dim + slotStart[t] + s2] += hessTerm[s * w + s2];
                    }
                }
            }
            h[last * dim + last] = curvSum;
            double maxDiag = 0;
            for (int r = 0; r < dim; r++) {
                maxDiag = Math.max(maxDiag, Math.abs(h[r * dim + r]));
            }
            // Damped Newton direction: (H + μI)·step = −g, μ raised until H + μI is positive definite
            // and the step decreases f.
            boolean accepted = false;
            double fNew = f;
            for (int attempt = 0; attempt < 40 && !accepted; attempt++) {
                if (!factorAndSolve(h, mu, dim, chol, g, step)) {
                    mu = Math.max(4 * mu, 1e-10 * Math.max(maxDiag, 1e-300));
                    continue;
                }
                double slope = 0;
                for (int r = 0; r < dim; r++) {
                    slope += g[r] * step[r];
                }
                if (!(slope < 0)) {
                    mu = Math.max(4 * mu, 1e-10 * Math.max(maxDiag, 1e-300));
                    continue;
                }
                double alpha = 1.0;
                for (int ls = 0; ls < 30; ls++) {
                    for (int r = 0; r < dim; r++) {
                        zNew[r] = z[r] + alpha * step[r];
                    }
                    fNew = objective.valueAndGradient(zNew, gNew);
                    if (Double.isFinite(fNew) && fNew <= f + 1e-4 * alpha * slope) {
                        accepted = true;
                        break;
                    }
                    if (Double.isFinite(fNew) && fNew <= f + 1e-13 * Math.abs(f)) {
                        double slopeNew = 0;
                        for (int r = 0; r < dim; r++) {
                            slopeNew += gNew[r] * step[r];
                        }
                        if (Math.abs(slopeNew) <= 0.9 * Math.abs(slope)) {
                            accepted = true;
                            break;
                        }
                    }
                    alpha *= 0.5;
                }
                if (accepted) {
                    mu = alpha == 1.0 ? mu * 0.25 : mu;
                    if (mu < 1e-14 * maxDiag) {
                        mu = 0;
                    }
                } else {
                    mu = Math.max(10 * mu, 1e-8 * Math.max(maxDiag, 1e-300));
                }
            }
            if (!accepted) {
                objective.valueAndGradient(z, g);
                return Lbfgs.Status.STALLED;
            }
            // At the rounding floor steps are accepted on the directional derivative alone while f
            // no longer moves: a few of those in a row mean no further progress is possible.
            if (!(fNew < f - 1e-15 * Math.abs(f))) {
                flat++;
            } else {
                flat = 0;
            }
            System.arraycopy(zNew, 0, z, 0, dim);
            System.arraycopy(gNew, 0, g, 0, dim);
            if (DEBUG) {
                double gn = 0;
                for (double v : g) {
                    gn = Math.max(gn, Math.abs(v));
                }
                System.err.printf("  newton %d f %.15g df %.3g |g| %.3g mu %.3g%n", iterations, fNew, f - fNew, gn, mu);
            }
            f = fNew;
            iterations++;
            if (flat >= 3) {
                return monitor.done(z, f, g) ? Lbfgs.Status.MONITOR : Lbfgs.Status.STALLED;
            }
        }
        if (DEBUG) {
            for (int t = 0; t < blocks; t++) {
                int b = objective.activeBlock(t);
                int off = param.offset(b);
                System.err.printf("  block %d xi %s g %s mu %.3g%n", b, Arrays.toString(Arrays.copyOfRange(objective.xi(), off, off + param.width(b))),
                        objective.lossGradient()[param.members(b)[0]], mu);
            }
        }
        return monitor.done(z, f, g) ? Lbfgs.Status.MONITOR : Lbfgs.Status.BUDGET;
    }

    /** Cholesky of H + μI into chol (lower), then solves for −g. */
    private static boolean factorAndSolve(double[] h, double mu, int dim, double[] chol, double[] g, double[] x) {
        for (int i = 0; i < dim; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = h[i * dim + j] + (i == j ? mu : 0.0) - dot(chol, i * dim, j * dim, j);
                if (i == j) {
                    if (!(sum > 0)) {
                        return false;
                    }
                    chol[i * dim + i] = Math.sqrt(sum);
                } else {
                    chol[i * dim + j] = sum / chol[j * dim + j];
                }
            }
        }
        for (int i = 0; i < dim; i++) {
            double sum = -g[i];
            for (int k = 0; k < i; k++) {
                sum -= chol[i * dim + k] * x[k];
            }
            x[i] = sum / chol[i * dim + i];
        }
        for (int i = dim - 1; i >= 0; i--) {
            double sum = x[i];
            for (int k = i + 1; k < dim; k++) {
                sum -= chol[k * dim + i] * x[k];
            }
            x[i] = sum / chol[i * dim + i];
        }
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Σ_{k<len} a[x+k]·a[y+k] with four independent accumulators: Java does not reassociate floating
     * point sums, so a single accumulator serializes on the add latency.
     */
    private static double dot(double[] a, int x, int y, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += a[x + k] * a[y + k];
            s1 += a[x + k + 1] * a[y + k + 1];
            s2 += a[x + k + 2] * a[y + k + 2];
            s3 += a[x + k + 3] * a[y + k + 3];
        }
        for (; k < len; k++) {
            s0 += a[x + k] * a[y + k];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static int maxJacobian(Parametrization param, SurrogateObjective objective) {
        int m = 1;
        for (int t = 0; t < objective.activeCount(); t++) {
            int b = objective.activeBlock(t);
            m = Math.max(m, param.members(b).length * param.width(b));
        }
        return m;
    }

    private static int maxWidth(Parametrization param, SurrogateObjective objective) {
        int m = 1;
        for (int t = 0; t < objective.activeCount(); t++) {
            m = Math.max(m, param.width(objective.activeBlock(t)));
        }
        return m;
    }
}
