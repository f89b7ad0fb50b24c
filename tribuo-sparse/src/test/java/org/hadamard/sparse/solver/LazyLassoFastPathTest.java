package org.hadamard.sparse.solver;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.HadamardProductParametrization;
import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.tribuo.math.optimisers.AdaGrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SGD's lazy AdaGrad path has a written-out update for the lasso (one output, depth-2 product). It
 * must be the generic per-block update bit for bit: the same parametrization hidden behind a
 * delegating wrapper takes the generic path, and both fits must agree in every bit, with an
 * unpenalized coefficient and a constant column in the mix.
 */
class LazyLassoFastPathTest {

    @Test
    void writtenOutLassoUpdateIsTheGenericOneBitForBit() {
        SyntheticData data = SyntheticData.regression(400, 30, 5, 0.3, 1.0, 21);
        for (double[] row : data.x) {
            row[7] = 2.5; // a constant column: its coefficient must stay exactly zero
        }
        Problem problem = data.sparseRegression(null, true, (i, j) -> (3 * i + j) % 4 != 0);
        double[] factors = new double[30];
        java.util.Arrays.fill(factors, 1.0);
        factors[3] = 0.0; // unpenalized: a single plain slot
        factors[11] = 2.5;
        HadamardProductParametrization lasso = new HadamardProductParametrization(2, factors);
        Parametrization hidden = new Delegating(lasso);
        double lambda = 0.05 * HadamardEngine.lambdaMax(problem, Penalty.lasso());
        StochasticSolver sgd = new StochasticSolver(new AdaGrad(0.1, 1e-6), 25, 16, 0.0, 4);
        Fit fast = sgd.solve(problem, lasso, lambda, null, null);
        Fit generic = sgd.solve(problem, hidden, lambda, null, null);
        double[] a = fast.internalBeta();
        double[] b = generic.internalBeta();
        for (int j = 0; j < a.length; j++) {
            assertEquals(Double.doubleToRawLongBits(b[j]), Double.doubleToRawLongBits(a[j]), "coefficient " + j);
        }
        assertEquals(Double.doubleToRawLongBits(generic.internalIntercept()[0]), Double.doubleToRawLongBits(fast.internalIntercept()[0]));
        assertEquals(0.0, a[7]);
        assertTrue(a[3] != 0.0, "the unpenalized coefficient is fitted");
        // A warm start (the lazy path with small random factors on the zeros) agrees too.
        Fit fastWarm = sgd.solve(problem, lasso, 0.5 * lambda, a, fast.internalIntercept());
        Fit genericWarm = sgd.solve(problem, hidden, 0.5 * lambda, a, fast.internalIntercept());
        assertEquals(Double.doubleToRawLongBits(genericWarm.certificate().objective()), Double.doubleToRawLongBits(fastWarm.certificate().objective()));
    }

    /** The same parametrization under another type, so that the solver cannot recognize the lasso. */
    private static final class Delegating implements Parametrization {
        private final Parametrization inner;

        Delegating(Parametrization inner) {
            this.inner = inner;
        }

        @Override public int coefficients() { return inner.coefficients(); }
        @Override public int blocks() { return inner.blocks(); }
        @Override public int size() { return inner.size(); }
        @Override public int offset(int b) { return inner.offset(b); }
        @Override public int width(int b) { return inner.width(b); }
        @Override public int[] members(int b) { return inner.members(b); }
        @Override public double weight(int b) { return inner.weight(b); }
        @Override public boolean penalized(int b) { return inner.penalized(b); }
        @Override public double q() { return inner.q(); }
        @Override public boolean convex() { return inner.convex(); }
        @Override public void beta(double[] xi, int b, double[] beta) { inner.beta(xi, b, beta); }
        @Override public double gradient(double[] xi, int b, double[] gBeta, double lambda, double[] gXi) {
            return inner.gradient(xi, b, gBeta, lambda, gXi);
        }
        @Override public void diagonalCurvature(double[] xi, int b, double[] curvature, double lambda, double[] out) {
            inner.diagonalCurvature(xi, b, curvature, lambda, out);
        }
        @Override public void jacobian(double[] xi, int b, double[] jac) { inner.jacobian(xi, b, jac); }
        @Override public void secondOrderTerm(double[] xi, int b, double[] gBeta, double lambda, double[] hess) {
            inner.secondOrderTerm(xi, b, gBeta, lambda, hess);
        }
        @Override public double surrogatePenalty(double[] xi, int b) { return inner.surrogatePenalty(xi, b); }
        @Override public void balanced(double[] beta, int b, double[] xi) { inner.balanced(beta, b, xi); }
        @Override public double basePenalty(double[] beta, int b) { return inner.basePenalty(beta, b); }
        @Override public double kktViolation(double[] beta, double[] gBeta, int b, double lambda) {
            return inner.kktViolation(beta, gBeta, b, lambda);
        }
        @Override public double dualRatio(double[] gBeta, int b) { return inner.dualRatio(gBeta, b); }
        @Override public String describe() { return inner.describe(); }
    }
}
