/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.loss;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The logistic and multinomial losses: gradients against central finite differences, and the Fenchel
 * dual against the primal at a known optimum (zero gap).
 */
class ClassificationLossTest {

    private static double[] weights(int n, SplittableRandom rng) {
        double[] w = new double[n];
        double s = 0;
        for (int i = 0; i < n; i++) {
            w[i] = 0.5 + rng.nextDouble();
            s += w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i] /= s;
        }
        return w;
    }

    private static void checkGradient(Loss loss, double[] eta) {
        double[] g = new double[eta.length];
        loss.evaluate(eta, g);
        for (int c = 0; c < eta.length; c++) {
            double h = 1e-6;
            double[] up = eta.clone();
            double[] down = eta.clone();
            up[c] += h;
            down[c] -= h;
            double fd = (loss.evaluate(up, null) - loss.evaluate(down, null)) / (2 * h);
            assertEquals(fd, g[c], 1e-9, "coordinate " + c);
        }
    }

    @Test
    void logisticGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(1);
        int n = 12;
        double[] y = new double[n];
        double[] eta = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 3 == 0 ? 1 : 0;
            eta[i] = 6 * (rng.nextDouble() - 0.5);
        }
        eta[0] = 40; // far in the tail: still stable
        eta[1] = -40;
        checkGradient(new LogisticLoss(y, weights(n, rng)), eta);
    }

    @Test
    void multinomialGradientMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 10;
        int k = 4;
        int[] label = new int[n];
        double[] eta = new double[n * k];
        for (int i = 0; i < n; i++) {
            label[i] = i % k;
            for (int c = 0; c < k; c++) {
                eta[i * k + c] = 6 * (rng.nextDouble() - 0.5);
            }
        }
        checkGradient(new MultinomialLoss(label, k, weights(n, rng)), eta);
    }

    /** At the intercept-only optimum (b = logit of the weighted frequency) P = F(b) and D(−∇F) agree. */
    @Test
    void logisticDualEqualsPrimalAtTheOptimum() {
        SplittableRandom rng = new SplittableRandom(3);
        int n = 9;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 2;
        }
        double[] omega = weights(n, rng);
        LogisticLoss loss = new LogisticLoss(y, omega);
        double m = 0;
        for (int i = 0; i < n; i++) {
            m += omega[i] * y[i];
        }
        double b = Math.log(m / (1 - m));
        assertEquals(b, loss.nullIntercept()[0], 1e-14);
        double[] eta = new double[n];
        java.util.Arrays.fill(eta, b);
        double[] g = new double[n];
        double primal = loss.evaluate(eta, g);
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = -g[i];
        }
        double entropy = -(m * Math.log(m) + (1 - m) * Math.log(1 - m));
        assertEquals(entropy, primal, 1e-14);
        assertEquals(primal, loss.dual(theta), 1e-14);
    }

    @Test
    void multinomialDualEqualsPrimalAtTheOptimum() {
        SplittableRandom rng = new SplittableRandom(4);
        int n = 12;
        int k = 3;
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = (i * 7) % k;
        }
        double[] omega = weights(n, rng);
        MultinomialLoss loss = new MultinomialLoss(label, k, omega);
        double[] b = loss.nullIntercept();
        double[] eta = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, 0, eta, i * k, k);
        }
        double[] g = new double[n * k];
        double primal = loss.evaluate(eta, g);
        double[] mass = new double[k];
        for (int i = 0; i < n; i++) {
            mass[label[i]] += omega[i];
        }
        double entropy = 0;
        for (double q : mass) {
            entropy -= q * Math.log(q);
        }
        assertEquals(entropy, primal, 1e-14);
        double[] theta = new double[n * k];
        for (int c = 0; c < theta.length; c++) {
            theta[c] = -g[c];
        }
        assertEquals(primal, loss.dual(theta), 1e-14);
    }

    @Test
    void oneClassIsRejected() {
        double[] w = {0.5, 0.5};
        assertThrows(IllegalArgumentException.class, () -> new LogisticLoss(new double[]{1, 1}, w));
        assertThrows(IllegalArgumentException.class, () -> new MultinomialLoss(new int[]{2, 2}, 3, w));
    }
}
