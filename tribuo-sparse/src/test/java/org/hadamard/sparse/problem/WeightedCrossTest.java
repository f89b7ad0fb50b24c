package org.hadamard.sparse.problem;

import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * X̃ᵀDX̃ blocks (Newton's curvature for non-quadratic losses, the Gram cache's growth) against the
 * definition Σ_i d_i x̃_ia x̃_ib on explicitly standardized columns, for dense (blocked over rows) and
 * CSR designs, symmetric and rectangular requests, and n spanning several row blocks.
 */
class WeightedCrossTest {

    @Test
    void matchesTheDefinition() {
        for (int n : new int[]{7, 300, 2500}) {
            int p = 23;
            Random rng = new Random(n);
            double[] x = new double[n * p];
            for (int i = 0; i < x.length; i++) {
                // Some exact zeros, so the CSR copy is really sparse.
                x[i] = rng.nextDouble() < 0.3 ? 0.0 : 3 + 2 * rng.nextGaussian();
            }
            double[] omega = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                omega[i] = 1.0 / n;
                d[i] = rng.nextDouble() < 0.1 ? 0.0 : rng.nextDouble() / n;
            }
            Design dense = new DenseDesign(n, p, x, omega, true);
            Design sparse = SyntheticData.csr(x, n, p, omega, true);
            int[] a = {4, 0, 17, 9, 22, 3};
            int[] b = {1, 9, 4};
            for (Design design : new Design[]{dense, sparse}) {
                check(design, x, n, p, a, a, d);
                check(design, x, n, p, a, b, d);
            }
        }
    }

    private static void check(Design design, double[] x, int n, int p, int[] a, int[] b, double[] d) {
        double[] out = new double[a.length * b.length];
        double[] sumA = new double[a.length];
        design.weightedCross(a, a.length, b, b.length, d, out, sumA);
        for (int s = 0; s < a.length; s++) {
            double expectedSum = 0;
            for (int i = 0; i < n; i++) {
                expectedSum += d[i] * standardized(design, x, p, i, a[s]);
            }
            assertEquals(expectedSum, sumA[s], 1e-10 * (1 + Math.abs(expectedSum)), "column sum " + a[s]);
            for (int t = 0; t < b.length; t++) {
                double expected = 0;
                for (int i = 0; i < n; i++) {
                    expected += d[i] * standardized(design, x, p, i, a[s]) * standardized(design, x, p, i, b[t]);
                }
                assertEquals(expected, out[s * b.length + t], 1e-10 * (1 + Math.abs(expected)),
                        design.getClass().getSimpleName() + " n=" + n + " entry " + a[s] + "," + b[t]);
            }
        }
    }

    private static double standardized(Design design, double[] x, int p, int i, int j) {
        return (x[i * p + j] - design.centers()[j]) * design.inverseScale(j);
    }
}
