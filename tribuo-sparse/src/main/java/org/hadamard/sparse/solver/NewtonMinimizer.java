package org.hadamard.sparse.solver;

import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.DenseKernels;
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
 * whose curvature is constant, which is then also evaluated from it) and the solution of an m × m system
 * in coefficient space: a few conjugate-gradient products preconditioned with the last Cholesky factor,
 * or a new factorization (m³/3) when there is none or CG is slow.
 */
final class NewtonMinimizer {

    // A non-quadratic loss's Gram X̃ᵀDX̃ is rebuilt only when D has moved by more than this fraction of
    // its largest entry since it was built (on 800x400 logistic at 232 active: 2.9x faster, 65 -> 71 steps).
    static final double LAZY = 0.1;
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
    boolean applies(SurrogateObjective objective) {
        Problem problem = objective.problem();
        if (problem.outputs() != 1 || objective.dimension() > MAX_DIMENSION) {
            return false;
        }
        double[] probe = curvatureBuffer(problem.examples());
        return problem.loss().weightedSecondDerivatives(objective.predictors(), probe);
    }

    // The problem whose systems the lagged factor came from (another problem's factor is dropped).
    private Problem lagProblem;
    // Buffers kept across calls (a path calls this once or more per λ), grown on demand.
    private double[] curvatureBuffer = new double[0];
    private double[] gramBuffer = new double[0];
    private Reduced reducedBuffer;
    private final double[][] slotBuffers = {new double[0], new double[0], new double[0]};

    private double[] curvatureBuffer(int n) {
        if (curvatureBuffer.length < n) {
            curvatureBuffer = new double[n];
        }
        return curvatureBuffer;
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
        Assembly asm = new Assembly(objective);
        if (asm.cache != null) {
            // A quadratic loss: evaluate it from the working set's Gram (m² instead of 2nm per call).
            asm.curvature(objective);
            objective.useQuadraticModel(asm.gram, asm.colSum, asm.curvSum, asm.count);
        }
        try {
            return minimize(objective, asm, z, maxIterations, monitor, saddleEscape);
        } finally {
            objective.useData();
        }
    }

