package org.hadamard.sparse.solver;

import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.certificate.Certifier;
import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.Problem;

import java.util.Arrays;

/**
 * Full-batch quasi-Newton (L-BFGS) on the smooth Hadamard surrogate, with working sets and
 * KKT-driven restarts, stopping on the base problem's certificate.
 * <p>
 * Each round: (1) blocks that violate the base KKT condition at zero (|∇_bF| &gt; λw_b: exactly the
 * blocks whose factor origin is a strict saddle of the surrogate) join the working set, seeded in
 * their descent direction with the coordinate-descent step length and balanced factors, so the solver
 * never sits on the saddle; (2) L-BFGS minimizes the surrogate over the working set; (3) blocks whose
 * removal provably lowers the base objective (a curvature bound on the loss) are set to exact zero
 * and leave the set; (4) the base certificate is computed on all blocks. It stops when the KKT
 * violation and, for convex penalties, the relative duality gap are below their tolerances.
 * <p>
 * Deterministic: no randomness is used.
 */
public final class FullBatchSolver implements Solver {

    private static final boolean DEBUG = System.getenv("HADAMARD_DEBUG") != null;
    /** The default relative duality-gap tolerance. */
    public static final double DEFAULT_TOLERANCE = 1e-9;
    /** The default KKT tolerance, relative to the start point's gradient scale. */
    public static final double DEFAULT_KKT_TOLERANCE = 1e-9;
    /** The default budget of inner (Newton or L-BFGS) steps. */
    public static final int DEFAULT_MAX_ITERATIONS = 100_000;

    private static final boolean NEWTON = System.getenv("HADAMARD_NO_NEWTON") == null;
    private final double tolerance;
    private final double kktTolerance;
    private final int maxIterations;
    private final Lbfgs lbfgs = new Lbfgs(20);
    private final NewtonMinimizer newton = new NewtonMinimizer();
    private Problem cachedProblem;
    private Parametrization cachedParam;
    private SurrogateObjective cachedObjective;
    private Certifier cachedCertifier;

    /**
     * @param tolerance relative duality gap target for convex penalties (e.g. 1e-10)
     * @param kktTolerance KKT violation target, relative to the problem's gradient scale (e.g. 1e-9)
     * @param maxIterations the total L-BFGS iteration budget
     */
    public FullBatchSolver(double tolerance, double kktTolerance, int maxIterations) {
        if (!(tolerance > 0) || !(kktTolerance > 0) || maxIterations < 1) {
            throw new IllegalArgumentException("Tolerances must be > 0 and the iteration budget >= 1");
        }
        this.tolerance = tolerance;
        this.kktTolerance = kktTolerance;
        this.maxIterations = maxIterations;
    }

