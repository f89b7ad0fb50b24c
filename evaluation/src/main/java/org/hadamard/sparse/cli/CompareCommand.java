package org.hadamard.sparse.cli;

import org.hadamard.sparse.evaluation.Comparison;
import org.hadamard.sparse.evaluation.TribuoClassificationRows;
import org.hadamard.sparse.evaluation.TribuoRegressionRows;
import org.hadamard.sparse.evaluation.WekaRows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code sparse compare}: our trainers against the toolkit's native ones, inside the toolkit's own
 * cross-validation harness.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Cross-validates our trainers against the toolkits' native ones, in each",
                "toolkit's own harness (Tribuo's CrossValidation; Weka's Experimenter).",
                "",
                "Tribuo, regression: ours — lasso (standardize=false), group lasso and Lq",
                "(standardize=true) — and Tribuo's ElasticNetCDTrainer (l1Ratio 1, tolerance",
                "1e-10, same λ as our lasso, so both minimize the same objective) and",
                "LinearSGDTrainer (unpenalized squared loss, features standardized by a",
                "TransformTrainer), with a RegressionEvaluator. Each row: CV MSE (mean ± sd",
                "over folds), mean non-zeros, time per fold and, for the lasso/CD pair, the",
                "largest relative objective gap over folds (our objective evaluated on both",
                "coefficient vectors on each training fold).",
                "Tribuo, classification: ours (logistic for two classes, multinomial for more)",
                "vs LIBLINEAR L1R_LR (C = 1/(n·λ), standardize=false for that pair; LIBLINEAR",
                "also penalizes its bias, so the gap on our objective is not zero) and Tribuo's",
                "unregularized LogisticRegressionTrainer, with a LabelEvaluator: accuracy,",
                "AUC (binary), features used, time per fold, objective gap (binary).",
                "λ = --lambda-fraction·λ_max of each penalty.",
                "Weka: HadamardLasso (base), HadamardGroupLasso, HadamardLq (λ by their internal",
                "CV) vs LinearRegression and SGD (numeric class) or Logistic, SGD and LibLINEAR",
                "-S 6 (nominal class), by Weka's Experimenter (--weka-runs × --folds CV) and",
                "the corrected paired t-test at 5 % against HadamardLasso: v = significantly",
                "higher, * = significantly lower (RMSE: higher is worse; accuracy: better).",
                "Data: --data FILE.csv or FILE.arff with --target; by default the bundled",
                "diabetes (regression) or breast cancer (--task classification) data.",
                "Writes a Markdown table to stdout (and --out-md), CSV to --out-csv.",
                ""
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv|FILE.arff",
            description = "Data (CSV with a header, or ARFF). Default: the bundled diabetes (regression) or breast cancer (classification) data.")
    Path data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Response/label column (required with a CSV --data; an ARFF defaults to its last attribute).")
    String target;

    @Option(names = "--task", paramLabel = "regression|classification",
            description = "Default: classification when the label column is text (CSV) or nominal (ARFF), else regression.")
    ProblemOptions.Task task;

    @Option(names = "--toolkits", split = ",", defaultValue = "tribuo,weka", paramLabel = "tribuo|weka",
            description = "Which harnesses to run. Default: ${DEFAULT-VALUE}.")
    List<String> toolkits;

    @Option(names = "--groups", paramLabel = "GROUPS.csv",
            description = "Groups for the group-lasso rows ('feature,group'). Default: diabetes {age,sex}, {bmi,bp}, {s1..s6}; breast cancer by measurement (mean_x, x_error, worst_x); otherwise consecutive pairs of columns.")
    Path groups;

    @Option(names = "--folds", defaultValue = "5", paramLabel = "K", description = "Folds. Default: ${DEFAULT-VALUE}.")
    int folds;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Fold (and SGD) seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--lambda-fraction", defaultValue = "0.05", paramLabel = "F", description = "λ / λ_max for each penalized row, in (0, 1]. Default: ${DEFAULT-VALUE}.")
    double fraction;

    @Option(names = "--q", defaultValue = "0.5", paramLabel = "Q", description = "Exponent of the Lq row, in (0, 1). Default: ${DEFAULT-VALUE}.")
    double q;

    @Option(names = "--sgd-epochs", defaultValue = "100", paramLabel = "E", description = "Epochs of Tribuo's LinearSGDTrainer. Default: ${DEFAULT-VALUE}.")
    int sgdEpochs;

    @Option(names = "--weka-runs", defaultValue = "3", paramLabel = "R",
            description = "Repetitions of the Weka cross-validation (the t-test pairs runs × folds values; Weka's default is 10). Default: ${DEFAULT-VALUE}.")
    int wekaRuns;

    @Option(names = "--out-md", paramLabel = "FILE.md", description = "Also write the Markdown table here.")
    Path outMd;

    @Option(names = "--out-csv", paramLabel = "FILE.csv", description = "Write the rows as CSV here.")
    Path outCsv;

    @Override
    public Integer call() {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new CliException("--lambda-fraction must be in (0, 1], got " + fraction);
        }
        if (!(q > 0 && q < 1)) {
            throw new CliException("--q must be in (0, 1), got " + q);
        }
        if (folds < 2) {
            throw new CliException("--folds must be >= 2, got " + folds);
        }
        if (sgdEpochs < 1) {
            throw new CliException("--sgd-epochs must be >= 1, got " + sgdEpochs);
        }
        if (wekaRuns < 1) {
            throw new CliException("--weka-runs must be >= 1, got " + wekaRuns);
        }
        for (String t : toolkits) {
            if (!List.of("tribuo", "weka").contains(t.trim())) {
                throw new CliException("--toolkits: unknown toolkit '" + t + "' (expected tribuo or weka)");
            }
        }
        Dataset d = load();
        if (folds > d.examples()) {
            throw new CliException("--folds " + folds + " exceeds the number of examples, " + d.examples());
        }
        int[] groupOf = groups != null ? dense(GroupsFile.read(groups, d.features(), d.target())) : defaultGroups(d.features());
        PrintWriter err = spec.commandLine().getErr();
        List<Comparison.RowSource> sources = sources(d, groupOf);
        List<Comparison.Row> rows = new ArrayList<>();
        for (Comparison.RowSource source : sources) {
            rows.addAll(source.rows(line -> {
                err.println("compare: " + source.name() + ": " + line);
                err.flush();
            }));
        }
        String md = String.format(Locale.ROOT, "%s on %s (%d × %d%s).", d.classification() ? "Classification" : "Regression",
                d.source(), d.examples(), d.features().length, d.classification() ? ", classes " + String.join("/", d.levels()) : "")
                + (toolkits.contains("tribuo") ? String.format(Locale.ROOT, " Tribuo: %d-fold CV, seed %d, λ = %s·λ_max of each penalty.",
                        folds, seed, fraction) : "")
                + (toolkits.contains("weka") ? String.format(Locale.ROOT,
                        " Weka: %d × %d-fold CV (runs %d..%d), corrected paired t-test at 5%% against HadamardLasso.",
                        wekaRuns, folds, firstWekaRun(), firstWekaRun() + wekaRuns - 1) : "")
                + String.format("%n%n") + Comparison.markdown(rows);
        PrintWriter out = spec.commandLine().getOut();
        out.print(md);
        out.flush();
        write(outMd, md);
        write(outCsv, Comparison.csv(rows));
        return 0;
    }

    /**
     * The data of one comparison: numeric features and either numeric responses or class labels,
     * plus the Weka view of the same data.
     */
    record Dataset(String source, String target, String[] features, double[][] x, double[] y, int[] label, String[] levels,
                   weka.core.Instances instances) {
        boolean classification() { return label != null; }

        int examples() { return x != null ? x.length : instances.numInstances(); }
    }

    private Dataset load() {
        if (data != null && data.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".arff")) {
            return loadArff();
        }
        Table table;
        String t;
        if (data == null) {
            boolean classification = task == ProblemOptions.Task.classification;
            String resource = classification ? "/data/breast_cancer.csv" : "/data/diabetes.csv";
            t = classification ? "benign" : "progression";
            if (target != null && !target.equals(t)) {
                throw new CliException("--target needs --data (the bundled " + (classification ? "breast cancer" : "diabetes")
                        + " data's target is '" + t + "')");
            }
            table = CsvReader.readResource(resource);
        } else {
            if (target == null) {
                throw new CliException("--data needs --target COLUMN");
            }
            t = target;
            Table numeric;
            try {
                numeric = CsvReader.read(data);
            } catch (CliException e) {
                numeric = null; // a text column, perhaps the target: read it as labels (other errors recur below)
            }
            table = numeric != null ? numeric : CsvReader.read(data, target);
        }
        table.column(t); // an unknown target fails here
        boolean textLabel;
        try {
            table.regression(t);
            textLabel = false;
        } catch (CliException e) {
            textLabel = true;
        }
        boolean classification = task != null ? task == ProblemOptions.Task.classification : textLabel;
        if (!classification && textLabel) {
            throw new CliException("--task regression needs a numeric target, but column '" + t + "' of " + table.source() + " holds text");
        }
        if (classification) {
            Table.ClassificationData c = table.classification(t);
            String relation = relation(c.source());
            return new Dataset(c.source(), t, c.features(), c.x(), null, c.label(), c.levels(),
                    WekaRows.classification(c.x(), c.label(), c.levels(), c.features(), t, relation));
        }
        Table.RegressionData r = table.regression(t);
        return new Dataset(r.source(), t, r.features(), r.x(), r.y(), null, null,
                WekaRows.regression(r.x(), r.y(), r.features(), t, relation(r.source())));
    }

    private static String relation(String source) {
        String name = source.replaceAll(".*[/\\\\]", "").replaceAll("\\.[A-Za-z]+$", "");
        return name.isEmpty() ? "data" : name;
    }

    private Dataset loadArff() {
        weka.core.Instances in;
        try {
            in = new weka.core.converters.ConverterUtils.DataSource(data.toString()).getDataSet();
        } catch (Exception e) {
            throw new CliException("cannot read " + data + ": " + e.getMessage());
        }
        if (in == null || in.numInstances() == 0) {
            throw new CliException(data + " has no instances");
        }
        weka.core.Attribute classAtt = target != null ? in.attribute(target) : in.attribute(in.numAttributes() - 1);
        if (classAtt == null) {
            throw new CliException("--target: " + data + " has no attribute '" + target + "'");
        }
        in.setClass(classAtt);
        boolean classification = task != null ? task == ProblemOptions.Task.classification : classAtt.isNominal();
        if (classification != classAtt.isNominal()) {
            throw new CliException("--task " + task + " does not match " + data + "'s " + (classAtt.isNominal() ? "nominal" : "numeric")
                    + " attribute '" + classAtt.name() + "'");
        }
        if (!classAtt.isNominal() && !classAtt.isNumeric()) {
            throw new CliException("attribute '" + classAtt.name() + "' is neither numeric nor nominal");
        }
        // The Tribuo rows need numeric features without missing values; otherwise only Weka's rows run.
        List<String> names = new ArrayList<>();
        boolean numeric = true;
        for (int a = 0; a < in.numAttributes(); a++) {
            if (a != in.classIndex()) {
                names.add(in.attribute(a).name());
                numeric &= in.attribute(a).isNumeric();
            }
        }
        for (int i = 0; numeric && i < in.numInstances(); i++) {
            numeric = !in.instance(i).hasMissingValue();
        }
        String[] features = names.toArray(new String[0]);
        if (!numeric) {
            return new Dataset(data.toString(), classAtt.name(), features, null, null, null, null, in);
        }
        int n = in.numInstances();
        double[][] x = new double[n][features.length];
        double[] y = new double[n];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            int k = 0;
            for (int a = 0; a < in.numAttributes(); a++) {
                if (a != in.classIndex()) {
                    x[i][k++] = in.instance(i).value(a);
                }
            }
            y[i] = in.instance(i).classValue();
            label[i] = (int) y[i];
        }
        if (classification) {
            String[] levels = new String[classAtt.numValues()];
            for (int v = 0; v < levels.length; v++) {
                levels[v] = classAtt.value(v);
            }
            return new Dataset(data.toString(), classAtt.name(), features, x, null, label, levels, in);
        }
        return new Dataset(data.toString(), classAtt.name(), features, x, y, null, null, in);
    }

    /** @return the Experimenter's first run number (it seeds that run's shuffle): --seed, at least 1 */
    private int firstWekaRun() {
        return (int) Math.max(1, Math.min(seed, Integer.MAX_VALUE - wekaRuns));
    }

    /**
     * The row sources.
     * @param d the data
     * @param groupOf feature groups
     * @return the sources
     */
    List<Comparison.RowSource> sources(Dataset d, int[] groupOf) {
        List<Comparison.RowSource> sources = new ArrayList<>();
        if (toolkits.contains("tribuo")) {
            if (d.x() == null) {
                spec.commandLine().getErr().println("compare: Tribuo rows skipped: " + d.source() + " has non-numeric features or missing values");
            } else if (d.classification()) {
                sources.add(new TribuoClassificationRows(d.x(), d.label(), d.levels(), d.features(), groupOf, fraction, q, folds, seed));
            } else {
                sources.add(new TribuoRegressionRows(d.x(), d.y(), d.features(), groupOf, fraction, q, folds, seed, sgdEpochs));
            }
        }
        if (toolkits.contains("weka")) {
            sources.add(new WekaRows(d.instances(), WekaRows.groupsSpec(d.features(), groupOf), q, folds, wekaRuns, firstWekaRun()));
        }
        return sources;
    }

    static void write(Path file, String text) {
        if (file == null) {
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /**
     * @param features feature names
     * @return diabetes' {age,sex}, {bmi,bp}, {s1..s6} when those are the names; else consecutive pairs
     */
    static int[] defaultGroups(String[] features) {
        List<String> diabetes = List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6");
        int[] g = new int[features.length];
        if (Arrays.asList(features).equals(diabetes)) {
            return new int[]{0, 0, 1, 1, 2, 2, 2, 2, 2, 2};
        }
        // Breast cancer: each measurement's mean, standard error and worst value form a group.
        java.util.Map<String, Integer> measurement = new java.util.LinkedHashMap<>();
        boolean breastCancer = features.length > 0;
        for (int j = 0; j < features.length && breastCancer; j++) {
            String f = features[j];
            String base = f.startsWith("mean_") ? f.substring(5) : f.startsWith("worst_") ? f.substring(6)
                    : f.endsWith("_error") ? f.substring(0, f.length() - 6) : null;
            if (base == null) {
                breastCancer = false;
            } else {
                g[j] = measurement.computeIfAbsent(base, k -> measurement.size());
            }
        }
        if (breastCancer && measurement.size() < features.length) {
            return g;
        }
        for (int j = 0; j < g.length; j++) {
            g[j] = j / 2;
        }
        return g;
    }

    /** Renumbers groups (−1 = singleton) to 0..G−1. */
    static int[] dense(int[] groupOf) {
        java.util.Map<Integer, Integer> ids = new java.util.HashMap<>();
        int[] g = new int[groupOf.length];
        int next = 0;
        for (int j = 0; j < groupOf.length; j++) {
            if (groupOf[j] < 0) {
                g[j] = next++;
            } else {
                Integer id = ids.get(groupOf[j]);
                if (id == null) {
                    id = next++;
                    ids.put(groupOf[j], id);
                }
                g[j] = id;
            }
        }
        return g;
    }
}
