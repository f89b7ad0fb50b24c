/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.solver.Solver;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.PenaltyType;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.SolverKind;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Output;
import org.tribuo.SparseModel;
import org.tribuo.SparseTrainer;
import org.tribuo.Trainer;
import org.tribuo.WeightedExamples;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.provenance.impl.TrainerProvenanceImpl;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * What the Tribuo trainers share: the OLCUT-configurable penalty and solver options (their
 * {@code @Config} fields are injected and recorded in the provenance under the same names as if they
 * were declared in the subclass, since OLCUT reflects over superclass fields), their validation, the
 * RNG and invocation-count machinery, and the common builder options. Each subclass adds its own
 * {@code lambda} (its range differs) and task-specific options.
 * @param <T> the output type
 * @param <M> the model type
 */
abstract class AbstractHadamardSparseTrainer<T extends Output<T>, M extends SparseModel<T>> implements SparseTrainer<T>, WeightedExamples {

    @Config(description = "The penalty family: LASSO, GROUP_LASSO or LQ.")
    protected PenaltyType penalty = PenaltyType.LASSO;

    @Config(description = "The exponent q in (0, 1] for LQ (default 0.5) and GROUP_LASSO (default 1, the group lasso). Must be 1 (or unset) for LASSO.")
    protected double q = Double.NaN;

    @Config(description = "Hadamard product depth k >= 2 for LQ (q = 2/k); 0 uses the two-factor power form.")
    protected int depth = 0;

    @Config(description = "GROUP_LASSO groups: feature name -> group name. Features not listed are singleton groups.")
    protected Map<String, String> groups = Collections.emptyMap();

    @Config(description = "GROUP_LASSO group weights: group name -> weight (default sqrt of the group size).")
    protected Map<String, Double> groupWeights = Collections.emptyMap();

    @Config(description = "Per-feature penalty factors: feature name -> factor >= 0 (default 1; 0 = unpenalised).")
    protected Map<String, Double> penaltyFactors = Collections.emptyMap();

    @Config(description = "The solver: LBFGS (full batch) or SGD (minibatch).")
    protected SolverKind solver = SolverKind.LBFGS;

    @Config(description = "The gradient optimiser used by the SGD solver.")
    protected StochasticGradientOptimiser optimiser = new AdaGrad(0.1, 1e-8);

    @Config(description = "Maximum number of passes over the data for the SGD solver (it stops earlier once the base objective stalls).")
    protected int epochs = 1000;

    @Config(description = "Minibatch size for the SGD solver.")
    protected int minibatchSize = 32;

    @Config(description = "Convergence tolerance: the relative duality gap for LBFGS (default 1e-9), the relative decrease of the base objective per epoch for SGD (default 1e-6). NaN picks the solver's default.")
    protected double tolerance = Double.NaN;

    @Config(description = "SGD only: finish with a warm-started full-batch solve so that the fit is certified exactly.")
    protected boolean polish = false;

    @Config(description = "Scale features to unit standard deviation before penalising (glmnet's standardize).")
    protected boolean standardize = true;

    @Config(description = "Seed for the random number generator.")
    protected long seed = Trainer.DEFAULT_SEED;

    private SplittableRandom rng;

    private int trainInvocationCounter;

    /**
     * Copies the common options of a builder (the subclass then calls {@code postConfig}).
     * @param b the builder
     */
    final void copyOptions(AbstractBuilder<?> b) {
        this.penalty = b.penalty;
        this.q = b.q;
        this.depth = b.depth;
        this.groups = new HashMap<>(b.groups);
        this.groupWeights = new HashMap<>(b.groupWeights);
        this.penaltyFactors = new HashMap<>(b.penaltyFactors);
        this.solver = b.solver;
        this.optimiser = b.optimiser;
        this.epochs = b.epochs;
        this.minibatchSize = b.minibatchSize;
        this.tolerance = b.tolerance;
        this.polish = b.polish;
        this.standardize = b.standardize;
        this.seed = b.seed;
    }

    /**
     * The penalty part of {@code postConfig}: validates the family, q, depth and maps, resolves the
     * default q and replaces null maps by empty ones.
     * @throws PropertyException if a penalty option is out of range or inconsistent
     */
    final void validatePenaltyOptions() {
        q = TrainerSupport.resolveQ(penalty, q, depth);
        if (groups == null) {
            groups = Collections.emptyMap();
        }
        if (groupWeights == null) {
            groupWeights = Collections.emptyMap();
        }
        if (penaltyFactors == null) {
            penaltyFactors = Collections.emptyMap();
        }
        TrainerSupport.validateMaps(penalty, groups, groupWeights, penaltyFactors);
    }

