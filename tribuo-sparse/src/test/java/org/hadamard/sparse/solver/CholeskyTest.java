package org.hadamard.sparse.solver;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Newton's Cholesky factorization (four rows at a time) against the definition L·Lᵀ = A and,
 * bit for bit, against the plain row-by-row algorithm with the same dot products; sizes cover
 * every remainder of the 4-row blocks. A matrix that is not positive definite is reported.
 */
class CholeskyTest {

    @Test
    void factorsLikeTheRowByRowAlgorithm() {
        Random rng = new Random(3);
        for (int n = 1; n <= 23; n += (n < 13 ? 1 : 10)) {
            double[] b = new double[n * n];
            for (int i = 0; i < b.length; i++) {
                b[i] = rng.nextGaussian();
            }
            double[] a = new double[n * n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = i == j ? 0.5 : 0.0;
                    for (int k = 0; k < n; k++) {
                        s += b[i * n + k] * b[j * n + k];
                    }
                    a[i * n + j] = s;
                }
            }
            double[] blocked = a.clone();
            double[] plain = a.clone();
            assertTrue(NewtonMinimizer.cholesky(blocked, n));
            assertTrue(rowByRow(plain, n));
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    assertEquals(Double.doubleToRawLongBits(plain[i * n + j]), Double.doubleToRawLongBits(blocked[i * n + j]),
                            "n = " + n + ", entry " + i + "," + j);
                    double s = 0;
                    for (int k = 0; k <= j; k++) {
                        s += blocked[i * n + k] * blocked[j * n + k];
                    }
                    assertEquals(a[i * n + j], s, 1e-11 * (1 + Math.abs(a[i * n + i])));
                }
            }
        }
        double[] indefinite = {4, 1, 0, 0, 0, 1, 3, 0, 0, 0, 0, 0, 2, 5, 0, 0, 0, 5, 1, 0, 0, 0, 0, 0, 1};
        assertFalse(NewtonMinimizer.cholesky(indefinite, 5));
    }

    /** The left-looking Cholesky one row at a time, each entry from one dot product. */
    private static boolean rowByRow(double[] a, int n) {
        for (int i = 0; i < n; i++) {
            if (!NewtonMinimizer.choleskyRow(a, n, i, 0)) {
                return false;
            }
        }
        return true;
    }
}
