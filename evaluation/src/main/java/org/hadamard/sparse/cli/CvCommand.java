package org.hadamard.sparse.cli;

import org.hadamard.sparse.evaluation.Charts;
import org.hadamard.sparse.evaluation.CrossValidator;
import org.hadamard.sparse.evaluation.CvResult;
import org.hadamard.sparse.evaluation.CvTask;
import org.hadamard.sparse.evaluation.CvTasks;
import org.hadamard.sparse.evaluation.Measure;
import org.hadamard.sparse.solver.Fit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sparse cv}: k-fold cross-validation over the λ path (cv.glmnet), JSON and a PNG of the curve.
 */
@Command(name = "cv", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "k-fold cross-validation over the λ path, as cv.glmnet does it.",
                "",
                "The path is fitted on all the data (glmnet's grid, early stop); its λ values",
                "are the grid. Each fold's path is fitted on the other folds' rows only, with",
                "their own standardization, and scored on the held-out fold on the raw scale.",
                "Reports the CV curve (fold-size-weighted mean ± standard error), λ_min, λ_1se",
                "(the largest λ whose CV error is within one SE of the minimum) and the",
                "all-data fit at the λ chosen by --select. Folds come from --seed.",
                "Regression: mse. Classification (--task classification; the target may be",
                "text or numbers; classes are sorted and, as in glmnet, the positive class of",
                "a binary problem is the second): deviance, accuracy and, for two classes, auc.",
                ""
        })
public final class CvCommand implements Callable<Integer> {

    /** The {@code --select} choices. */
    public enum Select {
        /** λ_min. */
        min,
        /** λ_1se. */
        oneSe
    }

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions options;

    @Option(names = "--folds", defaultValue = "10", paramLabel = "K", description = "Number of folds (>= 2). Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--nlambda", defaultValue = "100", paramLabel = "N", description = "Number of λ values. Default: ${DEFAULT-VALUE}.")
    int nlambda;

    @Option(names = "--lambda-min-ratio", paramLabel = "R",
            description = "Smallest λ / λ_max, in (0, 1). Default: 1e-4 if n > p, else 1e-2.")
    Double minRatio;

    @Option(names = "--measure", paramLabel = "mse|deviance|accuracy|auc",
            description = "Measure that selects λ. Default: mse for regression, deviance for classification.")
    String measure;

    @Option(names = "--select", defaultValue = "min", paramLabel = "min|1se", converter = SelectConverter.class,
            description = "Which λ the reported model uses. Default: ${DEFAULT-VALUE}.")
    Select select;

    @Option(names = "--out", required = true, paramLabel = "CV.json", description = "Where to write the JSON ('-' for standard output).")
    Path out;

    @Option(names = "--plot", paramLabel = "CV.png", description = "Also draw the CV curve (log λ; ±1 SE bars; λ_min and λ_1se marked) as a PNG.")
    Path plot;