    private Lbfgs.Status minimize(SurrogateObjective objective, Assembly asm, double[] z, int maxIterations, Lbfgs.Monitor monitor,
                          java.util.function.BooleanSupplier saddleEscape) {
        Problem problem = objective.problem();
        Parametrization param = objective.parametrization();
        int dim = objective.dimension();
        int blocks = asm.blocks;
        int count = asm.count;
        int[] memberStart = asm.memberStart;
        int[] slotStart = asm.slotStart;
        double[][] jacobians = asm.jacobians;
        double[][] eTerms = asm.eTerms;
        double[] gram = asm.gram;
        double[] colSum = asm.colSum;
        Reduced reduced = reducedBuffer;
        // Slot-space buffers, allocated only if the coefficient-space solve ever fails to apply.
        double[] gm = null;
        double[] h = null;
        double[] chol = null;
        double[] g = new double[dim];
        double[] gNew = new double[dim];
        double[] step = new double[dim];
        double[] zNew = new double[dim];

        iterations = 0;
        double f = objective.valueAndGradient(z, g);
        double mu = 0;
        int flat = 0;
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
            asm.curvature(objective);
            asm.blockTerms(objective);
            double curvSum = asm.curvSum;
            // The full slot-space Hessian is assembled only if the coefficient-space solve does not apply.
            boolean built = false;
            double maxDiag = maxDiagonal(param, objective, blocks, count, eTerms, gram, curvSum);
            // Damped Newton direction: (H + μI)·step = −g, μ raised until H + μI is positive definite
            // and the step decreases f.
            // If H is indefinite, blocks whose own Hessian block is indefinite (a coefficient pulled to
            // grow from inside the non-convex region of its factors) first get their own shift, so the
            // damping that they need does not slow the rest of the working set.
            double[] blockShifts = null;
            boolean accepted = false;
            double fNew = f;
            for (int attempt = 0; attempt < 40 && !accepted; attempt++) {
                reduced.inexact = param.convex() ? Reduced.CG_INEXACT : Reduced.CG_INEXACT_NONCONVEX;
                boolean solved = reduced.solve(param, objective, blocks, memberStart, slotStart, asm.cols, jacobians, eTerms, gram, colSum, curvSum, mu, blockShifts, g, step);
                // With every E' and M positive definite the reduction is a congruence: a reduced system
                // that is not positive definite means H + μI is not either, and only more damping helps.
                // The slot-space system is factorized only when the elimination itself did not apply.
                if (!solved && !reduced.eliminated) {
                    if (!built) {
                        if (h == null) {
                            if (slotBuffers[1].length < dim * dim || slotBuffers[0].length < count * dim) {
                                // Geometric growth: along a path the working set grows a little at a time.
                                int cap = dim + dim / 2;
                                slotBuffers[0] = new double[cap * cap];
                                slotBuffers[1] = new double[cap * cap];
                                slotBuffers[2] = new double[cap * cap];
                            }
                            gm = slotBuffers[0];
                            h = slotBuffers[1];
                            chol = slotBuffers[2];
                        }
                        slotHessian(param, objective, blocks, count, dim, memberStart, slotStart, jacobians, eTerms, gram, colSum, curvSum, gm, h);
                        built = true;
                    }
                    solved = factorAndSolve(h, mu, blockShifts, slotStart, blocks, dim, chol, g, step);
                }
                if (!solved) {
                    // First failure: jump to the damping that the blocks' own negative curvature calls for
                    // (a Gershgorin bound on each diagonal block) instead of climbing to it by factors of 4.
                    if (blockShifts == null && mu == 0) {
                        blockShifts = blockShift(blocks);
                        if (negativeCurvature(param, objective, blocks, memberStart, jacobians, eTerms, gram, count, blockShifts)) {
                            continue;
                        }
                    }
                    // Then (or when no block is indefinite on its own) the damping that the worst block
                    // calls for, instead of climbing to it by factors of 4.
                    double floor = 0;
                    if (mu == 0 && blockShifts != null) {
                        for (int t = 0; t < blocks; t++) {
                            floor = Math.max(floor, blockShifts[t]);
                        }
                    }
                    blockShifts = null;
                    mu = Math.max(Math.max(4 * mu, floor), 1e-10 * Math.max(maxDiag, 1e-300));
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
                    mu = alpha == 1.0 ? mu * 0.1 : mu;
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

    /**
     * The tangent of the surrogate's minimizer path at a minimizer z for the current λ (working set and
     * support fixed): ∇Q(ξ(λ), λ) = 0 gives dξ/dλ = −H⁻¹∇R_ξ, mapped to coefficients by the Jacobian.
     * Along a regularization path this predicts the next λ's solution to second order (exactly, for the
     * squared-error lasso with an unchanged support), so Newton starts next to its target.
     * @param objective the surrogate with its working set, at λ, last evaluated at z
     * @param z the minimizer
     * @param betaTangent output dβ/dλ (written on the working set's coefficients only)
     * @param interceptTangent output db/dλ (length 1)
     * @return false if the Hessian is not positive definite there (then nothing is written)
     */
    boolean tangent(SurrogateObjective objective, double[] z, double[] betaTangent, double[] interceptTangent) {
        Parametrization param = objective.parametrization();
        int dim = objective.dimension();
        double[] rhs = new double[dim];
        Assembly asm = new Assembly(objective);
        asm.curvature(objective);
        asm.blockTerms(objective);
        // ∇_ξR_ξ without the loss: the penalty gradient at unit λ against a zero loss gradient.
        double[] zeroLoss = new double[param.coefficients()];
        double[] penaltyGradient = new double[param.size()];
        for (int t = 0; t < asm.blocks; t++) {
            int b = objective.activeBlock(t);
            if (param.penalized(b)) {
                param.gradient(objective.xi(), b, zeroLoss, 1.0, penaltyGradient);
                System.arraycopy(penaltyGradient, param.offset(b), rhs, asm.slotStart[t], param.width(b));
            } else {
                Arrays.fill(rhs, asm.slotStart[t], asm.slotStart[t + 1], 0.0);
            }
        }
        rhs[dim - 1] = 0;
        double[] step = new double[dim];
        if (!reducedBuffer.solve(param, objective, asm.blocks, asm.memberStart, asm.slotStart, asm.cols, asm.jacobians, asm.eTerms,
                asm.gram, asm.colSum, asm.curvSum, 0.0, null, rhs, step)) {
            return false;
        }
        for (int t = 0; t < asm.blocks; t++) {
            int b = objective.activeBlock(t);
            int w = param.width(b);
            int[] mem = param.members(b);
            double[] jt = asm.jacobians[t];
            for (int u = 0; u < mem.length; u++) {
                double v = 0;
                for (int s = 0; s < w; s++) {
                    v += jt[u * w + s] * step[asm.slotStart[t] + s];
                }
                betaTangent[mem[u]] = v;
            }
        }
        interceptTangent[0] = step[dim - 1];
        return true;
    }

    /**
     * The working set's coefficient layout and the pieces of the surrogate Hessian on it: the loss
     * curvature on its columns (X̃ᵀDX̃, its column sums and ΣD) and each block's Jacobian and
     * second-order term. Buffers come from the minimizer's reusable pools.
     */
    private final class Assembly {
        final int blocks;
        final int count;
        final int[] memberStart;
        final int[] slotStart;
        final int[] cols;
        final double[][] jacobians;
        final double[][] eTerms;
        final double[] gram;
        final double[] colSum;
        double curvSum;
        private final org.hadamard.sparse.problem.GramCache cache;
        private boolean cacheFilled;

        Assembly(SurrogateObjective objective) {
            Parametrization param = objective.parametrization();
            blocks = objective.activeCount();
            // Coefficient list of the working set, with each block's first position in it.
            int c = 0;
            memberStart = new int[blocks + 1];
            slotStart = new int[blocks + 1];
            for (int t = 0; t < blocks; t++) {
                memberStart[t] = c;
                c += param.members(objective.activeBlock(t)).length;
                slotStart[t + 1] = slotStart[t] + param.width(objective.activeBlock(t));
            }
            memberStart[blocks] = c;
            count = c;
            cols = new int[count];
            for (int t = 0; t < blocks; t++) {
                int[] mem = param.members(objective.activeBlock(t));
                System.arraycopy(mem, 0, cols, memberStart[t], mem.length);
            }
            jacobians = new double[blocks][];
            eTerms = new double[blocks][];
            int maxW = maxWidth(param, objective);
            int maxM = maxMembers(param, objective);
            if (reducedBuffer == null || !reducedBuffer.fits(count, maxW, maxM)) {
                int previous = reducedBuffer == null ? 0 : reducedBuffer.count;
                Reduced grown = new Reduced(Math.max(count, previous + previous / 2), Math.max(maxW, 2), Math.max(maxM, 1));
                if (reducedBuffer != null) {
                    grown.lag = reducedBuffer.lag;
                }
                reducedBuffer = grown;
            }
            if (gramBuffer.length < count * count) {
                int cap = count + count / 2;
                gramBuffer = new double[cap * cap];
            }
            gram = gramBuffer;
            colSum = new double[count];
            cache = objective.problem().constantCurvatureGram();
            if (objective.problem() != lagProblem) {
                reducedBuffer.lag.clear();
                lagProblem = objective.problem();
            }
        }

        /** Loss curvature on the working set's columns (filled once when it does not depend on the fit). */
        void curvature(SurrogateObjective objective) {
            if (cache != null) {
                if (!cacheFilled) {
                    cache.fill(cols, count, gram, colSum);
                    cacheFilled = true;
                    curvSum = 1.0;
                }
                return;
            }
            Problem problem = objective.problem();
            int n = problem.examples();
            double[] d = curvatureBuffer(n);
            problem.loss().weightedSecondDerivatives(objective.predictors(), d);
            if (gramCurvature != null) {
                // Keep the last Gram while the loss curvature has barely moved (a lazy Hessian: the
                // gradient stays exact, the line search and the certificate decide).
                double change = 0;
                double scale = 0;
                for (int i = 0; i < n; i++) {
                    change = Math.max(change, Math.abs(d[i] - gramCurvature[i]));
                    scale = Math.max(scale, gramCurvature[i]);
                }
                if (change <= LAZY * scale) {
                    return;
                }
            }
            problem.design().weightedCross(cols, count, cols, count, d, gram, colSum);
            if (gramCurvature == null) {
                gramCurvature = new double[n];
            }
            System.arraycopy(d, 0, gramCurvature, 0, n);
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[i];
            }
            curvSum = sum;
        }

        private double[] gramCurvature;

        /** Jacobians and second-order terms at the current factors and loss gradient. */
        void blockTerms(SurrogateObjective objective) {
            Parametrization param = objective.parametrization();
            for (int t = 0; t < blocks; t++) {
                int b = objective.activeBlock(t);
                int w = param.width(b);
                int size = param.members(b).length;
                if (jacobians[t] == null || jacobians[t].length < size * w) {
                    jacobians[t] = new double[size * w];
                }
                param.jacobian(objective.xi(), b, jacobians[t]);
                if (eTerms[t] == null || eTerms[t].length < w * w) {
                    eTerms[t] = new double[w * w];
                }
                param.secondOrderTerm(objective.xi(), b, objective.lossGradient(), objective.lambda(), eTerms[t]);
            }
        }
    }

    /**
     * The full slot-space Hessian H = JᵀGJ + E with the intercept last (dim × dim into h; gm is scratch),
     * for when the coefficient-space elimination does not apply. Kept out of minimize so that the JIT
     * compiles the hot path without this rarely used code.
     */
    private static void slotHessian(Parametrization param, SurrogateObjective objective, int blocks, int count, int dim,
                                    int[] memberStart, int[] slotStart, double[][] jacobians, double[][] eTerms, double[] gram,
                                    double[] colSum, double curvSum, double[] gm, double[] h) {
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
            for (int s = 0; s < w; s++) {
                for (int s2 = 0; s2 < w; s2++) {
                    h[(slotStart[t] + s) * dim + slotStart[t] + s2] += eTerms[t][s * w + s2];
                }
            }
        }
        h[last * dim + last] = curvSum;
    }

    /** The largest diagonal entry (in magnitude) of the Hessian's pieces: the damping's scale. */
    private static double maxDiagonal(Parametrization param, SurrogateObjective objective, int blocks, int count, double[][] eTerms,
                                      double[] gram, double curvSum) {
        double maxDiag = curvSum;
        for (int t = 0; t < blocks; t++) {
            int w = param.width(objective.activeBlock(t));
            for (int q = 0; q < w; q++) {
                maxDiag = Math.max(maxDiag, Math.abs(eTerms[t][q * w + q]));
            }
        }
        for (int a = 0; a < count; a++) {
            maxDiag = Math.max(maxDiag, Math.abs(gram[a * count + a]));
        }
        return maxDiag;
    }

    /** Cholesky of H + μI into chol (lower), then solves for −g. */
    private static boolean factorAndSolve(double[] h, double mu, double[] shifts, int[] slotStart, int blocks, int dim,
                                          double[] chol, double[] g, double[] x) {
        System.arraycopy(h, 0, chol, 0, dim * dim);
        for (int i = 0; i < dim; i++) {
            chol[i * dim + i] += mu;
        }
        for (int t = 0; shifts != null && t < blocks; t++) {
            for (int i = slotStart[t]; i < slotStart[t + 1]; i++) {
                chol[i * dim + i] += shifts[t];
            }
        }
        if (!cholesky(chol, dim)) {
            return false;
        }
        for (int i = 0; i < dim; i++) {
            x[i] = -g[i];
        }
        choleskySolve(chol, dim, x, 0);
        for (int i = 0; i < dim; i++) {
            if (!Double.isFinite(x[i])) {
                return false;
            }
        }
        return true;
    }

    private double[] shifts = new double[0];

    private double[] blockShift(int blocks) {
        if (shifts.length < blocks) {
            shifts = new double[Math.max(blocks, 2 * shifts.length)];
        }
        return shifts;
    }

    /**
     * Per working-set block, a shift that makes its diagonal Hessian block J_bᵀG_bbJ_b + E_b positive
     * definite, or 0 when it already is: for two slots (the lasso's u, v) its exact smallest eigenvalue,
     * otherwise a Gershgorin bound, with a 1 % margin.
     * @return whether any block needs a shift
     */
    private static boolean negativeCurvature(Parametrization param, SurrogateObjective objective, int blocks, int[] memberStart,
                                          double[][] jacobians, double[][] eTerms, double[] gram, int count, double[] out) {
        boolean any = false;
        double[] block = new double[4];
        for (int t = 0; t < blocks; t++) {
            int b = objective.activeBlock(t);
            out[t] = 0;
            if (!param.penalized(b)) {
                continue;
            }
            double worst = 0;
            int w = param.width(b);
            int size = memberStart[t + 1] - memberStart[t];
            int ms = memberStart[t];
            double[] jt = jacobians[t];
            for (int s1 = 0; s1 < w; s1++) {
                double centre = 0;
                double radius = 0;
                for (int s2 = 0; s2 < w; s2++) {
                    double v = eTerms[t][s1 * w + s2];
                    for (int u = 0; u < size; u++) {
                        double ju = jt[u * w + s1];
                        if (ju == 0.0) {
                            continue;
                        }
                        for (int q = 0; q < size; q++) {
                            v += ju * gram[(ms + u) * count + ms + q] * jt[q * w + s2];
                        }
                    }
                    if (w == 2) {
                        block[s1 * 2 + s2] = v;
                    }
                    if (s1 == s2) {
                        centre = v;
                    } else {
                        radius += Math.abs(v);
                    }
                }
                worst = Math.max(worst, radius - centre);
            }
            if (w == 2) {
                double half = 0.5 * (block[0] - block[3]);
                double smallest = 0.5 * (block[0] + block[3]) - Math.sqrt(half * half + block[1] * block[2]);
                worst = -smallest;
            }
            if (worst > 0) {
                out[t] = 1.01 * worst;
                any = true;
            }
        }
        return any;
    }

    private static int maxMembers(Parametrization param, SurrogateObjective objective) {
        int m = 1;
        for (int t = 0; t < objective.activeCount(); t++) {
            m = Math.max(m, param.members(objective.activeBlock(t)).length);
        }
        return m;
    }

    /** In-place Cholesky of the n × n row-major matrix at a; false if not positive definite. */
    static boolean cholesky(double[] a, int n) {
        // Newton factors many tiny per-block matrices (n = 2 for the lasso): no scratch for those.
        double[] four = n >= 4 ? new double[4] : null;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            // Rows i..i+3 left of column i need only finished rows: four dot products per column
            // share the loads of row j (the same sums as one by one, so the same factor bit for bit).
            for (int j = 0; j < i; j++) {
                DenseKernels.dot4(a, i * n, (i + 1) * n, (i + 2) * n, (i + 3) * n, a, j * n, j, four, 0);
                double d = a[j * n + j];
                for (int q = 0; q < 4; q++) {
                    a[(i + q) * n + j] = (a[(i + q) * n + j] - four[q]) / d;
                }
            }
            for (int row = i; row < i + 4; row++) {
                if (!choleskyRow(a, n, row, i)) {
                    return false;
                }
            }
        }
        for (; i < n; i++) {
            if (!choleskyRow(a, n, i, 0)) {
                return false;
            }
        }
        return true;
    }