    /**
     * The solver part of {@code postConfig}, run last: validates the solver options, resolves the
     * default tolerance and creates the RNG.
     * @throws PropertyException if a solver option is out of range
     */
    final void validateSolverOptionsAndSeed() {
        if (solver == null) {
            throw new PropertyException("", "solver", "solver must be set");
        }
        if (optimiser == null) {
            throw new PropertyException("", "optimiser", "optimiser must be set");
        }
        if (epochs < 1) {
            throw new PropertyException("", "epochs", "epochs must be >= 1, found " + epochs);
        }
        if (minibatchSize < 1) {
            throw new PropertyException("", "minibatchSize", "minibatchSize must be >= 1, found " + minibatchSize);
        }
        if (Double.isNaN(tolerance)) {
            tolerance = solver == SolverKind.SGD ? 1e-6 : 1e-9;
        }
        if (!(tolerance > 0) || Double.isInfinite(tolerance)) {
            throw new PropertyException("", "tolerance", "tolerance must be finite and > 0, found " + tolerance);
        }
        this.rng = new SplittableRandom(seed);
    }

    /**
     * Trains a model.
     * @param examples the training data
     * @return the model
     */
    @Override
    public M train(Dataset<T> examples) {
        return train(examples, Collections.emptyMap());
    }

    /**
     * Trains a model.
     * @param examples the training data
     * @param runProvenance provenance to record with the model
     * @return the model
     */
    @Override
    public M train(Dataset<T> examples, Map<String, Provenance> runProvenance) {
        return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
    }

    @Override
    public abstract M train(Dataset<T> examples, Map<String, Provenance> runProvenance, int invocationCount);

    /**
     * What one training invocation takes from the trainer, under its lock: an RNG split, a copy of the
     * optimiser and the trainer provenance (taken before the invocation count is incremented).
     */
    static final class Invocation {
        private final SplittableRandom rng;
        private final StochasticGradientOptimiser optimiser;
        private final TrainerProvenance provenance;

        private Invocation(SplittableRandom rng, StochasticGradientOptimiser optimiser, TrainerProvenance provenance) {
            this.rng = rng;
            this.optimiser = optimiser;
            this.provenance = provenance;
        }

        /** @return the trainer provenance of this invocation */
        TrainerProvenance provenance() {
            return provenance;
        }
    }

    /**
     * Starts a training invocation: optionally resets the invocation count, then splits the RNG, copies
     * the optimiser, records the provenance and increments the count, all in one synchronised block.
     * @param invocationCount the invocation count to train at, or {@link Trainer#INCREMENT_INVOCATION_COUNT}
     * @return the invocation's state
     */
    final synchronized Invocation startInvocation(int invocationCount) {
        if (invocationCount != INCREMENT_INVOCATION_COUNT) {
            setInvocationCount(invocationCount);
        }
        SplittableRandom localRNG = rng.split();
        StochasticGradientOptimiser localOptimiser = optimiser.copy();
        TrainerProvenance trainerProvenance = getProvenance();
        trainInvocationCounter++;
        return new Invocation(localRNG, localOptimiser, trainerProvenance);
    }

    /**
     * Builds a solver for one fit of an invocation, seeded by the invocation's next random long.
     * @param invocation the invocation
     * @return the solver
     */
    final Solver createSolver(Invocation invocation) {
        return TrainerSupport.createSolver(solver, tolerance, invocation.optimiser, epochs, minibatchSize, polish,
                invocation.rng.nextLong());
    }

    /**
     * Builds the engine penalty for a feature domain, resolving feature and group names.
     * @param featureMap the feature domain
     * @return the penalty
     * @throws IllegalArgumentException if a group or penalty factor names a feature not in the domain
     */
    final Penalty buildBasePenalty(ImmutableFeatureMap featureMap) {
        return TrainerSupport.build(penalty, q, depth, groups, groupWeights, penaltyFactors, featureMap);
    }

    /**
     * The provenance of one model of a path: the run provenance plus the path's λ under
     * {@code "path-lambda"}.
     * @param modelClass the model class
     * @param time the training time
     * @param examples the training data
     * @param invocation the path's invocation
     * @param runProvenance the run provenance
     * @param lambda the model's λ
     * @return the model provenance
     */
    static ModelProvenance pathModelProvenance(Class<?> modelClass, OffsetDateTime time, Dataset<?> examples, Invocation invocation,
                                               Map<String, Provenance> runProvenance, double lambda) {
        Map<String, Provenance> run = new HashMap<>(runProvenance);
        run.put("path-lambda", new DoubleProvenance("path-lambda", lambda));
        return new ModelProvenance(modelClass.getName(), time, examples.getProvenance(), invocation.provenance(), run);
    }

    @Override
    public int getInvocationCount() {
        return trainInvocationCounter;
    }

    /**
     * Sets the invocation count, replaying the RNG splits so that the next model is the one the
     * trainer would have produced after that many calls.
     * @param invocationCount the new count (≥ 0)
     * @throws IllegalArgumentException if the count is negative
     */
    @Override
    public synchronized void setInvocationCount(int invocationCount) {
        if (invocationCount < 0) {
            throw new IllegalArgumentException("The supplied invocationCount is less than zero.");
        }
        rng = new SplittableRandom(seed);
        for (trainInvocationCounter = 0; trainInvocationCounter < invocationCount; trainInvocationCounter++) {
            SplittableRandom ignored = rng.split();
        }
    }

