package org.hadamard.sparse.problem;

import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The minibatch kernels that read several rows at once ({@link Design#rawRowDots},
 * {@link Design#rawRowsAxpy}) give exactly, bit for bit, what the single-row kernels give row after
 * row: SGD's same-seed-same-model guarantee rests on it. Batch sizes cover the 4-row blocks and every
 * remainder; rows repeat, as they may not in a batch but could in a caller's list.
 */
class BatchRowKernelsTest {

    @Test
    void denseAndSparseBatchesMatchRowByRow() {
        int n = 41;
        Random rng = new Random(5);
        for (int p : new int[]{1, 3, 4, 7, 33}) {
            double[] x = new double[n * p];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextDouble() < 0.25 ? 0.0 : 1e3 * rng.nextGaussian() + rng.nextGaussian();
            }
            double[] omega = Problems.normalizedWeights(null, n);
            Design dense = new DenseDesign(n, p, x.clone(), omega, false);
            Design sparse = SyntheticData.csr(x, n, p, omega, false);
            double[] b = new double[p];
            for (int j = 0; j < p; j++) {
                b[j] = rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3);
            }
            for (int count = 0; count <= 13; count++) {
                int[] rows = new int[count];
                double[] a = new double[count];
                for (int t = 0; t < count; t++) {
                    rows[t] = rng.nextInt(n);
                    a[t] = rng.nextGaussian();
                }
                for (Design d : new Design[]{dense, sparse}) {
                    double[] dots = new double[count];
                    d.rawRowDots(rows, count, b, dots);
                    double[] acc = new double[p];
                    double[] expected = new double[p];
                    for (int j = 0; j < p; j++) {
                        acc[j] = expected[j] = rng.nextGaussian();
                    }
                    d.rawRowsAxpy(rows, a, count, acc);
                    for (int t = 0; t < count; t++) {
                        assertEquals(Double.doubleToRawLongBits(d.rawRowDot(rows[t], b)), Double.doubleToRawLongBits(dots[t]),
                                "dot of row " + rows[t] + ", p = " + p + ", count = " + count);
                        d.rawRowAxpy(rows[t], a[t], expected);
                    }
                    for (int j = 0; j < p; j++) {
                        assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(acc[j]),
                                "axpy column " + j + ", p = " + p + ", count = " + count);
                    }
                }
            }
            // And the dense batch dot is the plain sum Σ_j X_ij b_j up to rounding.
            double[] dots = new double[n];
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            dense.rawRowDots(all, n, b, dots);
            for (int i = 0; i < n; i++) {
                double s = 0;
                double mag = 0;
                for (int j = 0; j < p; j++) {
                    s += x[i * p + j] * b[j];
                    mag += Math.abs(x[i * p + j] * b[j]);
                }
                assertEquals(s, dots[i], 1e-14 * mag + 1e-300);
            }
        }
    }

    /** Xᵀr over all or listed columns, four rows per pass, against the row-by-row sums, bit for bit. */
    @Test
    void transposeMultiplyMatchesRowByRow() {
        Random rng = new Random(9);
        for (int n : new int[]{1, 3, 4, 9, 30}) {
            int p = 17;
            double[] x = new double[n * p];
            for (int i = 0; i < x.length; i++) {
                x[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(5) - 2);
            }
            DenseDesign dense = new DenseDesign(n, p, x.clone(), Problems.normalizedWeights(null, n), false);
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = rng.nextDouble() < 0.3 ? 0.0 : rng.nextGaussian();
            }
            int[] cols = {16, 2, 5, 11, 0};
            for (int[] listed : new int[][]{null, cols}) {
                int count = listed == null ? p : listed.length;
                double[] out = new double[p];
                java.util.Arrays.fill(out, 7.0); // listed columns are overwritten, the others left alone
                dense.rawTransposeMultiply(r, listed, count, out);
                double[] expected = new double[p];
                java.util.Arrays.fill(expected, 7.0);
                for (int t = 0; t < count; t++) {
                    expected[listed == null ? t : listed[t]] = 0.0;
                }
                for (int i = 0; i < n; i++) {
                    for (int t = 0; t < count; t++) {
                        int j = listed == null ? t : listed[t];
                        expected[j] += r[i] * x[i * p + j];
                    }
                }
                for (int j = 0; j < p; j++) {
                    assertEquals(Double.doubleToRawLongBits(expected[j]), Double.doubleToRawLongBits(out[j]), "n = " + n + ", column " + j);
                }
            }
        }
    }

    /** The distinct nonzero columns of a set of rows, in order of first touch: CSR and dense agree. */
    @Test
    void markNewColumnsListsEachTouchedColumnOnce() {
        Random rng = new Random(2);
        int n = 12;
        int p = 9;
        double[] x = new double[n * p];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextDouble() < 0.6 ? 0.0 : rng.nextGaussian();
        }
        double[] omega = Problems.normalizedWeights(null, n);
        Design dense = new DenseDesign(n, p, x.clone(), omega, false);
        Design sparse = SyntheticData.csr(x, n, p, omega, false);
        int[] rows = {3, 0, 7, 3, 11};
        int[] expected = new int[p];
        int count = 0;
        boolean[] seen = new boolean[p];
        for (int i : rows) {
            for (int j = 0; j < p; j++) {
                if (x[i * p + j] != 0.0 && !seen[j]) {
                    seen[j] = true;
                    expected[count++] = j;
                }
            }
        }
        for (Design d : new Design[]{dense, sparse}) {
            int[] stamp = new int[p];
            stamp[4] = 5; // an earlier set's mark
            int[] out = new int[p];
            int c = 0;
            for (int i : rows) {
                c = d.markNewColumns(i, stamp, 6, out, c);
            }
            assertEquals(count, c);
            for (int q = 0; q < count; q++) {
                assertEquals(expected[q], out[q]);
            }
        }
    }
}