    /** Row i of the Cholesky factor from column from to the diagonal (columns before from are done). */
    static boolean choleskyRow(double[] a, int n, int i, int from) {
        for (int j = from; j <= i; j++) {
            double sum = a[i * n + j] - DenseKernels.dot(a, i * n, a, j * n, j);
            if (i == j) {
                if (!(sum > 0)) {
                    return false;
                }
                a[i * n + i] = Math.sqrt(sum);
            } else {
                a[i * n + j] = sum / a[j * n + j];
            }
        }
        return true;
    }

    /** Solves L·Lᵀ·x = b in place, with the lower factor from {@link #cholesky}. */
    static void choleskySolve(double[] l, int n, double[] b, int off) {
        for (int i = 0; i < n; i++) {
            int row = i * n;
            double sum = b[off + i];
            if (off == 0) {
                sum -= DenseKernels.dot(l, row, b, 0, i);
            } else {
                for (int k = 0; k < i; k++) {
                    sum -= l[row + k] * b[off + k];
                }
            }
            b[off + i] = sum / l[row + i];
        }
        // Lᵀx = b by rows of L (contiguous), each finished unknown subtracted from those before it.
        for (int i = n - 1; i >= 0; i--) {
            int row = i * n;
            double xi = b[off + i] / l[row + i];
            b[off + i] = xi;
            for (int k = 0; k < i; k++) {
                b[off + k] -= l[row + k] * xi;
            }
        }
    }

