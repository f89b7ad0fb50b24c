package org.hadamard.sparse.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The rows of {@code sparse compare}: methods evaluated by k-fold cross-validation inside a toolkit's
 * own harness, on the same folds.
 * <p>
 * <b>Seam.</b> Each family of rows is a {@link RowSource}. {@link TribuoRegressionRows} supplies our
 * regression trainers and Tribuo's native ones through {@code org.tribuo.evaluation.CrossValidation}.
 * {@link TribuoClassificationRows} does the same for classification (LIBLINEAR L1R_LR and Tribuo's
 * logistic regression, {@code LabelEvaluator}), and {@link WekaRows} runs our Weka classifiers against
 * Weka's own through Weka's Experimenter with the corrected paired t-test. Further families are further
 * {@code RowSource}s registered in {@code CompareCommand#sources}; a row carries everything the tables
 * print, so nothing else changes.
 */
public final class Comparison {

    private Comparison() {}

    /**
     * One method's cross-validated result.
     *
     * @param harness the harness that ran it, e.g. "Tribuo CrossValidation"
     * @param method what was trained, e.g. "ours: lasso (LBFGS)"
     * @param lambda λ (NaN for unpenalized methods)
     * @param measure the error measure's name, e.g. "MSE"
     * @param errorMean the mean held-out error over folds
     * @param errorSd its standard deviation over folds
     * @param nonzeroMean the mean number of non-zero coefficients over folds
     * @param secondsPerFold mean wall-clock time per fold (training and scoring)
     * @param objectiveGap for same-objective pairs, max over folds of |F(ours) − F(theirs)| / |F(theirs)|
     *                     with our objective evaluated on both coefficient vectors (NaN otherwise)
     * @param note what the reader must know (settings, caveats)
     * @param measure2 a second measure's name (e.g. "AUC"), or "" for none
     * @param mean2 its mean over folds (NaN for none)
     * @param sd2 its standard deviation over folds (NaN for none)
     * @param verdict Weka's corrected paired t-test against the base row of its harness on the first
     *                measure: "v" significantly higher, "*" significantly lower, "" no significant
     *                difference, "base" for the base row, "—" where no test was run
     */
    public record Row(String harness, String method, double lambda, String measure, double errorMean, double errorSd,
                      double nonzeroMean, double secondsPerFold, double objectiveGap, String note,
                      String measure2, double mean2, double sd2, String verdict) {

        /** A row without a second measure or t-test. */
        public Row(String harness, String method, double lambda, String measure, double errorMean, double errorSd,
                   double nonzeroMean, double secondsPerFold, double objectiveGap, String note) {
            this(harness, method, lambda, measure, errorMean, errorSd, nonzeroMean, secondsPerFold, objectiveGap, note,
                    "", Double.NaN, Double.NaN, "—");
        }
    }

    /**
     * @param values per-fold values
     * @return {mean, sample standard deviation}
     */
    public static double[] meanSd(double[] values) {
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= values.length;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new double[]{mean, values.length > 1 ? Math.sqrt(var / (values.length - 1)) : 0};
    }

    /** A family of comparison rows (one toolkit and task). */
    public interface RowSource {
        /** @return a short name for progress messages */
        String name();

        /**
         * @param progress receives progress lines
         * @return the rows
         */
        List<Row> rows(java.util.function.Consumer<String> progress);
    }

    /**
     * @param rows the rows
     * @return a Markdown table
     */
    public static String markdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("| harness | method | λ | CV measure (mean ± sd over folds) | second measure | non-zeros | time / fold [s] | objective gap | t-test | notes |\n");
        sb.append("|---|---|---:|---:|---:|---:|---:|---:|:---:|---|\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %.5g ± %.3g | %s | %s | %.4f | %s | %s | %s |%n",
                    r.harness(), r.method(), Double.isNaN(r.lambda()) ? "—" : String.format(Locale.ROOT, "%.4g", r.lambda()),
                    r.measure(), r.errorMean(), r.errorSd(),
                    r.measure2().isEmpty() || Double.isNaN(r.mean2()) ? "—" : String.format(Locale.ROOT, "%s %.4f ± %.3g", r.measure2(), r.mean2(), r.sd2()),
                    Double.isNaN(r.nonzeroMean()) ? "—" : String.format(Locale.ROOT, "%.1f", r.nonzeroMean()), r.secondsPerFold(),
                    Double.isNaN(r.objectiveGap()) ? "—" : String.format(Locale.ROOT, "%.1e", r.objectiveGap()), r.verdict(), r.note()));
        }
        return sb.toString();
    }

    /**
     * @param rows the rows
     * @return CSV text with a header
     */
    public static String csv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("harness,method,lambda,measure,error_mean,error_sd,nonzero_mean,seconds_per_fold,objective_gap,note,measure2,mean2,sd2,verdict\n");
        for (Row r : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(quote(r.harness()));
            cells.add(quote(r.method()));
            cells.add(num(r.lambda()));
            cells.add(quote(r.measure()));
            cells.add(num(r.errorMean()));
            cells.add(num(r.errorSd()));
            cells.add(num(r.nonzeroMean()));
            cells.add(num(r.secondsPerFold()));
            cells.add(num(r.objectiveGap()));
            cells.add(quote(r.note()));
            cells.add(quote(r.measure2()));
            cells.add(num(r.mean2()));
            cells.add(num(r.sd2()));
            cells.add(quote(r.verdict()));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
