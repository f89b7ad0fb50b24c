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
 * Along a path: after a converged warm-started solve the solver keeps the tangent of the surrogate's
 * minimizer path, dξ/dλ = −H⁻¹∇R_ξ, as dβ/dλ; a solve that starts from that solution at another λ starts
 * at β + Δλ·dβ/dλ instead (exact for the squared-error lasso while the support holds), unless that point
 * is worse than the plain warm start.
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
    // Per (problem, parametrization) state, two entries: an Lq path alternates between the Lq
    // parametrization and its convex relaxation at every λ.
    private final State[] states = new State[2];

    /** The n-sized buffers of one (problem, parametrization) and the last solution found on it. */
    private static final class State {
        final Problem problem;
        final Parametrization param;
        final SurrogateObjective objective;
        final Certifier certifier;
        double lastLambda = Double.NaN;
        double[] lastBeta;
        double[] lastIntercept;
        double lastLoss;
        /** dβ/dλ and db/dλ at the last solution, or null. */
        double[] tangent;
        double[] interceptTangent;

        /** Per coefficient and per block, the loss curvature along the standardized columns. */
        final double[] curvatures;
        final double[] blockCurvatures;

        State(Problem problem, Parametrization param) {
            this.problem = problem;
            this.param = param;
            this.objective = new SurrogateObjective(problem, param);
            this.certifier = new Certifier(problem, param);
            this.curvatures = problem.curvatures();
            this.blockCurvatures = new double[param.blocks()];
            for (int b = 0; b < param.blocks(); b++) {
                for (int j : param.members(b)) {
                    blockCurvatures[b] += curvatures[j];
                }
            }
        }
    }

    private State state(Problem problem, Parametrization param) {
        for (int i = 0; i < states.length; i++) {
            State s = states[i];
            if (s != null && s.problem == problem && s.param == param) {
                if (i > 0) {
                    states[i] = states[0];
                    states[0] = s;
                }
                return s;
            }
        }
        State s = new State(problem, param);
        states[1] = states[0];
        states[0] = s;
        return s;
    }

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
        // A path solves the same problem over and over: reuse its n-sized buffers and curvatures.
        State state = state(problem, param);
        double[] curv = state.curvatures;
        double[] blockCurv = state.blockCurvatures;
        SurrogateObjective objective = state.objective;
        Certifier certifier = state.certifier;

        double[] beta = warmBeta == null ? new double[m] : warmBeta.clone();
        double[] b0 = warmIntercept == null ? problem.loss().nullIntercept() : warmIntercept.clone();
        // Starting from this solver's own last solution at another λ (a path's warm start): follow the
        // tangent of the solution path to the new λ instead of starting where the old λ ended.
        boolean predicted = state.tangent != null && warmBeta != null && warmIntercept != null && lambda != state.lastLambda
                && Arrays.equals(warmBeta, state.lastBeta) && Arrays.equals(warmIntercept, state.lastIntercept);
        if (predicted) {
            predict(state, lambda, beta, b0);
        }
        objective.reset();
        objective.setLambda(lambda);
        zeroConstantColumns(curv, beta);
        double[] xi = objective.xi();
        int[] work = new int[blocks];
        boolean[] inSet = new boolean[blocks];
        int count = initialWorkingSet(param, beta, xi, work, inSet);
        Certificate cert = certifier.certify(beta, b0, lambda);
        if (predicted && !(cert.objective() <= lastSolutionObjective(state, lambda))) {
            // The prediction crossed a change of support badly: start where the last λ ended instead.
            if (DEBUG) {
                System.err.printf("prediction rejected: %.17g > %.17g%n", cert.objective(), lastSolutionObjective(state, lambda));
            }
            System.arraycopy(warmBeta, 0, beta, 0, m);
            System.arraycopy(warmIntercept, 0, b0, 0, b0.length);
            objective.reset();
            objective.setLambda(lambda);
            Arrays.fill(inSet, false);
            count = initialWorkingSet(param, beta, xi, work, inSet);
            cert = certifier.certify(beta, b0, lambda);
        }
        if (DEBUG && predicted) {
            System.err.printf("predicted objective %.17g warm %.17g kkt %.3g%n", cert.objective(), lastSolutionObjective(state, lambda), cert.kktViolation());
        }
        double[] g = certifier.lastGradient();
        // The gradient scale at the start point makes the KKT target relative (λ itself may be huge).
        double scale = gradientScale(param, g, certifier.lastInterceptGradient());
        double kktTarget = kktTolerance * Math.max(scale, Double.MIN_NORMAL);
        double innerTarget = 0.5 * kktTarget;
        System.arraycopy(b0, 0, objective.intercepts(), 0, b0.length);

        double[] z = new double[param.size() + problem.outputs()];
        double[] scratch = new double[z.length];
        double[] precond = new double[z.length];
        double[] violation = new double[blocks];
        double[] certifiedBeta = new double[m];
        Integer[] order = new Integer[blocks];
        int iterations = 0;
        boolean converged = false;
        int stalls = 0;
        int noProgress = 0;
        int seedLimit = Integer.MAX_VALUE;
        boolean newtonUsed = false;
        // Whether the objective's last evaluation was at the current state (no block zeroed since).
        boolean fresh = false;
        for (int round = 0; round < 200 && iterations < maxIterations; round++) {
            // (1) Grow the working set with KKT violators, seeded off the saddle.
            int candidates = violators(param, beta, g, lambda, innerTarget, inSet, violation, order);
            if (candidates == 0 && isConverged(cert, kktTarget)) {
                converged = true;
                break;
            }
            // The certificate point (before seeding) is where a quadratic loss can be expanded for free.
            System.arraycopy(beta, 0, certifiedBeta, 0, m);
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
            newtonUsed = NEWTON && newton.applies(objective);
            if (newtonUsed) {
                if (problem.outputs() == 1) {
                    objective.offerReference(certifiedBeta, b0[0], cert.loss(), g, certifier.lastInterceptGradient()[0]);
                }
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
            if (!newtonUsed) {
                // Re-evaluate at the returned point: the last evaluation may have been a rejected trial.
                // (Newton always ends with an evaluation at the point it returns.)
                objective.valueAndGradient(z, scratch);
            }
            int countBefore = count;
            // (3) Exact zeros: drop blocks whose removal lowers the base objective.
            double[] bCur = objective.beta();
            double[] gCur = objective.lossGradient();
            int kept = zeroBlocks(param, work, count, bCur, gCur, lambda, blockCurv, inSet);
            // Seeds placed together (each at its own coordinate-descent step) can overshoot jointly on
            // correlated features and all be zeroed again, leaving the round where it started: then seed
            // only the worst violator next round (alone, its step provably lowers the objective).
            seedLimit = kept == 0 && candidates > 0 ? 1 : Integer.MAX_VALUE;
            fresh = kept == countBefore;
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
        double[] previousTangent = state.tangent;
        state.tangent = null;
        if (converged) {
            state.lastLambda = lambda;
            state.lastBeta = beta.clone();
            state.lastIntercept = b0.clone();
            state.lastLoss = cert.loss();
            // A warm-started solve is most likely a step of a path: keep the tangent of the solution
            // path here, so the next λ starts from a second-order prediction (see predict).
            if (predicted && iterations == 0 && constantTangent(problem, param) && sameSupport(previousTangent, beta, param)) {
                // Squared-error lasso on an unchanged support: the tangent −G_AA⁻¹s_A is still the same.
                state.tangent = previousTangent;
            } else if (NEWTON && warmBeta != null && problem.outputs() == 1 && newton.applies(objective)) {
                if (!fresh || objective.activeCount() != count) {
                    // Converged before any inner step (or zeroed since): evaluate at the solution.
                    objective.setActive(work, count);
                    System.arraycopy(b0, 0, objective.intercepts(), 0, b0.length);
                    objective.gather(z);
                    objective.valueAndGradient(z, scratch);
                } else {
                    objective.gather(z);
                }
                double[] tangent = new double[m];
                double[] interceptTangent = new double[1];
                if (newton.tangent(objective, z, tangent, interceptTangent)) {
                    state.tangent = tangent;
                    state.interceptTangent = interceptTangent;
                }
            }
        }
        return new Fit(lambda, problem.design(), beta, b0, cert, (System.nanoTime() - start) * 1e-9);
    }

    // The O(p) loops of solve live in small methods of their own: the JIT compiles them (and solve) in
    // a fraction of the time that on-stack replacement of solve's loops took, so that a path reaches
    // compiled code within its first few repetitions instead of after seconds of compile-queue wait.

    /** Constant columns carry no information; their coefficients stay exactly zero. */
    private static void zeroConstantColumns(double[] curv, double[] beta) {
        for (int j = 0; j < beta.length; j++) {
            if (curv[j] == 0) {
                beta[j] = 0;
            }
        }
    }

    /** Balanced factors for every block; the unpenalized and nonzero blocks form the working set. */
    private static int initialWorkingSet(Parametrization param, double[] beta, double[] xi, int[] work, boolean[] inSet) {
        int count = 0;
        for (int b = 0; b < param.blocks(); b++) {
            param.balanced(beta, b, xi);
            if (!param.penalized(b) || blockNorm(beta, param.members(b)) > 0) {
                work[count++] = b;
                inSet[b] = true;
            }
        }
        return count;
    }

    /** The largest block gradient norm or intercept gradient. */
    private static double gradientScale(Parametrization param, double[] g, double[] gb0) {
        double scale = 0;
        for (int b = 0; b < param.blocks(); b++) {
            scale = Math.max(scale, blockNorm(g, param.members(b)));
        }
        for (double gb : gb0) {
            scale = Math.max(scale, Math.abs(gb));
        }
        return scale;
    }

    /** Penalized blocks outside the working set whose KKT violation exceeds target, into order. */
    private static int violators(Parametrization param, double[] beta, double[] g, double lambda, double target, boolean[] inSet,
                                 double[] violation, Integer[] order) {
        int candidates = 0;
        for (int b = 0; b < param.blocks(); b++) {
            if (!inSet[b] && param.penalized(b)) {
                double v = param.kktViolation(beta, g, b, lambda);
                if (v > target) {
                    violation[b] = v;
                    order[candidates++] = b;
                }
            }
        }
        return candidates;
    }

    /** Sets to zero (and drops) the working-set blocks whose removal lowers the base objective. */
    private static int zeroBlocks(Parametrization param, int[] work, int count, double[] bCur, double[] gCur, double lambda,
                                  double[] blockCurv, boolean[] inSet) {
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
        return kept;
    }

    /**
     * Moves beta and b0 (the last solution, at state.lastLambda) along the stored tangent of the
     * solution path to λ. A block whose predicted coefficients turn against their current direction is
     * predicted to leave the support: it is set to zero (the round's KKT check brings it back if that
     * was wrong).
     */
    private static void predict(State state, double lambda, double[] beta, double[] b0) {
        Parametrization param = state.param;
        double dl = lambda - state.lastLambda;
        for (int b = 0; b < param.blocks(); b++) {
            int[] mem = param.members(b);
            double along = 0;
            for (int j : mem) {
                double old = beta[j];
                beta[j] = old + dl * state.tangent[j];
                along += beta[j] * old;
            }
            if (param.penalized(b) && !(along > 0)) {
                for (int j : mem) {
                    beta[j] = 0;
                }
            }
        }
        b0[0] += dl * state.interceptTangent[0];
    }

    /**
     * Whether the solution path's tangent depends on the support and signs only: a quadratic loss with
     * single-coefficient lasso blocks (on the support the penalty is linear, so dβ/dλ = −G_AA⁻¹s_A).
     */
    private static boolean constantTangent(Problem problem, Parametrization param) {
        if (problem.constantCurvatureGram() == null || param.q() != 1.0 || param.size() != 2 * param.blocks()) {
            return false;
        }
        for (int b = 0; b < param.blocks(); b++) {
            if (param.members(b).length != 1 || (param.penalized(b) && param.width(b) != 2)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the tangent's support (its nonzero entries) has the same blocks as β's nonzero ones. */
    private static boolean sameSupport(double[] tangent, double[] beta, Parametrization param) {
        if (tangent == null) {
            return false;
        }
        for (int b = 0; b < param.blocks(); b++) {
            if (!param.penalized(b)) {
                continue;
            }
            int j = param.members(b)[0];
            if ((beta[j] != 0) != (tangent[j] != 0)) {
                return false;
            }
        }
        return true;
    }

    /** The base objective at λ of the last solution: its loss is known, only the penalty changes. */
    private static double lastSolutionObjective(State state, double lambda) {
        double pen = 0;
        for (int b = 0; b < state.param.blocks(); b++) {
            pen += state.param.basePenalty(state.lastBeta, b);
        }
        return state.lastLoss + lambda * pen;
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
