package org.hadamard.sparse.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationModel;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.PenaltyType;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.sgd.linear.LinearSGDModel;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.evaluation.KFoldSplitter;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Classification rows: our lasso, group lasso and Lq classification trainers, LIBLINEAR's
 * L1-regularised logistic regression ({@code L1R_LR} through Tribuo's
 * {@code LibLinearClassificationTrainer}) and Tribuo's unregularised {@link LogisticRegressionTrainer},
 * each inside Tribuo's {@link CrossValidation} with a {@link LabelEvaluator} on the same folds.
 * <p>
 * The lasso pair (ours with {@code standardize = false}; LIBLINEAR with C = 1/(n_fold·λ)) has the same
 * loss and λ, but LIBLINEAR also penalises its bias (see {@link LogisticL1}); for binary problems the
 * objective gap evaluates our objective J on both fitted (w, b) on each training fold. Non-zeros count
 * the features with a non-zero coefficient for some class.
 */
public final class TribuoClassificationRows implements Comparison.RowSource {

    private static final String HARNESS = "Tribuo CrossValidation";

    private final double[][] x;
    private final int[] label;
    private final String[] levels;
    private final String[] names;
    private final int[] groupOf;
    private final double fraction;
    private final double q;
    private final int folds;
    private final long seed;

    /**
     * @param x rows
     * @param label class index per row into {@code levels}
     * @param levels class names, sorted (binary: levels[1] is the positive class)
     * @param names feature names
     * @param groupOf each feature's group for the group-lasso row
     * @param fraction λ / λ_max of every penalized row
     * @param q the Lq row's exponent
     * @param folds k
     * @param seed fold seed (also LogisticRegressionTrainer's)
     */
    public TribuoClassificationRows(double[][] x, int[] label, String[] levels, String[] names, int[] groupOf, double fraction,
                                    double q, int folds, long seed) {
        this.x = x;
        this.label = label;
        this.levels = levels;
        this.names = names;
        this.groupOf = groupOf;
        this.fraction = fraction;
        this.q = q;
        this.folds = folds;
        this.seed = seed;
    }

    @Override
    public String name() { return "Tribuo classification"; }

    @Override
    public List<Comparison.Row> rows(Consumer<String> progress) {
        return TribuoCv.quietly(() -> compute(progress));
    }

    private boolean binary() {
        return levels.length == 2;
    }

    private List<Comparison.Row> compute(Consumer<String> progress) {
        MutableDataset<Label> ds = LogisticL1.dataset(x, label, names, levels);
        Map<String, String> groups = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            groups.put(names[j], "g" + groupOf[j]);
        }
        HadamardSparseClassificationTrainer.Mode mode = binary() ? HadamardSparseClassificationTrainer.Mode.BINARY
                : HadamardSparseClassificationTrainer.Mode.MULTINOMIAL;
        String positive = binary() ? levels[1] : "";
        // The same-objective pair runs on features standardized per training fold by a TransformTrainer
        // (mean/sd), both with standardize=false there; λ_max from the z-scored data.
        double lasso = fraction * builder(1.0, mode, positive).standardize(false).build()
                .lambdaMax(LogisticL1.dataset(LogisticL1.zscore(x), label, names, levels));
        double group = fraction * builder(1.0, mode, positive).penalty(PenaltyType.GROUP_LASSO).groups(groups).build().lambdaMax(ds);
        double lq = fraction * builder(1.0, mode, positive).penalty(PenaltyType.LQ).q(q).build().lambdaMax(ds);
        List<Comparison.Row> rows = new ArrayList<>();
        String model = binary() ? "logistic" : "multinomial";