    /**
     * A Cholesky factor of an earlier reduced system, with the coefficient of each of its rows (−1: the
     * intercept), used to precondition later systems. Rows that a later system adds are appended to the
     * factor with that system's own entries (a bordered Cholesky step, n² per row), so the
     * preconditioner is exact on everything but the old rows' drift. A system that lost rows is not
     * served (holding them at zero keeps the preconditioner SPD but, measured on paths, converges worse
     * than a fresh factor).
     */
    private static final class LaggedFactor {
        private double[] factor = new double[0];
        private int stride;
        private int dim;
        private int[] ids = new int[0];
        private int[] position = new int[0];
        private int interceptRow;
        private int[] map = new int[0];
        private double[] embed = new double[0];
        private final double[][] cg = new double[5][0];

        boolean empty() {
            return dim == 0;
        }

        /** Forgets the factor (a new problem: its coefficients mean something else). */
        void clear() {
            dim = 0;
        }

        /** Takes a fresh factor of the system over cols[0..count) and the intercept (n = count + 1, stride n). */
        void replace(double[] l, int n, int[] cols, int count) {
            ensureCapacity(n + n / 2 + 8, false);
            for (int i = 0; i < n; i++) {
                System.arraycopy(l, i * n, factor, i * stride, i + 1);
            }
            dim = n;
            System.arraycopy(cols, 0, ids, 0, count);
            ids[count] = -1;
        }