    /** Accepts {@code 1se} for {@link Select#oneSe}. */
    static final class SelectConverter implements picocli.CommandLine.ITypeConverter<Select> {
        @Override
        public Select convert(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "min" -> Select.min;
                case "1se" -> Select.oneSe;
                default -> throw new picocli.CommandLine.TypeConversionException("expected min or 1se, got '" + value + "'");
            };
        }
    }

    @Override
    public Integer call() {
        if (folds < 2) {
            throw new CliException("--folds must be >= 2, got " + folds);
        }
        if (nlambda < 2) {
            throw new CliException("--nlambda must be >= 2 for cross-validation, got " + nlambda);
        }
        if (minRatio != null && !(minRatio > 0 && minRatio < 1)) {
            throw new CliException("--lambda-min-ratio must be in (0, 1), got " + minRatio);
        }
        options.validatePenalty();
        PrintWriter err = spec.commandLine().getErr();
        CvTask cvTask;
        String[] features;
        String[] levels = null;
        if (options.task == ProblemOptions.Task.regression) {
            Table.RegressionData d = CsvReader.read(options.data).regression(options.target);
            cvTask = CvTasks.regression(d.x(), d.y());
            features = d.features();
        } else {
            Table.ClassificationData d = CsvReader.read(options.data, options.target).classification(options.target);
            cvTask = CvTasks.classification(d.x(), d.label(), d.levels().length);
            features = d.features();
            levels = d.levels();
        }
        Measure m = measure == null ? cvTask.measures().get(0) : parseMeasure(measure);
        if (!cvTask.measures().contains(m)) {
            throw new CliException("--measure " + m.label() + " is not available for a " + cvTask.name() + " task (use one of "
                    + String.join(", ", cvTask.measures().stream().map(Measure::label).toList()) + ")");
        }
        if (folds > cvTask.examples()) {
            throw new CliException("--folds " + folds + " exceeds the number of examples, " + cvTask.examples());
        }
        ProblemOptions.PenaltyChoice pc = options.penalty(features);
        CvResult cv = new CrossValidator(folds, options.seed, nlambda, minRatio == null ? Double.NaN : minRatio, options.standardize)
                .run(cvTask, pc.penalty(), Solvers.create(options.solver, options.seed), line -> {
                    err.println("cv: " + line);
                    err.flush();
                });
        Map<String, Object> json = toJson(cv, m, select == Select.oneSe, features, levels, pc.name(), options.standardize, options.seed);
        Results.write(json, out, spec.commandLine().getOut());
        if (plot != null) {
            Charts.cvCurve(cv, m, String.format(Locale.ROOT, "%d-fold CV, %s, %s", folds, pc.name(), options.data.getFileName()), plot);
        }
        int min = cv.minIndex(m);
        int se = cv.oneSeIndex(m);
        if (!out.toString().equals("-")) {
            err.printf(Locale.ROOT, "cv: %s, %s: λ_min = %.6g (%s %.6g, %d non-zero), λ_1se = %.6g (%s %.6g, %d non-zero); wrote %s%s%n",
                    cvTask.name(), pc.name(), cv.lambdas()[min], m.label(), cv.cvm()[cv.index(m)][min], cv.nonzero()[min],
                    cv.lambdas()[se], m.label(), cv.cvm()[cv.index(m)][se], cv.nonzero()[se], out, plot == null ? "" : " and " + plot);
            err.flush();
        }
        return cv.converged() ? 0 : SparseCli.EXIT_NOT_CONVERGED;
    }

    private static Measure parseMeasure(String name) {
        try {
            return Measure.of(name);
        } catch (IllegalArgumentException e) {
            throw new CliException("--measure: " + e.getMessage());
        }
    }

    /**
     * The JSON form of a CV result.
     * @param cv the result
     * @param m the selection measure
     * @param oneSe whether the reported model is at λ_1se
     * @param features feature names
     * @param levels class names (classification) or null
     * @param penaltyName the penalty's display name
     * @param standardize whether features were standardized
     * @param seed the fold seed
     * @return an ordered map
     */
    static Map<String, Object> toJson(CvResult cv, Measure m, boolean oneSe, String[] features, String[] levels,
                                      String penaltyName, boolean standardize, long seed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", cv.task());
        if (levels != null) {
            json.put("classes", List.of(levels));
            if (levels.length == 2) {
                json.put("positive_class", levels[1]);
            }
        }
        json.put("penalty", penaltyName);
        json.put("standardize", standardize);
        json.put("folds", cv.foldScores().length);
        json.put("seed", seed);
        json.put("measure", m.label());
        json.put("lambda_max", cv.lambdaMax());
        int min = cv.minIndex(m);
        int se = cv.oneSeIndex(m);
        json.put("lambda_min", cv.lambdas()[min]);
        json.put("lambda_1se", cv.lambdas()[se]);
        json.put("index_min", min);
        json.put("index_1se", se);
        json.put("select", oneSe ? "1se" : "min");
        json.put("lambdas", cv.lambdas());
        json.put("nonzero", cv.nonzero());
        Map<String, Object> curves = new LinkedHashMap<>();
        for (Measure each : cv.measures()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("mean", cv.cvm()[cv.index(each)]);
            c.put("se", cv.cvsd()[cv.index(each)]);
            curves.put(each.label(), c);
        }
        json.put("curves", curves);
        Fit fit = cv.selected(m, oneSe);
        json.put("model", modelJson(fit, features, levels));
        json.put("converged", cv.converged());
        json.put("unconverged_fits", cv.unconverged());
        json.put("fits", cv.fits());
        return json;
    }

    private static Map<String, Object> modelJson(Fit fit, String[] features, String[] levels) {
        if (fit.outputs() == 1) {
            return Results.fit(fit, features);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda", fit.lambda());
        m.put("objective", fit.certificate().objective());
        List<Object> perClass = new ArrayList<>();
        for (int k = 0; k < fit.outputs(); k++) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("class", levels[k]);
            c.put("intercept", fit.intercept()[k]);
            Map<String, Object> coef = new LinkedHashMap<>();
            for (int j = 0; j < features.length; j++) {
                double v = fit.coefficient(k, j);
                if (v != 0) {
                    coef.put(features[j], v);
                }
            }
            c.put("coefficients", coef);
            perClass.add(c);
        }
        m.put("classes", perClass);
        m.put("nonzero", fit.nonzero());
        m.put("kkt_violation", fit.certificate().kktViolation());
        m.put("duality_gap", fit.certificate().dualityGap());
        m.put("converged", fit.certificate().converged());
        return m;
    }
}
