package org.hadamard.sparse.solver;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.certificate.Certifier;
import org.hadamard.sparse.optim.Adam;
import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.math.optimisers.AdaGrad;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stochastic solver against the full-batch solver on generated lasso problems (n &gt; p and p &gt; n),
 * its determinism, its certificate, and its full-batch polish.
 */
class StochasticSolverTest {

    private static Problem problem(int n, int p, long seed) {
        SyntheticData data = SyntheticData.regression(n, p, 8, 0.5, 1.0, seed);
        return Problems.denseRegression(data.x, data.y, null, true);
    }

    private static double lambda(Problem problem, double fraction) {
        return fraction * HadamardEngine.lambdaMax(problem, Penalty.lasso());
    }

    private static StochasticSolver adam(long seed) {
        return new StochasticSolver(new Adam(0.01), StochasticSolver.DEFAULT_EPOCHS, 64, StochasticSolver.DEFAULT_TOLERANCE, seed);
    }

    private static void assertClose(Fit reference, Fit sgd, double relative) {
        double ref = reference.certificate().objective();
        double got = sgd.certificate().objective();
        assertTrue(got >= ref * (1 - 1e-9), "SGD below the certified optimum: " + got + " < " + ref);
        assertTrue((got - ref) / ref <= relative, "relative objective gap " + (got - ref) / ref + " > " + relative + ": " + sgd.certificate());
        assertTrue(sgd.certificate().converged(), "stopping rule not met: " + sgd.certificate());
        assertTrue(sgd.certificate().iterations() < StochasticSolver.DEFAULT_EPOCHS);
    }

    private static void assertSameSupport(Fit expected, Fit actual) {
        double[] e = expected.beta();
        double[] a = actual.beta();
        for (int j = 0; j < e.length; j++) {
            assertEquals(e[j] != 0, a[j] != 0, "support differs at " + j + ": " + e[j] + " vs " + a[j]);
        }
    }

    @ParameterizedTest(name = "n={0} p={1} lambdaFraction={2}")
    @CsvSource({
            "500, 50, 0.1",
            "500, 50, 0.03",
            "2000, 200, 0.05",
            "100, 300, 0.1",
            "200, 1000, 0.1",
    })
    void adaGradDefaultsReachTheFullBatchObjective(int n, int p, double fraction) {
        Problem problem = problem(n, p, 11 + n + p);
        double lambda = lambda(problem, fraction);
        Fit full = HadamardEngine.fit(problem, Penalty.lasso(), lambda, HadamardEngine.defaultSolver());
        Fit sgd = HadamardEngine.fit(problem, Penalty.lasso(), lambda, StochasticSolver.defaults(3));
        assertClose(full, sgd, 1e-3);
        // The zeroing test gives exact zeros: the support is no larger than a small multiple of the truth.
        assertTrue(sgd.nonzero() < p / 2, "too dense: " + sgd.nonzero());
    }

    @ParameterizedTest(name = "n={0} p={1} lambdaFraction={2}")
    @CsvSource({
            "500, 50, 0.1",
            "100, 300, 0.1",
    })
    void adamReachesTheFullBatchObjective(int n, int p, double fraction) {
        Problem problem = problem(n, p, 11 + n + p);
        double lambda = lambda(problem, fraction);
        Fit full = HadamardEngine.fit(problem, Penalty.lasso(), lambda, HadamardEngine.defaultSolver());
        Fit sgd = HadamardEngine.fit(problem, Penalty.lasso(), lambda, adam(5));
        assertClose(full, sgd, 1e-3);
    }

    @ParameterizedTest(name = "n={0} p={1} lambdaFraction={2} adam={3}")
    @CsvSource({
            "500, 50, 0.1, false",
            "100, 300, 0.1, false",
            "500, 50, 0.03, true",
            "100, 300, 0.1, true",
    })
    void polishCertifiesTheFullBatchSolution(int n, int p, double fraction, boolean useAdam) {
        Problem problem = problem(n, p, 11 + n + p);
        double lambda = lambda(problem, fraction);
        Fit full = HadamardEngine.fit(problem, Penalty.lasso(), lambda, HadamardEngine.defaultSolver());
        StochasticSolver solver = (useAdam ? adam(9) : StochasticSolver.defaults(9)).withPolish(true);
        Fit polished = HadamardEngine.fit(problem, Penalty.lasso(), lambda, solver);
        assertTrue(polished.certificate().converged(), polished.certificate().toString());
        assertEquals(full.certificate().objective(), polished.certificate().objective(), 1e-8 * full.certificate().objective());
        assertSameSupport(full, polished);
    }

