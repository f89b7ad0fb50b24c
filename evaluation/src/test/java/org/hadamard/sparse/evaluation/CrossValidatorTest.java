package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.solver.Fit;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CrossValidatorTest {

    private static double[] truth(int p) {
        double[] beta = new double[p];
        beta[0] = 2;
        beta[3] = -1.5;
        beta[7] = 1;
        beta[11] = -0.7;
        beta[15] = 0.5;
        return beta;
    }

    @Test
    void selectsALambdaNearTheBestOnALargeIndependentTestSet() {
        int p = 20;
        SplittableRandom rng = new SplittableRandom(11);
        double[] beta = truth(p);
        double[][] x = Synthetic.ar1(150, p, 0.3, rng);
        double[] y = Synthetic.response(x, beta, 1.5, rng);
        double[][] xt = Synthetic.ar1(5000, p, 0.3, rng);
        double[] yt = Synthetic.response(xt, beta, 1.5, rng);

        CvResult cv = new CrossValidator(10, 3, 40, 1e-3, true).run(CvTasks.regression(x, y), Penalty.lasso(),
                HadamardEngine.defaultSolver(), null);
        double[] testMse = new double[cv.lambdas().length];
        int best = 0;
        for (int l = 0; l < testMse.length; l++) {
            Fit f = cv.path().fit(l);
            testMse[l] = Synthetic.mse(xt, yt, f.beta(), f.intercept()[0]);
            if (testMse[l] < testMse[best]) {
                best = l;
            }
        }
        int min = cv.minIndex(Measure.MSE);
        // The CV choice is within a few grid steps of the test-set optimum and nearly as good on test data.
        assertTrue(Math.abs(min - best) <= 6, "λ_min index " + min + " vs test-optimal index " + best);
        assertTrue(testMse[min] <= 1.03 * testMse[best], testMse[min] + " vs " + testMse[best]);
        // glmnet's one-SE rule: λ_1se ≥ λ_min and its CV error is within one SE of the minimum.
        int se = cv.oneSeIndex(Measure.MSE);
        assertTrue(cv.lambdas()[se] >= cv.lambdas()[min]);
        assertTrue(cv.cvm()[0][se] <= cv.cvm()[0][min] + cv.cvsd()[0][min]);
        for (int l = 0; l < se; l++) {
            assertTrue(cv.cvm()[0][l] > cv.cvm()[0][min] + cv.cvsd()[0][min], "a larger λ qualifies: " + l);
        }
        assertTrue(cv.converged());
    }

    @Test
    void foldsAreReproducibleBySeed() {
        int[] a = Folds.assign(103, 7, 42);
        int[] b = Folds.assign(103, 7, 42);
        int[] c = Folds.assign(103, 7, 43);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        int[] counts = new int[7];
        for (int f : a) {
            counts[f]++;
        }
        for (int k : counts) {
            assertTrue(k == 14 || k == 15, Arrays.toString(counts));
        }
        SplittableRandom rng = new SplittableRandom(5);
        double[][] x = Synthetic.ar1(60, 6, 0, rng);
        double[] y = Synthetic.response(x, new double[]{1, 0, -1, 0, 0, 0.5}, 1, rng);
        CvResult r1 = new CrossValidator(5, 9, 15, 1e-2, true).run(CvTasks.regression(x, y), Penalty.lasso(), HadamardEngine.defaultSolver(), null);
        CvResult r2 = new CrossValidator(5, 9, 15, 1e-2, true).run(CvTasks.regression(x, y), Penalty.lasso(), HadamardEngine.defaultSolver(), null);
        assertArrayEquals(r1.foldOf(), r2.foldOf());
        assertArrayEquals(r1.cvm()[0], r2.cvm()[0], 0.0);
    }

    @Test
    void binaryClassificationReportsDevianceAccuracyAndAuc() {
        SplittableRandom rng = new SplittableRandom(8);
        int n = 300;
        double[][] x = Synthetic.ar1(n, 8, 0.2, rng);
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            double eta = 1.5 * x[i][0] - x[i][2] + 0.3;
            label[i] = rng.nextDouble() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
        }
        CvResult cv = new CrossValidator(5, 1, 20, 1e-2, true).run(CvTasks.classification(x, label, 2), Penalty.lasso(),
                HadamardEngine.defaultSolver(), null);
        assertEquals(3, cv.measures().size());
        int min = cv.minIndex(Measure.DEVIANCE);
        double dev = cv.cvm()[cv.index(Measure.DEVIANCE)][min];
        double nullDev = cv.cvm()[cv.index(Measure.DEVIANCE)][0];
        assertTrue(dev < 0.9 * nullDev, dev + " vs null " + nullDev);
        assertTrue(cv.cvm()[cv.index(Measure.AUC)][min] > 0.75);
        assertTrue(cv.cvm()[cv.index(Measure.ACCURACY)][min] > 0.65);
        assertTrue(cv.lambdas()[cv.oneSeIndex(Measure.AUC)] >= cv.lambdas()[cv.minIndex(Measure.AUC)]);
    }

    @Test
    void multinomialCrossValidationRuns() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 240;
        double[][] x = Synthetic.ar1(n, 5, 0, rng);
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = x[i][0] > 0.5 ? 2 : x[i][1] > 0 ? 1 : 0;
        }
        CvResult cv = new CrossValidator(4, 2, 12, 1e-2, true).run(CvTasks.classification(x, label, 3), Penalty.lasso(),
                HadamardEngine.defaultSolver(), null);
        assertEquals(2, cv.measures().size());
        assertTrue(cv.cvm()[cv.index(Measure.ACCURACY)][cv.minIndex(Measure.ACCURACY)] > 0.7);
    }

    @Test
    void aucMatchesHandCountWithTies() {
        // Pairs (pos, neg): scores pos {0.9, 0.5}, neg {0.5, 0.1}: wins 1 + 1 + 0.5 + 1 = 3.5 of 4.
        assertEquals(3.5 / 4, CvTasks.auc(new double[]{0.9, 0.5, 0.5, 0.1}, new int[]{1, 1, 0, 0}), 1e-15);
        assertTrue(Double.isNaN(CvTasks.auc(new double[]{1, 2}, new int[]{1, 1})));
    }
}
