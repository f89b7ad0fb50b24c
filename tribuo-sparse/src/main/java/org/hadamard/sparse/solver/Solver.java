package org.hadamard.sparse.solver;

import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.Problem;

/**
 * Finds the minimizer of the base problem F(b + X̃β) + λ·R(β) through the surrogate of a
 * parametrization, from an optional warm start, and certifies it.
 */
public interface Solver {

    /**
     * @param problem the problem
     * @param param the parametrization (defines R and the surrogate)
     * @param lambda λ ≥ 0
     * @param warmBeta internal-scale start coefficients, or null for a cold start
     * @param warmIntercept internal-scale start intercepts, or null for the null model's
     * @return the certified fit
     */
    Fit solve(Problem problem, Parametrization param, double lambda, double[] warmBeta, double[] warmIntercept);
}
