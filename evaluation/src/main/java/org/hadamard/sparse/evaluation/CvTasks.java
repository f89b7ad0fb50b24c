package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.loss.LogisticLoss;
import org.hadamard.sparse.loss.MultinomialLoss;
import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;

import java.util.Arrays;
import java.util.List;

/**
 * The cross-validation tasks built directly on the engine: squared-error regression, binary logistic
 * regression and multinomial logistic regression, each on a dense raw design.
 */
public final class CvTasks {

    /** glmnet clips predicted probabilities to [1e-5, 1 − 1e-5] when computing the deviance. */
    static final double PROBABILITY_FLOOR = 1e-5;

    private CvTasks() {}

    /**
     * @param x rows (not copied)
     * @param y responses (not copied)
     * @return the regression task (measure: MSE)
     */
    public static CvTask regression(double[][] x, double[] y) {
        return new Regression(x, y);
    }

    /**
     * A binary task if there are two classes, else a multinomial one.
     * @param x rows (not copied)
     * @param label class index per row, in [0, classes)
     * @param classes number of classes (≥ 2)
     * @return the task (binary measures: deviance, accuracy, AUC; multinomial: deviance, accuracy)
     */
    public static CvTask classification(double[][] x, int[] label, int classes) {
        return classes == 2 ? new Binary(x, label) : new Multinomial(x, label, classes);
    }

    private abstract static class Base implements CvTask {
        final double[][] x;
        final int p;

        Base(double[][] x) {
            if (x.length == 0) {
                throw new IllegalArgumentException("The data has no examples");
            }
            this.x = x;
            this.p = x[0].length;
        }

        @Override
        public int examples() { return x.length; }

        @Override
        public int features() { return p; }

        double[] flat(int[] rows) {
            double[] flat = new double[rows.length * p];
            for (int t = 0; t < rows.length; t++) {
                System.arraycopy(x[rows[t]], 0, flat, t * p, p);
            }
            Problems.requireFinite(flat, p, null);
            return flat;
        }

        @Override
        public double[] predictors(Fit fit, int[] rows) {
            double[] beta = fit.beta();
            double[] b0 = fit.intercept();
            int k = b0.length;
            double[] eta = new double[rows.length * k];
            for (int t = 0; t < rows.length; t++) {
                double[] xi = x[rows[t]];
                for (int c = 0; c < k; c++) {
                    double s = b0[c];
                    int off = c * p;
                    for (int j = 0; j < p; j++) {
                        s += xi[j] * beta[off + j];
                    }
                    eta[t * k + c] = s;
                }
            }
            return eta;
        }
    }

    private static final class Regression extends Base {
        private final double[] y;

        Regression(double[][] x, double[] y) {
            super(x);
            this.y = y;
        }

        @Override
        public String name() { return "regression"; }

        @Override
        public List<Measure> measures() { return List.of(Measure.MSE); }

        @Override
        public Problem problem(int[] rows, boolean standardize) {
            double[] yy = new double[rows.length];
            for (int t = 0; t < rows.length; t++) {
                yy[t] = y[rows[t]];
            }
            return Problems.denseRegression(rows.length, p, flat(rows), yy, null, standardize);
        }

        @Override
        public double[] score(Fit fit, int[] rows) {
            double[] eta = predictors(fit, rows);
            double s = 0;
            for (int t = 0; t < rows.length; t++) {
                double r = y[rows[t]] - eta[t];
                s += r * r;
            }
            return new double[]{s / rows.length};
        }
    }

    private static final class Binary extends Base {
        private final int[] label;

        Binary(double[][] x, int[] label) {
            super(x);
            this.label = label;
        }

        @Override
        public String name() { return "binary"; }

        @Override
        public List<Measure> measures() { return List.of(Measure.DEVIANCE, Measure.ACCURACY, Measure.AUC); }

        @Override
        public Problem problem(int[] rows, boolean standardize) {
            double[] y01 = new double[rows.length];
            for (int t = 0; t < rows.length; t++) {
                y01[t] = label[rows[t]];
            }
            double[] omega = Problems.normalizedWeights(null, rows.length);
            return new Problem(new DenseDesign(rows.length, p, flat(rows), omega, standardize), new LogisticLoss(y01, omega));
        }

        @Override
        public double[] score(Fit fit, int[] rows) {
            double[] eta = predictors(fit, rows);
            double dev = 0;
            int correct = 0;
            int[] y = new int[rows.length];
            for (int t = 0; t < rows.length; t++) {
                y[t] = label[rows[t]];
                double pr = Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, LogisticLoss.sigmoid(eta[t])));
                dev += -2 * (y[t] == 1 ? Math.log(pr) : Math.log(1 - pr));
                if ((eta[t] > 0 ? 1 : 0) == y[t]) {
                    correct++;
                }
            }
            return new double[]{dev / rows.length, (double) correct / rows.length, auc(eta, y)};
        }
    }

    /**
     * The area under the ROC curve by the Mann–Whitney statistic with mid-ranks for ties.
     * @param score scores (higher: more likely positive)
     * @param y labels 0/1
     * @return the AUC, or NaN if one class is absent
     */
    public static double auc(double[] score, int[] y) {
        int n = y.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(score[a], score[b]));
        double[] rank = new double[n];
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && score[order[j + 1]] == score[order[i]]) {
                j++;
            }
            double mid = 0.5 * (i + j) + 1;
            for (int t = i; t <= j; t++) {
                rank[order[t]] = mid;
            }
            i = j + 1;
        }
        long pos = 0;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (y[i] == 1) {
                pos++;
                sum += rank[i];
            }
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (sum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    private static final class Multinomial extends Base {
        private final int[] label;
        private final int classes;

        Multinomial(double[][] x, int[] label, int classes) {
            super(x);
            this.label = label;
            this.classes = classes;
        }

        @Override
        public String name() { return "multinomial"; }

        @Override
        public List<Measure> measures() { return List.of(Measure.DEVIANCE, Measure.ACCURACY); }

        @Override
        public Problem problem(int[] rows, boolean standardize) {
            int[] l = new int[rows.length];
            for (int t = 0; t < rows.length; t++) {
                l[t] = label[rows[t]];
            }
            double[] omega = Problems.normalizedWeights(null, rows.length);
            return new Problem(new DenseDesign(rows.length, p, flat(rows), omega, standardize), new MultinomialLoss(l, classes, omega));
        }

        @Override
        public double[] score(Fit fit, int[] rows) {
            double[] eta = predictors(fit, rows);
            double dev = 0;
            int correct = 0;
            for (int t = 0; t < rows.length; t++) {
                int off = t * classes;
                double max = Double.NEGATIVE_INFINITY;
                int arg = 0;
                for (int c = 0; c < classes; c++) {
                    if (eta[off + c] > max) {
                        max = eta[off + c];
                        arg = c;
                    }
                }
                double z = 0;
                for (int c = 0; c < classes; c++) {
                    z += Math.exp(eta[off + c] - max);
                }
                int y = label[rows[t]];
                double pr = Math.exp(eta[off + y] - max) / z;
                pr = Math.min(1 - PROBABILITY_FLOOR, Math.max(PROBABILITY_FLOOR, pr));
                dev += -2 * Math.log(pr);
                if (arg == y) {
                    correct++;
                }
            }
            return new double[]{dev / rows.length, (double) correct / rows.length};
        }
    }
}
