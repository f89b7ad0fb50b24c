package org.hadamard.sparse.cli;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.solver.Solver;

/**
 * The solvers the command line offers.
 */
public final class Solvers {

    /** The {@code --solver} choices. */
    public enum Kind {
        /** Full-batch L-BFGS with working sets ({@link HadamardEngine#defaultSolver()}). */
        lbfgs,
        /** Minibatch stochastic gradient descent. */
        sgd
    }

    private Solvers() {}

    /**
     * @param kind the choice
     * @param seed the seed (used by stochastic solvers only)
     * @return the solver
     */
    public static Solver create(Kind kind, long seed) {
        return switch (kind) {
            case lbfgs -> HadamardEngine.defaultSolver();
            case sgd -> stochastic(seed);
        };
    }

    private static Solver stochastic(long seed) {
        return org.hadamard.sparse.solver.StochasticSolver.defaults(seed);
    }
}
