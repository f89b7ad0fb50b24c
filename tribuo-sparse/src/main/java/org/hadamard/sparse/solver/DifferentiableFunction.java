package org.hadamard.sparse.solver;

/**
 * A smooth function of a vector, evaluated together with its gradient.
 */
@FunctionalInterface
public interface DifferentiableFunction {
    /**
     * @param x the point
     * @param grad receives ∇f(x)
     * @return f(x)
     */
    double valueAndGradient(double[] x, double[] grad);
}