    @Test
    void sameSeedIsBitIdenticalAndOtherSeedsDiffer() {
        Problem problem = problem(300, 40, 5);
        double lambda = lambda(problem, 0.05);
        Fit a = HadamardEngine.fit(problem, Penalty.lasso(), lambda, StochasticSolver.defaults(17));
        Fit b = HadamardEngine.fit(problem, Penalty.lasso(), lambda, StochasticSolver.defaults(17));
        Fit c = HadamardEngine.fit(problem, Penalty.lasso(), lambda, StochasticSolver.defaults(18));
        assertArrayEquals(a.internalBeta(), b.internalBeta(), 0.0);
        assertArrayEquals(a.internalIntercept(), b.internalIntercept(), 0.0);
        assertArrayEquals(a.beta(), b.beta(), 0.0);
        assertEquals(a.certificate(), b.certificate());
        assertFalse(Arrays.equals(a.internalBeta(), c.internalBeta()), "different seeds gave identical fits");
        // Bit-identical also for a solver instance reused across solves.
        StochasticSolver reused = adam(4);
        Fit d = HadamardEngine.fit(problem, Penalty.lasso(), lambda, reused);
        Fit e = HadamardEngine.fit(problem, Penalty.lasso(), lambda, reused);
        assertArrayEquals(d.internalBeta(), e.internalBeta(), 0.0);
    }

    @Test
    void certificateMatchesAnIndependentRecomputation() {
        Problem problem = problem(400, 60, 8);
        double lambda = lambda(problem, 0.05);
        Parametrization param = Penalty.lasso().parametrization(problem.features(), problem.outputs());
        Fit sgd = StochasticSolver.defaults(1).solve(problem, param, lambda, null, null);
        Certificate reported = sgd.certificate();
        Certificate again = new Certifier(problem, param).certify(sgd.internalBeta(), sgd.internalIntercept(), lambda);
        assertEquals(again.objective(), reported.objective(), 0.0);
        assertEquals(again.loss(), reported.loss(), 0.0);
        assertEquals(again.penalty(), reported.penalty(), 0.0);
        assertEquals(again.kktViolation(), reported.kktViolation(), 0.0);
        assertEquals(again.dualityGap(), reported.dualityGap(), 0.0);
        assertEquals(again.nonzero(), reported.nonzero());
        assertEquals(sgd.nonzero(), reported.nonzero());
        // The objective on the raw scale, computed from scratch from the returned raw coefficients.
        double[] beta = sgd.beta();
        double[] b0 = sgd.intercept();
        double[] scales = problem.design().scales();
        SyntheticData data = SyntheticData.regression(400, 60, 8, 0.5, 1.0, 8);
        double loss = 0;
        for (int i = 0; i < data.x.length; i++) {
            double r = data.y[i] - b0[0];
            for (int j = 0; j < beta.length; j++) {
                r -= data.x[i][j] * beta[j];
            }
            loss += r * r;
        }
        loss /= 2.0 * data.x.length;
        double penalty = 0;
        for (int j = 0; j < beta.length; j++) {
            penalty += Math.abs(beta[j] * scales[j]);
        }
        double objective = loss + lambda * penalty;
        assertEquals(objective, reported.objective(), 1e-10 * objective);
        // The duality gap bounds the distance to the full-batch optimum.
        Fit full = HadamardEngine.defaultSolver().solve(problem, param, lambda, null, null);
        assertTrue(reported.objective() - full.certificate().objective() <= reported.dualityGap() * (1 + 1e-9) + 1e-12);
    }

    @Test
    void warmStartFromTheOptimumStaysThere() {
        Problem problem = problem(300, 30, 21);
        double lambda = lambda(problem, 0.1);
        Parametrization param = Penalty.lasso().parametrization(problem.features(), problem.outputs());
        Fit full = HadamardEngine.defaultSolver().solve(problem, param, lambda, null, null);
        StochasticSolver solver = new StochasticSolver(new AdaGrad(0.01, 1e-6), 200, 32, 1e-6, 2);
        Fit sgd = solver.solve(problem, param, lambda, full.internalBeta(), full.internalIntercept());
        double ref = full.certificate().objective();
        assertTrue((sgd.certificate().objective() - ref) / ref < 1e-4, sgd.certificate().toString());
        assertSameSupport(full, sgd);
    }

