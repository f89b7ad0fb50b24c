/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.hadamard.sparse.testing.SyntheticData;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.SplittableRandom;

/**
 * Generated classification problems for tests: Gaussian features with distinct offsets and scales, a
 * sparse truth per class and labels drawn from the softmax (or logistic) probabilities. Class names
 * are given so that Tribuo's HashMap-ordered label ids differ from sorted order.
 */
final class ClassificationData {

    static final LabelFactory FACTORY = new LabelFactory();

    final double[][] x;
    /** Class index in {@link #names} (binary: 1 = names[1]). */
    final int[] y;
    final double[] weights;
    final String[] names;

    ClassificationData(double[][] x, int[] y, double[] weights, String[] names) {
        this.x = x;
        this.y = y;
        this.weights = weights;
        this.names = names;
    }

    /**
     * @param n examples
     * @param p features
     * @param names class names (2: logistic truth; more: softmax truth)
     * @param active non-zero true coefficients per class
     * @param signal coefficient size
     * @param seed seed
     * @return the data, unit weights
     */
    static ClassificationData generate(int n, int p, String[] names, int active, double signal, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int k = names.length;
        double[][] x = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                x[i][j] = 0.5 * (j % 5) + (0.5 + j % 3) * gaussian(rng);
            }
        }
        double[][] truth = new double[k][p];
        for (int c = 0; c < k; c++) {
            for (int a = 0; a < active; a++) {
                int j = (c * 3 + a * 5) % p;
                truth[c][j] = signal * (a % 2 == 0 ? 1 : -1) / (0.5 + j % 3);
            }
        }
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double[] z = new double[k];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    s += truth[c][j] * (x[i][j] - 0.5 * (j % 5));
                }
                z[c] = k == 2 && c == 0 ? 0 : s;
                max = Math.max(max, z[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                z[c] = Math.exp(z[c] - max);
                sum += z[c];
            }
            double u = rng.nextDouble() * sum;
            int c = 0;
            while (c < k - 1 && u > z[c]) {
                u -= z[c];
                c++;
            }
            y[i] = c;
        }
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return new ClassificationData(x, y, w, names);
    }

    /** @return a copy with example weights drawn from [0.2, 2) */
    ClassificationData withRandomWeights(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] w = new double[y.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (0.2 + 1.8 * rng.nextDouble()); // Tribuo stores float weights
        }
        return new ClassificationData(x, y, w, names);
    }

    int classes() { return names.length; }

    MutableDataset<Label> dataset() {
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("synthetic-classification", FACTORY), FACTORY);
        int p = x[0].length;
        String[] fn = new String[p];
        for (int j = 0; j < p; j++) {
            fn[j] = SyntheticData.name(j);
        }
        for (int i = 0; i < x.length; i++) {
            ArrayExample<Label> ex = new ArrayExample<>(new Label(names[y[i]]), fn, x[i]);
            ex.setWeight((float) weights[i]);
            ds.add(ex);
        }
        return ds;
    }

    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