        private void ensureCapacity(int cap, boolean keep) {
            if (cap <= stride) {
                return;
            }
            double[] grown = new double[cap * cap];
            if (keep) {
                for (int i = 0; i < dim; i++) {
                    System.arraycopy(factor, i * stride, grown, i * cap, i + 1);
                }
            }
            factor = grown;
            ids = java.util.Arrays.copyOf(ids, cap);
            stride = cap;
        }

        /**
         * Maps the current rows (cols[0..count), then the intercept) onto factor rows, appending rows the
         * factor lacks from the current system r (n × n).
         * @return false if the factor has rows that the current system lacks
         */
        boolean map(double[] r, int[] cols, int count, int coefficients) {
            int n = count + 1;
            if (position.length < coefficients) {
                position = new int[coefficients];
                java.util.Arrays.fill(position, -1);
            }
            if (map.length < n) {
                map = new int[Math.max(n, 2 * map.length)];
            }
            interceptRow = -1;
            for (int i = 0; i < dim; i++) {
                if (ids[i] >= coefficients) {
                    // A factor of another problem: it cannot serve this one.
                    return false;
                }
                if (ids[i] < 0) {
                    interceptRow = i;
                } else {
                    position[ids[i]] = i;
                }
            }
            int found = 0;
            for (int a = 0; a < count; a++) {
                map[a] = position[cols[a]];
                if (map[a] >= 0) {
                    found++;
                }
            }
            map[count] = interceptRow;
            for (int i = 0; i < dim; i++) {
                if (ids[i] >= 0) {
                    position[ids[i]] = -1;
                }
            }
            if (interceptRow < 0 || found + 1 != dim) {
                return false;
            }
            if (found < count) {
                ensureCapacity(Math.max(n, dim + (count - found)) + n / 2, true);
                // Current row of each factor row (−1: absent now), for reading the new rows' couplings.
                double typical = 0;
                for (int i = 0; i < n; i++) {
                    typical += Math.abs(r[i * n + i]);
                }
                typical = Math.max(typical / n, Double.MIN_NORMAL);
                int[] rowOf = new int[dim + n];
                java.util.Arrays.fill(rowOf, -1);
                for (int i = 0; i < n; i++) {
                    if (map[i] >= 0) {
                        rowOf[map[i]] = i;
                    }
                }
                for (int i = 0; i < n; i++) {
                    if (map[i] >= 0) {
                        continue;
                    }
                    int k = dim;
                    int row = k * stride;
                    // l = L⁻¹·r[rows, i] (forward substitution), then the new pivot.
                    double sq = 0;
                    for (int f = 0; f < k; f++) {
                        double sum = rowOf[f] >= 0 ? r[rowOf[f] * n + i] : 0.0;
                        int fr = f * stride;
                        for (int c = 0; c < f; c++) {
                            sum -= factor[fr + c] * factor[row + c];
                        }
                        double v = sum / factor[fr + f];
                        factor[row + f] = v;
                        sq += v * v;
                    }
                    double diag = r[i * n + i];
                    double pivot = diag - sq;
                    // Not positive: the old rows have drifted too far to border this one; any positive
                    // pivot keeps the preconditioner SPD (CG then simply needs more iterations).
                    factor[row + k] = Math.sqrt(pivot > 1e-8 * typical ? pivot : Math.max(Math.abs(diag), typical));
                    ids[k] = cols[i];
                    rowOf[k] = i;
                    map[i] = k;
                    dim++;
                }
            }
            return true;
        }

