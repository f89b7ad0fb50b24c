package org.hadamard.sparse.evaluation;

import de.bwaldvogel.liblinear.SolverType;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationModel;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer;
import org.tribuo.Dataset;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.MutableDataset;
import org.tribuo.VariableInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Binary L1-penalised logistic regression, ours against LIBLINEAR's {@code L1R_LR} (through Tribuo's
 * {@link LibLinearClassificationTrainer}), shared by {@code compare} and {@code bench}.
 * <p>
 * LIBLINEAR minimises ‖w‖₁ + |b| + C·Σᵢ log(1 + e^{−ỹᵢ(wᵀxᵢ + b)}): its bias is <em>penalised</em>. With
 * C = 1/(nλ) that is n·C times J_LL = (1/n)Σ logloss + λ(‖w‖₁ + |b|), while ours (standardize=false) is
 * J = (1/n)Σ logloss + λ‖w‖₁ with a free intercept; J_LL(w, b) = J(w, b) + λ|b|. So the two optima
 * differ unless b = 0, and J(LL) − J(ours) ≤ λ(|b_ours| − |b_LL|) (each is optimal for its own objective).
 */
public final class LogisticL1 {

    private LogisticL1() {}

    static {
        Logger.getLogger(LibLinearClassificationTrainer.class.getName()).setLevel(Level.WARNING);
        Logger.getLogger("org.tribuo.common.liblinear.LibLinearTrainer").setLevel(Level.WARNING);
    }

    /**
     * A fit in LIBLINEAR's terms: log-odds of the positive class = b + wᵀx (raw scale).
     * @param w coefficients in the caller's column order
     * @param b intercept
     */
    public record Linear(double[] w, double b) {

        /**
         * @param x rows
         * @param y 1 = positive class, 0 = negative
         * @param lambda λ
         * @param penaliseBias true: LIBLINEAR's objective J_LL; false: ours J
         * @return (1/n)Σ logloss + λ(‖w‖₁ [+ |b|])
         */
        public double objective(double[][] x, int[] y, double lambda, boolean penaliseBias) {
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double s = y[i] == 1 ? -margin(x[i], b) : margin(x[i], b);
                loss += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
            }
            return loss / x.length + lambda * (l1() + (penaliseBias ? Math.abs(b) : 0));
        }

        /** @return the number of exactly non-zero coefficients */
        public int nonzero() {
            int c = 0;
            for (double v : w) {
                c += v != 0 ? 1 : 0;
            }
            return c;
        }