    /**
     * Solves the base problem at λ.
     * @param problem the problem
     * @param param the parametrization
     * @param lambda λ ≥ 0
     * @param warmBeta internal-scale start coefficients, or null for zero
     * @param warmIntercept internal-scale start intercepts, or null for the null model's
     * @return the fit
     */
    @Override
    public Fit solve(Problem problem, Parametrization param, double lambda, double[] warmBeta, double[] warmIntercept) {
        long start = System.nanoTime();
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        int m = problem.coefficients();
        int blocks = param.blocks();
        double[] curv = problem.curvatures();
        double[] blockCurv = new double[blocks];
        for (int b = 0; b < blocks; b++) {
            for (int j : param.members(b)) {
                blockCurv[b] += curv[j];
            }
        }
        // A path solves the same problem over and over: reuse its n-sized buffers.
        if (cachedProblem != problem || cachedParam != param) {
            cachedObjective = new SurrogateObjective(problem, param);
            cachedCertifier = new Certifier(problem, param);
            cachedProblem = problem;
            cachedParam = param;
        }
        SurrogateObjective objective = cachedObjective;
        objective.reset();
        objective.setLambda(lambda);
        Certifier certifier = cachedCertifier;

        double[] beta = warmBeta == null ? new double[m] : warmBeta.clone();
        double[] b0 = warmIntercept == null ? problem.loss().nullIntercept() : warmIntercept.clone();
        for (int j = 0; j < m; j++) {
            // Constant columns carry no information; their coefficients stay exactly zero.
            if (curv[j] == 0) {
                beta[j] = 0;
            }
        }
        double[] xi = objective.xi();
        int[] work = new int[blocks];
        boolean[] inSet = new boolean[blocks];
        int count = 0;
        for (int b = 0; b < blocks; b++) {
            param.balanced(beta, b, xi);
            if (!param.penalized(b) || blockNorm(beta, param.members(b)) > 0) {
                work[count++] = b;
                inSet[b] = true;
            }
        }
        Certificate cert = certifier.certify(beta, b0, lambda);
        double[] g = certifier.lastGradient();
        // The gradient scale at the start point makes the KKT target relative (λ itself may be huge).
        double scale = 0;
        for (int b = 0; b < blocks; b++) {
            scale = Math.max(scale, blockNorm(g, param.members(b)));
        }
        for (double gb : certifier.lastInterceptGradient()) {
            scale = Math.max(scale, Math.abs(gb));
        }
        double kktTarget = kktTolerance * Math.max(scale, Double.MIN_NORMAL);
        double innerTarget = 0.5 * kktTarget;
        System.arraycopy(b0, 0, objective.intercepts(), 0, b0.length);

        double[] z = new double[param.size() + problem.outputs()];
        double[] scratch = new double[z.length];
        double[] precond = new double[z.length];
        double[] violation = new double[blocks];
        Integer[] order = new Integer[blocks];
        int iterations = 0;
        boolean converged = false;
        int stalls = 0;
        int noProgress = 0;
        int seedLimit = Integer.MAX_VALUE;
        for (int round = 0; round < 200 && iterations < maxIterations; round++) {
            // (1) Grow the working set with KKT violators, seeded off the saddle.
            int candidates = 0;
            for (int b = 0; b < blocks; b++) {
                if (!inSet[b] && param.penalized(b)) {
                    double v = param.kktViolation(beta, g, b, lambda);
                    if (v > innerTarget) {
                        violation[b] = v;
                        order[candidates++] = b;
                    }
                }
            }
            if (candidates == 0 && isConverged(cert, kktTarget)) {
                converged = true;
                break;
            }
            if (candidates > 0) {
                Arrays.sort(order, 0, candidates, (x, y) -> Double.compare(violation[y], violation[x]));
                int add = Math.min(seedLimit, Math.min(candidates, Math.max(10, count)));
                for (int t = 0; t < add; t++) {
                    int b = order[t];
                    seed(param, b, g, lambda, blockCurv[b], beta, xi);
                    work[count++] = b;
                    inSet[b] = true;
                }
            }
            // (2) L-BFGS on the surrogate over the working set.
            objective.setActive(work, count);
            int dim = objective.dimension();
            objective.gather(z);
            final double target = innerTarget;
            final int[] ws = work;
            final int wc = count;
            // Freshly seeded blocks can look removable before the first step (several correlated seeds
            // overshoot together), so a round that grew the working set takes a few steps first.
            final int minSteps = candidates > 0 ? 2 + 10 * noProgress : 0;
            final int[] calls = {0};
            Lbfgs.Monitor monitor = (x, f, grad) -> calls[0]++ >= minSteps
                    && activeViolation(param, objective, ws, wc, lambda, blockCurv, grad, dim) <= target;
            Lbfgs.Status status;
            if (NEWTON && newton.applies(objective)) {
                status = newton.minimize(objective, z, maxIterations - iterations, monitor,
                        () -> escapeSaddles(param, objective, ws, wc, lambda, blockCurv));
                iterations += newton.iterations();
            } else {
                // L-BFGS has no in-loop restart: leave strict saddles between its runs.
                if (round > 0 && escapeSaddles(param, objective, ws, wc, lambda, blockCurv)) {
                    objective.gather(z);
                }
                objective.inverseDiagonal(curv, problem.loss().curvatureBound(), precond);
                status = lbfgs.minimize(objective, z, dim, maxIterations - iterations, monitor, precond);
                iterations += lbfgs.iterations();
            }
            // Re-evaluate at the returned point: the last evaluation may have been a rejected trial.
            objective.valueAndGradient(z, scratch);
            // (3) Exact zeros: drop blocks whose removal lowers the base objective.
            double[] bCur = objective.beta();
            double[] gCur = objective.lossGradient();
            int kept = 0;
            for (int t = 0; t < count; t++) {
                int b = work[t];
                if (param.penalized(b) && zeroingGain(param, b, bCur, gCur, lambda, blockCurv[b]) <= 0) {
                    inSet[b] = false;
                    for (int j : param.members(b)) {
                        bCur[j] = 0;
                    }
                } else {
                    work[kept++] = b;
                }
            }
            // Seeds placed together (each at its own coordinate-descent step) can overshoot jointly on
            // correlated features and all be zeroed again, leaving the round where it started: then seed
            // only the worst violator next round (alone, its step provably lowers the objective).
            seedLimit = kept == 0 && candidates > 0 ? 1 : Integer.MAX_VALUE;
            count = kept;
            System.arraycopy(bCur, 0, beta, 0, m);
            System.arraycopy(objective.intercepts(), 0, b0, 0, b0.length);
            objective.setActive(work, count);
            // (4) The certificate on all blocks.
            double before = cert.objective();
            cert = certifier.certify(beta, b0, lambda);
            // A round that grew the set but changed nothing would repeat itself: insist on more steps.
            noProgress = candidates > 0 && !(cert.objective() < before) ? noProgress + 1 : 0;
            g = certifier.lastGradient();
            if (DEBUG) {
                System.err.printf("round %d status %s its %d active %d cand %d inner %.3g cert %s%n", round, status, lbfgs.iterations(), count, candidates, innerTarget, cert);
            }
            if (status != Lbfgs.Status.MONITOR) {
                stalls++;
            }
            if (!isConverged(cert, kktTarget) && candidates == 0) {
                // The surrogate gradient understates the base violation near zero: ask for more.
                innerTarget = Math.max(innerTarget * 0.1, 1e-9 * kktTarget);
                if (stalls > 20) {
                    break;
                }
            }
        }
        if (!converged) {
            converged = isConverged(cert, kktTarget) && noViolator(param, beta, g, lambda, kktTarget, inSet);
        }
        cert = cert.withSolverState(iterations, converged);
        return new Fit(lambda, problem.design(), beta, b0, cert, (System.nanoTime() - start) * 1e-9);
    }

