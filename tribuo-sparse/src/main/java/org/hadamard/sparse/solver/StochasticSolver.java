package org.hadamard.sparse.solver;

import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.certificate.Certifier;
import org.hadamard.sparse.loss.Loss;
import org.hadamard.sparse.optim.Optimisers;
import org.hadamard.sparse.parametrization.HadamardProductParametrization;
import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.Design;
import org.hadamard.sparse.problem.Problem;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.SGDVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.protos.ParametersProto;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Minibatch stochastic gradient on the smooth Hadamard surrogate Q(ξ, b) = F(b + X̃·K(ξ)) + λR_ξ(ξ),
 * driven by any Tribuo {@link StochasticGradientOptimiser} (default {@link AdaGrad}).
 * <p>
 * <b>Parameters.</b> All slots ξ of all blocks (SGD uses no working sets) and the K intercepts are
 * exposed to the optimiser as a Tribuo {@link Parameters} with two {@link DenseVector} tensors
 * {ξ, b}. Following Tribuo's convention, {@link Parameters#update} adds the optimiser's output, so the
 * solver passes the negative gradient.
 * <p>
 * <b>Minibatch gradient.</b> For a batch B, with b_j = β_j/s_j and o = Σ_j m_j b_j (per output),
 * η_i = x_iᵀb − o + b₀ for i ∈ B through {@link Design#rawRowDots} (dense designs read four rows at
 * once: in shuffled order a lone row is bound by memory latency); the unbiased estimate
 * (n/|B|)·Σ_{i∈B} ω_i ℓ'_i x̃_i of ∇_βF is accumulated with {@link Design#rawRowsAxpy} and centred and
 * scaled once per batch; the penalty gradient λ∇R_ξ is added once per batch, undivided (the
 * minibatch gradient is an unbiased estimate of the full surrogate gradient). The work per batch is
 * the batch's stored entries plus O(K·p + |ξ|); nothing is allocated per example or per batch.
 * <p>
 * <b>Initialization.</b> From a warm start: its balanced representation, with penalized zero blocks
 * replaced by small random factors (an exact zero pair is a fixed point of every gradient method).
 * Cold: Gaussian factors of standard deviation {@code initScale} (0.1 on standardized features):
 * random, never balanced-constant, since a constant balanced start sits on the symmetric saddle.
 * Unpenalized blocks (plain coefficients) start at 0 and the intercepts at the null model's.
 * <p>
 * <b>Stopping.</b> Every epoch's base objective F + λR(β) at β = K(ξ) is computed on the full data,
 * not in a pass of its own: the state at the end of epoch e is held, and epoch e + 1's batches compute
 * its linear predictors on their rows right after their own (the rows are in cache then), so the
 * stopping decision for epoch e is taken after epoch e + 1 has run; the last epoch run is evaluated
 * in a pass of its own. The solver stops when the mean relative decrease per epoch of the best objective
 * so far, over the last {@value #WINDOW} epochs, has stayed below {@code tolerance} for
 * {@value #PATIENCE} consecutive epochs (the {@code converged} flag of the certificate), or when the
 * epoch budget runs out. Using the best value over a window keeps single noisy epochs, which go up
 * as often as down near the noise floor, from stopping the solver early. The epoch with the lowest
 * base objective is returned.
 * <p>
 * <b>Exact zeros.</b> SGD only approaches zero. At the end every penalized block is set to exactly
 * zero when the base KKT condition at zero holds for it (‖∇_bF‖ ≤ λw_b; always for q &lt; 1) and the
 * curvature bound of {@link FullBatchSolver#zeroingGain} proves that removing it does not raise the
 * base objective; if the joint removal raises it after all, the zeros are undone. The returned
 * {@link Fit} carries the {@link Certifier}'s certificate at the final β (objective, KKT violation,
 * duality gap), with {@code iterations} = epochs used.
 * <p>
 * <b>Polish.</b> With {@code polish}, the SGD solution warm-starts a {@link FullBatchSolver}
 * (duality gap 1e-9, KKT 1e-9), which certifies the solution exactly; the returned certificate is the
 * full-batch one (iterations = its L-BFGS steps) and the time covers both phases.
 * <p>
 * <b>Optimiser state.</b> The configured optimiser is never used directly: each solve works on a
 * copy made by {@link Optimisers#copyOf}, which repairs Tribuo 4.3.2's {@code AdaGrad.copy()} (drops
 * {@code initialValue}) and {@code Pegasos.copy()} (swaps its arguments). The copy is
 * initialised, stepped, {@code finalise}d (parameter averaging, RDA and Pegasos write their final
 * parameters there) and {@code reset}. Tribuo's {@code Adam} is broken in 4.3.2: use
 * {@link org.hadamard.sparse.optim.Adam}.
 * <p>
 * Deterministic: the same seed gives bit-identical fits (shuffles and initialization come from one
 * {@link SplittableRandom}); a solver instance is safe to reuse and to share between threads.
 */
public final class StochasticSolver implements Solver {

    /** Default epoch budget. */
    public static final int DEFAULT_EPOCHS = 1000;
    /** Default minibatch size. */
    public static final int DEFAULT_MINIBATCH = 32;
    /** Default relative decrease of the base objective per epoch below which an epoch counts as stalled. */
    public static final double DEFAULT_TOLERANCE = 1e-6;
    /** Default AdaGrad learning rate. */
    public static final double DEFAULT_LEARNING_RATE = 0.1;
    /** Default standard deviation of the random cold-start factors (standardized features). */
    public static final double DEFAULT_INIT_SCALE = 0.1;
    /** Consecutive stalled epochs that stop the solver. */
    public static final int PATIENCE = 2;
    /** The number of epochs over which the per-epoch decrease of the best base objective is averaged. */
    public static final int WINDOW = 10;

    private static final boolean TRACE = System.getenv("HADAMARD_SGD_TRACE") != null;
    private final StochasticGradientOptimiser optimiser;
    private final int epochs;
    private final int minibatchSize;
    private final double tolerance;
    private final long seed;
    private final boolean polish;
    private final double initScale;
    private final EpochObserver observer;

    /** Sees every base objective the stopping rule evaluates (package-private: for tests). */
    interface EpochObserver {
        /**
         * @param epoch the epoch (0: the start)
         * @param objective F + λR(β) at its end
         * @param beta β at its end (a copy)
         * @param b0 the intercepts at its end (a copy)
         */
        void epoch(int epoch, double objective, double[] beta, double[] b0);
    }

    /**
     * @param optimiser the optimiser (copied for every solve; never mutated)
     * @param epochs the epoch budget, ≥ 1
     * @param minibatchSize the minibatch size, ≥ 1
     * @param tolerance relative decrease of the base objective per epoch that counts as stalled, ≥ 0
     * @param seed the seed for shuffling and initialization
     * @param polish whether to finish with a warm-started {@link FullBatchSolver}
     * @param initScale standard deviation of the random cold-start factors, &gt; 0
     */
    public StochasticSolver(StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, double tolerance,
                            long seed, boolean polish, double initScale) {
        this(optimiser, epochs, minibatchSize, tolerance, seed, polish, initScale, null);
    }

    private StochasticSolver(StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, double tolerance,
                             long seed, boolean polish, double initScale, EpochObserver observer) {
        if (optimiser == null) {
            throw new IllegalArgumentException("optimiser must not be null");
        }
        if (epochs < 1 || minibatchSize < 1) {
            throw new IllegalArgumentException("epochs and minibatchSize must be >= 1, got " + epochs + ", " + minibatchSize);
        }
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + tolerance);
        }
        if (!(initScale > 0) || Double.isInfinite(initScale)) {
            throw new IllegalArgumentException("initScale must be finite and > 0, got " + initScale);
        }
        this.optimiser = Optimisers.copyOf(optimiser);
        this.epochs = epochs;
        this.minibatchSize = minibatchSize;
        this.tolerance = tolerance;
        this.seed = seed;
        this.polish = polish;
        this.initScale = initScale;
        this.observer = observer;
    }

    /**
     * Without polish, with the default initialization scale.
     * @param optimiser the optimiser (copied for every solve)
     * @param epochs the epoch budget
     * @param minibatchSize the minibatch size
     * @param tolerance the per-epoch relative decrease that counts as stalled
     * @param seed the seed
     */
    public StochasticSolver(StochasticGradientOptimiser optimiser, int epochs, int minibatchSize, double tolerance, long seed) {
        this(optimiser, epochs, minibatchSize, tolerance, seed, false, DEFAULT_INIT_SCALE);
    }

    /**
     * The defaults: {@code AdaGrad(0.1, 1e-6)}, 1000 epochs, minibatches of 32, tolerance 1e-6, no polish.
     * @param seed the seed
     * @return the solver
     */
    public static StochasticSolver defaults(long seed) {
        return new StochasticSolver(new AdaGrad(DEFAULT_LEARNING_RATE, 1e-6), DEFAULT_EPOCHS, DEFAULT_MINIBATCH, DEFAULT_TOLERANCE, seed);
    }

    /**
     * @param doPolish whether to finish with a warm-started full-batch solve
     * @return a copy of this solver with that setting
     */
    public StochasticSolver withPolish(boolean doPolish) {
        return new StochasticSolver(optimiser, epochs, minibatchSize, tolerance, seed, doPolish, initScale, observer);
    }

    /**
     * @param newSeed the seed
     * @return a copy of this solver with that seed
     */
    public StochasticSolver withSeed(long newSeed) {
        return new StochasticSolver(optimiser, epochs, minibatchSize, tolerance, newSeed, polish, initScale, observer);
    }

    /**
     * @param newObserver sees every evaluated epoch
     * @return a copy of this solver reporting to it (package-private: for tests)
     */
    StochasticSolver withEpochObserver(EpochObserver newObserver) {
        return new StochasticSolver(optimiser, epochs, minibatchSize, tolerance, seed, polish, initScale, newObserver);
    }

    /** @return a fresh copy of the configured optimiser */
    public StochasticGradientOptimiser optimiser() { return Optimisers.copyOf(optimiser); }

    /** @return the epoch budget */
    public int epochs() { return epochs; }

    /** @return the minibatch size */
    public int minibatchSize() { return minibatchSize; }

    /** @return the stall tolerance */
    public double tolerance() { return tolerance; }

    /** @return the seed */
    public long seed() { return seed; }

    /** @return whether a full-batch polish follows */
    public boolean polish() { return polish; }

    @Override
    public Fit solve(Problem problem, Parametrization param, double lambda, double[] warmBeta, double[] warmIntercept) {
        long start = System.nanoTime();
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
        if (param.coefficients() != problem.coefficients()) {
            throw new IllegalArgumentException("Parametrization has " + param.coefficients() + " coefficients, problem has " + problem.coefficients());
        }
        Run run = new Run(problem, param, lambda);
        run.initialise(warmBeta, warmIntercept, new SplittableRandom(seed));
        Fit fit = run.optimise(start);
        if (!polish) {
            return fit;
        }
        FullBatchSolver full = new FullBatchSolver(FullBatchSolver.DEFAULT_TOLERANCE, FullBatchSolver.DEFAULT_KKT_TOLERANCE, FullBatchSolver.DEFAULT_MAX_ITERATIONS);
        Fit polished = full.solve(problem, param, lambda, fit.internalBeta(), fit.internalIntercept());
        return polished.with(polished.certificate(), (System.nanoTime() - start) * 1e-9, problem.design());
    }

    /** The state of one solve: buffers sized once, reused by every batch and epoch. */
    private final class Run {
        private final Problem problem;
        private final Parametrization param;
        private final double lambda;
        private final Design design;
        private final Loss loss;
        private final int n;
        private final int p;
        private final int outputs;
        private final int slots;
        private final int blocks;
        private final double[] center;
        private final double[] invScale;
        private final double[] curv;
        private final double[] blockCurv;

        private final double[] xi;
        private final double[] gXi;
        private final double[] beta;
        private final double[] gBeta;
        private final double[] b0;
        private final double[][] raw;
        private final double[] offset;
        private final double[][] acc;
        private final double[] rsum;
        private final double[] eta;
        private final double[] gEta;
        private final int[] perm;
        // The state held for evaluation during the next epoch: β, b₀, raw β/s and offset per output,
        // and the linear predictors the epoch's batches fill in row by row.
        private final double[] heldBeta;
        private final double[] heldB0;
        private final double[][] heldRaw;
        private final double[] heldOffset;
        private final double[] heldEta;
        // Stopping-rule state (see record).
        private double[] bestBeta;
        private double[] bestB0;
        private double best;
        private double[] history;
        private int quiet;
        private boolean converged;
        private boolean finite;
        private final int[] batchRows;
        private final int[] axpyRows;
        private final double[] batchValues;
        private final int[][] all;
        private final int[] allCount;

        private final SolverParameters parameters;
        private final double[] descentXi;
        private final double[] descentB0;
        private final DenseVector descentXiView;
        private final DenseVector descentB0View;
        private final Tensor[] descent;
        private SplittableRandom rng;

        // Native AdaGrad (the optimiser is exactly Tribuo's AdaGrad): same arithmetic, state in arrays.
        private final boolean nativeAdaGrad;
        private final double adaRate;
        private final double adaEpsilon;
        private final double adaInitial;
        private double[] gradSq;
        private double[] gradSqB0;
        // Lazy mode: per-batch work restricted to the blocks the batch's nonzeros touch.
        private final boolean lazy;
        private int[] blockOf;
        private int[] colBuf;
        private int[] colStamp;
        private int[] blockStamp;
        private int[] touched;
        private int[] lastTick;
        private double[] rLast;
        private double[] rCum;
        private int stamp;
        private int tick;
        // Lazy lasso fast path (one output, depth-2 product): block j is coefficient j, its slots start
        // at slotOffset[j]; weights[j] = 0 marks an unpenalized (single-slot) coefficient.
        private final boolean lassoFast;
        private int[] slotOffset;
        private double[] weights;
        // Lazy lasso: each coefficient's state in one record of REC doubles (see lassoBlocks), so that a
        // touched coefficient costs two cache lines instead of one per array; written back at the
        // end of every epoch.
        private double[] lassoState;

        Run(Problem problem, Parametrization param, double lambda) {
            this.problem = problem;
            this.param = param;
            this.lambda = lambda;
            this.design = problem.design();
            this.loss = problem.loss();
            this.n = problem.examples();
            this.p = problem.features();
            this.outputs = problem.outputs();
            this.slots = param.size();
            this.blocks = param.blocks();
            this.center = design.centers();
            this.invScale = new double[p];
            for (int j = 0; j < p; j++) {
                invScale[j] = design.inverseScale(j);
            }
            this.curv = problem.curvatures();
            this.blockCurv = new double[blocks];
            for (int b = 0; b < blocks; b++) {
                for (int j : param.members(b)) {
                    blockCurv[b] += curv[j];
                }
            }
            int m = problem.coefficients();
            this.xi = new double[slots];
            this.gXi = new double[slots];
            this.beta = new double[m];
            this.gBeta = new double[m];
            this.b0 = new double[outputs];
            this.raw = new double[outputs][p];
            this.offset = new double[outputs];
            this.acc = new double[outputs][p];
            this.rsum = new double[outputs];
            this.eta = new double[n * outputs];
            this.gEta = new double[n * outputs];
            this.perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            this.heldBeta = new double[m];
            this.heldB0 = new double[outputs];
            this.heldRaw = new double[outputs][p];
            this.heldOffset = new double[outputs];
            this.heldEta = new double[n * outputs];
            this.batchRows = new int[minibatchSize];
            this.axpyRows = new int[minibatchSize];
            this.batchValues = new double[minibatchSize];
            this.all = new int[outputs][];
            this.allCount = new int[outputs];
            this.parameters = new SolverParameters(slots, outputs);
            this.descentXi = new double[slots];
            this.descentB0 = new double[outputs];
            this.descentXiView = SolverParameters.wrap(descentXi);
            this.descentB0View = SolverParameters.wrap(descentB0);
            this.descent = new Tensor[2];
            double[] ada = adaGradSettings(optimiser);
            this.nativeAdaGrad = ada != null;
            this.adaRate = ada == null ? 0 : ada[0];
            this.adaEpsilon = ada == null ? 0 : ada[1];
            this.adaInitial = ada == null ? 0 : ada[2];
            this.lazy = nativeAdaGrad && !everyRowTouchesEveryColumn();
            if (lazy) {
                this.blockOf = new int[m];
                for (int b = 0; b < blocks; b++) {
                    for (int c : param.members(b)) {
                        blockOf[c] = b;
                    }
                }
                this.colBuf = new int[p];
                this.colStamp = new int[p];
                this.blockStamp = new int[blocks];
                this.touched = new int[blocks];
                this.lastTick = new int[blocks];
                this.rLast = new double[m];
                this.rCum = new double[outputs];
            }
            this.lassoFast = lazy && outputs == 1 && param instanceof HadamardProductParametrization
                    && ((HadamardProductParametrization) param).depth() == 2;
            if (lassoFast) {
                this.slotOffset = new int[p];
                this.weights = new double[p];
                for (int j = 0; j < p; j++) {
                    slotOffset[j] = param.offset(j);
                    weights[j] = param.weight(j);
                }
                this.lassoState = new double[REC * p];
            }
        }

        /** Whether the design is dense with no zero entry (then every batch touches every block). */
        private boolean everyRowTouchesEveryColumn() {
            if (!design.isDense()) {
                return false;
            }
            int[] buf = new int[p];
            for (int i = 0; i < n; i++) {
                if (design.rowNonzeros(i, buf) != p) {
                    return false;
                }
            }
            return true;
        }

        void initialise(double[] warmBeta, double[] warmIntercept, SplittableRandom random) {
            this.rng = random;
            double[] intercept = warmIntercept == null ? loss.nullIntercept() : warmIntercept;
            if (intercept.length != outputs) {
                throw new IllegalArgumentException("Warm start has " + intercept.length + " intercepts, expected " + outputs);
            }
            System.arraycopy(intercept, 0, b0, 0, outputs);
            if (warmBeta != null && warmBeta.length != beta.length) {
                throw new IllegalArgumentException("Warm start has " + warmBeta.length + " coefficients, expected " + beta.length);
            }
            for (int b = 0; b < blocks; b++) {
                int off = param.offset(b);
                int w = param.width(b);
                boolean zero = true;
                if (warmBeta != null) {
                    param.balanced(warmBeta, b, xi);
                    for (int j : param.members(b)) {
                        zero &= warmBeta[j] == 0;
                    }
                }
                if (zero && param.penalized(b)) {
                    // A warm-start zero gets smaller factors than a cold start: it should stay near zero
                    // unless its KKT condition is violated, but must not sit on the fixed point (0, 0).
                    double s = warmBeta == null ? initScale : 0.1 * initScale;
                    for (int t = off; t < off + w; t++) {
                        xi[t] = s * rng.nextGaussian();
                    }
                } else if (zero) {
                    for (int t = off; t < off + w; t++) {
                        xi[t] = 0;
                    }
                }
            }
            parameters.load(xi, b0);
        }

        Fit optimise(long start) {
            StochasticGradientOptimiser opt = Optimisers.copyOf(optimiser);
            opt.initialise(parameters);
            if (nativeAdaGrad) {
                // Tribuo's AdaGrad.initialise: an empty copy of the parameters plus initialValue.
                gradSq = new double[slots];
                gradSqB0 = new double[outputs];
                if (adaInitial != 0.0) {
                    Arrays.fill(gradSq, 0.0 + adaInitial);
                    Arrays.fill(gradSqB0, 0.0 + adaInitial);
                }
            }
            bestBeta = beta.clone();
            bestB0 = b0.clone();
            history = new double[WINDOW + 1];
            quiet = 0;
            converged = false;
            finite = true;
            parameters.read(xi, b0);
            computeBeta();
            holdForEvaluation();
            int used = 0;
            for (int epoch = 1; epoch <= epochs && !converged; epoch++) {
                // This epoch's batches also evaluate the held state (the previous epoch's end, or the
                // start) on their rows: one full-data objective per epoch without a pass of its own.
                shuffle();
                if (nativeAdaGrad) {
                    nativeEpoch();
                } else {
                    for (int from = 0; from < n; from += minibatchSize) {
                        int to = Math.min(n, from + minibatchSize);
                        batchGradient(from, to);
                        Tensor[] step = opt.step(descent(), 1.0);
                        parameters.update(step);
                    }
                    parameters.read(xi, b0);
                }
                used = epoch;
                record(epoch - 1, heldObjective());
                if (!finite) {
                    break;
                }
                computeBeta();
                holdForEvaluation();
            }
            if (finite) {
                // The last epoch run has not been evaluated yet (it is held): a pass of its own.
                double f = baseObjective();
                if (observer != null) {
                    observer.epoch(used, f, beta.clone(), b0.clone());
                }
                if (f < best) {
                    best = f;
                    System.arraycopy(beta, 0, bestBeta, 0, beta.length);
                    System.arraycopy(b0, 0, bestB0, 0, outputs);
                }
            }
            if (nativeAdaGrad) {
                parameters.load(xi, b0);
            }
            opt.finalise();
            if (finite && !nativeAdaGrad) {
                // Averaging, RDA and Pegasos only write their final parameters in finalise.
                parameters.read(xi, b0);
                double f = baseObjective();
                if (f < best) {
                    best = f;
                    System.arraycopy(beta, 0, bestBeta, 0, beta.length);
                    System.arraycopy(b0, 0, bestB0, 0, outputs);
                }
            }
            opt.reset();
            Certificate cert = zeroAndCertify(bestBeta, bestB0);
            cert = cert.withSolverState(used, converged && finite);
            return new Fit(lambda, design, bestBeta, bestB0, cert, (System.nanoTime() - start) * 1e-9);
        }

        private void shuffle() {
            for (int i = n - 1; i > 0; i--) {
                int r = rng.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[r];
                perm[r] = t;
            }
        }

        /** β = K(ξ), with constant columns forced to zero. */
        private void computeBeta() {
            for (int b = 0; b < blocks; b++) {
                param.beta(xi, b, beta);
            }
            for (int c = 0; c < beta.length; c++) {
                if (curv[c] == 0) {
                    beta[c] = 0;
                }
            }
        }

        /**
         * Writes the descent direction −∇Q over the batch perm[from, to) into the descent buffers; ξ and
         * b₀ are read from the parameters.
         */
        private void batchGradient(int from, int to) {
            if (!nativeAdaGrad) {
                parameters.read(xi, b0);
            }
            computeBeta();
            syncRaw();
            for (int k = 0; k < outputs; k++) {
                java.util.Arrays.fill(acc[k], 0.0);
                rsum[k] = 0;
            }
            accumulateBatch(from, to, (double) n / (to - from));
            for (int k = 0; k < outputs; k++) {
                double[] ak = acc[k];
                double r = rsum[k];
                int base = k * p;
                for (int j = 0; j < p; j++) {
                    gBeta[base + j] = invScale[j] * (ak[j] - center[j] * r);
                }
            }
            for (int b = 0; b < blocks; b++) {
                param.gradient(xi, b, gBeta, lambda, gXi);
            }
            for (int s = 0; s < slots; s++) {
                descentXi[s] = -gXi[s];
            }
            for (int k = 0; k < outputs; k++) {
                descentB0[k] = -rsum[k];
            }
        }

        /**
         * Adds the contributions of the examples perm[from, to) to the batch's data gradient: their
         * linear predictors η_i = raw·x_i − offset + b₀ (computed for the whole batch at once, see
         * {@link Design#rawRowDots}), the loss derivatives, and a_i = scale·weight_i·∂ℓ/∂η_i accumulated
         * into {@link #acc} (as Σ a_i·x_i, in batch order) and {@link #rsum}.
         */
        private void accumulateBatch(int from, int to, double scale) {
            int count = to - from;
            System.arraycopy(perm, from, batchRows, 0, count);
            for (int k = 0; k < outputs; k++) {
                design.rawRowDots(batchRows, count, raw[k], batchValues);
                for (int t = 0; t < count; t++) {
                    eta[batchRows[t] * outputs + k] = batchValues[t] - offset[k] + b0[k];
                }
                // The held state's predictors on the same rows, while they are in cache.
                design.rawRowDots(batchRows, count, heldRaw[k], batchValues);
                for (int t = 0; t < count; t++) {
                    heldEta[batchRows[t] * outputs + k] = batchValues[t] - heldOffset[k] + heldB0[k];
                }
            }
            for (int t = 0; t < count; t++) {
                loss.pointLoss(batchRows[t], eta, gEta);
            }
            for (int k = 0; k < outputs; k++) {
                int m = 0;
                for (int t = 0; t < count; t++) {
                    int i = batchRows[t];
                    double a = scale * loss.weight(i) * gEta[i * outputs + k];
                    if (a != 0.0) {
                        axpyRows[m] = i;
                        batchValues[m++] = a;
                        rsum[k] += a;
                    }
                }
                design.rawRowsAxpy(axpyRows, batchValues, m, acc[k]);
            }
        }

        /**
         * One epoch with the AdaGrad arithmetic inlined (bit-identical to Tribuo's {@code AdaGrad.step}
         * with weight 1 followed by {@code Parameters.update}: G += d·d, x += d·(rate/(ε + √G))).
         * Without lazy mode every batch is the full {@link #batchGradient}; in lazy mode see
         * {@link #lazyBatch}.
         */
        private void nativeEpoch() {
            if (lazy) {
                computeBeta();
                syncRaw();
                tick = 0;
                if (lassoFast) {
                    loadLassoState();
                }
                for (int from = 0; from < n; from += minibatchSize) {
                    int to = Math.min(n, from + minibatchSize);
                    lazyBatch(from, to, to == n);
                }
                return;
            }
            for (int from = 0; from < n; from += minibatchSize) {
                int to = Math.min(n, from + minibatchSize);
                batchGradient(from, to);
                for (int s = 0; s < slots; s++) {
                    double d = descentXi[s];
                    gradSq[s] += d * d;
                    xi[s] += d * (adaRate / (adaEpsilon + Math.sqrt(gradSq[s])));
                }
                adaGradIntercepts(descentB0);
            }
        }

        private void adaGradIntercepts(double[] d0) {
            for (int k = 0; k < outputs; k++) {
                double d = d0[k];
                gradSqB0[k] += d * d;
                b0[k] += d * (adaRate / (adaEpsilon + Math.sqrt(gradSqB0[k])));
            }
        }

        /** raw_k = β_k/s and offset_k = Σ_j m_j raw_kj from {@link #beta}. */
        private void syncRaw() {
            rawOf(beta, raw, offset);
        }

        /** rawOut_k = β_k/s and offsetOut_k = Σ_j m_j rawOut_kj. */
        private void rawOf(double[] coefficients, double[][] rawOut, double[] offsetOut) {
            for (int k = 0; k < outputs; k++) {
                double[] rk = rawOut[k];
                double off = 0;
                int base = k * p;
                for (int j = 0; j < p; j++) {
                    double bj = coefficients[base + j] * invScale[j];
                    rk[j] = bj;
                    off += center[j] * bj;
                }
                offsetOut[k] = off;
            }
        }

        /** Holds the current β (in {@link #beta}) and b₀ for evaluation during the next epoch. */
        private void holdForEvaluation() {
            System.arraycopy(beta, 0, heldBeta, 0, beta.length);
            System.arraycopy(b0, 0, heldB0, 0, outputs);
            rawOf(heldBeta, heldRaw, heldOffset);
        }

        /** F + λR(β) of the held state, once an epoch has visited every row. */
        private double heldObjective() {
            double f = loss.evaluate(heldEta, null);
            double pen = 0;
            for (int b = 0; b < blocks; b++) {
                pen += param.basePenalty(heldBeta, b);
            }
            return f + lambda * pen;
        }

        /**
         * The stopping rule for epoch e (0: the start) with base objective f at the held state: keeps
         * the best state, and sets {@link #converged} when the mean relative decrease per epoch of the
         * best objective over the last WINDOW epochs (fewer at the start) has stayed below the
         * tolerance for PATIENCE epochs; minibatch noise makes single epochs go up and down, but the
         * best value only stops improving when the noise floor is reached.
         */
        private void record(int e, double f) {
            if (observer != null) {
                observer.epoch(e, f, heldBeta.clone(), heldB0.clone());
            }
            if (e == 0) {
                best = f;
                System.arraycopy(heldBeta, 0, bestBeta, 0, beta.length);
                System.arraycopy(heldB0, 0, bestB0, 0, outputs);
                history[0] = best;
                return;
            }
            if (!Double.isFinite(f)) {
                finite = false;
                return;
            }
            if (f < best) {
                best = f;
                System.arraycopy(heldBeta, 0, bestBeta, 0, beta.length);
                System.arraycopy(heldB0, 0, bestB0, 0, outputs);
            }
            int span = Math.min(e, WINDOW);
            double old = history[(e - span) % (WINDOW + 1)];
            history[e % (WINDOW + 1)] = best;
            double decrease = (old - best) / Math.max(Math.abs(best), Double.MIN_NORMAL) / span;
            if (TRACE) {
                System.err.printf("epoch %d f=%.12g meanDecrease=%.3e%n", e, f, decrease);
            }
            quiet = decrease < tolerance ? quiet + 1 : 0;
            converged = quiet >= PATIENCE;
        }

        /**
         * One lazy minibatch step. The data part of the gradient is exactly the batch's; it is zero
         * outside the blocks that the batch's nonzero entries touch. The two parts that are dense in
         * every batch, the penalty gradient λ∇R_ξ and the centring term −m_j/s_j·Σ_{i∈B} a_i, are applied
         * to a block only when a batch touches it: then with λ·M, M = the batches since its last
         * update, and with the centring sums of all those batches (pulled back through the current
         * ξ). The last batch of every epoch ({@code flush}) updates every block, so each epoch applies
         * exactly the same total penalty and centring mass per block as the dense method, only later;
         * a fixed point of the expected update is therefore the same stationary point of the surrogate.
         * When every batch touches every block (M = 1), this is the dense method.
         */
        private void lazyBatch(int from, int to, boolean flush) {
            tick++;
            int mark = ++stamp;
            for (int k = 0; k < outputs; k++) {
                rsum[k] = 0;
            }
            accumulateBatch(from, to, (double) n / (to - from));
            int nb = 0;
            // The blocks the batch touches, in order of first touch (the last batch of an epoch updates all).
            if (!flush) {
                // For the lasso block j is column j; otherwise each new column's blocks (one per output).
                int[] cols = lassoFast ? touched : colBuf;
                int nc = 0;
                for (int t = from; t < to; t++) {
                    nc = design.markNewColumns(perm[t], colStamp, mark, cols, nc);
                }
                if (lassoFast) {
                    nb = nc;
                } else {
                    for (int q = 0; q < nc; q++) {
                        int j = colBuf[q];
                        for (int k = 0; k < outputs; k++) {
                            int b = blockOf[k * p + j];
                            if (blockStamp[b] != mark) {
                                blockStamp[b] = mark;
                                touched[nb++] = b;
                            }
                        }
                    }
                }
            }
            for (int k = 0; k < outputs; k++) {
                rCum[k] += rsum[k];
            }
            if (flush) {
                nb = blocks;
                for (int b = 0; b < blocks; b++) {
                    touched[b] = b;
                }
            }
            if (lassoFast) {
                lassoBlocks(nb);
                if (flush) {
                    storeLassoState();
                }
            } else {
                genericBlocks(nb);
            }
            for (int k = 0; k < outputs; k++) {
                descentB0[k] = -rsum[k];
            }
            adaGradIntercepts(descentB0);
            if (flush) {
                // Every block is up to date: restart the bookkeeping and remove the offset's drift.
                tick = 0;
                Arrays.fill(lastTick, 0);
                Arrays.fill(rLast, 0.0);
                Arrays.fill(rCum, 0.0);
                syncRaw();
            }
        }

        /** The lazy update of the first nb {@link #touched} blocks, through the parametrization. */
        private void genericBlocks(int nb) {
            // Blocks are independent here, so the order (first touch in the batch) does not matter.
            for (int q = 0; q < nb; q++) {
                int b = touched[q];
                int[] mem = param.members(b);
                for (int c : mem) {
                    int k = outputs == 1 ? 0 : c / p;
                    int j = c - k * p;
                    gBeta[c] = invScale[j] * (acc[k][j] - center[j] * (rCum[k] - rLast[c]));
                    acc[k][j] = 0;
                    rLast[c] = rCum[k];
                }
                param.gradient(xi, b, gBeta, lambda * (tick - lastTick[b]), gXi);
                lastTick[b] = tick;
                int off = param.offset(b);
                int end = off + param.width(b);
                for (int s = off; s < end; s++) {
                    double d = -gXi[s];
                    gradSq[s] += d * d;
                    xi[s] += d * (adaRate / (adaEpsilon + Math.sqrt(gradSq[s])));
                }
                param.beta(xi, b, beta);
                for (int c : mem) {
                    if (curv[c] == 0) {
                        beta[c] = 0;
                    }
                    int k = outputs == 1 ? 0 : c / p;
                    int j = c - k * p;
                    double nr = beta[c] * invScale[j];
                    offset[k] += center[j] * (nr - raw[k][j]);
                    raw[k][j] = nr;
                }
            }
        }

        /**
         * {@link #genericBlocks} for the lasso (one output, β_j = u_j·v_j): the same arithmetic in the same
         * order, bit for bit, with the parametrization's gradient and product written out and the
         * coefficient's state read from its {@link #lassoState} record, so that a touched coefficient
         * costs its two AdaGrad updates and little else.
         */
        private void lassoBlocks(int nb) {
            double[] a0 = acc[0];
            double[] r0 = raw[0];
            double[] st = lassoState;
            double cum = rCum[0];
            double now = tick;
            double off0 = offset[0];
            for (int q = 0; q < nb; q++) {
                int j = touched[q];
                int o = j * REC;
                double inv = st[o + INV];
                double cen = st[o + CEN];
                double g = inv * (a0[j] - cen * (cum - st[o + RLAST]));
                a0[j] = 0;
                st[o + RLAST] = cum;
                double lam = lambda * (now - st[o + TICK]);
                st[o + TICK] = now;
                double w = st[o + W];
                double bj;
                if (w == 0) {
                    double d = -g;
                    double gu = st[o + GU] + d * d;
                    st[o + GU] = gu;
                    bj = st[o + U] + d * (adaRate / (adaEpsilon + Math.sqrt(gu)));
                    st[o + U] = bj;
                } else {
                    // HadamardProductParametrization.gradient at depth 2: shrink = 2λw/2 (exactly λw).
                    double shrink = 2 * lam * w / 2;
                    double u = st[o + U];
                    double v = st[o + V];
                    double du = -(g * v + shrink * u);
                    double dv = -(g * u + shrink * v);
                    double gu = st[o + GU] + du * du;
                    double gv = st[o + GV] + dv * dv;
                    st[o + GU] = gu;
                    st[o + GV] = gv;
                    u += du * (adaRate / (adaEpsilon + Math.sqrt(gu)));
                    v += dv * (adaRate / (adaEpsilon + Math.sqrt(gv)));
                    st[o + U] = u;
                    st[o + V] = v;
                    bj = u * v;
                }
                if (st[o + CONSTANT] != 0) {
                    bj = 0;
                }
                beta[j] = bj;
                double nr = bj * inv;
                off0 += cen * (nr - r0[j]);
                r0[j] = nr;
            }
            offset[0] = off0;
        }

        // The fields of a lassoState record.
        private static final int U = 0;
        private static final int V = 1;
        private static final int GU = 2;
        private static final int GV = 3;
        private static final int INV = 4;
        private static final int CEN = 5;
        private static final int RLAST = 6;
        private static final int TICK = 7;
        private static final int W = 8;
        private static final int CONSTANT = 9;
        private static final int REC = 12;

        /** Fills the lasso records from ξ, the AdaGrad sums and the lazy bookkeeping. */
        private void loadLassoState() {
            double[] st = lassoState;
            for (int j = 0; j < p; j++) {
                int o = j * REC;
                int s = slotOffset[j];
                double w = weights[j];
                st[o + U] = xi[s];
                st[o + GU] = gradSq[s];
                st[o + V] = w == 0 ? 0.0 : xi[s + 1];
                st[o + GV] = w == 0 ? 0.0 : gradSq[s + 1];
                st[o + INV] = invScale[j];
                st[o + CEN] = center[j];
                st[o + RLAST] = rLast[j];
                st[o + TICK] = lastTick[j];
                st[o + W] = w;
                st[o + CONSTANT] = curv[j] == 0 ? 1 : 0;
            }
        }

        /** Writes the lasso records' factors and AdaGrad sums back to ξ and the sums. */
        private void storeLassoState() {
            double[] st = lassoState;
            for (int j = 0; j < p; j++) {
                int o = j * REC;
                int s = slotOffset[j];
                xi[s] = st[o + U];
                gradSq[s] = st[o + GU];
                if (weights[j] != 0) {
                    xi[s + 1] = st[o + V];
                    gradSq[s + 1] = st[o + GV];
                }
            }
        }

        /**
         * The descent tensors: views over the reused buffers. Optimisers mutate them in place (the
         * buffers are rewritten every batch) and may replace array entries, so the array is re-filled.
         */
        private Tensor[] descent() {
            descent[0] = descentXiView;
            descent[1] = descentB0View;
            return descent;
        }

        /** F + λR(β) at β = K(ξ) on the full data (one pass); leaves β in {@link #beta}. */
        private double baseObjective() {
            computeBeta();
            problem.predictors(beta, b0, all, allCount, eta);
            double f = loss.evaluate(eta, null);
            double pen = 0;
            for (int b = 0; b < blocks; b++) {
                pen += param.basePenalty(beta, b);
            }
            return f + lambda * pen;
        }

        /** Sets provably harmless blocks to exact zero (undone if the joint removal hurts) and certifies. */
        private Certificate zeroAndCertify(double[] bBeta, double[] bB0) {
            Certifier certifier = new Certifier(problem, param);
            Certificate cert = certifier.certify(bBeta, bB0, lambda);
            double[] g = certifier.lastGradient();
            double[] saved = bBeta.clone();
            boolean any = false;
            for (int b = 0; b < blocks; b++) {
                if (!param.penalized(b)) {
                    continue;
                }
                boolean nonzero = false;
                for (int j : param.members(b)) {
                    nonzero |= bBeta[j] != 0;
                }
                if (!nonzero) {
                    continue;
                }
                boolean kktAtZero = !param.convex() || param.dualRatio(g, b) <= lambda;
                if (kktAtZero && FullBatchSolver.zeroingGain(param, b, bBeta, g, lambda, blockCurv[b]) <= 0) {
                    for (int j : param.members(b)) {
                        bBeta[j] = 0;
                    }
                    any = true;
                }
            }
            if (!any) {
                return cert;
            }
            Certificate zeroed = certifier.certify(bBeta, bB0, lambda);
            if (zeroed.objective() <= cert.objective()) {
                return zeroed;
            }
            System.arraycopy(saved, 0, bBeta, 0, saved.length);
            return certifier.certify(bBeta, bB0, lambda);
        }
    }

    /**
     * @param o an optimiser
     * @return {rate, ε, initialValue} when {@code o} is exactly Tribuo's {@link AdaGrad} (read from its
     *         provenance, as in {@link Optimisers#copyOf}), else null
     */
    private static double[] adaGradSettings(StochasticGradientOptimiser o) {
        if (o.getClass() != AdaGrad.class) {
            return null;
        }
        Map<String, Provenance> conf = o.getProvenance().getConfiguredParameters();
        String[] names = {"initialLearningRate", "epsilon", "initialValue"};
        double[] out = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            if (!(conf.get(names[i]) instanceof DoubleProvenance d)) {
                return null;
            }
            out[i] = d.getValue();
        }
        return out;
    }

    /**
     * ξ and the intercepts as Tribuo {@link Parameters}: two {@link DenseVector} tensors. {@link #set}
     * rebinds them (Pegasos and RDA swap in wrapper tensors), so values are always read through
     * {@link SGDVector#get}.
     */
    private static final class SolverParameters implements Parameters {
        private static final long serialVersionUID = 1L;
        private Tensor[] tensors;

        SolverParameters(int slots, int outputs) {
            this.tensors = new Tensor[]{new DenseVector(slots), new DenseVector(outputs)};
        }

        static DenseVector wrap(double[] values) {
            return new View(values);
        }

        void load(double[] xi, double[] b0) {
            SGDVector x = (SGDVector) tensors[0];
            SGDVector b = (SGDVector) tensors[1];
            for (int s = 0; s < xi.length; s++) {
                x.set(s, xi[s]);
            }
            for (int k = 0; k < b0.length; k++) {
                b.set(k, b0[k]);
            }
        }

        void read(double[] xi, double[] b0) {
            SGDVector x = (SGDVector) tensors[0];
            SGDVector b = (SGDVector) tensors[1];
            for (int s = 0; s < xi.length; s++) {
                xi[s] = x.get(s);
            }
            for (int k = 0; k < b0.length; k++) {
                b0[k] = b.get(k);
            }
        }

        @Override
        public Tensor[] getEmptyCopy() {
            return new Tensor[]{new DenseVector(((SGDVector) tensors[0]).size()), new DenseVector(((SGDVector) tensors[1]).size())};
        }

        @Override
        public Tensor[] get() { return tensors; }

        @Override
        public void set(Tensor[] newWeights) {
            if (newWeights.length != tensors.length) {
                throw new IllegalArgumentException("Expected " + tensors.length + " tensors, got " + newWeights.length);
            }
            tensors = newWeights;
        }

        @Override
        public void update(Tensor[] gradients) {
            for (int i = 0; i < tensors.length; i++) {
                tensors[i].intersectAndAddInPlace(gradients[i]);
            }
        }

        @Override
        public Tensor[] merge(Tensor[][] gradients, int size) {
            Tensor[] out = new Tensor[tensors.length];
            for (int i = 0; i < tensors.length; i++) {
                out[i] = gradients[0][i].copy();
                for (int j = 1; j < size; j++) {
                    out[i].intersectAndAddInPlace(gradients[j][i]);
                }
            }
            return out;
        }

        @Override
        public ParametersProto serialize() {
            throw new UnsupportedOperationException("Solver-internal parameters are not serialized; serialize the Fit");
        }
    }

    /** A {@link DenseVector} over a caller-owned array (no copy). */
    private static final class View extends DenseVector {
        private static final long serialVersionUID = 1L;

        View(double[] values) {
            super(values);
        }
    }
}
