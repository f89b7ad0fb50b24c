package org.hadamard.sparse.certificate;

import java.io.Serializable;

/**
 * What a fit can prove about itself on the base (non-smooth) problem, computed from β alone and
 * independently of how β was found:
 * <ul>
 *   <li>{@code objective}: F(b + X̃β) + λ·Σ_b R_b(β_b) on the internal (standardized) scale;</li>
 *   <li>{@code kktViolation}: the largest distance of −∇_βF from λ·∂R over all blocks (0 at an exact
 *       stationary point; for q &lt; 1 zero blocks always satisfy it);</li>
 *   <li>{@code dualityGap}: P(β) − D(θ) for a feasible dual point θ, an upper bound on the
 *       suboptimality (NaN when the problem is non-convex);</li>
 *   <li>{@code iterations}, {@code converged}, {@code nonzero}.</li>
 * </ul>
 *
 * @param objective the base objective
 * @param loss the data-fit part F
 * @param penalty the penalty part λ·R(β)
 * @param kktViolation the max KKT violation
 * @param dualityGap the duality gap, or NaN if not available
 * @param iterations solver iterations (L-BFGS steps or SGD epochs)
 * @param converged whether the solver's stopping rule was met
 * @param nonzero number of non-zero coefficients
 */
public record Certificate(double objective, double loss, double penalty, double kktViolation, double dualityGap,
                          int iterations, boolean converged, int nonzero) implements Serializable {

    /**
     * @return the duality gap relative to the objective (NaN if no gap)
     */
    public double relativeGap() {
        return dualityGap / Math.max(Math.abs(objective), Double.MIN_NORMAL);
    }

    /**
     * @param newIterations iterations to report
     * @param newConverged convergence flag to report
     * @return a copy with the solver's bookkeeping set
     */
    public Certificate withSolverState(int newIterations, boolean newConverged) {
        return new Certificate(objective, loss, penalty, kktViolation, dualityGap, newIterations, newConverged, nonzero);
    }
}
