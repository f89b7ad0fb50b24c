package org.hadamard.sparse;

import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine's bad-input catalogue: every case fails before any solver runs, with a message naming
 * the problem.
 */
class BadInputTest {

    private static final double[][] X = {{1, 2}, {2, 1}, {3, 5}, {4, 3}};
    private static final double[] Y = {1, 2, 3, 4};

    private static void fails(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention '" + fragment + "'");
    }

    @Test
    void catalogue() {
        fails("value NaN for feature 1", () -> Problems.denseRegression(new double[][]{{1, 2}, {2, Double.NaN}}, new double[]{1, 2}, null, true));
        fails("Infinity", () -> Problems.denseRegression(new double[][]{{1, Double.POSITIVE_INFINITY}}, new double[]{1}, null, true));
        fails("response NaN", () -> Problems.denseRegression(X, new double[]{1, Double.NaN, 3, 4}, null, true));
        fails("no examples", () -> Problems.denseRegression(new double[0][], new double[0], null, true));
        fails("weight -1.0", () -> Problems.denseRegression(X, Y, new double[]{1, -1, 1, 1}, true));
        fails("All example weights are zero", () -> Problems.denseRegression(X, Y, new double[]{0, 0, 0, 0}, true));
        fails("3 responses for 4 examples", () -> Problems.denseRegression(X, new double[]{1, 2, 3}, null, true));
        Problem problem = Problems.denseRegression(X, Y, null, true);
        fails("lambda must be finite and >= 0, got -0.1", () -> HadamardEngine.fit(problem, Penalty.lasso(), -0.1, HadamardEngine.defaultSolver()));
        fails("lambda must be finite and >= 0, got NaN", () -> HadamardEngine.fit(problem, Penalty.lasso(), Double.NaN, HadamardEngine.defaultSolver()));
        fails("q must be in (0, 1], got 1.5", () -> Penalty.lq(1.5));
        fails("q must be in (0, 1], got 0.0", () -> Penalty.lq(0.0));
        fails("depth must be >= 2", () -> Penalty.depth(1));
        fails("Penalty factor of feature 1", () -> Penalty.lasso().withPenaltyFactors(new double[]{1, -2}));
        fails("3 penalty factors for 2 features", () -> HadamardEngine.fit(problem, Penalty.lasso().withPenaltyFactors(new double[]{1, 1, 1}), 0.1, HadamardEngine.defaultSolver()));
        fails("groups for 3 features, expected 2", () -> HadamardEngine.fit(problem, Penalty.group(new int[]{0, 0, 1}, null, 1.0), 0.1, HadamardEngine.defaultSolver()));
        fails("Group index must be >= -1", () -> HadamardEngine.fit(problem, Penalty.group(new int[]{0, -3}, null, 1.0), 0.1, HadamardEngine.defaultSolver()));
    }

    @Test
    void constantResponseGivesTheInterceptOnlyModel() {
        Problem problem = Problems.denseRegression(X, new double[]{2, 2, 2, 2}, null, true);
        assertEquals(0.0, HadamardEngine.lambdaMax(problem, Penalty.lasso()), 0.0);
        var fit = HadamardEngine.fit(problem, Penalty.lasso(), 0.0, HadamardEngine.defaultSolver());
        assertEquals(2.0, fit.intercept()[0], 1e-15);
        assertEquals(0, fit.nonzero());
        assertEquals(1, HadamardEngine.path(problem, Penalty.lasso(), 100, Double.NaN, HadamardEngine.defaultSolver()).size());
    }

    @Test
    void lambdaZeroIsOrdinaryLeastSquaresAndCertified() {
        double[][] x = {{1, 2}, {2, 1}, {3, 5}, {4, 3}, {5, 4}, {6, 1}};
        double[] y = {1.5, 2.1, 3.9, 4.2, 5.8, 5.1};
        var fit = HadamardEngine.fit(Problems.denseRegression(x, y, null, false), Penalty.lasso(), 0.0, HadamardEngine.defaultSolver());
        // Normal equations on centred data, solved here by Cramer's rule.
        double mx1 = 3.5;
        double mx2 = 16.0 / 6;
        double my = 0;
        for (double v : y) {
            my += v / 6;
        }
        double s11 = 0;
        double s12 = 0;
        double s22 = 0;
        double s1y = 0;
        double s2y = 0;
        for (int i = 0; i < 6; i++) {
            double a = x[i][0] - mx1;
            double b = x[i][1] - mx2;
            s11 += a * a;
            s12 += a * b;
            s22 += b * b;
            s1y += a * (y[i] - my);
            s2y += b * (y[i] - my);
        }
        double det = s11 * s22 - s12 * s12;
        assertEquals((s22 * s1y - s12 * s2y) / det, fit.beta()[0], 1e-9);
        assertEquals((s11 * s2y - s12 * s1y) / det, fit.beta()[1], 1e-9);
        assertTrue(fit.certificate().converged(), fit.certificate().toString());
        assertTrue(fit.certificate().dualityGap() <= 1e-9 * fit.certificate().objective(), fit.certificate().toString());
    }

    @Test
    void constantFeatureStaysZeroAndNeverNaN() {
        double[][] x = {{1, 7}, {2, 7}, {3, 7}, {4, 7}};
        Problem problem = Problems.denseRegression(x, Y, null, true);
        var fit = HadamardEngine.fit(problem, Penalty.lasso(), 0.01, HadamardEngine.defaultSolver());
        assertEquals(0.0, fit.beta()[1], 0.0);
        for (double b : fit.beta()) {
            assertTrue(Double.isFinite(b));
        }
        assertTrue(fit.certificate().converged());
    }
}