    private boolean isConverged(Certificate cert, double kktTarget) {
        if (cert.kktViolation() > kktTarget) {
            return false;
        }
        return Double.isNaN(cert.dualityGap()) || cert.dualityGap() <= tolerance * Math.max(Math.abs(cert.objective()), Double.MIN_NORMAL);
    }

    private static boolean noViolator(Parametrization param, double[] beta, double[] g, double lambda, double target, boolean[] inSet) {
        for (int b = 0; b < param.blocks(); b++) {
            if (!inSet[b] && param.kktViolation(beta, g, b, lambda) > target) {
                return false;
            }
        }
        return true;
    }

    /**
     * The base KKT violation over the working set, counting a block that the zeroing test would remove
     * as zero, and the intercept gradients (the tail of the surrogate gradient).
     */
    private static double activeViolation(Parametrization param, SurrogateObjective objective, int[] work, int count,
                                          double lambda, double[] blockCurv, double[] grad, int dim) {
        double[] beta = objective.beta();
        double[] g = objective.lossGradient();
        double v = 0;
        for (int t = dim - objective.intercepts().length; t < dim; t++) {
            v = Math.max(v, Math.abs(grad[t]));
        }
        for (int t = 0; t < count; t++) {
            int b = work[t];
            double vb;
            if (param.penalized(b) && zeroingGain(param, b, beta, g, lambda, blockCurv[b]) <= 0) {
                double norm = blockNorm(g, param.members(b));
                vb = param.q() == 1.0 ? Math.max(0, norm - lambda * param.weight(b)) : 0;
            } else {
                vb = param.kktViolation(beta, g, b, lambda);
            }
            v = Math.max(v, vb);
        }
        return v;
    }

