package org.hadamard.sparse.path;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.testing.ReferenceObjectives;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The warm-started path against coordinate descent at every λ, with the KKT conditions recomputed
 * here from the returned raw-scale coefficients (standardized problem: penalty on s_j·|β_j|).
 */
class RegularizationPathTest {

    @Test
    void pathMatchesCoordinateDescentAtEveryLambda() {
        SyntheticData data = SyntheticData.regression(120, 40, 6, 0.6, 1.0, 5);
        Problem problem = Problems.denseRegression(data.x, data.y, null, false);
        RegularizationPath path = HadamardEngine.path(problem, Penalty.lasso(), 25, 1e-3, HadamardEngine.defaultSolver());
        assertTrue(path.size() >= 10, "path stopped after " + path.size());
        for (int i = 1; i < path.size(); i++) {
            assertTrue(path.lambdas()[i] < path.lambdas()[i - 1]);
        }
        assertEquals(0, path.fit(0).nonzero(), "the first λ is λ_max: intercept only");
        var ds = data.dataset();
        for (int i = 0; i < path.size(); i += 3) {
            double lambda = path.lambdas()[i];
            SparseLinearModel cd = (SparseLinearModel) new ElasticNetCDTrainer(lambda, 1.0, 1e-12, 100000, false, 1L).train(ds);
            double[] w = new double[40];
            for (VectorTuple t : cd.getWeights().get("y")) {
                w[t.index] = t.value;
            }
            double ours = ReferenceObjectives.lassoRaw(data.x, data.y, path.fit(i).beta(), lambda);
            double ref = ReferenceObjectives.lassoRaw(data.x, data.y, w, lambda);
            assertEquals(ref, ours, 1e-8 * ref, "λ index " + i);
        }
    }

    @Test
    void standardizedKktHoldsAlongThePath() {
        SyntheticData data = SyntheticData.regression(80, 150, 5, 0.7, 0.5, 6);
        Problem problem = Problems.denseRegression(data.x, data.y, null, true);
        RegularizationPath path = HadamardEngine.path(problem, Penalty.lasso(), 20, Double.NaN, HadamardEngine.defaultSolver());
        int n = data.x.length;
        int p = data.x[0].length;
        double[] mean = new double[p];
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            for (double[] row : data.x) {
                mean[j] += row[j] / n;
            }
            for (double[] row : data.x) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        for (int i = 0; i < path.size(); i++) {
            Fit fit = path.fit(i);
            double lambda = fit.lambda();
            double[] beta = fit.beta();
            double b0 = fit.intercept()[0];
            double[] r = new double[n];
            double meanR = 0;
            for (int s = 0; s < n; s++) {
                double pred = b0;
                for (int j = 0; j < p; j++) {
                    pred += data.x[s][j] * beta[j];
                }
                r[s] = data.y[s] - pred;
                meanR += r[s] / n;
            }
            assertEquals(0.0, meanR, 1e-9, "intercept stationarity");
            for (int j = 0; j < p; j++) {
                // On the standardized scale: g̃_j = −(1/n)Σ x̃_ij r_i with x̃ = (x − m)/s.
                double g = 0;
                for (int s = 0; s < n; s++) {
                    g -= (data.x[s][j] - mean[j]) / sd[j] * r[s] / n;
                }
                if (beta[j] == 0) {
                    assertTrue(Math.abs(g) <= lambda * (1 + 1e-7), "λ#" + i + " zero coefficient " + j + " violates KKT: |g|=" + Math.abs(g) + " λ=" + lambda);
                } else {
                    assertEquals(-lambda * Math.signum(beta[j]), g, 1e-7 * lambda, "λ#" + i + " stationarity of " + j);
                }
            }
            assertTrue(fit.certificate().converged());
            assertTrue(fit.certificate().dualityGap() <= 1e-8 * fit.certificate().objective(), fit.certificate().toString());
        }
    }

    @Test
    void lqPathStartsEachLambdaFromTheLasso() {
        SyntheticData data = SyntheticData.regression(100, 30, 4, 0.3, 0.5, 7);
        Problem problem = Problems.denseRegression(data.x, data.y, null, true);
        double[] lambdas = {0.5, 0.2, 0.1, 0.05};
        RegularizationPath lasso = HadamardEngine.path(problem, Penalty.lasso(), lambdas, false, HadamardEngine.defaultSolver());
        RegularizationPath lq = HadamardEngine.path(problem, Penalty.lq(0.5), lambdas, false, HadamardEngine.defaultSolver());
        for (int i = 0; i < lambdas.length; i++) {
            // A local minimum reached by descent from the lasso solution: no new coefficient enters.
            for (int j = 0; j < 30; j++) {
                if (lasso.fit(i).beta()[j] == 0) {
                    assertEquals(0.0, lq.fit(i).beta()[j], 0.0);
                }
            }
            assertTrue(lq.fit(i).nonzero() <= lasso.fit(i).nonzero());
            assertTrue(lq.fit(i).certificate().kktViolation() < 1e-7, lq.fit(i).certificate().toString());
        }
    }

    @Test
    void gridValidation() {
        assertThrows(IllegalArgumentException.class, () -> LambdaGrid.logSpaced(1.0, 0, 0.01));
        assertThrows(IllegalArgumentException.class, () -> LambdaGrid.logSpaced(1.0, 10, 1.5));
        assertThrows(IllegalArgumentException.class, () -> LambdaGrid.userList(new double[]{0.1, -1}));
        assertThrows(IllegalArgumentException.class, () -> LambdaGrid.userList(new double[0]));
        double[] grid = LambdaGrid.logSpaced(2.0, 100, 1e-4);
        assertEquals(2.0, grid[0], 0);
        assertEquals(2e-4, grid[99], 1e-15);
        assertEquals(1e-4, LambdaGrid.defaultMinRatio(100, 10));
        assertEquals(1e-2, LambdaGrid.defaultMinRatio(10, 100));
    }
}
