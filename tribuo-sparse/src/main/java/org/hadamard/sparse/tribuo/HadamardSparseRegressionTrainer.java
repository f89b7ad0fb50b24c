/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;
import org.tribuo.Dataset;
import org.tribuo.SparseTrainer;
import org.tribuo.Trainer;
import org.tribuo.WeightedExamples;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.SparseVector;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link SparseTrainer} for exactly sparse linear regression — the lasso, the group lasso and Lq
 * (0 &lt; q &lt; 1) penalties — solved through a smooth Hadamard overparametrisation of the
 * coefficients by the {@link HadamardEngine}. Every output dimension of a {@link Regressor} is fitted
 * independently with the same penalty.
 * <p>
 * <b>Objective.</b> For each output dimension, with example weights w_i (from
 * {@link org.tribuo.Example#getWeight()}) normalised to ω_i = w_i/Σw (so unit weights give 1/n):
 * <pre>
 *   minimise over b₀, β:   Σ_i ω_i ½(y_i − b₀ − x̃_iᵀβ)²  +  λ·Σ_j pf_j·pen(β_j)
 * </pre>
 * where x̃ are the features centred by their weighted means and, when {@code standardize} is true
 * (the default), divided by their weighted 1/n standard deviations (glmnet's convention:
 * {@code standardize=TRUE}, and the same λ scale as glmnet's Gaussian family); pf_j are the penalty
 * factors (glmnet's {@code penalty.factor}, default 1, not rescaled, 0 = unpenalised); and pen is
 * |β_j| (LASSO), |β_j|^q (LQ), or, summed per group instead of per feature, c_g·‖β_g‖₂^q
 * (GROUP_LASSO, c_g = √|g| by default). The intercept is never penalised. The model reports the
 * coefficients on the raw feature scale. With {@code standardize=false} the objective is exactly that
 * of Tribuo's {@code ElasticNetCDTrainer(λ, 1.0, …)}: 1/(2n)‖y − ȳ − (X − x̄)β‖² + λ‖β‖₁.
 * <p>
 * Standardisation statistics are computed from the training examples themselves, never from the
 * dataset's feature map (whose statistics, inside a cross-validation fold, belong to the whole
 * dataset). Constant columns get a zero coefficient.
 * <p>
 * For q &lt; 1 the problem is non-convex; the fit starts from the lasso (or group lasso) solution at
 * the same λ and descends to a local minimum (see {@link HadamardEngine}). Its certificate then has no
 * duality gap.
 * <p>
 * <b>Solvers.</b> {@link SolverKind#LBFGS} (the default) is the engine's deterministic full-batch
 * solver, stopping at a relative duality gap of {@code tolerance} (convex penalties) and a small KKT
 * violation. {@link SolverKind#SGD} runs minibatch stochastic gradient with the configured
 * {@link StochasticGradientOptimiser}; its randomness comes from this trainer's RNG.
 * <p>
 * Randomness and invocation counts follow Tribuo's trainers: each training call takes one
 * {@code rng.split()} in a synchronised block, so training is reproducible given the seed and the
 * invocation count, and the trainer is thread-safe.
 */
public final class HadamardSparseRegressionTrainer
        extends AbstractHadamardSparseTrainer<Regressor, HadamardSparseRegressionModel>
        implements SparseTrainer<Regressor>, WeightedExamples {

    private static final Logger logger = Logger.getLogger(HadamardSparseRegressionTrainer.class.getName());

    /** The penalty families. */
    public enum PenaltyType {
        /** λ·Σ pf_j|β_j|. */
        LASSO,
        /** λ·Σ_g c_g‖β_g‖₂^q over feature groups (q = 1: the group lasso). */
        GROUP_LASSO,
        /** λ·Σ pf_j|β_j|^q with 0 &lt; q ≤ 1. */
        LQ
    }

    /** The solvers. */
    public enum SolverKind {
        /** Full-batch L-BFGS on the surrogate with working sets, exact zeros and certificates. */
        LBFGS,
        /** Minibatch stochastic gradient with a Tribuo {@link StochasticGradientOptimiser}. */
        SGD
    }

    @Config(mandatory = true, description = "The regularisation strength lambda (>= 0).")
    private double lambda = -1;

    /**
     * For OLCUT.
     */
    private HadamardSparseRegressionTrainer() {}

    /**
     * A standardised lasso at λ, solved by L-BFGS.
     * @param lambda the regularisation strength (≥ 0)
     */
    public HadamardSparseRegressionTrainer(double lambda) {
        this(PenaltyType.LASSO, lambda, Double.NaN, true);
    }

    /**
     * A penalty at λ, solved by L-BFGS.
     * @param penalty the penalty family
     * @param lambda the regularisation strength (≥ 0)
     * @param q the exponent in (0, 1], or NaN for the family's default (LQ 0.5, otherwise 1)
     * @param standardize whether to standardise features before penalising
     */
    public HadamardSparseRegressionTrainer(PenaltyType penalty, double lambda, double q, boolean standardize) {
        this.penalty = penalty;
        this.lambda = lambda;
        this.q = q;
        this.standardize = standardize;
        postConfig();
    }

    private HadamardSparseRegressionTrainer(Builder b) {
        this.lambda = b.lambda;
        copyOptions(b);
        postConfig();
    }

    /**
     * @param lambda the regularisation strength (≥ 0)
     * @return a builder for a trainer with every other option at its default
     */
    public static Builder builder(double lambda) {
        return new Builder(lambda);
    }

    /**
     * Validates the configuration, resolves the default q and creates the RNG.
     * @throws PropertyException if a parameter is out of range or inconsistent
     */
    @Override
    public synchronized void postConfig() {
        if (penalty == null) {
            throw new PropertyException("", "penalty", "penalty must be set");
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new PropertyException("", "lambda", "lambda must be finite and >= 0, found " + lambda);
        }
        validatePenaltyOptions();
        validateSolverOptionsAndSeed();
    }

    /**
     * Trains a model.
     * @param examples the training data
     * @param runProvenance provenance to record with the model
     * @param invocationCount the invocation count to train at, or {@link Trainer#INCREMENT_INVOCATION_COUNT}
     * @return the model
     * @throws IllegalArgumentException if the data are unusable (empty, unknown outputs, non-finite
     *                                  values, or groups and factors naming unknown features)
     */
    @Override
    public HadamardSparseRegressionModel train(Dataset<Regressor> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        RegressionDataAdapter data = new RegressionDataAdapter(examples, standardize);
        Penalty pen = buildBasePenalty(examples.getFeatureIDMap());
        Invocation invocation = startInvocation(invocationCount);
        int outputs = data.outputs();
        Fit[] fits = new Fit[outputs];
        for (int k = 0; k < outputs; k++) {
            Problem problem = data.problem(k);
            Solver s = createSolver(invocation);
            Fit fit = HadamardEngine.fit(problem, pen, lambda, s);
            fits[k] = fit;
            int dim = k;
            logger.log(Level.FINE, () -> "Dimension " + data.dimensionNames()[dim] + ": " + fit.certificate());
        }
        ModelProvenance provenance = new ModelProvenance(HadamardSparseRegressionModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), invocation.provenance(), runProvenance);
        return buildModel(examples, data, provenance, fits, lambda);
    }

    /**
     * Fits a regularisation path over the given λ values with warm starts, as one training invocation.
     * The trainer's own λ is not used: each model's trainer provenance records the configured λ and its
     * run provenance records the path's λ under {@code "path-lambda"} (also {@link
     * HadamardSparseRegressionModel#getLambda()}). Every output dimension is fitted at every λ (no
     * early stop).
     * @param examples the training data
     * @param lambdas the λ values (any order; the path is fitted and returned in decreasing order)
     * @return the path, one model per λ
     */
    public HadamardSparseRegressionPath trainPath(Dataset<Regressor> examples, double[] lambdas) {
        return trainPath(examples, LambdaGrid.userList(lambdas), Collections.emptyMap());
    }

    /**
     * Fits a regularisation path on glmnet's grid: {@code count} λ values log-spaced from λ_max (the
     * largest over output dimensions) down to {@code minRatio}·λ_max.
     * @param examples the training data
     * @param count the number of λ values (glmnet uses 100)
     * @param minRatio the smallest λ over λ_max in (0, 1), or NaN for glmnet's default (1e-4 if n &gt; p, else 1e-2)
     * @return the path, one model per λ
     */
    public HadamardSparseRegressionPath trainPath(Dataset<Regressor> examples, int count, double minRatio) {
        RegressionDataAdapter data = new RegressionDataAdapter(examples, standardize);
        Penalty pen = buildBasePenalty(examples.getFeatureIDMap());
        double lmax = 0;
        for (int k = 0; k < data.outputs(); k++) {
            lmax = Math.max(lmax, HadamardEngine.lambdaMax(data.problem(k), pen));
        }
        double ratio = Double.isNaN(minRatio) ? LambdaGrid.defaultMinRatio(data.examples(), data.features()) : minRatio;
        return trainPath(examples, LambdaGrid.logSpaced(lmax, count, ratio), Collections.emptyMap());
    }

    private HadamardSparseRegressionPath trainPath(Dataset<Regressor> examples, double[] grid, Map<String, Provenance> runProvenance) {
        RegressionDataAdapter data = new RegressionDataAdapter(examples, standardize);
        Penalty pen = buildBasePenalty(examples.getFeatureIDMap());
        Invocation invocation = startInvocation(INCREMENT_INVOCATION_COUNT);
        int outputs = data.outputs();
        RegularizationPath[] paths = new RegularizationPath[outputs];
        double lmax = 0;
        for (int k = 0; k < outputs; k++) {
            Solver s = createSolver(invocation);
            paths[k] = HadamardEngine.path(data.problem(k), pen, grid, false, s);
            lmax = Math.max(lmax, paths[k].lambdaMax());
        }
        List<HadamardSparseRegressionModel> models = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < grid.length; i++) {
            Fit[] fits = new Fit[outputs];
            for (int k = 0; k < outputs; k++) {
                fits[k] = paths[k].fit(i);
            }
            ModelProvenance provenance = pathModelProvenance(HadamardSparseRegressionModel.class, now, examples, invocation,
                    runProvenance, grid[i]);
            models.add(buildModel(examples, data, provenance, fits, grid[i]));
        }
        return new HadamardSparseRegressionPath(lmax, grid, models);
    }

    private static HadamardSparseRegressionModel buildModel(Dataset<Regressor> examples, RegressionDataAdapter data,
                                                            ModelProvenance provenance, Fit[] fits, double lambda) {
        int outputs = fits.length;
        int p = data.features();
        SparseVector[] weights = new SparseVector[outputs];
        double[] intercepts = new double[outputs];
        Certificate[] certificates = new Certificate[outputs];
        for (int k = 0; k < outputs; k++) {
            weights[k] = TrainerSupport.sparseRow(fits[k].beta(), 0, p);
            intercepts[k] = fits[k].intercept()[0];
            certificates[k] = fits[k].certificate();
        }
        return new HadamardSparseRegressionModel("hadamard-sparse-regression", provenance, examples.getFeatureIDMap(),
                examples.getOutputIDInfo(), data.dimensionNames(), weights, intercepts, lambda, certificates);
    }

    @Override
    public String toString() {
        return appendOptions(new StringBuilder("HadamardSparseRegressionTrainer("), lambda).toString();
    }

    /**
     * A builder for {@link HadamardSparseRegressionTrainer}; unset options keep their defaults.
     */
    public static final class Builder extends AbstractBuilder<Builder> {

        private Builder(double lambda) {
            super(lambda);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @return the trainer
         * @throws PropertyException if the configuration is invalid
         */
        public HadamardSparseRegressionTrainer build() {
            return new HadamardSparseRegressionTrainer(this);
        }
    }
}
