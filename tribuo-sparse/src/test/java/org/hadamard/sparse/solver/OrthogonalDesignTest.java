package org.hadamard.sparse.solver;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closed forms on an orthogonal design (centred ±1 Walsh columns, so X̃ᵀX̃/n = I): the problem
 * separates into scalar (or per-group) problems ½(β − z)² + λ·pen(β) with z = X̃ᵀ(y − ȳ)/n.
 */
class OrthogonalDesignTest {

    private static final int N = 32;
    private static final int P = 12;

    /** Rows of the 32×32 Sylvester Hadamard matrix, minus the constant one: centred, unit variance, orthogonal. */
    private static double[][] walsh() {
        double[][] x = new double[N][P];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < P; j++) {
                x[i][j] = (Integer.bitCount(i & (j + 1)) % 2 == 0) ? 1 : -1;
            }
        }
        return x;
    }

    private static double[] response(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = walsh();
        double[] y = new double[N];
        for (int i = 0; i < N; i++) {
            y[i] = 2.0;
            for (int j = 0; j < P; j++) {
                y[i] += x[i][j] * (j * 0.35 - 1.6);
            }
            y[i] += 0.3 * rng.nextDouble(-1, 1);
        }
        return y;
    }

    private static double[] z(double[][] x, double[] y) {
        double my = 0;
        for (double v : y) {
            my += v / N;
        }
        double[] z = new double[P];
        for (int j = 0; j < P; j++) {
            for (int i = 0; i < N; i++) {
                z[j] += x[i][j] * (y[i] - my) / N;
            }
        }
        return z;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.05, 0.4, 1.0, 1.7})
    void lassoIsSoftThresholding(double lambda) {
        double[][] x = walsh();
        double[] y = response(1);
        double[] z = z(x, y);
        Fit fit = HadamardEngine.fit(Problems.denseRegression(x, y, null, true), Penalty.lasso(), lambda, HadamardEngine.defaultSolver());
        for (int j = 0; j < P; j++) {
            double expected = Math.signum(z[j]) * Math.max(0, Math.abs(z[j]) - lambda);
            assertEquals(expected, fit.beta()[j], 1e-9, "coefficient " + j);
            assertEquals(expected == 0, fit.beta()[j] == 0, "exact zero at " + j);
        }
        assertTrue(fit.certificate().converged());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.8, 1.5})
    void groupLassoIsGroupSoftThresholding(double lambda) {
        double[][] x = walsh();
        double[] y = response(2);
        double[] z = z(x, y);
        int[] groupOf = {0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2};
        int[][] groups = {{0, 1, 2}, {3, 4, 5, 6}, {7, 8, 9, 10, 11}};
        Fit fit = HadamardEngine.fit(Problems.denseRegression(x, y, null, true), Penalty.group(groupOf, null, 1.0), lambda, HadamardEngine.defaultSolver());
        for (int[] g : groups) {
            double norm = 0;
            for (int j : g) {
                norm += z[j] * z[j];
            }
            norm = Math.sqrt(norm);
            double shrink = Math.max(0, 1 - lambda * Math.sqrt(g.length) / norm);
            for (int j : g) {
                assertEquals(shrink * z[j], fit.beta()[j], 1e-9, "coefficient " + j);
                assertEquals(shrink == 0, fit.beta()[j] == 0, "exact zero at " + j);
            }
        }
    }

    /**
     * q = 1/2: with t = √β the stationarity condition β − |z| + (λ/2)β^{−1/2} = 0 is the depressed cubic
     * t³ − |z|t + λ/2 = 0, whose largest root has the trigonometric closed form used here.
     */
    private static double halfThreshold(double z, double lambda) {
        double a = Math.abs(z);
        double p = -a;
        double r = lambda / 2;
        if (4 * p * p * p + 27 * r * r >= 0) {
            return 0; // no positive stationary point: zero is the only minimum
        }
        double t = 2 * Math.sqrt(-p / 3) * Math.cos(Math.acos((3 * r / (2 * p)) * Math.sqrt(-3 / p)) / 3);
        return Math.signum(z) * t * t;
    }

    /**
     * q = 2/3: with t = β^{1/3} the condition β − |z| + (2λ/3)β^{−1/3} = 0 is the quartic
     * t⁴ − |z|t + 2λ/3 = 0; its largest root by Newton from the right (the quartic is convex there).
     */
    private static double twoThirdsThreshold(double z, double lambda) {
        double a = Math.abs(z);
        double t = Math.cbrt(a) + 1;
        for (int it = 0; it < 200; it++) {
            double f = t * t * t * t - a * t + 2 * lambda / 3;
            double df = 4 * t * t * t - a;
            double next = t - f / df;
            if (Math.abs(next - t) < 1e-15) {
                break;
            }
            t = next;
        }
        double check = t * t * t * t - a * t + 2 * lambda / 3;
        if (Math.abs(check) > 1e-9 || 4 * t * t * t - a <= 0) {
            return 0;
        }
        return Math.signum(z) * t * t * t;
    }

    @Test
    void lqFromTheLassoStartMatchesTheThresholdingRules() {
        double[][] x = walsh();
        double[] y = response(3);
        double[] z = z(x, y);
        Problem problem = Problems.denseRegression(x, y, null, true);
        for (double q : new double[]{0.5, 2.0 / 3}) {
            for (double lambda : new double[]{0.15, 0.5}) {
                Fit fit = HadamardEngine.fit(problem, Penalty.lq(q), lambda, HadamardEngine.defaultSolver());
                int checked = 0;
                for (int j = 0; j < P; j++) {
                    double lassoStart = Math.max(0, Math.abs(z[j]) - lambda);
                    double root = q == 0.5 ? halfThreshold(z[j], lambda) : twoThirdsThreshold(z[j], lambda);
                    // The thresholding rule keeps the root only where it beats zero:
                    // h(root) − h(0) = −½root² + λ(1 − q)|root|^q. The engine's exact-zero step takes that
                    // comparison, so on an orthogonal design it returns the global minimizer.
                    double expected = -0.5 * root * root + lambda * (1 - q) * Math.pow(Math.abs(root), q) < 0 ? root : 0.0;
                    // Descent from the lasso start reaches the large root only when it starts beyond the
                    // local maximum of ½(β − z)² + λ|β|^q; the data are chosen so that this is clear-cut.
                    if (lassoStart == 0) {
                        assertEquals(0.0, fit.beta()[j], 0.0, "q=" + q + " λ=" + lambda + " coefficient " + j);
                    } else if (root != 0 && lassoStart > 0.25 * Math.abs(root)) {
                        assertEquals(expected, fit.beta()[j], 1e-8, "q=" + q + " λ=" + lambda + " coefficient " + j);
                        checked++;
                    }
                }
                assertTrue(checked >= 3, "too few coefficients checked for q=" + q + " λ=" + lambda);
                assertTrue(Double.isNaN(fit.certificate().dualityGap()), "non-convex: no duality gap");
                assertTrue(fit.certificate().kktViolation() < 1e-8, fit.certificate().toString());
            }
        }
    }

    @Test
    void lambdaAboveLambdaMaxGivesTheInterceptOnlyModelExactly() {
        double[][] x = walsh();
        double[] y = response(4);
        Problem problem = Problems.denseRegression(x, y, null, true);
        double lmax = HadamardEngine.lambdaMax(problem, Penalty.lasso());
        double[] z = z(x, y);
        double maxZ = 0;
        for (double v : z) {
            maxZ = Math.max(maxZ, Math.abs(v));
        }
        assertEquals(maxZ, lmax, 1e-12);
        Fit fit = HadamardEngine.fit(problem, Penalty.lasso(), lmax, HadamardEngine.defaultSolver());
        double my = 0;
        for (double v : y) {
            my += v / N;
        }
        for (double b : fit.beta()) {
            assertEquals(0.0, b, 0.0);
        }
        assertEquals(my, fit.intercept()[0], 1e-12);
        Fit below = HadamardEngine.fit(problem, Penalty.lasso(), 0.999 * lmax, HadamardEngine.defaultSolver());
        assertEquals(1, below.nonzero());
    }
}
