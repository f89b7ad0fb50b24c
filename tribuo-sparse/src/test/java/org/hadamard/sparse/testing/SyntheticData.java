package org.hadamard.sparse.testing;

import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;

import java.util.SplittableRandom;

/**
 * Generated regression problems for tests: an AR(1)-correlated Gaussian design, a sparse truth and
 * Gaussian noise. Feature names are zero-padded so Tribuo's lexicographic ids match column order.
 */
public final class SyntheticData {

    /** Rows. */
    public final double[][] x;
    /** Responses. */
    public final double[] y;
    /** The true coefficients. */
    public final double[] truth;

    private SyntheticData(double[][] x, double[] y, double[] truth) {
        this.x = x;
        this.y = y;
        this.truth = truth;
    }

    /**
     * @param n examples
     * @param p features
     * @param active non-zero true coefficients
     * @param rho correlation between neighbouring features
     * @param noise noise standard deviation
     * @param seed seed
     * @return the data
     */
    public static SyntheticData regression(int n, int p, int active, double rho, double noise, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            double prev = gaussian(rng);
            for (int j = 0; j < p; j++) {
                double z = gaussian(rng);
                double v = j == 0 ? prev : rho * prev + Math.sqrt(1 - rho * rho) * z;
                // Distinct offsets and scales per column exercise centring and standardization.
                x[i][j] = 1.0 + 0.1 * (j % 7) + (0.5 + (j % 3)) * v;
                prev = v;
            }
        }
        double[] truth = new double[p];
        for (int a = 0; a < Math.min(active, p); a++) {
            int j = (a * 7919) % p;
            truth[j] = (a % 2 == 0 ? 1 : -1) * (1.0 + a % 3);
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 3.0;
            for (int j = 0; j < p; j++) {
                s += x[i][j] * truth[j];
            }
            y[i] = s + noise * gaussian(rng);
        }
        return new SyntheticData(x, y, truth);
    }

    /**
     * @param j feature index
     * @return its zero-padded name
     */
    public static String name(int j) {
        return String.format("x%05d", j);
    }

    /** @return the data as a Tribuo dataset with one output dimension "y" */
    public MutableDataset<Regressor> dataset() {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> ds = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic", factory), factory);
        int p = x[0].length;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = name(j);
        }
        for (int i = 0; i < x.length; i++) {
            ds.add(new ArrayExample<>(new Regressor("y", y[i]), names, x[i]));
        }
        return ds;
    }

    /**
     * The data as a CSR problem with the squared loss, keeping only the entries where {@code keep(i, j)}
     * holds; the others are set to zero in {@link #x} as well, so that a dense problem over x is the same
     * problem.
     * @param weights example weights, or null
     * @param standardize whether to scale the columns
     * @param keep which entries to store
     * @return the problem
     */
    public org.hadamard.sparse.problem.Problem sparseRegression(double[] weights, boolean standardize,
                                                                 java.util.function.BiPredicate<Integer, Integer> keep) {
        int n = x.length;
        int p = x[0].length;
        double[] flat = new double[n * p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (!keep.test(i, j)) {
                    x[i][j] = 0;
                }
                flat[i * p + j] = x[i][j];
            }
        }
        double[] omega = org.hadamard.sparse.problem.Problems.normalizedWeights(weights, n);
        return new org.hadamard.sparse.problem.Problem(csr(flat, n, p, omega, standardize), new org.hadamard.sparse.loss.SquaredLoss(y, omega));
    }

    /**
     * The CSR copy of a dense row-major matrix (its nonzero entries only).
     * @param x the matrix, row-major
     * @param n rows
     * @param p columns
     * @param omega example weights (normalized)
     * @param standardize whether to scale the columns
     * @return the design
     */
    public static org.hadamard.sparse.problem.SparseDesign csr(double[] x, int n, int p, double[] omega, boolean standardize) {
        int[] rowStart = new int[n + 1];
        int[] cols = new int[n * p];
        double[] vals = new double[n * p];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                if (x[i * p + j] != 0) {
                    cols[nnz] = j;
                    vals[nnz++] = x[i * p + j];
                }
            }
            rowStart[i + 1] = nnz;
        }
        return new org.hadamard.sparse.problem.SparseDesign(n, p, rowStart, java.util.Arrays.copyOf(cols, nnz),
                java.util.Arrays.copyOf(vals, nnz), omega, standardize);
    }

    private static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