        progress.accept("ours: lasso " + model);
        Run ours = crossValidate(standardized(builder(lasso, mode, positive).standardize(false).build()), ds);
        progress.accept("LIBLINEAR L1R_LR");
        // C = 1/(n_fold λ) is set per fold by a trainer wrapper: CrossValidation trains on n·(k−1)/k rows.
        Run ll = crossValidate(standardized(new PerFoldC(lasso)), ds);
        double gap = binary() ? gaps(ds, ours, ll, lasso) : Double.NaN;
        rows.add(ours.row("ours: lasso " + model + " (LBFGS)", lasso, gap, binary()
                ? "features standardized per fold by TransformTrainer, then standardize=false (same loss and λ as LIBLINEAR)"
                : "features standardized per fold by TransformTrainer, then standardize=false; multinomial (LIBLINEAR: one-vs-rest)"));
        rows.add(ll.row("LIBLINEAR L1R_LR (Tribuo)", lasso, gap, binary()
                ? "same TransformTrainer, C=1/(n_fold·λ), eps 1e-8; LIBLINEAR penalizes its bias (λ|b|), so the optima differ: gap = max over folds of (J(LL)−J(ours))/J(ours), our J on each training fold"
                : "same TransformTrainer, C=1/(n_fold·λ), eps 1e-8; one-vs-rest (not multinomial): no objective gap"));

        progress.accept("ours: group lasso " + model);
        Run g = crossValidate(builder(group, mode, positive).penalty(PenaltyType.GROUP_LASSO).groups(groups).build(), ds);
        rows.add(g.row("ours: group lasso " + model + " (LBFGS)", group, Double.NaN,
                String.format(Locale.ROOT, "%d groups, weights √|g|, standardize=true", TribuoCv.maxPlusOne(groupOf))));

        progress.accept("ours: Lq " + model);
        Run l = crossValidate(builder(lq, mode, positive).penalty(PenaltyType.LQ).q(q).build(), ds);
        rows.add(l.row(String.format(Locale.ROOT, "ours: Lq q=%.3g %s (LBFGS)", q, model), lq, Double.NaN,
                "standardize=true; non-convex, started from the lasso"));