    @Override
    public TrainerProvenance getProvenance() {
        return new TrainerProvenanceImpl(this);
    }

    /**
     * Appends {@code penalty=…,lambda=…,q=…} and the other common options that differ from their
     * defaults or matter, then the closing parenthesis, for {@code toString}.
     * @param sb the builder
     * @param lambda the trainer's λ
     * @return {@code sb}
     */
    final StringBuilder appendOptions(StringBuilder sb, double lambda) {
        sb.append("penalty=").append(penalty).append(",lambda=").append(lambda).append(",q=").append(q);
        if (depth != 0) {
            sb.append(",depth=").append(depth);
        }
        if (!groups.isEmpty()) {
            sb.append(",groups=").append(new TreeMap<>(groups));
        }
        if (!penaltyFactors.isEmpty()) {
            sb.append(",penaltyFactors=").append(new TreeMap<>(penaltyFactors));
        }
        sb.append(",solver=").append(solver);
        if (solver == SolverKind.SGD) {
            sb.append(",optimiser=").append(optimiser).append(",epochs=").append(epochs).append(",minibatchSize=").append(minibatchSize);
        }
        sb.append(",tolerance=").append(tolerance).append(",polish=").append(polish).append(",standardize=").append(standardize).append(",seed=").append(seed).append(")");
        return sb;
    }

    /**
     * The builder options the trainers share; unset options keep their defaults.
     * @param <B> the concrete builder type
     */
    abstract static class AbstractBuilder<B extends AbstractBuilder<B>> {
        final double lambda;
        PenaltyType penalty = PenaltyType.LASSO;
        double q = Double.NaN;
        int depth = 0;
        Map<String, String> groups = Collections.emptyMap();
        Map<String, Double> groupWeights = Collections.emptyMap();
        Map<String, Double> penaltyFactors = Collections.emptyMap();
        SolverKind solver = SolverKind.LBFGS;
        StochasticGradientOptimiser optimiser = new AdaGrad(0.1, 1e-8);
        int epochs = 1000;
        int minibatchSize = 32;
        double tolerance = Double.NaN;
        boolean polish = false;
        boolean standardize = true;
        long seed = Trainer.DEFAULT_SEED;

        AbstractBuilder(double lambda) {
            this.lambda = lambda;
        }

        /** @return this builder, typed */
        abstract B self();

        /**
         * @param penalty the penalty family
         * @return this
         */
        public B penalty(PenaltyType penalty) { this.penalty = penalty; return self(); }

        /**
         * @param q the exponent in (0, 1]
         * @return this
         */
        public B q(double q) { this.q = q; return self(); }

        /**
         * @param depth the Hadamard product depth (LQ), 0 for the power form
         * @return this
         */
        public B depth(int depth) { this.depth = depth; return self(); }

        /**
         * @param groups feature name → group name (GROUP_LASSO)
         * @return this
         */
        public B groups(Map<String, String> groups) { this.groups = groups; return self(); }

        /**
         * @param groupWeights group name → weight (GROUP_LASSO)
         * @return this
         */
        public B groupWeights(Map<String, Double> groupWeights) { this.groupWeights = groupWeights; return self(); }

        /**
         * @param penaltyFactors feature name → penalty factor (0: unpenalised)
         * @return this
         */
        public B penaltyFactors(Map<String, Double> penaltyFactors) { this.penaltyFactors = penaltyFactors; return self(); }

        /**
         * @param solver the solver
         * @return this
         */
        public B solver(SolverKind solver) { this.solver = solver; return self(); }

        /**
         * @param optimiser the SGD optimiser
         * @return this
         */
        public B optimiser(StochasticGradientOptimiser optimiser) { this.optimiser = optimiser; return self(); }

        /**
         * @param epochs SGD epochs
         * @return this
         */
        public B epochs(int epochs) { this.epochs = epochs; return self(); }

        /**
         * @param minibatchSize SGD minibatch size
         * @return this
         */
        public B minibatchSize(int minibatchSize) { this.minibatchSize = minibatchSize; return self(); }

        /**
         * @param tolerance the convergence tolerance
         * @return this
         */
        public B tolerance(double tolerance) { this.tolerance = tolerance; return self(); }

        /**
         * @param polish SGD only: finish with a warm-started full-batch solve
         * @return this
         */
        public B polish(boolean polish) { this.polish = polish; return self(); }

        /**
         * @param standardize whether to standardise features
         * @return this
         */
        public B standardize(boolean standardize) { this.standardize = standardize; return self(); }

        /**
         * @param seed the RNG seed
         * @return this
         */
        public B seed(long seed) { this.seed = seed; return self(); }
    }
}
