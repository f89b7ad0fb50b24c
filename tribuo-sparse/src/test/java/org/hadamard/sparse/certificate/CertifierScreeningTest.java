package org.hadamard.sparse.certificate;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A certifier that screens blocks against its reference gradient must report what a fresh certifier
 * (one full pass, no reference) reports: the same objective, KKT violation and duality gap, and the
 * exact gradient wherever a block is not provably inside its KKT ball.
 */
class CertifierScreeningTest {

    @Test
    void screenedCertificatesEqualFullOnesAlongAPath() {
        for (int[] size : new int[][]{{200, 1000}, {500, 60}}) {
            SyntheticData data = SyntheticData.regression(size[0], size[1], 10, 0.5, 1.0, 3 + size[1]);
            for (boolean standardize : new boolean[]{false, true}) {
                Problem problem = Problems.denseRegression(data.x, data.y, null, standardize);
                check(problem, Penalty.lasso());
                if (size[1] < 100) {
                    check(problem, Penalty.group(groups(size[1]), null, 1.0));
                }
            }
        }
    }

    /** Weighted examples and a sparse (CSR) design with weights of its own scale. */
    @Test
    void screeningHoldsWithWeightsAndSparseDesigns() {
        int n = 150;
        int p = 400;
        SyntheticData data = SyntheticData.regression(n, p, 8, 0.3, 1.0, 77);
        java.util.Random rng = new java.util.Random(5);
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 0.2 + 3 * rng.nextDouble();
        }
        check(Problems.denseRegression(data.x, data.y, weights, true), Penalty.lasso());
        // Sparsify: keep each entry with probability 0.1.
        Problem sparse = data.sparseRegression(weights, true, (i, j) -> rng.nextDouble() < 0.1);
        check(sparse, Penalty.lasso());
    }

    private static void check(Problem problem, Penalty penalty) {
        Parametrization param = penalty.parametrization(problem.features(), 1);
        double lmax = HadamardEngine.lambdaMax(problem, penalty);
        RegularizationPath path = HadamardEngine.path(problem, penalty, LambdaGrid.logSpaced(lmax, 30, 0.01), false,
                HadamardEngine.defaultSolver());
        Certifier screening = new Certifier(problem, param);
        int screenedSomewhere = 0;
        for (int i = 0; i < path.size(); i++) {
            Fit fit = path.fit(i);
            double lambda = fit.lambda();
            // Certify the solution and a perturbed point, as a solver's rounds do.
            for (int variant = 0; variant < 2; variant++) {
                double[] beta = fit.internalBeta();
                if (variant == 1) {
                    for (int j = 0; j < beta.length; j++) {
                        beta[j] *= 0.9;
                    }
                }
                Certificate ours = screening.certify(beta, fit.internalIntercept(), lambda);
                double[] g = screening.lastGradient().clone();
                Certifier fresh = new Certifier(problem, param);
                Certificate full = fresh.certify(beta, fit.internalIntercept(), lambda);
                double[] exact = fresh.lastGradient();
                String where = penalty + " λ #" + i + " variant " + variant;
                assertEquals(full.objective(), ours.objective(), 0.0, where);
                assertEquals(full.kktViolation(), ours.kktViolation(), 1e-12 * Math.max(1e-300, lambda), where);
                assertEquals(full.dualityGap(), ours.dualityGap(), 1e-12 * Math.abs(full.objective()), where);
                for (int b = 0; b < param.blocks(); b++) {
                    double stale = 0;
                    double truth = 0;
                    boolean same = true;
                    for (int j : param.members(b)) {
                        stale += g[j] * g[j];
                        truth += exact[j] * exact[j];
                        same &= Math.abs(g[j] - exact[j]) <= 1e-12 * (1 + Math.abs(exact[j]));
                    }
                    if (!same) {
                        screenedSomewhere++;
                        // A screened block: zero, and both its reported and its true gradient within λ·w_b.
                        for (int j : param.members(b)) {
                            assertEquals(0.0, beta[j], where + " block " + b);
                        }
                        assertTrue(Math.sqrt(stale) <= lambda * param.weight(b), where + " block " + b);
                        assertTrue(Math.sqrt(truth) <= lambda * param.weight(b), where + " block " + b);
                    }
                }
            }
        }
        if (problem.features() >= 400) {
            assertTrue(screenedSomewhere > 0, "screening never applied for " + penalty);
        }
    }

    private static int[] groups(int p) {
        int[] g = new int[p];
        for (int j = 0; j < p; j++) {
            g[j] = j / 5;
        }
        return g;
    }
}
