package org.hadamard.sparse.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Trainer;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.evaluation.KFoldSplitter;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.sgd.linear.LinearSGDModel;
import org.tribuo.regression.sgd.linear.LinearSGDTrainer;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
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
 * Regression rows: our lasso, group lasso and Lq trainers and Tribuo's {@link ElasticNetCDTrainer}
 * and {@link LinearSGDTrainer}, each inside Tribuo's own {@link CrossValidation} with a
 * {@link RegressionEvaluator} on the same folds (same k and seed).
 * <p>
 * The lasso pair (ours with {@code standardize = false}, CD with l1Ratio 1, tolerance 1e-10) minimizes
 * the same objective at the same λ; for it each fold's objective gap is computed by evaluating our
 * objective on both coefficient vectors on that fold's training rows.
 */
public final class TribuoRegressionRows implements Comparison.RowSource {

    private static final String HARNESS = "Tribuo CrossValidation";

    private final double[][] x;
    private final double[] y;
    private final String[] names;
    private final int[] groupOf;
    private final double fraction;
    private final double q;
    private final int folds;
    private final long seed;
    private final int sgdEpochs;

    /**
     * @param x rows
     * @param y responses
     * @param names feature names
     * @param groupOf each feature's group (0..G−1) for the group-lasso row
     * @param fraction λ / λ_max for every penalized row
     * @param q the exponent of the Lq row
     * @param folds k
     * @param seed the fold seed (also the SGD seed)
     * @param sgdEpochs SGD epochs
     */
    public TribuoRegressionRows(double[][] x, double[] y, String[] names, int[] groupOf, double fraction, double q,
                                int folds, long seed, int sgdEpochs) {
        this.x = x;
        this.y = y;
        this.names = names;
        this.groupOf = groupOf;
        this.fraction = fraction;
        this.q = q;
        this.folds = folds;
        this.seed = seed;
        this.sgdEpochs = sgdEpochs;
    }

    @Override
    public String name() { return "Tribuo regression"; }

