package org.hadamard.sparse.cli;

import org.hadamard.sparse.evaluation.Comparison;
import org.hadamard.sparse.evaluation.TribuoRegressionRows;
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
                "Cross-validates our trainers and Tribuo's native ones in Tribuo's own harness.",
                "",
                "Rows (regression): ours — lasso (standardize=false), group lasso and Lq",
                "(standardize=true) — and Tribuo's ElasticNetCDTrainer (l1Ratio 1, tolerance",
                "1e-10, same λ as our lasso, so both minimize the same objective) and",
                "LinearSGDTrainer (unpenalized squared loss, features standardized by a",
                "TransformTrainer). All run through org.tribuo.evaluation.CrossValidation with",
                "a RegressionEvaluator on the same folds. Each row: CV MSE (mean ± sd over",
                "folds), mean non-zeros, time per fold and, for the lasso/CD pair, the largest",
                "relative objective gap over folds (our objective evaluated on both coefficient",
                "vectors on each training fold). λ = --lambda-fraction·λ_max of each penalty.",
                "Writes a Markdown table to stdout (and --out-md), CSV to --out-csv.",
                "Classification and Weka rows are not wired in yet.",
                ""
        })
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE.csv", description = "Regression data (CSV, header). Default: the bundled diabetes data.")
    Path data;

    @Option(names = "--target", paramLabel = "COLUMN", description = "Response column (required with --data; diabetes: progression).")
    String target;

    @Option(names = "--groups", paramLabel = "GROUPS.csv",
            description = "Groups for the group-lasso row ('feature,group'). Default: for diabetes {age,sex}, {bmi,bp}, {s1..s6}; otherwise consecutive pairs of columns.")
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
        Table.RegressionData d;
        if (data == null) {
            if (target != null && !target.equals("progression")) {
                throw new CliException("--target needs --data (the bundled diabetes data's target is 'progression')");
            }
            d = CsvReader.readResource("/data/diabetes.csv").regression("progression");
        } else {
            if (target == null) {
                throw new CliException("--data needs --target COLUMN");
            }
            d = CsvReader.read(data).regression(target);
        }
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
        String md = String.format(Locale.ROOT, "%d-fold CV on %s (%d × %d), seed %d; λ = %s·λ_max of each penalty.%n%n",
                folds, d.source(), d.examples(), d.featureCount(), seed, fraction) + Comparison.markdown(rows);
        PrintWriter out = spec.commandLine().getOut();
        out.print(md);
        out.flush();
        write(outMd, md);
        write(outCsv, Comparison.csv(rows));
        return 0;
    }

    /**
     * The row sources. Add classification and Weka sources here when they exist.
     * @param d the data
     * @param groupOf feature groups
     * @return the sources
     */
    List<Comparison.RowSource> sources(Table.RegressionData d, int[] groupOf) {
        return List.of(new TribuoRegressionRows(d.x(), d.y(), d.features(), groupOf, fraction, q, folds, seed, sgdEpochs));
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