    @Test
    void groupLassoAndLqThroughTheEngine() {
        Problem problem = problem(500, 60, 3);
        int[] groups = new int[60];
        for (int j = 0; j < 60; j++) {
            groups[j] = j / 3;
        }
        Penalty group = Penalty.group(groups, null, 1.0);
        double lambda = 0.1 * HadamardEngine.lambdaMax(problem, group);
        Fit full = HadamardEngine.fit(problem, group, lambda, HadamardEngine.defaultSolver());
        assertClose(full, HadamardEngine.fit(problem, group, lambda, StochasticSolver.defaults(2)), 1e-3);
        Fit polished = HadamardEngine.fit(problem, group, lambda, StochasticSolver.defaults(2).withPolish(true));
        assertEquals(full.certificate().objective(), polished.certificate().objective(), 1e-8 * full.certificate().objective());
        assertSameSupport(full, polished);

        // Lq (q = 1/2) is non-convex: the engine starts from the lasso, then descends; SGD lands close.
        Penalty lq = Penalty.lq(0.5);
        double lambdaQ = 0.1 * HadamardEngine.lambdaMax(problem, lq);
        Fit fullQ = HadamardEngine.fit(problem, lq, lambdaQ, HadamardEngine.defaultSolver());
        Fit sgdQ = HadamardEngine.fit(problem, lq, lambdaQ, StochasticSolver.defaults(2));
        assertTrue(Double.isNaN(sgdQ.certificate().dualityGap()));
        assertTrue(Math.abs(sgdQ.certificate().objective() - fullQ.certificate().objective()) <= 1e-3 * fullQ.certificate().objective(),
                sgdQ.certificate() + " vs " + fullQ.certificate());
    }

    @Test
    void sparseDesignMatchesDense() {
        SyntheticData data = SyntheticData.regression(300, 40, 6, 0.3, 1.0, 12);
        // Zero out about half of the entries so that the CSR rows really are sparse.
        Problem sparse = data.sparseRegression(null, true, (i, j) -> (i + 3 * j) % 2 != 0);
        Problem dense = Problems.denseRegression(data.x, data.y, null, true);
        double lambda = lambda(dense, 0.05);
        Fit a = HadamardEngine.fit(dense, Penalty.lasso(), lambda, StochasticSolver.defaults(6));
        Fit b = HadamardEngine.fit(sparse, Penalty.lasso(), lambda, StochasticSolver.defaults(6));
        assertEquals(a.certificate().objective(), b.certificate().objective(), 1e-9 * a.certificate().objective());
        assertArrayEquals(a.beta(), b.beta(), 1e-6);
    }

    /**
     * The stopping rule's objective for an epoch is computed during the next epoch's batches (the
     * rows are read anyway): it must be the full-data objective of that epoch's end state, which the
     * certifier recomputes in a pass of its own; every epoch from the start to the last is evaluated.
     */
    @Test
    void epochObjectivesAreTheFullDataObjectives() {
        SyntheticData data = SyntheticData.regression(300, 25, 5, 0.4, 1.0, 8);
        Problem dense = Problems.denseRegression(data.x, data.y, null, true);
        Problem sparse = data.sparseRegression(null, true, (i, j) -> (2 * i + j) % 3 != 0);
        int[] groups = new int[25];
        for (int j = 0; j < 25; j++) {
            groups[j] = j / 5;
        }
        Object[][] cases = {
            {dense, Penalty.lasso(), new StochasticSolver(new AdaGrad(0.1, 1e-6), 7, 32, 0.0, 3)},
            {sparse, Penalty.lasso(), new StochasticSolver(new AdaGrad(0.1, 1e-6), 7, 32, 0.0, 3)},
            {dense, Penalty.group(groups, null, 1.0), new StochasticSolver(new Adam(0.01), 6, 20, 0.0, 4)},
            {sparse, Penalty.lq(0.5), new StochasticSolver(new AdaGrad(0.1, 1e-6), 5, 50, 0.0, 5)},
        };
        for (Object[] c : cases) {
            Problem problem = (Problem) c[0];
            Penalty penalty = (Penalty) c[1];
            StochasticSolver base = (StochasticSolver) c[2];
            Parametrization param = penalty.parametrization(problem.features(), problem.outputs());
            double lambda = 0.1 * HadamardEngine.lambdaMax(problem, penalty);
            Certifier certifier = new Certifier(problem, param);
            java.util.List<Integer> seen = new java.util.ArrayList<>();
            StochasticSolver sgd = base.withEpochObserver((e, objective, beta, b0) -> {
                seen.add(e);
                double reference = certifier.certify(beta, b0, lambda).objective();
                assertEquals(reference, objective, 1e-12 * Math.abs(reference), penalty + ", epoch " + e);
            });
            Fit fit = sgd.solve(problem, param, lambda, null, null);
            assertEquals(base.epochs(), fit.certificate().iterations());
            java.util.List<Integer> all = new java.util.ArrayList<>();
            for (int e = 0; e <= base.epochs(); e++) {
                all.add(e);
            }
            assertEquals(all, seen, penalty.toString());
        }
    }

    @Test
    void rejectsBadSettings() {
        AdaGrad opt = new AdaGrad(0.1);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new StochasticSolver(opt, 0, 32, 1e-6, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new StochasticSolver(opt, 10, 0, 1e-6, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new StochasticSolver(opt, 10, 32, -1, 1));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new StochasticSolver(null, 10, 32, 1e-6, 1));
    }
}
