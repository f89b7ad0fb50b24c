package org.hadamard.sparse.cli;

import org.hadamard.sparse.evaluation.LogisticL1;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationModel;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * The classification section of {@code bench}: binary lasso logistic regression, ours (L-BFGS, relative
 * duality gap 1e-9, standardize=false) against LIBLINEAR's L1R_LR (C = 1/(nλ), eps 1e-10) through Tribuo
 * in the same JVM, on z-scored features (so that standardize=false on both sides is the usual standardized
 * lasso). LIBLINEAR penalizes its bias, so the two optima differ (see {@link LogisticL1}); both objectives
 * are reported.
 */
final class BenchClassification {

    private final PrintWriter out;
    private final PrintWriter err;
    private final int reps;
    private final int warmup;
    private final double budget;
    private final long seed;

    BenchClassification(PrintWriter out, PrintWriter err, int reps, int warmup, double budget, long seed) {
        this.out = out;
        this.err = err;
        this.reps = reps;
        this.warmup = warmup;
        this.budget = budget;
        this.seed = seed;
    }

    /** One problem: z-scored features, 0/1 labels. */
    record Data(String label, double[][] x, int[] y) {}

    /**
     * @param specs "NxP" (generated) or "breast_cancer"
     * @param fractions λ / λ_max values
     */
    void run(List<String> specs, List<Double> fractions) {
        out.println();
        out.println("Binary lasso LOGISTIC regression: ours (L-BFGS, relative duality gap 1e-9, standardize=false) vs LIBLINEAR L1R_LR");
        out.println("(Tribuo's LibLinearClassificationTrainer, C = 1/(nλ), eps 1e-10), same JVM, both trained through Tribuo on z-scored features.");
        out.println("J = (1/n)Σ logloss + λ‖w‖₁ (ours, free intercept); J_LL = J + λ|b| (LIBLINEAR penalizes its bias). Gaps are relative:");
        out.println("on J: (J(LL) − J(ours))/J(ours); on J_LL: (J_LL(ours) − J_LL(LL))/J_LL(LL); 'J, LL b refit': LIBLINEAR's w with the best intercept.");
        out.printf(Locale.ROOT, "%-14s %5s %5s %7s %10s %10s %8s %5s %8s %8s %11s %11s %11s%n", "problem", "n", "p", "λ/λmax",
                "ours [s]", "LL [s]", "ours/LL", "runs", "nnz ours", "nnz LL", "gap on J", "gap on J_LL", "J, LL b refit");
        for (String spec : specs) {
            Data d = data(spec.trim());
            String[] names = new String[d.x()[0].length];
            for (int j = 0; j < names.length; j++) {
                names[j] = String.format(Locale.ROOT, "x%05d", j);
            }
            MutableDataset<Label> ds = LogisticL1.dataset(d.x(), d.y(), names, new String[]{"neg", "pos"});
            double lmax = trainer(1.0).lambdaMax(ds);
            for (double fraction : fractions) {
                double lambda = fraction * lmax;
                progress("%s: λ = %.3g·λ_max", d.label(), fraction);
                Object[] ours = time(d.label() + " ours", () -> {
                    HadamardSparseClassificationModel m = trainer(lambda).train(ds);
                    String status = m.getCertificate().converged() ? "" : "ours not converged";
                    return new Object[]{LogisticL1.ours(m, names), status};
                });
                Object[] ll = time(d.label() + " LIBLINEAR", () -> {
                    LibLinearClassificationModel m = (LibLinearClassificationModel) LogisticL1.liblinearTrainer(1.0 / (ds.size() * lambda), 1e-10).train(ds);
                    return new Object[]{LogisticL1.liblinear(m, names, "pos"), ""};
                });
                LogisticL1.Linear a = (LogisticL1.Linear) ours[0];
                LogisticL1.Linear b = (LogisticL1.Linear) ll[0];
                double jA = a.objective(d.x(), d.y(), lambda, false);
                double jB = b.objective(d.x(), d.y(), lambda, false);
                double jllA = a.objective(d.x(), d.y(), lambda, true);
                double jllB = b.objective(d.x(), d.y(), lambda, true);
                double jRefit = b.withBestIntercept(d.x(), d.y()).objective(d.x(), d.y(), lambda, false);
                double tA = (double) ours[2];
                double tB = (double) ll[2];
                String note = (ours[1] + " " + ll[1]).trim();
                out.printf(Locale.ROOT, "%-14s %5d %5d %7.3g %10.5f %10.5f %8.3f %5s %8d %8d %+11.2e %+11.2e %+11.2e%s%n", d.label(), d.x().length,
                        names.length, fraction, tA, tB, tA / tB, ours[3] + "/" + ll[3], a.nonzero(), b.nonzero(),
                        (jB - jA) / jA, (jllA - jllB) / jllB, (jRefit - jA) / jA, note.isEmpty() ? "" : "  (" + note + ")");
                out.flush();
            }
        }
    }

    private static HadamardSparseClassificationTrainer trainer(double lambda) {
        return HadamardSparseClassificationTrainer.builder(lambda).standardize(false).positiveLabel("pos")
                .mode(HadamardSparseClassificationTrainer.Mode.BINARY).build();
    }

    /** @return {result, status, median seconds, runs} */
    private Object[] time(String what, Supplier<Object[]> run) {
        BenchTimer.Result<Object[]> r = BenchTimer.time(warmup, reps, budget, false, new BenchTimer.Listener() {}, run);
        progress("%s: median %.4f s of %d", what, r.median(), r.runs());
        return new Object[]{r.last()[0], r.last()[1], r.median(), r.runs()};
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "bench: " + format + "%n", args);
        err.flush();
    }

    private Data data(String spec) {
        if (spec.equalsIgnoreCase("breast_cancer")) {
            Table.ClassificationData c = CsvReader.readResource("/data/breast_cancer.csv").classification("benign");
            return new Data("breast_cancer", LogisticL1.zscore(c.x()), c.label());
        }
        int[] np = BenchData.size(spec, "--class-sizes", "800x400", "breast_cancer", 4);
        int n = np[0];
        int p = np[1];
        return generate(n, p, seed + 31L * n + p);
    }

    /**
     * Gaussian features with offsets 0.5·(j mod 5) and scales 0.5 + (j mod 3), 10 true non-zeros of
     * alternating sign (signal 1 on the standardized scale), labels drawn from the logistic model; then
     * z-scored. Both classes are guaranteed present.
     */
    static Data generate(int n, int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = 0.5 * (j % 5) + (0.5 + j % 3) * BenchData.gaussian(rng);
            }
        }
        double[] truth = new double[p];
        for (int a = 0; a < Math.min(10, p); a++) {
            int j = (int) ((a * 7919L) % p);
            truth[j] = (a % 2 == 0 ? 1 : -1) / (0.5 + j % 3);
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double z = 0;
            for (int j = 0; j < p; j++) {
                z += (x[i][j] - 0.5 * (j % 5)) * truth[j];
            }
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
        }
        y[0] = 0;
        y[1] = 1;
        return new Data(n + "x" + p, LogisticL1.zscore(x), y);
    }
}
