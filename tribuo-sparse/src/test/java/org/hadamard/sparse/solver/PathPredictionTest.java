package org.hadamard.sparse.solver;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.loss.LogisticLoss;
import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.testing.ReferenceObjectives;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The path machinery inside the full-batch solver: the tangent predictor of the solution path and the
 * quadratic (Gram) model of the squared-error loss.
 */
class PathPredictionTest {

    /**
     * For the squared-error lasso the solution is linear in λ while the support and signs do not change,
     * so the tangent at one λ predicts the next solution exactly: the warm-started solve must need no
     * inner step at all, and land on the cold fit.
     */
    @Test
    void tangentPredictsTheNextLassoSolutionExactly() {
        SyntheticData data = SyntheticData.regression(200, 20, 8, 0.5, 1.0, 7);
        Problem problem = Problems.denseRegression(data.x, data.y, null, false);
        double lmax = HadamardEngine.lambdaMax(problem, Penalty.lasso());
        Parametrization param = Penalty.lasso().parametrization(problem.features(), 1);
        FullBatchSolver solver = HadamardEngine.defaultSolver();
        Fit first = solver.solve(problem, param, 0.2 * lmax, null, null);
        // Warm-started solves keep the tangent (a cold one is not taken for a path step).
        Fit second = solver.solve(problem, param, 0.15 * lmax, first.internalBeta(), first.internalIntercept());
        double lambda = 0.1499 * lmax;
        Fit predicted = solver.solve(problem, param, lambda, second.internalBeta(), second.internalIntercept());
        Fit cold = HadamardEngine.defaultSolver().solve(problem, param, lambda, null, null);

        assertTrue(predicted.certificate().converged(), predicted.certificate().toString());
        assertEquals(0, predicted.certificate().iterations(), "the prediction should already be the solution");
        assertSameSupport(second.beta(), cold.beta());
        for (int j = 0; j < problem.features(); j++) {
            assertEquals(cold.beta()[j], predicted.beta()[j], 1e-9 * (1 + Math.abs(cold.beta()[j])), "coefficient " + j);
        }
        assertEquals(cold.certificate().objective(), predicted.certificate().objective(), 1e-12 * cold.certificate().objective());

        // Once more from there: the support is unchanged, so the tangent is reused rather than recomputed.
        double next = 0.1498 * lmax;
        Fit again = solver.solve(problem, param, next, predicted.internalBeta(), predicted.internalIntercept());
        Fit coldAgain = HadamardEngine.defaultSolver().solve(problem, param, next, null, null);
        assertEquals(0, again.certificate().iterations(), "the reused tangent should predict the solution");
        for (int j = 0; j < problem.features(); j++) {
            assertEquals(coldAgain.beta()[j], again.beta()[j], 1e-9 * (1 + Math.abs(coldAgain.beta()[j])), "coefficient " + j);
        }
    }