    /**
     * @param x rows
     * @param y responses
     * @param names feature names
     * @return a Tribuo dataset with one output dimension "y"
     */
    public static MutableDataset<Regressor> dataset(double[][] x, double[] y, String[] names) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("compare", factory), factory);
        for (int i = 0; i < x.length; i++) {
            ds.add(new ArrayExample<>(new Regressor("y", y[i]), names, x[i]));
        }
        return ds;
    }

    @Override
    public List<Comparison.Row> rows(Consumer<String> progress) {
        return TribuoCv.quietly(() -> compute(progress));
    }

    private List<Comparison.Row> compute(Consumer<String> progress) {
        MutableDataset<Regressor> ds = dataset(x, y, names);
        double lassoMax = HadamardEngine.lambdaMax(Problems.denseRegression(x, y, null, false), Penalty.lasso());
        double lasso = fraction * lassoMax;
        Penalty groupPenalty = Penalty.group(groupOf, null, 1.0);
        double group = fraction * HadamardEngine.lambdaMax(Problems.denseRegression(x, y, null, true), groupPenalty);
        double lq = fraction * HadamardEngine.lambdaMax(Problems.denseRegression(x, y, null, true), Penalty.lq(q));
        Map<String, String> groups = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            groups.put(names[j], "g" + groupOf[j]);
        }
        List<Comparison.Row> rows = new ArrayList<>();

        progress.accept("ours: lasso");
        Run oursLasso = crossValidate(HadamardSparseRegressionTrainer.builder(lasso).standardize(false).build(), ds);
        progress.accept("Tribuo ElasticNetCDTrainer");
        Run cd = crossValidate(new ElasticNetCDTrainer(lasso, 1.0, 1e-10, 1_000_000, false, seed), ds);
        double gap = lassoGaps(ds, oursLasso, cd, lasso);
        rows.add(oursLasso.row("ours: lasso (LBFGS)", lasso, gap, "standardize=false (same objective as CD)"));
        rows.add(cd.row("Tribuo ElasticNetCDTrainer", lasso, gap, "l1Ratio=1, tol=1e-10; no warm start"));

        progress.accept("ours: group lasso");
        Run g = crossValidate(HadamardSparseRegressionTrainer.builder(group)
                .penalty(HadamardSparseRegressionTrainer.PenaltyType.GROUP_LASSO).groups(groups).build(), ds);
        rows.add(g.row("ours: group lasso (LBFGS)", group, Double.NaN,
                String.format(Locale.ROOT, "%d groups, weights √|g|, standardize=true", TribuoCv.maxPlusOne(groupOf))));

        progress.accept("ours: Lq");
        Run l = crossValidate(HadamardSparseRegressionTrainer.builder(lq)
                .penalty(HadamardSparseRegressionTrainer.PenaltyType.LQ).q(q).build(), ds);
        rows.add(l.row(String.format(Locale.ROOT, "ours: Lq q=%.3g (LBFGS)", q), lq, Double.NaN,
                "standardize=true; non-convex, started from the lasso"));

        progress.accept("Tribuo LinearSGDTrainer");
        Trainer<Regressor> sgd = new TransformTrainer<>(
                new LinearSGDTrainer(new org.tribuo.regression.sgd.objectives.SquaredLoss(), new AdaGrad(1.0, 1e-6), sgdEpochs, seed),
                new TransformationMap(List.of(new MeanStdDevTransformation())));
        Run s = crossValidate(sgd, ds);
        rows.add(s.row("Tribuo LinearSGDTrainer", Double.NaN, Double.NaN,
                String.format(Locale.ROOT, "unpenalized least squares, AdaGrad(1.0), %d epochs, features standardized by TransformTrainer", sgdEpochs)));
        return rows;
    }

    /** The fold results of one trainer. */
    private final class Run {
        final List<double[]> coefficients = new ArrayList<>();
        final double[] mse;
        final double seconds;

        Run(List<Pair<RegressionEvaluation, Model<Regressor>>> folds, double seconds) {
            this.seconds = seconds / folds.size();
            this.mse = new double[folds.size()];
            for (int f = 0; f < folds.size(); f++) {
                double rmse = folds.get(f).getA().averageRMSE();
                mse[f] = rmse * rmse;
                coefficients.add(coefficients(folds.get(f).getB()));
            }
        }

        Comparison.Row row(String method, double lambda, double gap, String note) {
            double mean = 0;
            for (double v : mse) {
                mean += v;
            }
            mean /= mse.length;
            double var = 0;
            for (double v : mse) {
                var += (v - mean) * (v - mean);
            }
            double sd = Math.sqrt(var / (mse.length - 1));
            double nnz = 0;
            for (double[] w : coefficients) {
                for (double v : w) {
                    if (v != 0) {
                        nnz++;
                    }
                }
            }
            return new Comparison.Row(HARNESS, method, lambda, "MSE", mean, sd, nnz / coefficients.size(), seconds, gap, note);
        }
    }

    private Run crossValidate(Trainer<Regressor> trainer, Dataset<Regressor> ds) {
        TribuoCv.Timed<Regressor, RegressionEvaluation> cv = TribuoCv.crossValidate(trainer, ds, new RegressionEvaluator(), folds, seed);
        return new Run(cv.folds(), cv.seconds());
    }

    /**
     * @param model a linear Tribuo model (ours, SparseLinearModel, LinearSGDModel, possibly transformed)
     * @return its raw-scale coefficients in {@code names} order (for a transformed model: on the
     *         transformed scale, only used to count non-zeros)
     */
    private double[] coefficients(Model<Regressor> model) {
        Model<Regressor> inner = model instanceof TransformedModel<Regressor> t ? t.getInnerModel() : model;
        ImmutableFeatureMap fmap = inner.getFeatureIDMap();
        Map<String, Integer> column = TribuoCv.columns(names);
        double[] w = new double[names.length];
        if (inner instanceof LinearSGDModel sgd) {
            DenseMatrix m = sgd.getWeightsCopy();
            for (int id = 0; id < fmap.size(); id++) {
                Integer j = column.get(fmap.get(id).getName());
                if (j != null) {
                    w[j] = m.get(0, id);
                }
            }
            return w;
        }
        Map<String, SparseVector> weights;
        if (inner instanceof org.tribuo.regression.slm.SparseLinearModel slm) {
            weights = slm.getWeights();
        } else if (inner instanceof org.hadamard.sparse.tribuo.HadamardSparseRegressionModel ours) {
            weights = ours.getWeights();
        } else {
            throw new IllegalStateException("cannot read coefficients of " + inner.getClass().getName());
        }
        SparseVector sv = weights.containsKey("y") ? weights.get("y") : weights.values().iterator().next();
        for (VectorTuple t : sv) {
            if (t.index < fmap.size()) {
                Integer j = column.get(fmap.get(t.index).getName());
                if (j != null) {
                    w[j] = t.value;
                }
            }
        }
        return w;
    }

    /**
     * One cold coordinate-descent lasso fit with Tribuo's {@link ElasticNetCDTrainer}.
     * @param ds the dataset (from {@link #dataset})
     * @param names feature names in the caller's column order
     * @param lambda λ
     * @param tolerance CD tolerance
     * @param seed seed
     * @return raw-scale coefficients in {@code names} order
     */
    public static double[] cdLasso(Dataset<Regressor> ds, String[] names, double lambda, double tolerance, long seed) {
        return TribuoCv.quietly(() -> {
            Model<Regressor> model = new ElasticNetCDTrainer(lambda, 1.0, tolerance, 1_000_000, false, seed).train(ds);
            return new TribuoRegressionRows(null, null, names, null, 1, 0.5, 2, seed, 1).coefficients(model);
        });
    }

    /** Max over folds of the relative gap between our lasso objective at both coefficient vectors. */
    private double lassoGaps(Dataset<Regressor> ds, Run ours, Run theirs, double lambda) {
        Iterator<KFoldSplitter.TrainTestFold<Regressor>> it = new KFoldSplitter<Regressor>(folds, seed).split(ds, true);
        double worst = 0;
        for (int f = 0; it.hasNext(); f++) {
            KFoldSplitter.TrainTestFold<Regressor> fold = it.next();
            double[] fy = new double[fold.train.size()];
            double[][] fx = TribuoCv.rows(fold.train, TribuoCv.columns(names), names.length,
                    (e, i) -> fy[i] = e.getOutput().getValues()[0]);
            double a = Objectives.lasso(fx, fy, ours.coefficients.get(f), lambda);
            double b = Objectives.lasso(fx, fy, theirs.coefficients.get(f), lambda);
            worst = Math.max(worst, Math.abs(a - b) / Math.abs(b));
        }
        return worst;
    }
}
