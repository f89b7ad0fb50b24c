package org.hadamard.sparse.reference;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.evaluation.Objectives;
import org.hadamard.sparse.evaluation.Synthetic;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupLassoBcdTest {

    private static final int GROUPS = 8;
    private static final int SIZE = 4;

    private static double[][] x;
    private static double[] y;
    private static int[] groupOf;

    static {
        SplittableRandom rng = new SplittableRandom(3);
        int p = GROUPS * SIZE;
        // Correlated within groups (ρ = 0.6), offsets and scales so that centring and L_g matter.
        x = Synthetic.ar1(80, p, 0.6, rng);
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                row[j] = 2 + (1 + j % 3) * row[j];
            }
        }
        double[] beta = new double[p];
        for (int a = 0; a < SIZE; a++) {
            beta[a] = 1 - 0.5 * a;
            beta[3 * SIZE + a] = -0.7;
        }
        y = Synthetic.response(x, beta, 1, rng);
        groupOf = new int[p];
        for (int j = 0; j < p; j++) {
            groupOf[j] = j / SIZE;
        }
    }

    @Test
    void satisfiesTheKktConditionsTo1e8() {
        GroupLassoBcd bcd = new GroupLassoBcd(x, y, groupOf, null);
        double lmax = bcd.lambdaMax();
        for (double f : new double[]{0.9, 0.5, 0.2, 0.05, 0.01}) {
            double lambda = f * lmax;
            GroupLassoBcd.Result r = bcd.solve(lambda, null, 1e-10, 200_000);
            assertTrue(r.converged(), "λ = " + f + "·λ_max");
            double[][] kkt = bcd.kktReport(r.beta(), lambda);
            int zero = 0;
            for (double[] g : kkt) {
                if (Double.isNaN(g[2])) {
                    zero++;
                    assertTrue(g[0] <= g[1] + 1e-8, "zero group: ‖X_gᵀr/n‖ = " + g[0] + " > λc_g = " + g[1]);
                } else {
                    assertTrue(g[2] <= 1e-8, "stationarity residual " + g[2]);
                }
            }
            if (f == 0.9) {
                assertTrue(zero >= GROUPS - 2, "most groups are zero near λ_max");
            }
        }
        // At λ_max every group is zero; just below, one enters.
        assertEquals(0, Arrays.stream(bcd.solve(lmax * 1.0001, null, 1e-10, 1000).beta()).filter(v -> v != 0).count());
        assertTrue(Arrays.stream(bcd.solve(lmax * 0.99, null, 1e-10, 100_000).beta()).anyMatch(v -> v != 0));
    }

    @Test
    void agreesWithTheEnginesDepthTwoGroupFit() {
        GroupLassoBcd bcd = new GroupLassoBcd(x, y, groupOf, null);
        double[] w = new double[GROUPS];
        Arrays.fill(w, Math.sqrt(SIZE));
        for (double f : new double[]{0.5, 0.1, 0.02}) {
            double lambda = f * bcd.lambdaMax();
            GroupLassoBcd.Result r = bcd.solve(lambda, null, 1e-10, 200_000);
            Fit ours = HadamardEngine.fit(Problems.denseRegression(x, y, null, false), Penalty.group(groupOf, null, 1.0), lambda,
                    HadamardEngine.defaultSolver());
            double a = Objectives.group(x, y, ours.beta(), groupOf, w, lambda, 1.0);
            double b = Objectives.group(x, y, r.beta(), groupOf, w, lambda, 1.0);
            assertTrue(Math.abs(a - b) <= 1e-8 * Math.abs(b), f + ": " + a + " vs " + b);
        }
    }

    @Test
    void warmStartedCdPathMatchesTheLassoObjective() {
        double lmax = HadamardEngine.lambdaMax(Problems.denseRegression(x, y, null, false), Penalty.lasso());
        double[] grid = {0.5 * lmax, 0.1 * lmax, 0.01 * lmax};
        double[][] cd = new CdLassoPath(x, y).path(grid, 1e-12);
        for (int l = 0; l < grid.length; l++) {
            Fit ours = HadamardEngine.fit(Problems.denseRegression(x, y, null, false), Penalty.lasso(), grid[l], HadamardEngine.defaultSolver());
            double a = Objectives.lasso(x, y, ours.beta(), grid[l]);
            double b = Objectives.lasso(x, y, cd[l], grid[l]);
            assertTrue(Math.abs(a - b) <= 1e-8 * b, a + " vs " + b);
        }
    }
}