        /** z = P⁻¹·v in the current row order (after {@link #map}). */
        void precondition(int n, double[] v, double[] z) {
            if (embed.length < dim) {
                embed = new double[Math.max(dim, 2 * embed.length)];
            }
            java.util.Arrays.fill(embed, 0, dim, 0.0);
            for (int i = 0; i < n; i++) {
                embed[map[i]] = v[i];
            }
            for (int i = 0; i < dim; i++) {
                int row = i * stride;
                embed[i] = (embed[i] - DenseKernels.dot(factor, row, embed, 0, i)) / factor[row + i];
            }
            for (int i = dim - 1; i >= 0; i--) {
                int row = i * stride;
                double xi = embed[i] / factor[row + i];
                embed[i] = xi;
                for (int k = 0; k < i; k++) {
                    embed[k] -= factor[row + k] * xi;
                }
            }
            for (int i = 0; i < n; i++) {
                z[i] = embed[map[i]];
            }
        }

        /** CG work vector k (0..4), at least n long. */
        double[] buffer(int k, int n) {
            if (cg[k].length < n) {
                cg[k] = new double[Math.max(n, 2 * cg[k].length)];
            }
            return cg[k];
        }
    }

    /**
     * The Newton system solved in coefficient space. The surrogate Hessian is JᵀGJ + E with J and E
     * block-diagonal (E: the second-order terms), so the slots of a penalized block can be eliminated:
     * with Ẽ = E + μI and M = JẼ⁻¹Jᵀ per block, the coefficient-space unknowns v = JΔ (and the direct
     * coefficients and intercepts) solve the symmetric system [M⁻¹ + G, G_f; G_f, G_ff]·y = rhs, whose
     * size is the number of coefficients instead of slots (half for the lasso: an 8× cheaper
     * factorization); then Δ_b = −Ẽ_b⁻¹(g_b + J_bᵀ(Gy)_b). Ẽ_b is singular on the support, so the
     * elimination uses E' = Ẽ_b + α_bJ_bᵀJ_b and G − α_b (an exact rewriting of the same Hessian).
     * Applies when every E' and M is positive definite; otherwise the caller factorizes the full system.
     */
    private static final class Reduced {
        // Systems this small are cheaper to factorize than to iterate on.
        private static final int MIN_ITERATIVE = 40;
        private static final double CG_TOLERANCE = 1e-12;

        /**
         * Solves R·x = y in place (R = r, n = count + 1, the intercept last). Along a path and between
         * Newton steps R changes little on most coordinates (at the surrogate's minimizer the penalty
         * adds no curvature along β on the support), so the last factor, mapped onto the current
         * coordinates, preconditions conjugate gradients, which then converge in a few matrix-vector
         * products (n² each) instead of a new factorization (n³/3). CG stops at a relative residual of
         * 1e-12, or, once its budget (half a factorization's work) is spent, accepts an inexact Newton
         * direction with a residual below {@link #inexact}. Otherwise a fresh factorization is made
         * (also when there is no usable factor); it becomes the next preconditioner. Negative curvature
         * met by CG proves R indefinite: then no factorization is tried.
         * @return false if R is not positive definite
         */
        private boolean solveSystem(int[] cols, int count, int coefficients) {
            int n = count + 1;
            if (n >= MIN_ITERATIVE && !lag.empty()) {
                int outcome = conjugateGradients(cols, count, coefficients);
                if (outcome == SOLVED) {
                    return true;
                }
                if (outcome == INDEFINITE) {
                    // Proven (pᵀRp ≤ 0): a factorization would fail too.
                    return false;
                }
            }
            if (!cholesky(r, n)) {
                return false;
            }
            choleskySolve(r, n, y, 0);
            lag.replace(r, n, cols, count);
            return true;
        }

        private static final int SOLVED = 0;
        private static final int INDEFINITE = 1;
        private static final int SLOW = 2;
        // An inexact Newton step is accepted when CG has reduced the residual this much within budget
        // (an inexact Newton method: the step stays a descent direction and the line search and the
        // certificate decide). Convex penalties: counted in multiply-adds, 1e-3 saved 17 % on the
        // 200x1000 lasso path at 3 % more on 1000x100 against 1e-6. Non-convex (Lq) descents lose far
        // more steps than they save with rough directions (the Lq experiment of `reproduce` took twice
        // as long), so they keep 1e-6.
        static final double CG_INEXACT = 1e-3;
        static final double CG_INEXACT_NONCONVEX = 1e-6;
        /** The inexactness accepted for the next solve (set per parametrization by the caller). */
        double inexact = CG_INEXACT;

