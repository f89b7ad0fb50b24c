package org.hadamard.sparse.cli;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sparse demo}: the lasso on the bundled diabetes data — a few λ, one Lq fit, and a path.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
                "Lasso fits, a path, cross-validation and a comparison on the bundled data.",
                "",
                "Diabetes: 442 patients × 10 raw features (Efron et al. 2004). Fits the lasso",
                "at a few λ and along a path, plus one Lq fit, with each fit's certificate",
                "(objective, KKT violation, duality gap); then 10-fold CV (cv), the path plot",
                "(path --plot) and the comparison with Tribuo's trainers (compare).",
                "Breast cancer (569 × 30, classification): 5-fold CV of the logistic lasso",
                "(deviance, accuracy, AUC), its path plot and compare's Tribuo classification",
                "rows (vs LIBLINEAR L1R_LR and LogisticRegressionTrainer). PNGs go to --out-dir.",
                "Takes well under a minute.",
                ""
        })
public final class DemoCommand implements Callable<Integer> {

    private static final double[] FRACTIONS = {0.5, 0.1, 0.01};

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Option(names = "--out-dir", defaultValue = "results/demo", paramLabel = "DIR",
            description = "Where the PNGs (and compare.md) go. Default: ${DEFAULT-VALUE}.")
    java.nio.file.Path outDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Table.RegressionData d = CsvReader.readResource("/data/diabetes.csv").regression("progression");
        Problem problem = Problems.denseRegression(d.x(), d.y(), null, true);
        Solver solver = HadamardEngine.defaultSolver();
        double[] sd = problem.design().scales();
        double lmax = HadamardEngine.lambdaMax(problem, Penalty.lasso());

        out.printf(Locale.ROOT, "Diabetes data: %d patients, %d features (%s), target '%s'.%n",
                d.examples(), d.featureCount(), String.join(", ", d.features()), d.target());
        out.println("Objective (glmnet's): (1/n)·Σ ½(y − b₀ − xᵀβ)² + λ·Σ_j s_j|β_j|  (s_j: the feature's standard deviation,");
        out.println("i.e. the lasso on standardized features); coefficients below are on the raw scale.");
        out.printf(Locale.ROOT, "λ_max = %.6g (the smallest λ with all coefficients zero).%n%n", lmax);

        out.println("Lasso at three λ:");
        header(out);
        boolean converged = true;
        List<Fit> fits = new ArrayList<>();
        for (double f : FRACTIONS) {
            Fit fit = HadamardEngine.fit(problem, Penalty.lasso(), f * lmax, solver);
            row(out, String.format(Locale.ROOT, "%.2f·λ_max", f), fit);
            fits.add(fit);
            converged &= fit.certificate().converged();
        }
        out.println();
        out.println("Largest coefficients (raw scale; ranked by |β_j|·s_j, the effect of one standard deviation):");
        for (Fit fit : fits) {
            out.printf(Locale.ROOT, "  λ = %-9.4g %s%n", fit.lambda(), top(fit, d.features(), sd, 4));
        }

        Fit lq = HadamardEngine.fit(problem, Penalty.lq(0.5), 0.1 * lmax, solver);
        converged &= lq.certificate().converged();
        out.println();
        out.println("Non-convex Lq penalty, q = 0.5, at 0.1·λ_max (started from the lasso solution; no duality gap):");
        header(out);
        row(out, "lq 0.5", lq);
        out.printf(Locale.ROOT, "  %s%n", top(lq, d.features(), sd, 4));