    /**
     * Re-seeds working-set blocks that sit near their factor origin while violating the base KKT
     * condition there (the origin is then a strict saddle): the surrogate would leave it only slowly.
     * @return whether any block was moved
     */
    private static boolean escapeSaddles(Parametrization param, SurrogateObjective objective, int[] work, int count,
                                         double lambda, double[] blockCurv) {
        if (param.q() != 1.0) {
            return false;
        }
        double[] beta = objective.beta();
        double[] g = objective.lossGradient();
        boolean moved = false;
        for (int t = 0; t < count; t++) {
            int b = work[t];
            if (!param.penalized(b)) {
                continue;
            }
            double norm = blockNorm(g, param.members(b));
            double excess = norm - lambda * param.weight(b);
            if (excess <= 1e-9 * norm) {
                continue;
            }
            double size = blockNorm(beta, param.members(b));
            double target = excess / Math.max(blockCurv[b], 1e-12);
            // "Near the origin": far below the coordinate-descent step it would take from zero.
            if (size < 1e-3 * target) {
                seed(param, b, g, lambda, blockCurv[b], beta, objective.xi());
                moved = true;
            }
        }
        return moved;
    }

    /**
     * An upper bound on the change of the base objective when block b is set to zero:
     * −g_bᵀβ_b + ½·L_b·‖β_b‖² − λ·R_b(β_b), with L_b the trace bound of the block's curvature.
     */
    static double zeroingGain(Parametrization param, int b, double[] beta, double[] g, double lambda, double curvature) {
        double lin = 0;
        double sq = 0;
        for (int j : param.members(b)) {
            lin -= g[j] * beta[j];
            sq += beta[j] * beta[j];
        }
        if (sq == 0) {
            return 0;
        }
        return lin + 0.5 * curvature * sq - lambda * param.basePenalty(beta, b);
    }

    /**
     * Leaves the origin of a violating block along the descent direction −g_b with the
     * coordinate-descent step (‖g_b‖ − λw_b)/L_b, in balanced factors.
     */
    private static void seed(Parametrization param, int b, double[] g, double lambda, double curvature, double[] beta, double[] xi) {
        int[] mem = param.members(b);
        double norm = blockNorm(g, mem);
        double excess = Math.max(norm - lambda * param.weight(b), 1e-12 * norm);
        double step = excess / Math.max(curvature, 1e-12) / Math.max(norm, Double.MIN_NORMAL);
        for (int j : mem) {
            beta[j] = -step * g[j];
        }
        param.balanced(beta, b, xi);
    }

    private static double blockNorm(double[] x, int[] idx) {
        double s = 0;
        for (int j : idx) {
            s += x[j] * x[j];
        }
        return Math.sqrt(s);
    }

    /**
     * λ_max: the smallest λ at which the zero coefficients (with the unpenalized blocks and intercepts
     * fitted) satisfy the lasso-type KKT conditions, max_b ‖∇_bF‖/w_b.
     * @param problem the problem
     * @param param the parametrization
     * @return λ_max
     */
    public double lambdaMax(Problem problem, Parametrization param) {
        double huge = Double.MAX_VALUE / 4;
        Fit nullFit = solveUnpenalizedOnly(problem, param);
        Certifier certifier = new Certifier(problem, param);
        certifier.certify(nullFit.internalBeta(), nullFit.internalIntercept(), huge);
        double[] g = certifier.lastGradient();
        double lmax = 0;
        for (int b = 0; b < param.blocks(); b++) {
            lmax = Math.max(lmax, param.dualRatio(g, b));
        }
        return lmax;
    }

    /**
     * The model with all penalized blocks at zero: intercepts and unpenalized coefficients fitted.
     * @param problem the problem
     * @param param the parametrization
     * @return the fit (λ reported as +∞)
     */
    public Fit solveUnpenalizedOnly(Problem problem, Parametrization param) {
        // With λ above every ratio no block violates KKT at zero, so only free blocks are optimized.
        boolean anyFree = false;
        for (int b = 0; b < param.blocks(); b++) {
            anyFree |= !param.penalized(b);
        }
        double[] b0 = problem.loss().nullIntercept();
        if (!anyFree) {
            Certifier c = new Certifier(problem, param);
            Certificate cert = c.certify(new double[problem.coefficients()], b0, 0.0);
            return new Fit(Double.POSITIVE_INFINITY, problem.design(), new double[problem.coefficients()], b0, cert.withSolverState(0, true), 0);
        }
        return solve(problem, param, Double.MAX_VALUE / 4, null, null);
    }
}
