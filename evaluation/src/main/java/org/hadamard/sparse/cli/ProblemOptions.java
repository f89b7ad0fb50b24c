package org.hadamard.sparse.cli;

import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Solver;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options {@code fit} and {@code path} share: the data, the penalty and the solver.
 */
public final class ProblemOptions {

    /** The {@code --penalty} choices. */
    public enum PenaltyKind {
        /** λ·Σ|β_j|. */
        lasso,
        /** λ·Σ_g √|g|·‖β_g‖₂^q. */
        group,
        /** λ·Σ|β_j|^q. */
        lq
    }

    /** The {@code --task} choices. */
    public enum Task {
        /** Squared error. */
        regression,
        /** Logistic (two classes) or multinomial (more). */
        classification
    }

    @Option(names = "--task", defaultValue = "regression", paramLabel = "regression|classification",
            description = "regression: squared error; classification: binary logistic (two classes; as in glmnet the "
                    + "positive class is the second in sorted order) or multinomial (more), with a text or numeric target. "
                    + "Default: ${DEFAULT-VALUE}.")
    Task task;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "CSV file with a header row; every column except the target is a feature. Values must be finite numbers.")
    Path data;

    @Option(names = "--target", required = true, paramLabel = "COLUMN", description = "Name of the response column.")
    String target;

    @Option(names = "--penalty", defaultValue = "lasso", paramLabel = "lasso|group|lq",
            description = "lasso: λΣ|β_j|; group: λΣ_g √|g|·‖β_g‖₂^q (needs --groups); lq: λΣ|β_j|^q. Default: ${DEFAULT-VALUE}.")
    PenaltyKind penalty;

    @Option(names = "--q", paramLabel = "Q",
            description = "Exponent q in (0, 1] for --penalty lq (default 0.5) or group (default 1: the group lasso). q < 1 is non-convex: the fit starts from the convex (q = 1) solution and reports no duality gap.")
    Double q;

    @Option(names = "--groups", paramLabel = "GROUPS.csv",
            description = "For --penalty group: CSV with header 'feature,group'; features not listed form singleton groups.")
    Path groups;

    @Option(names = "--standardize", arity = "1", defaultValue = "true", paramLabel = "true|false",
            description = "Penalize coefficients of features scaled to unit (1/n) standard deviation, as glmnet does; coefficients are always reported on the raw scale. Default: ${DEFAULT-VALUE}.")
    boolean standardize;

    @Option(names = "--solver", defaultValue = "lbfgs", paramLabel = "lbfgs|sgd",
            description = "lbfgs: full-batch L-BFGS with working sets and certificates; sgd: minibatch stochastic gradient (not available yet). Default: ${DEFAULT-VALUE}.")
    Solvers.Kind solver;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (stochastic solvers only; lbfgs is deterministic). Default: ${DEFAULT-VALUE}.")
    long seed;

    /**
     * The data, penalty and solver these options name, validated.
     * @param features the feature names
     * @param x the rows (raw)
     * @param classes for classification, the class of each coefficient row (binary: the positive class
     *                only; multinomial: every class); null for regression
     * @param levels for classification, all classes in sorted order; null for regression
     */
    record Setup(String[] features, double[][] x, String[] classes, String[] levels, Problem problem, Penalty penalty,
                 String penaltyName, Solver solver) {}

    /**
     * Validates the options, reads the data and builds the problem, penalty and solver.
     * @return the set-up
     * @throws CliException on any bad input
     */
    Setup setup() {
        validatePenalty();
        Solver s = Solvers.create(solver, seed);
        if (task == Task.regression) {
            Table.RegressionData d = CsvReader.read(data).regression(target);
            PenaltyChoice pc = penalty(d.features());
            Problem problem = Problems.denseRegression(d.x(), d.y(), null, standardize);
            return new Setup(d.features(), d.x(), null, null, problem, pc.penalty(), pc.name(), s);
        }
        Table.ClassificationData d = CsvReader.read(data, target).classification(target);
        PenaltyChoice pc = penalty(d.features());
        int[] all = new int[d.x().length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        Problem problem = org.hadamard.sparse.evaluation.CvTasks.classification(d.x(), d.label(), d.levels().length).problem(all, standardize);
        String[] classes = d.levels().length == 2 ? new String[]{d.levels()[1]} : d.levels();
        return new Setup(d.features(), d.x(), classes, d.levels(), problem, pc.penalty(), pc.name(), s);
    }

    /** A penalty and its display name. */
    record PenaltyChoice(Penalty penalty, String name) {}

    /** @return q as the options give it (1 for the lasso) */
    double effectiveQ() {
        return switch (penalty) {
            case lasso -> 1.0;
            case lq -> q == null ? 0.5 : q;
            default -> q == null ? 1.0 : q;
        };
    }

    /**
     * Checks the penalty options before any data is read.
     * @throws CliException on a bad combination
     */
    void validatePenalty() {
        if (penalty == PenaltyKind.lasso && q != null && q != 1.0) {
            throw new CliException("--q applies to --penalty lq or group, not lasso (the lasso is q = 1)");
        }
        double qq = effectiveQ();
        if (!(qq > 0 && qq <= 1)) {
            throw new CliException("--q must be in (0, 1], got " + q);
        }
        if (groups != null && penalty != PenaltyKind.group) {
            throw new CliException("--groups applies to --penalty group only");
        }
        if (penalty == PenaltyKind.group && groups == null) {
            throw new CliException("--penalty group needs --groups GROUPS.csv");
        }
    }

    /**
     * @param features the feature names (for the groups file)
     * @return the penalty the options name
     */
    PenaltyChoice penalty(String[] features) {
        double qq = effectiveQ();
        return switch (penalty) {
            case lasso -> new PenaltyChoice(Penalty.lasso(), "lasso");
            case lq -> new PenaltyChoice(Penalty.lq(qq), "lq(q=" + qq + ")");
            default -> new PenaltyChoice(Penalty.group(GroupsFile.read(groups, features, target), null, qq), "group(q=" + qq + ")");
        };
    }
}
