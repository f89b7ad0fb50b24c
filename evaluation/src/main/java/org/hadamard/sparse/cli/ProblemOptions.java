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

    /** The data, penalty and solver these options name, validated. */
    record Setup(Table.RegressionData data, Problem problem, Penalty penalty, String penaltyName, Solver solver) {}

    /**
     * Validates the options, reads the data and builds the problem, penalty and solver.
     * @return the set-up
     * @throws CliException on any bad input
     */
    Setup setup() {
        validatePenalty();
        Solver s = Solvers.create(solver, seed);
        Table.RegressionData d = CsvReader.read(data).regression(target);
        PenaltyChoice pc = penalty(d.features());
        Problem problem = Problems.denseRegression(d.x(), d.y(), null, standardize);
        return new Setup(d, problem, pc.penalty(), pc.name(), s);
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