        /** @return SOLVED (y holds the solution), INDEFINITE (R is not positive definite) or SLOW */
        private int conjugateGradients(int[] cols, int count, int coefficients) {
            int n = count + 1;
            if (!lag.map(r, cols, count, coefficients)) {
                return SLOW;
            }
            double[] x = lag.buffer(0, n);
            double[] res = lag.buffer(1, n);
            double[] z = lag.buffer(2, n);
            double[] dir = lag.buffer(3, n);
            double[] q = lag.buffer(4, n);
            double bnorm = 0;
            for (int i = 0; i < n; i++) {
                x[i] = 0;
                res[i] = y[i];
                bnorm += y[i] * y[i];
            }
            bnorm = Math.sqrt(bnorm);
            if (bnorm == 0) {
                return SOLVED;
            }
            // Half the cost of a factorization (n³/6 multiply-adds at ~2n² per iteration): a failed CG then
            // wastes little, and on paths this minimized the total work (measured in multiply-adds).
            int budget = Math.max(4, n / 24);
            lag.precondition(n, res, z);
            System.arraycopy(z, 0, dir, 0, n);
            double rz = DenseKernels.dot(res, 0, z, 0, n);
            for (int it = 0; it < budget; it++) {
                int row = 0;
                for (; row + 3 < n; row += 4) {
                    DenseKernels.dot4(r, row * n, (row + 1) * n, (row + 2) * n, (row + 3) * n, dir, 0, n, q, row);
                }
                for (; row < n; row++) {
                    q[row] = DenseKernels.dot(r, row * n, dir, 0, n);
                }
                double curvature = DenseKernels.dot(dir, 0, q, 0, n);
                if (!(curvature > 0)) {
                    return INDEFINITE;
                }
                double a = rz / curvature;
                double rnorm = 0;
                for (int i = 0; i < n; i++) {
                    x[i] += a * dir[i];
                    res[i] -= a * q[i];
                    rnorm += res[i] * res[i];
                }
                if (Math.sqrt(rnorm) <= CG_TOLERANCE * bnorm) {
                    System.arraycopy(x, 0, y, 0, n);
                    return SOLVED;
                }
                lag.precondition(n, res, z);
                double rzNew = DenseKernels.dot(res, 0, z, 0, n);
                double beta = rzNew / rz;
                rz = rzNew;
                for (int i = 0; i < n; i++) {
                    dir[i] = z[i] + beta * dir[i];
                }
            }
            double relative = Math.sqrt(DenseKernels.dot(res, 0, res, 0, n)) / bnorm;
            if (relative <= inexact) {
                System.arraycopy(x, 0, y, 0, n);
                return SOLVED;
            }
            return SLOW;
        }


        private double[] r;
        /** Whether the last solve got past the per-block elimination (every E' and M was positive definite). */
        boolean eliminated;
        private final double[] y;
        /** The last Cholesky factor of a reduced system, kept as a preconditioner (shared when grown). */
        LaggedFactor lag = new LaggedFactor();
        private final double[] e;
        private final double[] eg;
        private final double[] ejt;
        private final double[] m;
        private final double[] tmp;
        private double[][] eFactors = new double[0][];
        private double[] alphas = new double[0];

        private final int count;
        private final int maxWidth;
        private final int maxMembers;

        boolean fits(int c, int w, int members) {
            return c <= count && w <= maxWidth && members <= maxMembers;
        }

        Reduced(int count, int maxWidth, int maxMembers) {
            this.count = count;
            this.maxWidth = maxWidth;
            this.maxMembers = maxMembers;
            int rdim = count + 1;
            this.r = new double[rdim * rdim];
            this.y = new double[rdim];
            this.e = new double[maxWidth * maxWidth];
            this.eg = new double[maxWidth];
            this.ejt = new double[maxWidth * maxMembers];
            this.m = new double[maxMembers * maxMembers];
            this.tmp = new double[Math.max(maxWidth, maxMembers)];
        }