    /**
     * The tangent dβ/dλ of a non-quadratic problem (logistic group lasso) against central finite
     * differences of tightly solved fits.
     */
    @Test
    void tangentMatchesFiniteDifferencesForLogisticGroupLasso() {
        int n = 300;
        int p = 12;
        Random rng = new Random(3);
        double[] x = new double[n * p];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double eta = 0;
            for (int j = 0; j < p; j++) {
                x[i * p + j] = rng.nextGaussian();
                eta += (j < 4 ? 0.8 : 0.0) * x[i * p + j];
            }
            y[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        double[] omega = Problems.normalizedWeights(null, n);
        Problem problem = new Problem(new DenseDesign(n, p, x, omega, true), new LogisticLoss(y, omega));
        int[] groupOf = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
        Penalty penalty = Penalty.group(groupOf, null, 1.0);
        Parametrization param = penalty.parametrization(p, 1);
        double lambda = 0.3 * HadamardEngine.lambdaMax(problem, penalty);
        double h = 1e-4 * lambda;
        FullBatchSolver tight = new FullBatchSolver(1e-14, 1e-13, 100_000);
        Fit centre = tight.solve(problem, param, lambda, null, null);
        Fit up = tight.solve(problem, param, lambda + h, centre.internalBeta(), centre.internalIntercept());
        Fit down = tight.solve(problem, param, lambda - h, centre.internalBeta(), centre.internalIntercept());

        SurrogateObjective objective = new SurrogateObjective(problem, param);
        objective.setLambda(lambda);
        double[] beta = centre.internalBeta();
        int[] work = new int[param.blocks()];
        int count = 0;
        for (int b = 0; b < param.blocks(); b++) {
            param.balanced(beta, b, objective.xi());
            double norm = 0;
            for (int j : param.members(b)) {
                norm += beta[j] * beta[j];
            }
            if (norm > 0) {
                work[count++] = b;
            }
        }
        assertTrue(count > 0 && count < param.blocks(), "want a partly active fit, got " + count + " groups");
        objective.setActive(work, count);
        objective.intercepts()[0] = centre.internalIntercept()[0];
        double[] z = new double[objective.dimension()];
        objective.gather(z);
        objective.valueAndGradient(z, new double[z.length]);
        double[] tangent = new double[p];
        double[] interceptTangent = new double[1];
        NewtonMinimizer newton = new NewtonMinimizer();
        assertTrue(newton.applies(objective));
        assertTrue(newton.tangent(objective, z, tangent, interceptTangent));

        double scale = 0;
        for (int j = 0; j < p; j++) {
            scale = Math.max(scale, Math.abs(tangent[j]));
        }
        assertTrue(scale > 0, "the tangent should not vanish");
        for (int j = 0; j < p; j++) {
            double fd = (up.internalBeta()[j] - down.internalBeta()[j]) / (2 * h);
            assertEquals(fd, tangent[j], 1e-5 * scale, "dβ/dλ at " + j);
        }
        double fd0 = (up.internalIntercept()[0] - down.internalIntercept()[0]) / (2 * h);
        assertEquals(fd0, interceptTangent[0], 1e-5 * Math.max(scale, Math.abs(fd0)), "db/dλ");
    }

    /**
     * A p > n path deep enough for working sets of over a hundred coefficients, where Newton's systems
     * are solved by conjugate gradients preconditioned with lagged (bordered) factors: every λ matches
     * Tribuo's coordinate descent to 1e-8 relative objective and is certified.
     */
    @Test
    void deepPathMatchesCoordinateDescentAtEveryLambda() {
        SyntheticData data = SyntheticData.regression(120, 300, 10, 0.5, 1.0, 21);
        Problem problem = Problems.denseRegression(data.x, data.y, null, false);
        double lmax = HadamardEngine.lambdaMax(problem, Penalty.lasso());
        double[] grid = LambdaGrid.logSpaced(lmax, 30, 0.01);
        RegularizationPath path = HadamardEngine.path(problem, Penalty.lasso(), grid, false, HadamardEngine.defaultSolver());
        int largest = 0;
        for (int i = 1; i < path.size(); i++) {
            Fit fit = path.fit(i);
            double lambda = fit.lambda();
            assertTrue(fit.certificate().converged(), "λ #" + i + ": " + fit.certificate());
            SparseLinearModel cd = (SparseLinearModel) new ElasticNetCDTrainer(lambda, 1.0, 1e-12, 1_000_000, false, 1L).train(data.dataset());
            double[] w = new double[problem.features()];
            for (VectorTuple t : cd.getWeights().get("y")) {
                w[t.index] = t.value;
            }
            double theirs = ReferenceObjectives.lassoRaw(data.x, data.y, w, lambda);
            double ours = ReferenceObjectives.lassoRaw(data.x, data.y, fit.beta(), lambda);
            assertTrue(ours <= theirs * (1 + 1e-8), "λ #" + i + ": ours " + ours + " CD " + theirs);
            assertEquals(theirs, ours, 1e-8 * theirs, "λ #" + i);
            largest = Math.max(largest, fit.certificate().nonzero());
        }
        assertTrue(largest >= 60, "the path should reach large working sets, got " + largest);
    }

    /**
     * One solver, reused on problems of different sizes (its tangent, lagged factor and buffers belong
     * to the problem they came from): every fit equals a fresh solver's.
     */
    @Test
    void oneSolverServesDifferentProblems() {
        FullBatchSolver shared = HadamardEngine.defaultSolver();
        int[][] sizes = {{120, 300}, {80, 40}, {150, 300}, {60, 45}};
        for (int[] size : sizes) {
            SyntheticData data = SyntheticData.regression(size[0], size[1], 8, 0.5, 1.0, size[0] + size[1]);
            Problem problem = Problems.denseRegression(data.x, data.y, null, true);
            double lmax = HadamardEngine.lambdaMax(problem, Penalty.lasso());
            double[] grid = LambdaGrid.logSpaced(lmax, 15, 0.02);
            RegularizationPath reused = HadamardEngine.path(problem, Penalty.lasso(), grid, false, shared);
            RegularizationPath fresh = HadamardEngine.path(problem, Penalty.lasso(), grid, false, HadamardEngine.defaultSolver());
            for (int i = 0; i < grid.length; i++) {
                double a = reused.fit(i).certificate().objective();
                double b = fresh.fit(i).certificate().objective();
                assertTrue(reused.fit(i).certificate().converged(), reused.fit(i).certificate().toString());
                assertEquals(b, a, 1e-10 * b, size[0] + "x" + size[1] + " λ #" + i);
            }
        }
    }

    /** The Gram-based evaluation of the squared-error loss agrees with the data to rounding. */
    @Test
    void quadraticModelAgreesWithTheData() {
        SyntheticData data = SyntheticData.regression(150, 30, 6, 0.6, 1.0, 11);
        Problem problem = Problems.denseRegression(data.x, data.y, null, true);
        Parametrization param = Penalty.lasso().parametrization(problem.features(), 1);
        SurrogateObjective objective = new SurrogateObjective(problem, param);
        objective.setLambda(0.05);
        int[] work = {3, 7, 8, 20, 29};
        Random rng = new Random(5);
        for (int b : work) {
            param.balanced(new double[problem.features()], b, objective.xi());
        }
        objective.setActive(work, work.length);
        double[] z = new double[objective.dimension()];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        objective.scatter(z);
        objective.valueAndGradient(z, new double[z.length]);
        int[] cols = {3, 7, 8, 20, 29};
        double[] gram = new double[cols.length * cols.length];
        double[] colSum = new double[cols.length];
        problem.constantCurvatureGram().fill(cols, cols.length, gram, colSum);
        objective.useQuadraticModel(gram, colSum, 1.0, cols.length);
        double[] moved = z.clone();
        double[] modelGrad = new double[z.length];
        double[] dataGrad = new double[z.length];
        for (int trial = 0; trial < 5; trial++) {
            for (int i = 0; i < z.length; i++) {
                moved[i] = z[i] + 0.5 * rng.nextGaussian();
            }
            double model = objective.valueAndGradient(moved, modelGrad);
            objective.useData();
            double exact = objective.valueAndGradient(moved, dataGrad);
            assertEquals(exact, model, 1e-12 * Math.abs(exact));
            for (int i = 0; i < z.length; i++) {
                assertEquals(dataGrad[i], modelGrad[i], 1e-11 * (1 + Math.abs(dataGrad[i])), "gradient " + i);
            }
            objective.scatter(z);
            objective.valueAndGradient(z, dataGrad);
            objective.useQuadraticModel(gram, colSum, 1.0, cols.length);
        }
    }

    private static void assertSameSupport(double[] a, double[] b) {
        for (int j = 0; j < a.length; j++) {
            assertEquals(a[j] != 0, b[j] != 0, "support differs at " + j);
        }
    }
}
