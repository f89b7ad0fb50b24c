/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.PenaltyType;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.SparseTrainer;
import org.tribuo.Trainer;
import org.tribuo.WeightedExamples;
import org.tribuo.classification.Label;
import org.tribuo.math.la.SparseVector;
import org.tribuo.provenance.ModelProvenance;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A {@link SparseTrainer} for exactly sparse logistic and multinomial regression — the lasso, the
 * group lasso, Lq (0 &lt; q &lt; 1) and the grouped multinomial lasso — solved through a smooth Hadamard
 * overparametrisation of the coefficients by the {@link HadamardEngine}.
 * <p>
 * <b>Objective.</b> With example weights w_i normalised to ω_i = w_i/Σw (unit weights: 1/n):
 * <pre>
 *   minimise over b, B:   −Σ_i ω_i log p(y_i | x̃_i)  +  λ·pen(B)
 * </pre>
 * where x̃ are the features centred by their weighted means and, when {@code standardize} is true (the
 * default), divided by their weighted 1/n standard deviations (glmnet's binomial and multinomial
 * families with {@code standardize=TRUE}; same λ scale). The intercepts are never penalised and the
 * model reports raw-scale coefficients.
 * <ul>
 *   <li>{@link Mode#BINARY}: p(positive | x) = σ(b + βᵀx̃), one coefficient vector (glmnet
 *       {@code family="binomial"}). The positive label is {@code positiveLabel} or, by default, the
 *       second label in sorted name order (glmnet's second factor level). Never Tribuo's label id:
 *       those follow {@code HashMap} order.</li>
 *   <li>{@link Mode#MULTINOMIAL}: softmax over one row per class present in the training data, all
 *       rows penalised (glmnet's symmetric {@code family="multinomial"}). Classes of the output domain
 *       absent from the training data (a cross-validation fold can lack one) are left out of the fit
 *       and predicted with probability 0; see {@link ClassificationDataAdapter}.</li>
 *   <li>{@link Mode#AUTO} (default): binary when the output domain has two labels, multinomial
 *       otherwise.</li>
 * </ul>
 * pen is as in {@link HadamardSparseRegressionTrainer} — Σ_k Σ_j pf_j|β_kj| (LASSO), |β_kj|^q (LQ),
 * or per class over the configured feature groups c_g‖β_kg‖₂^q (GROUP_LASSO) — or, with
 * {@code groupedMultinomial} in multinomial mode, √K·Σ_j pf_j‖β_·j‖₂ with each feature's K class
 * coefficients as one group (glmnet's {@code type.multinomial="grouped"}, up to the √K group weight):
 * a feature is then selected for all classes or for none. In binary mode a feature has one
 * coefficient and {@code groupedMultinomial} changes nothing.
 * <p>
 * <b>Separable data.</b> λ must be positive: on linearly separable data the unpenalised likelihood has
 * no maximiser (coefficients diverge), while for λ &gt; 0 the penalised objective is coercive in the
 * coefficients, so the fit is finite (its size grows like log(1/λ) as λ → 0). The intercepts are
 * bounded as long as two classes are present.
 * <p>
 * Solvers, randomness, invocation counts and thread safety are those of
 * {@link HadamardSparseRegressionTrainer}.
 */
public final class HadamardSparseClassificationTrainer
        extends AbstractHadamardSparseTrainer<Label, HadamardSparseClassificationModel>
        implements SparseTrainer<Label>, WeightedExamples {

    private static final Logger logger = Logger.getLogger(HadamardSparseClassificationTrainer.class.getName());

    /** The classification models. */
    public enum Mode {
        /** Binary when the output domain has two labels, multinomial otherwise. */
        AUTO,
        /** One logistic row for the positive label's log-odds. */
        BINARY,
        /** A softmax row per class. */
        MULTINOMIAL
    }

    @Config(description = "The model: AUTO (binary for two labels, multinomial otherwise), BINARY or MULTINOMIAL.")
    private Mode mode = Mode.AUTO;

    @Config(description = "Binary mode: the positive label. Empty: the second label in sorted name order (glmnet's second level).")
    private String positiveLabel = "";

    @Config(description = "Multinomial mode: penalise each feature's class coefficients as one group (glmnet's type.multinomial=\"grouped\").")
    private boolean groupedMultinomial = false;

    @Config(mandatory = true, description = "The regularisation strength lambda (> 0).")
    private double lambda = -1;

    /**
     * For OLCUT.
     */
    private HadamardSparseClassificationTrainer() {}

    /**
     * A standardised lasso at λ (binary for two labels, multinomial otherwise), solved by L-BFGS.
     * @param lambda the regularisation strength (&gt; 0)
     */
    public HadamardSparseClassificationTrainer(double lambda) {
        this.lambda = lambda;
        postConfig();
    }

    private HadamardSparseClassificationTrainer(Builder b) {
        this.mode = b.mode;
        this.positiveLabel = b.positiveLabel;
        this.groupedMultinomial = b.groupedMultinomial;
        this.lambda = b.lambda;
        copyOptions(b);
        postConfig();
    }

    /**
     * @param lambda the regularisation strength (&gt; 0)
     * @return a builder for a trainer with every other option at its default
     */
    public static Builder builder(double lambda) {
        return new Builder(lambda);
    }

    /**
     * Validates the configuration, resolves the default q and tolerance and creates the RNG.
     * @throws PropertyException if a parameter is out of range or inconsistent
     */
    @Override
    public synchronized void postConfig() {
        if (mode == null) {
            throw new PropertyException("", "mode", "mode must be set");
        }
        if (positiveLabel == null) {
            positiveLabel = "";
        }
        if (mode == Mode.MULTINOMIAL && !positiveLabel.isEmpty()) {
            throw new PropertyException("", "positiveLabel", "positiveLabel is only used in binary mode, mode is " + mode);
        }
        if (!(lambda > 0) || Double.isInfinite(lambda)) {
            throw new PropertyException("", "lambda", "lambda must be finite and > 0 for classification (the unpenalised "
                    + "likelihood has no maximiser on separable data), found " + lambda);
        }
        validatePenaltyOptions();
        if (groupedMultinomial && penalty == PenaltyType.GROUP_LASSO) {
            throw new PropertyException("", "groupedMultinomial", "groupedMultinomial groups each feature across classes; it cannot be combined with GROUP_LASSO feature groups");
        }
        if (groupedMultinomial && depth != 0 && depth != 2) {
            throw new PropertyException("", "groupedMultinomial", "groupedMultinomial uses the group form; depth " + depth + " is not supported, use q");
        }
        validateSolverOptionsAndSeed();
    }

    /**
     * Trains a model.
     * @param examples the training data
     * @param runProvenance provenance to record with the model
     * @param invocationCount the invocation count to train at, or {@link Trainer#INCREMENT_INVOCATION_COUNT}
     * @return the model
     * @throws IllegalArgumentException if the data are unusable (empty, unknown outputs, fewer than two
     *                                  classes present, non-finite values, a mode or positive label that
     *                                  does not fit the output domain, or groups and factors naming
     *                                  unknown features)
     */
    @Override
    public HadamardSparseClassificationModel train(Dataset<Label> examples, Map<String, Provenance> runProvenance, int invocationCount) {
        ClassificationDataAdapter data = adapt(examples);
        Penalty pen = buildPenalty(examples.getFeatureIDMap(), data.mode());
        Invocation invocation = startInvocation(invocationCount);
        Solver s = createSolver(invocation);
        Fit fit = HadamardEngine.fit(data.problem(), pen, lambda, s);
        logger.log(Level.FINE, () -> "Classification fit: " + fit.certificate());
        ModelProvenance provenance = new ModelProvenance(HadamardSparseClassificationModel.class.getName(), OffsetDateTime.now(),
                examples.getProvenance(), invocation.provenance(), runProvenance);
        return buildModel(examples, data, provenance, fit, lambda);
    }

    /**
     * λ_max for a dataset under this trainer's penalty and mode: the smallest λ at which every penalised
     * coefficient is zero (the intercept-only model, whose probabilities are the weighted class
     * frequencies). For q &lt; 1, that of the convex relaxation.
     * @param examples the training data
     * @return λ_max
     */
    public double lambdaMax(Dataset<Label> examples) {
        ClassificationDataAdapter data = adapt(examples);
        return HadamardEngine.lambdaMax(data.problem(), buildPenalty(examples.getFeatureIDMap(), data.mode()));
    }

    /**
     * Fits a regularisation path over the given λ values with warm starts, as one training invocation.
     * The trainer's own λ is not used: each model's trainer provenance records the configured λ and its
     * run provenance records the path's λ under {@code "path-lambda"} (also
     * {@link HadamardSparseClassificationModel#getLambda()}). No early stop.
     * @param examples the training data
     * @param lambdas the λ values, all &gt; 0 (any order; fitted and returned in decreasing order)
     * @return the path, one model per λ
     */
    public HadamardSparseClassificationPath trainPath(Dataset<Label> examples, double[] lambdas) {
        for (double l : lambdas) {
            if (!(l > 0) || Double.isInfinite(l)) {
                throw new IllegalArgumentException("Path lambdas must be finite and > 0 for classification, found " + l);
            }
        }
        return trainPath(examples, adapt(examples), LambdaGrid.userList(lambdas), Collections.emptyMap());
    }

    /**
     * Fits a regularisation path on glmnet's grid: {@code count} λ values log-spaced from λ_max down to
     * {@code minRatio}·λ_max.
     * @param examples the training data
     * @param count the number of λ values (glmnet uses 100)
     * @param minRatio the smallest λ over λ_max in (0, 1), or NaN for glmnet's default (1e-4 if n &gt; p, else 1e-2)
     * @return the path, one model per λ
     */
    public HadamardSparseClassificationPath trainPath(Dataset<Label> examples, int count, double minRatio) {
        ClassificationDataAdapter data = adapt(examples);
        double lmax = HadamardEngine.lambdaMax(data.problem(), buildPenalty(examples.getFeatureIDMap(), data.mode()));
        double ratio = Double.isNaN(minRatio) ? LambdaGrid.defaultMinRatio(data.examples(), data.features()) : minRatio;
        return trainPath(examples, data, LambdaGrid.logSpaced(lmax, count, ratio), Collections.emptyMap());
    }

    private HadamardSparseClassificationPath trainPath(Dataset<Label> examples, ClassificationDataAdapter data, double[] grid,
                                                       Map<String, Provenance> runProvenance) {
        Penalty pen = buildPenalty(examples.getFeatureIDMap(), data.mode());
        Invocation invocation = startInvocation(INCREMENT_INVOCATION_COUNT);
        Solver s = createSolver(invocation);
        RegularizationPath path = HadamardEngine.path(data.problem(), pen, grid, false, s);
        List<HadamardSparseClassificationModel> models = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < path.size(); i++) {
            ModelProvenance provenance = pathModelProvenance(HadamardSparseClassificationModel.class, now, examples, invocation,
                    runProvenance, path.lambdas()[i]);
            models.add(buildModel(examples, data, provenance, path.fit(i), path.lambdas()[i]));
        }
        return new HadamardSparseClassificationPath(path.lambdaMax(), path.lambdas(), models);
    }

    private ClassificationDataAdapter adapt(Dataset<Label> examples) {
        return new ClassificationDataAdapter(examples, mode == Mode.AUTO ? null : mode, positiveLabel, standardize);
    }

    private static HadamardSparseClassificationModel buildModel(Dataset<Label> examples, ClassificationDataAdapter data,
                                                                ModelProvenance provenance, Fit fit, double lambda) {
        int rows = data.outputs();
        int p = data.features();
        double[] beta = fit.beta();
        SparseVector[] weights = new SparseVector[rows];
        for (int k = 0; k < rows; k++) {
            weights[k] = TrainerSupport.sparseRow(beta, k * p, p);
        }
        return new HadamardSparseClassificationModel("hadamard-sparse-classification", provenance, examples.getFeatureIDMap(),
                examples.getOutputIDInfo(), data.mode(), data.classNames(), weights, fit.intercept(), lambda, fit.certificate());
    }

    /**
     * Builds the engine penalty for a feature domain and a resolved mode.
     * @param featureMap the feature domain
     * @param resolved BINARY or MULTINOMIAL
     * @return the penalty
     * @throws IllegalArgumentException if a group or penalty factor names a feature not in the domain
     */
    private Penalty buildPenalty(ImmutableFeatureMap featureMap, Mode resolved) {
        Penalty pen = buildBasePenalty(featureMap);
        return groupedMultinomial && resolved == Mode.MULTINOMIAL ? pen.withGroupedAcrossOutputs(true) : pen;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HadamardSparseClassificationTrainer(mode=").append(mode);
        if (!positiveLabel.isEmpty()) {
            sb.append(",positiveLabel=").append(positiveLabel);
        }
        if (groupedMultinomial) {
            sb.append(",groupedMultinomial=true");
        }
        return appendOptions(sb.append(","), lambda).toString();
    }

    /**
     * A builder for {@link HadamardSparseClassificationTrainer}; unset options keep their defaults.
     */
    public static final class Builder extends AbstractBuilder<Builder> {
        private Mode mode = Mode.AUTO;
        private String positiveLabel = "";
        private boolean groupedMultinomial = false;

        private Builder(double lambda) {
            super(lambda);
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * @param mode AUTO, BINARY or MULTINOMIAL
         * @return this
         */
        public Builder mode(Mode mode) { this.mode = mode; return this; }

        /**
         * @param positiveLabel the positive label (binary mode)
         * @return this
         */
        public Builder positiveLabel(String positiveLabel) { this.positiveLabel = positiveLabel; return this; }

        /**
         * @param groupedMultinomial whether each feature's class coefficients form one group (multinomial mode)
         * @return this
         */
        public Builder groupedMultinomial(boolean groupedMultinomial) { this.groupedMultinomial = groupedMultinomial; return this; }

        /**
         * @return the trainer
         * @throws PropertyException if the configuration is invalid
         */
        public HadamardSparseClassificationTrainer build() {
            return new HadamardSparseClassificationTrainer(this);
        }
    }
}