        progress.accept("Tribuo LogisticRegressionTrainer");
        Trainer<Label> lr = standardized(new LogisticRegressionTrainer());
        Run s = crossValidate(lr, ds);
        rows.add(s.row("Tribuo LogisticRegressionTrainer", Double.NaN, Double.NaN,
                "unregularized, Tribuo defaults (AdaGrad, 5 epochs, minibatch 1), features standardized by TransformTrainer"));
        return rows;
    }

    private static Trainer<Label> standardized(Trainer<Label> inner) {
        return new TransformTrainer<>(inner, new TransformationMap(List.of(new MeanStdDevTransformation())));
    }

    private HadamardSparseClassificationTrainer.Builder builder(double lambda, HadamardSparseClassificationTrainer.Mode mode, String positive) {
        HadamardSparseClassificationTrainer.Builder b = HadamardSparseClassificationTrainer.builder(lambda).mode(mode).seed(seed);
        return positive.isEmpty() ? b : b.positiveLabel(positive);
    }

    /** LIBLINEAR with C = 1/(n·λ) for the n of the data it is given (each CV training fold). */
    private static final class PerFoldC implements Trainer<Label> {
        private final double lambda;
        private int invocations;

        PerFoldC(double lambda) {
            this.lambda = lambda;
        }

        @Override
        public Model<Label> train(Dataset<Label> examples, Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> runProvenance) {
            return train(examples, runProvenance, INCREMENT_INVOCATION_COUNT);
        }

        @Override
        public Model<Label> train(Dataset<Label> examples, Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> runProvenance,
                                  int invocationCount) {
            invocations++;
            return LogisticL1.liblinearTrainer(1.0 / (examples.size() * lambda), 1e-8).train(examples, runProvenance);
        }

        @Override
        public int getInvocationCount() {
            return invocations;
        }

        @Override
        public void setInvocationCount(int invocationCount) {
            invocations = invocationCount;
        }

        @Override
        public org.tribuo.provenance.TrainerProvenance getProvenance() {
            return LogisticL1.liblinearTrainer(1.0, 1e-8).getProvenance();
        }
    }

    /** The fold results of one trainer. */
    private final class Run {
        final List<Model<Label>> models = new ArrayList<>();
        final double[] accuracy;
        final double[] auc;
        final double[] nonzero;
        final double seconds;

        Run(List<Pair<LabelEvaluation, Model<Label>>> result, double seconds) {
            int k = result.size();
            this.seconds = seconds / k;
            accuracy = new double[k];
            auc = new double[k];
            nonzero = new double[k];
            for (int f = 0; f < k; f++) {
                LabelEvaluation e = result.get(f).getA();
                accuracy[f] = e.accuracy();
                auc[f] = binary() ? e.AUCROC(new Label(levels[1])) : Double.NaN;
                models.add(result.get(f).getB());
                nonzero[f] = featuresUsed(result.get(f).getB());
            }
        }

        Comparison.Row row(String method, double lambda, double gap, String note) {
            double[] acc = Comparison.meanSd(accuracy);
            double[] a = binary() ? Comparison.meanSd(auc) : new double[]{Double.NaN, Double.NaN};
            return new Comparison.Row(HARNESS, method, lambda, "accuracy", acc[0], acc[1], Comparison.meanSd(nonzero)[0], seconds, gap, note,
                    binary() ? "AUC" : "", a[0], a[1], "—");
        }
    }

    private Run crossValidate(Trainer<Label> trainer, Dataset<Label> ds) {
        TribuoCv.Timed<Label, LabelEvaluation> cv = TribuoCv.crossValidate(trainer, ds, new LabelEvaluator(), folds, seed);
        return new Run(cv.folds(), cv.seconds());
    }

    /** Features with a non-zero coefficient for some class (for the SGD model: on the standardized scale). */
    private int featuresUsed(Model<Label> model) {
        Model<Label> inner = model instanceof TransformedModel<Label> t ? t.getInnerModel() : model;
        ImmutableFeatureMap fmap = inner.getFeatureIDMap();
        boolean[] used = new boolean[fmap.size()];
        if (inner instanceof HadamardSparseClassificationModel ours) {
            for (SparseVector sv : ours.getWeights().values()) {
                for (VectorTuple t : sv) {
                    if (t.index < used.length && t.value != 0) {
                        used[t.index] = true;
                    }
                }
            }
        } else if (inner instanceof LibLinearClassificationModel ll) {
            for (de.bwaldvogel.liblinear.Model m : ll.getInnerModels()) {
                double[] w = m.getFeatureWeights();
                int classes = m.getNrClass() == 2 ? 1 : m.getNrClass();
                for (int j = 0; j < used.length; j++) {
                    for (int c = 0; c < classes; c++) {
                        used[j] |= w[j * classes + c] != 0;
                    }
                }
            }
        } else if (inner instanceof LinearSGDModel sgd) {
            DenseMatrix w = sgd.getWeightsCopy();
            for (int r = 0; r < w.getDimension1Size(); r++) {
                for (int j = 0; j < used.length; j++) {
                    used[j] |= w.get(r, j) != 0;
                }
            }
        } else {
            throw new IllegalStateException("cannot read coefficients of " + inner.getClass().getName());
        }
        int c = 0;
        for (boolean u : used) {
            c += u ? 1 : 0;
        }
        return c;
    }

    /** Max over folds of (J(LL) − J(ours)) / J(ours), our objective J on each training fold. */
    private double gaps(Dataset<Label> ds, Run ours, Run ll, double lambda) {
        Iterator<KFoldSplitter.TrainTestFold<Label>> it = new KFoldSplitter<Label>(folds, seed).split(ds, true);
        Map<String, Integer> column = TribuoCv.columns(names);
        double worst = Double.NEGATIVE_INFINITY;
        for (int f = 0; it.hasNext(); f++) {
            KFoldSplitter.TrainTestFold<Label> fold = it.next();
            TransformedModel<Label> oursModel = (TransformedModel<Label>) ours.models.get(f);
            TransformedModel<Label> llModel = (TransformedModel<Label>) ll.models.get(f);
            // Both were trained on this fold standardized by its own statistics; the objective lives there.
            Dataset<Label> train = oursModel.getTransformerMap().transformDataset(fold.train);
            int[] fy = new int[train.size()];
            double[][] fx = TribuoCv.rows(train, column, names.length,
                    (e, i) -> fy[i] = e.getOutput().getLabel().equals(levels[1]) ? 1 : 0);
            LogisticL1.Linear a = LogisticL1.ours((HadamardSparseClassificationModel) oursModel.getInnerModel(), names);
            LogisticL1.Linear b = LogisticL1.liblinear((LibLinearClassificationModel) llModel.getInnerModel(), names, levels[1]);
            double ja = a.objective(fx, fy, lambda, false);
            double jb = b.objective(fx, fy, lambda, false);
            worst = Math.max(worst, (jb - ja) / Math.abs(ja));
        }
        return worst;
    }
}