        RegularizationPath path = HadamardEngine.path(problem, Penalty.lasso(), 100, Double.NaN, solver);
        double seconds = 0;
        int worstIndex = 0;
        for (int i = 0; i < path.size(); i++) {
            Fit fit = path.fit(i);
            seconds += fit.seconds();
            converged &= fit.certificate().converged();
            if (fit.certificate().kktViolation() > path.fit(worstIndex).certificate().kktViolation()) {
                worstIndex = i;
            }
        }
        out.println();
        out.printf(Locale.ROOT, "Lasso path (glmnet's grid: 100 values down to 1e-4·λ_max, early stop): %d λ fitted in %.3f s.%n",
                path.size(), seconds);
        out.println("Order in which features enter: " + String.join(", ", entryOrder(path, d.features())));
        header(out);
        int step = Math.max(1, path.size() / 6);
        for (int i = 0; i < path.size(); i += step) {
            row(out, "#" + (i + 1), path.fit(i));
        }
        if ((path.size() - 1) % step != 0) {
            row(out, "#" + path.size(), path.fit(path.size() - 1));
        }
        out.printf(Locale.ROOT, "Largest KKT violation along the path: %.2e (at #%d).%n",
                path.fit(worstIndex).certificate().kktViolation(), worstIndex + 1);
        converged &= extended(out, d, path);
        out.println();
        out.println(converged ? "All fits converged." : "WARNING: some fits did not converge.");
        // The logistic CV's convergence is reported in its own section (engine work in progress).
        out.flush();
        return converged ? 0 : SparseCli.EXIT_NOT_CONVERGED;
    }

    /** cv, path --plot and compare on diabetes; cv, the path plot and compare (Tribuo rows) on breast cancer. */
    private boolean extended(PrintWriter out, Table.RegressionData d, RegularizationPath path) {
        PrintWriter err = spec.commandLine().getErr();
        try {
            java.nio.file.Files.createDirectories(outDir);
        } catch (java.io.IOException e) {
            throw new CliException("cannot create " + outDir + ": " + e.getMessage());
        }
        java.util.function.Consumer<String> progress = line -> {
            err.println("demo: " + line);
            err.flush();
        };
        boolean converged = true;
        PathPlot.write(path, d.x(), d.features(), 10, "Lasso path, diabetes", outDir.resolve("diabetes-path.png"));

        out.println();
        out.println("Cross-validation (10 folds, seed 1; each fold standardized on its own training rows; cv.glmnet's rules):");
        org.hadamard.sparse.evaluation.CvResult cv = new org.hadamard.sparse.evaluation.CrossValidator(10, 1, 100, Double.NaN, true)
                .run(org.hadamard.sparse.evaluation.CvTasks.regression(d.x(), d.y()), Penalty.lasso(), HadamardEngine.defaultSolver(), progress);
        converged &= cv.converged();
        org.hadamard.sparse.evaluation.Measure mse = org.hadamard.sparse.evaluation.Measure.MSE;
        cvLines(out, cv, mse, d.features());
        org.hadamard.sparse.evaluation.Charts.cvCurve(cv, mse, "10-fold CV, lasso, diabetes", outDir.resolve("diabetes-cv.png"));

        out.println();
        out.println("Our trainers vs Tribuo's, inside Tribuo's CrossValidation (5 folds, seed 1, λ = 0.05·λ_max):");
        java.util.List<org.hadamard.sparse.evaluation.Comparison.Row> rows = new org.hadamard.sparse.evaluation.TribuoRegressionRows(
                d.x(), d.y(), d.features(), CompareCommand.defaultGroups(d.features()), 0.05, 0.5, 5, 1, 100).rows(progress);
        String table = org.hadamard.sparse.evaluation.Comparison.markdown(rows);
        out.print(table);
        CompareCommand.write(outDir.resolve("compare.md"), table);

        Table.ClassificationData bc = CsvReader.readResource("/data/breast_cancer.csv").classification("benign");
        out.println();
        out.printf(Locale.ROOT, "Breast cancer: %d tumours, %d features, target 'benign' (classes %s; positive class '%s').%n",
                bc.examples(), bc.features().length, String.join(", ", bc.levels()), bc.levels()[1]);
        out.println("Logistic lasso, 5-fold CV over 50 λ (deviance selects λ):");
        org.hadamard.sparse.evaluation.CvResult cvc = new org.hadamard.sparse.evaluation.CrossValidator(5, 1, 50, Double.NaN, true)
                .run(org.hadamard.sparse.evaluation.CvTasks.classification(bc.x(), bc.label(), bc.levels().length), Penalty.lasso(),
                        HadamardEngine.defaultSolver(), progress);
        cvLines(out, cvc, org.hadamard.sparse.evaluation.Measure.DEVIANCE, bc.features());
        if (!cvc.converged()) {
            out.printf(Locale.ROOT, "  note: %d of %d logistic fits (all-data path and folds) did not meet the solver's stopping rule%n"
                    + "  (certificate not converged; small λ on nearly separable data). The regression fits above are unaffected.%n",
                    cvc.unconverged(), cvc.fits());
        }
        org.hadamard.sparse.evaluation.Charts.cvCurve(cvc, org.hadamard.sparse.evaluation.Measure.DEVIANCE,
                "5-fold CV, logistic lasso, breast cancer", outDir.resolve("breast-cancer-cv.png"));
        PathPlot.write(cvc.path(), bc.x(), bc.features(), 10, "Logistic lasso path, breast cancer", outDir.resolve("breast-cancer-path.png"));

        out.println();
        out.println("Our classification trainers vs LIBLINEAR (L1R_LR) and Tribuo's logistic regression, inside Tribuo's CrossValidation");
        out.println("(5 folds, seed 1, λ = 0.05·λ_max; the lasso/LIBLINEAR pair on per-fold standardized features, LIBLINEAR penalizes its bias):");
        String classTable = org.hadamard.sparse.evaluation.Comparison.markdown(new org.hadamard.sparse.evaluation.TribuoClassificationRows(
                bc.x(), bc.label(), bc.levels(), bc.features(), CompareCommand.defaultGroups(bc.features()), 0.05, 0.5, 5, 1).rows(progress));
        out.print(classTable);
        CompareCommand.write(outDir.resolve("compare-breast-cancer.md"), classTable);
        out.println();
        out.println("Wrote " + outDir.resolve("diabetes-path.png") + ", diabetes-cv.png, compare.md, breast-cancer-cv.png, breast-cancer-path.png and compare-breast-cancer.md.");
        return converged;
    }

    private static void cvLines(PrintWriter out, org.hadamard.sparse.evaluation.CvResult cv, org.hadamard.sparse.evaluation.Measure m, String[] names) {
        int min = cv.minIndex(m);
        int se = cv.oneSeIndex(m);
        StringBuilder others = new StringBuilder();
        for (org.hadamard.sparse.evaluation.Measure o : cv.measures()) {
            if (o != m) {
                others.append(String.format(Locale.ROOT, ", %s %.4g", o.label(), cv.cvm()[cv.index(o)][min]));
            }
        }
        out.printf(Locale.ROOT, "  λ_min = %.5g: CV %s %.5g ± %.3g, %d non-zero%s%n", cv.lambdas()[min], m.label(),
                cv.cvm()[cv.index(m)][min], cv.cvsd()[cv.index(m)][min], cv.nonzero()[min], others);
        out.printf(Locale.ROOT, "  λ_1se = %.5g: CV %s %.5g ± %.3g, %d non-zero%n", cv.lambdas()[se], m.label(),
                cv.cvm()[cv.index(m)][se], cv.cvsd()[cv.index(m)][se], cv.nonzero()[se]);
        double[] b = cv.path().fit(se).beta();
        java.util.List<String> kept = new java.util.ArrayList<>();
        for (int j = 0; j < names.length; j++) {
            if (b[j] != 0) {
                kept.add(names[j]);
            }
        }
        out.println("  features kept at λ_1se: " + (kept.isEmpty() ? "(none)" : String.join(", ", kept)));
    }

    private static void header(PrintWriter out) {
        out.printf(Locale.ROOT, "  %-12s %-11s %8s %-16s %-10s %-10s %s%n",
                "", "λ", "non-zero", "objective", "KKT", "gap", "seconds");
    }

    private static void row(PrintWriter out, String label, Fit fit) {
        Certificate c = fit.certificate();
        String gap = Double.isNaN(c.dualityGap()) ? "—" : String.format(Locale.ROOT, "%.2e", c.dualityGap());
        out.printf(Locale.ROOT, "  %-12s %-11.5g %8d %-16.10g %-10.2e %-10s %.4f%n",
                label, fit.lambda(), fit.nonzero(), c.objective(), c.kktViolation(), gap, fit.seconds());
    }

    private static String top(Fit fit, String[] names, double[] sd, int count) {
        double[] beta = fit.beta();
        List<Integer> idx = new ArrayList<>();
        for (int j = 0; j < beta.length; j++) {
            if (beta[j] != 0) {
                idx.add(j);
            }
        }
        idx.sort(Comparator.comparingDouble((Integer j) -> -Math.abs(beta[j]) * sd[j]));
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < Math.min(count, idx.size()); k++) {
            int j = idx.get(k);
            sb.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %+.4g", names[j], beta[j]));
        }
        if (idx.size() > count) {
            sb.append(String.format(Locale.ROOT, " (+%d more)", idx.size() - count));
        }
        return idx.isEmpty() ? "(all zero)" : sb.toString();
    }

    private static List<String> entryOrder(RegularizationPath path, String[] names) {
        List<String> order = new ArrayList<>();
        boolean[] seen = new boolean[names.length];
        for (Fit fit : path.fits()) {
            double[] beta = fit.beta();
            for (int j = 0; j < names.length; j++) {
                if (beta[j] != 0 && !seen[j]) {
                    seen[j] = true;
                    order.add(names[j]);
                }
            }
        }
        return order;
    }
}