        /**
         * @param x rows
         * @param y 0/1 labels
         * @return the same w with the intercept that minimises the mean log loss for it (1-D Newton):
         *         removes the effect of LIBLINEAR's bias penalty on the intercept alone
         */
        public Linear withBestIntercept(double[][] x, int[] y) {
            double[] z = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                z[i] = margin(x[i], 0);
            }
            double c = b;
            for (int it = 0; it < 100; it++) {
                double g = 0;
                double h = 0;
                for (int i = 0; i < z.length; i++) {
                    double p = 1 / (1 + Math.exp(-(z[i] + c)));
                    g += p - y[i];
                    h += p * (1 - p);
                }
                if (h <= 0) {
                    break;
                }
                double step = g / h;
                c -= step;
                if (Math.abs(step) < 1e-13 * (1 + Math.abs(c))) {
                    break;
                }
            }
            return new Linear(w, c);
        }

        private double margin(double[] xi, double bias) {
            double z = bias;
            for (int j = 0; j < w.length; j++) {
                z += w[j] * xi[j];
            }
            return z;
        }

        private double l1() {
            double s = 0;
            for (double v : w) {
                s += Math.abs(v);
            }
            return s;
        }
    }

    /**
     * @param x rows
     * @param y class index per row, into {@code levels}
     * @param names feature names
     * @param levels class names
     * @return a Tribuo classification dataset
     */
    public static MutableDataset<Label> dataset(double[][] x, int[] y, String[] names, String[] levels) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("compare", factory), factory);
        for (int i = 0; i < x.length; i++) {
            ds.add(new ArrayExample<>(new Label(levels[y[i]]), names, x[i]));
        }
        return ds;
    }

    /**
     * @param c C (LIBLINEAR's cost); C = 1/(nλ) matches our λ
     * @param eps LIBLINEAR's stopping tolerance
     * @return LIBLINEAR L1R_LR through Tribuo (bias feature on, as Tribuo always does)
     */
    public static LibLinearClassificationTrainer liblinearTrainer(double c, double eps) {
        return new LibLinearClassificationTrainer(new LinearClassificationType(LinearClassificationType.LinearType.L1R_LR), c, 100_000, eps);
    }

    /**
     * @param ds a binary dataset
     * @param names feature names in the caller's column order
     * @param lambda λ (C = 1/(nλ))
     * @param positive the positive label
     * @param eps LIBLINEAR's tolerance
     * @return LIBLINEAR's fit, raw scale, in {@code names} order
     */
    public static Linear liblinear(Dataset<Label> ds, String[] names, double lambda, String positive, double eps) {
        LibLinearClassificationModel model = (LibLinearClassificationModel) liblinearTrainer(1.0 / (ds.size() * lambda), eps).train(ds);
        return liblinear(model, names, positive);
    }

    /**
     * @param model a binary LIBLINEAR model
     * @param names feature names in the caller's column order
     * @param positive the positive label
     * @return its (w, b) for the positive label's log-odds, in {@code names} order
     */
    public static Linear liblinear(LibLinearClassificationModel model, String[] names, String positive) {
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        if (inner.getSolverType() != SolverType.L1R_LR || inner.getNrClass() != 2) {
            throw new IllegalStateException("expected a binary L1R_LR model, got " + inner.getSolverType() + " with " + inner.getNrClass() + " classes");
        }
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        int p = fmap.size();
        double[] fw = inner.getFeatureWeights();
        // The decision value w·x + b scores labels[0].
        int positiveId = model.getOutputIDInfo().getID(new Label(positive));
        double sign = inner.getLabels()[0] == positiveId ? 1 : -1;
        double[] w = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            VariableInfo info = fmap.get(names[j]);
            if (info != null) {
                w[j] = sign * fw[fmap.getID(names[j])] + 0.0;
            }
        }
        return new Linear(w, sign * fw[p] * inner.getBias());
    }

    /**
     * @param model our binary model
     * @param names feature names in the caller's column order
     * @return its (w, b) for the positive label's log-odds, in {@code names} order
     */
    public static Linear ours(HadamardSparseClassificationModel model, String[] names) {
        String positive = model.getPositiveLabel().orElseThrow(() -> new IllegalStateException("not a binary model"));
        double[] byId = model.getWeightsArray(positive);
        ImmutableFeatureMap fmap = model.getFeatureIDMap();
        double[] w = new double[names.length];
        for (int j = 0; j < names.length; j++) {
            int id = fmap.getID(names[j]);
            if (id >= 0) {
                w[j] = byId[id];
            }
        }
        return new Linear(w, model.getIntercepts().get(positive));
    }

    /**
     * @param ds a binary dataset
     * @param names feature names
     * @param lambda λ
     * @param positive the positive label
     * @return our lasso logistic fit with standardize=false (the objective J)
     */
    public static Linear ours(Dataset<Label> ds, String[] names, double lambda, String positive) {
        return ours(HadamardSparseClassificationTrainer.builder(lambda).standardize(false).positiveLabel(positive)
                .mode(HadamardSparseClassificationTrainer.Mode.BINARY).build().train(ds), names);
    }

    /**
     * @param x rows
     * @return the columns z-scored (1/n standard deviation; constant columns only centred)
     */
    public static double[][] zscore(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j] / n;
            }
            double v = 0;
            for (double[] r : x) {
                v += (r[j] - m) * (r[j] - m) / n;
            }
            double s = v > 0 ? Math.sqrt(v) : 1;
            for (int i = 0; i < n; i++) {
                z[i][j] = (x[i][j] - m) / s;
            }
        }
        return z;
    }
}