        /**
         * Eliminates the slots of penalized block t (working-set position): writes its E' factor and α,
         * its part of the reduced right-hand side, and adds M⁻¹ − α to its diagonal block of R.
         * @return false if E' or M is not positive definite
         */
        private boolean eliminate(int t, int w, int size, int ms, double[] jt, double[] et, double damp, double[] g, int ss, int rdim) {
            // E' = E_b + μI + α_b·J_bᵀJ_b. On the support E_b is singular exactly along J_b (the
            // curvature along β comes from the loss alone), so the shift makes it invertible; the
            // matching −α_b on the coefficient side (G − A) leaves the system unchanged.
            if (eFactors[t] == null || eFactors[t].length < w * w) {
                eFactors[t] = new double[w * w];
            }
            double[] ef = eFactors[t];
            double eNorm = 0;
            double jNorm = 0;
            for (int q = 0; q < w * w; q++) {
                eNorm += et[q] * et[q];
            }
            for (int q = 0; q < size * w; q++) {
                jNorm += jt[q] * jt[q];
            }
            eNorm = Math.sqrt(eNorm) + damp * Math.sqrt(w);
            double alpha = eNorm / Math.max(jNorm, 1e-6 * Math.max(eNorm, 1e-300));
            alphas[t] = alpha;
            for (int s1 = 0; s1 < w; s1++) {
                for (int s2 = 0; s2 < w; s2++) {
                    double jj = 0;
                    for (int u = 0; u < size; u++) {
                        jj += jt[u * w + s1] * jt[u * w + s2];
                    }
                    ef[s1 * w + s2] = et[s1 * w + s2] + (s1 == s2 ? damp : 0.0) + alpha * jj;
                }
            }
            if (!cholesky(ef, w)) {
                return false;
            }
            // Ẽ⁻¹g_b and Ẽ⁻¹J_bᵀ (column u of J_bᵀ is row u of J_b).
            System.arraycopy(g, ss, eg, 0, w);
            choleskySolve(ef, w, eg, 0);
            for (int u = 0; u < size; u++) {
                System.arraycopy(jt, u * w, tmp, 0, w);
                choleskySolve(ef, w, tmp, 0);
                System.arraycopy(tmp, 0, ejt, u * w, w);
            }
            // M_b = J_b Ẽ⁻¹ J_bᵀ and c = J_b Ẽ⁻¹ g_b.
            for (int u = 0; u < size; u++) {
                for (int v = 0; v < size; v++) {
                    double sum = 0;
                    for (int s = 0; s < w; s++) {
                        sum += jt[u * w + s] * ejt[v * w + s];
                    }
                    m[u * size + v] = sum;
                }
            }
            if (!cholesky(m, size)) {
                return false;
            }
            // rhs_b = −M⁻¹c; M⁻¹ added to the diagonal block of R (column by column).
            for (int u = 0; u < size; u++) {
                double sum = 0;
                for (int s = 0; s < w; s++) {
                    sum += jt[u * w + s] * eg[s];
                }
                tmp[u] = sum;
            }
            choleskySolve(m, size, tmp, 0);
            for (int u = 0; u < size; u++) {
                y[ms + u] = -tmp[u];
            }
            for (int v = 0; v < size; v++) {
                java.util.Arrays.fill(tmp, 0, size, 0.0);
                tmp[v] = 1;
                choleskySolve(m, size, tmp, 0);
                for (int u = 0; u < size; u++) {
                    r[(ms + u) * rdim + ms + v] += tmp[u] - (u == v ? alpha : 0.0);
                }
            }
            return true;
        }

        boolean solve(Parametrization param, SurrogateObjective objective, int blocks, int[] memberStart, int[] slotStart,
                      int[] cols, double[][] jacobians, double[][] eTerms, double[] gram, double[] colSum, double curvSum, double mu,
                      double[] shifts, double[] g, double[] step) {
            int count = memberStart[blocks];
            eliminated = false;
            int rdim = count + 1;
            int dim = slotStart[blocks] + 1;
            if (eFactors.length < blocks) {
                eFactors = new double[blocks][];
                alphas = new double[blocks];
            }
            for (int a = 0; a < count; a++) {
                System.arraycopy(gram, a * count, r, a * rdim, count);
                r[a * rdim + count] = colSum[a];
                r[count * rdim + a] = colSum[a];
            }
            r[count * rdim + count] = curvSum + mu;
            y[count] = -g[dim - 1];
            for (int t = 0; t < blocks; t++) {
                int b = objective.activeBlock(t);
                int w = param.width(b);
                int size = memberStart[t + 1] - memberStart[t];
                int ms = memberStart[t];
                int ss = slotStart[t];
                if (!param.penalized(b)) {
                    for (int u = 0; u < size; u++) {
                        r[(ms + u) * rdim + ms + u] += mu;
                        y[ms + u] = -g[ss + u];
                    }
                    continue;
                }
                if (!eliminate(t, w, size, ms, jacobians[t], eTerms[t], mu + (shifts == null ? 0.0 : shifts[t]), g, ss, rdim)) {
                    return false;
                }
            }
            eliminated = true;
            if (!solveSystem(cols, count, objective.parametrization().coefficients())) {
                return false;
            }
            // Back-substitution: direct coefficients and intercepts are y itself; penalized slots
            // Δ_b = −Ẽ_b⁻¹(g_b + J_bᵀ w_b) with w = G_ext·y on the block's members.
            step[dim - 1] = y[count];
            for (int t = 0; t < blocks; t++) {
                int b = objective.activeBlock(t);
                int w = param.width(b);
                int size = memberStart[t + 1] - memberStart[t];
                int ms = memberStart[t];
                int ss = slotStart[t];
                if (!param.penalized(b)) {
                    System.arraycopy(y, ms, step, ss, size);
                    continue;
                }
                double[] jt = jacobians[t];
                System.arraycopy(g, ss, eg, 0, w);
                for (int u = 0; u < size; u++) {
                    int a = ms + u;
                    double wa = colSum[a] * y[count] - alphas[t] * y[a] + DenseKernels.dot(gram, a * count, y, 0, count);
                    for (int s = 0; s < w; s++) {
                        eg[s] += jt[u * w + s] * wa;
                    }
                }
                choleskySolve(eFactors[t], w, eg, 0);
                for (int s = 0; s < w; s++) {
                    step[ss + s] = -eg[s];
                }
            }
            for (int i = 0; i < dim; i++) {
                if (!Double.isFinite(step[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    private static int maxWidth(Parametrization param, SurrogateObjective objective) {
        int m = 1;
        for (int t = 0; t < objective.activeCount(); t++) {
            m = Math.max(m, param.width(objective.activeBlock(t)));
        }
        return m;
    }
}
