package org.hadamard.sparse.cli;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.evaluation.Objectives;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code sparse bench}: our full-batch lasso against Tribuo's coordinate-descent elastic net on the
 * same data in the same JVM.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Times our lasso against Tribuo's coordinate descent on the same data.",
                "",
                "Ours: HadamardEngine.defaultSolver() (full-batch L-BFGS), standardize = false.",
                "CD: Tribuo's ElasticNetCDTrainer(λ, l1Ratio 1, tolerance 1e-8, 100000",
                "iterations, no shuffling). λ = --lambda-fraction·λ_max; both minimize",
                "(1/2n)‖y − ȳ − (X − x̄)β‖² + λ‖β‖₁.",
                "Problems: the bundled diabetes data (442×10) and generated ones:",
                "AR(1)-correlated Gaussian features (ρ = 0.5, varied offsets and scales),",
                "10 true non-zeros, unit-variance noise.",
                "Timed: ours = building the problem + fit; CD = trainer.train(dataset)",
                "(includes Tribuo's conversion to its matrix). Each method gets --warmup",
                "untimed runs, then up to --reps timed runs (fewer once --budget seconds",
                "are spent); the table shows medians. The objective gap (ours − CD)/CD uses",
                "both objectives recomputed from the coefficients on the raw data.",
                "Further sections: path, epoch, memory and classification (binary lasso",
                "logistic, ours vs LIBLINEAR L1R_LR, C = 1/(nλ), on z-scored generated and",
                "breast cancer data; fit times, non-zeros and the objective gaps on both",
                "objectives, since LIBLINEAR penalizes its bias).",
                "Progress goes to stderr.",
                ""
        })
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", split = ",", paramLabel = "NxP|diabetes",
            defaultValue = "diabetes,442x10,200x1000,5000x500,500x5000",
            description = "Problems to run. Default: ${DEFAULT-VALUE}.")
    List<String> sizes;

    @Option(names = "--lambda-fraction", defaultValue = "0.1", paramLabel = "F", description = "λ / λ_max, in (0, 1]. Default: ${DEFAULT-VALUE}.")
    double fraction;

    @Option(names = "--reps", defaultValue = "5", paramLabel = "R", description = "Timed repetitions (median reported). Default: ${DEFAULT-VALUE}.")
    int reps;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "W", description = "Untimed warm-up runs per method and problem. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--warmup-seconds", defaultValue = "1", paramLabel = "SECONDS",
            description = "In the path and epoch sections, warm-up also continues until this much time is spent per method and "
                    + "problem. Default: ${DEFAULT-VALUE}.")
    double warmupSeconds;

    @Option(names = "--budget", defaultValue = "10", paramLabel = "SECONDS",
            description = "Stop repeating a method on a problem after this much timed work (at least one run). Default: ${DEFAULT-VALUE}.")
    double budget;

    @Option(names = "--sections", split = ",", defaultValue = "table,path,epoch,memory,classification",
            paramLabel = "table|path|epoch|memory|classification",
            description = "Which parts to run. Default: ${DEFAULT-VALUE}.")
    List<String> sections;

    @Option(names = "--path-sizes", split = ",", defaultValue = "diabetes,1000x100,200x1000", paramLabel = "NxP|diabetes",
            description = "Problems for the path section. Default: ${DEFAULT-VALUE}.")
    List<String> pathSizes;

    @Option(names = "--epoch-size", defaultValue = "20000x500", paramLabel = "NxP",
            description = "Problem for the SGD-epoch section (the CSR variant keeps 1%% of the entries, p×10 columns). Default: ${DEFAULT-VALUE}.")
    String epochSize;

    @Option(names = "--memory-size", defaultValue = "20000x500", paramLabel = "NxP", description = "Problem for the memory section. Default: ${DEFAULT-VALUE}.")
    String memorySize;

    @Option(names = "--class-sizes", split = ",", defaultValue = "800x400,breast_cancer", paramLabel = "NxP|breast_cancer",
            description = "Problems for the classification section (generated logistic data, or the bundled breast cancer data; z-scored). Default: ${DEFAULT-VALUE}.")
    List<String> classSizes;

    @Option(names = "--class-fractions", split = ",", defaultValue = "0.3,0.1,0.03", paramLabel = "F",
            description = "λ / λ_max values of the classification section. Default: ${DEFAULT-VALUE}.")
    List<Double> classFractions;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Seed of the generated data. Default: ${DEFAULT-VALUE}.")
    long seed;

    /** One problem's data. */
    private record Data(String label, double[][] x, double[] y) {}

    /** One method's timing and coefficients. */
    private record Timing(double median, int runs, double[] beta, String status) {}

    @Override
    public Integer call() {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new CliException("--lambda-fraction must be in (0, 1], got " + fraction);
        }
        if (reps < 1 || warmup < 0 || !(budget > 0) || !(warmupSeconds >= 0)) {
            throw new CliException("--reps must be >= 1, --warmup >= 0, --warmup-seconds >= 0 and --budget > 0");
        }
        for (String s : sections) {
            if (!List.of("table", "path", "epoch", "memory", "classification").contains(s.trim())) {
                throw new CliException("--sections: unknown section '" + s + "' (expected table, path, epoch, memory or classification)");
            }
        }
        for (double f : classFractions) {
            if (!(f > 0 && f <= 1)) {
                throw new CliException("--class-fractions must be in (0, 1], got " + f);
            }
        }
        List<Data> problems = new ArrayList<>();
        if (sections.contains("table")) {
            for (String s : sizes) {
                problems.add(data(s.trim()));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Logger tribuoLog = Logger.getLogger("org.tribuo");
        Level previous = tribuoLog.getLevel();
        tribuoLog.setLevel(Level.WARNING);
        List<String> rows = new ArrayList<>();
        try {
            for (Data d : problems) {
                rows.add(run(d, err));
            }
        } finally {
            tribuoLog.setLevel(previous);
        }
        if (sections.contains("table")) {
            out.printf(Locale.ROOT, "Lasso at λ = %s·λ_max, standardize = false; times are medians of the runs shown (JVM %s, %d cores).%n",
                    fraction, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            out.printf(Locale.ROOT, "%-10s %6s %6s %11s %11s %8s %7s %8s %8s  %s%n",
                    "problem", "n", "p", "ours [s]", "CD [s]", "ours/CD", "runs", "nnz ours", "nnz CD", "objective gap (ours−CD)/CD");
            for (String r : rows) {
                out.println(r);
            }
            out.flush();
        }
        tribuoLog.setLevel(Level.WARNING);
        try {
            BenchExtras extras = new BenchExtras(out, err, reps, warmup, warmupSeconds, seed);
            if (sections.contains("path")) {
                extras.paths(pathSizes, s -> {
                    Data d = data(s.trim());
                    return new double[][][]{d.x(), {d.y()}};
                });
            }
            if (sections.contains("epoch")) {
                int[] np = size(epochSize, "--epoch-size");
                extras.epochs(np[0], np[1], 0.01);
            }
            if (sections.contains("memory")) {
                int[] np = size(memorySize, "--memory-size");
                extras.memory(np[0], np[1]);
            }
            if (sections.contains("classification")) {
                new BenchClassification(out, err, reps, warmup, budget, seed).run(classSizes, classFractions);
            }
        } finally {
            tribuoLog.setLevel(previous);
        }
        out.flush();
        return 0;
    }

    private String run(Data d, PrintWriter err) {
        int n = d.x().length;
        int p = d.x()[0].length;
        progress(err, "%s (%d×%d): computing λ_max", d.label(), n, p);
        Problem reference = Problems.denseRegression(d.x(), d.y(), null, false);
        double lambda = fraction * HadamardEngine.lambdaMax(reference, Penalty.lasso());

        Timing ours = time("ours", d, err, () -> {
            Fit fit = HadamardEngine.fit(Problems.denseRegression(d.x(), d.y(), null, false), Penalty.lasso(), lambda,
                    HadamardEngine.defaultSolver());
            return new Object[]{fit.beta(), fit.certificate().converged() ? "" : "not converged"};
        });

        progress(err, "%s: building the Tribuo dataset", d.label());
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("bench " + d.label(), factory), factory);
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = String.format(Locale.ROOT, "x%06d", j);
        }
        for (int i = 0; i < n; i++) {
            ds.add(new ArrayExample<>(new Regressor("y", d.y()[i]), names, d.x()[i]));
        }
        int[] column = new int[p];
        for (int j = 0; j < p; j++) {
            column[ds.getFeatureIDMap().get(names[j]).getID()] = j;
        }
        Timing cd = time("CD", d, err, () -> {
            ElasticNetCDTrainer trainer = new ElasticNetCDTrainer(lambda, 1.0, 1e-8, 100_000, false, seed);
            SparseLinearModel model = (SparseLinearModel) trainer.train(ds);
            double[] w = new double[p];
            SparseVector sv = model.getWeights().get("y");
            for (VectorTuple t : sv) {
                if (t.index < p) {
                    w[column[t.index]] = t.value;
                }
            }
            return new Object[]{w, ""};
        });

        double objOurs = Objectives.lasso(d.x(), d.y(), ours.beta(), lambda);
        double objCd = Objectives.lasso(d.x(), d.y(), cd.beta(), lambda);
        String note = (ours.status() + " " + cd.status()).trim();
        return String.format(Locale.ROOT, "%-10s %6d %6d %11.5f %11.5f %8.3f %7s %8d %8d  %+.2e%s",
                d.label(), n, p, ours.median(), cd.median(), ours.median() / cd.median(), ours.runs() + "/" + cd.runs(),
                nonzero(ours.beta()), nonzero(cd.beta()), (objOurs - objCd) / Math.abs(objCd),
                note.isEmpty() ? "" : "  (" + note + ")");
    }

    private Timing time(String method, Data d, PrintWriter err, Supplier<Object[]> run) {
        BenchTimer.Result<Object[]> r = BenchTimer.time(warmup, reps, budget, true, new BenchTimer.Listener() {
            @Override
            public void warmup(int index) {
                progress(err, "%s: %s warm-up %d/%d", d.label(), method, index + 1, warmup);
            }

            @Override
            public void timed(int done, double seconds) {
                progress(err, "%s: %s run %d/%d: %.4f s", d.label(), method, done, reps, seconds);
            }
        }, run);
        return new Timing(r.median(), r.runs(), (double[]) r.last()[0], (String) r.last()[1]);
    }

    private static void progress(PrintWriter err, String format, Object... args) {
        err.printf(Locale.ROOT, "bench: " + format + "%n", args);
        err.flush();
    }

    private static int[] size(String spec, String option) {
        String[] parts = spec.toLowerCase(Locale.ROOT).split("[x×]");
        try {
            int n = Integer.parseInt(parts[0].trim());
            int p = Integer.parseInt(parts[1].trim());
            if (parts.length != 2 || n < 2 || p < 2 || (long) n * p > 50_000_000L) {
                throw new NumberFormatException();
            }
            return new int[]{n, p};
        } catch (RuntimeException e) {
            throw new CliException(option + ": expected NxP with n, p >= 2 and n·p <= 5e7, got '" + spec + "'");
        }
    }

    private Data data(String spec) {
        if (spec.equalsIgnoreCase("diabetes")) {
            Table.RegressionData d = CsvReader.readResource("/data/diabetes.csv").regression("progression");
            return new Data("diabetes", d.x(), d.y());
        }
        int[] np = BenchData.size(spec, "--sizes", "200x1000", "diabetes", 2);
        int n = np[0];
        int p = np[1];
        return generate(n, p, seed + 31L * n + p);
    }

    /**
     * AR(1)-correlated Gaussian features (ρ = 0.5) with column offsets and scales, 10 true non-zeros
     * of sizes 1–3 with alternating signs, and unit Gaussian noise.
     */
    static Data generate(int n, int p, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double rho = 0.5;
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            double prev = 0;
            for (int j = 0; j < p; j++) {
                double z = BenchData.gaussian(rng);
                double v = j == 0 ? z : rho * prev + Math.sqrt(1 - rho * rho) * z;
                x[i][j] = 1.0 + 0.1 * (j % 7) + (0.5 + (j % 3)) * v;
                prev = v;
            }
        }
        double[] truth = new double[p];
        for (int a = 0; a < Math.min(10, p); a++) {
            truth[(int) ((a * 7919L) % p)] = (a % 2 == 0 ? 1 : -1) * (1.0 + a % 3);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 3.0;
            for (int j = 0; j < p; j++) {
                s += x[i][j] * truth[j];
            }
            y[i] = s + BenchData.gaussian(rng);
        }
        return new Data(n + "x" + p, x, y);
    }

    private static int nonzero(double[] w) {
        int c = 0;
        for (double v : w) {
            if (v != 0) {
                c++;
            }
        }
        return c;
    }
}
