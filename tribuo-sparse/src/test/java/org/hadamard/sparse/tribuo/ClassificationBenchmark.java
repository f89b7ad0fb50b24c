/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Measurements, not a test: binary lasso logistic regression, ours (L-BFGS, relative gap 1e-9,
 * standardize=false on z-scored features) against LIBLINEAR L1R_LR (C = 1/(nλ), eps 1e-10, bias
 * penalised) in the same JVM, on a generated 800×400 problem and on the breast cancer data (569×30).
 * Run with {@code mvn -o test -pl tribuo-sparse -Dtest=ClassificationBenchmark -Dhadamard.bench=true}.
 */
@EnabledIfSystemProperty(named = "hadamard.bench", matches = "true")
class ClassificationBenchmark {

    static double[][] zscore(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[][] z = new double[n][p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j] / n;
            }
            double v = 0;
            for (double[] r : x) {
                v += (r[j] - m) * (r[j] - m) / n;
            }
            double s = v > 0 ? Math.sqrt(v) : 1;
            for (int i = 0; i < n; i++) {
                z[i][j] = (x[i][j] - m) / s;
            }
        }
        return z;
    }

    static void measure(String name, double[][] x, int[] y, double ratio) {
        MutableDataset<Label> ds = LibLinearComparisonTest.dataset(x, y);
        double lmax = HadamardSparseClassificationTrainer.builder(1.0).standardize(false).positiveLabel("pos").build().lambdaMax(ds);
        double lambda = ratio * lmax;
        double bestUs = Double.MAX_VALUE;
        double bestLl = Double.MAX_VALUE;
        LibLinearComparisonTest.Linear us = null;
        LibLinearComparisonTest.Linear ll = null;
        for (int rep = 0; rep < 5; rep++) {
            long t0 = System.nanoTime();
            us = LibLinearComparisonTest.ours(ds, lambda, "pos");
            long t1 = System.nanoTime();
            ll = LibLinearComparisonTest.liblinear(ds, lambda, "pos");
            long t2 = System.nanoTime();
            bestUs = Math.min(bestUs, (t1 - t0) / 1e6);
            bestLl = Math.min(bestLl, (t2 - t1) / 1e6);
        }
        long nnzUs = java.util.Arrays.stream(us.w()).filter(v -> v != 0).count();
        long nnzLl = java.util.Arrays.stream(ll.w()).filter(v -> Math.abs(v) > 1e-10).count();
        double jUs = us.objective(x, y, lambda, false);
        double jLl = ll.objective(x, y, lambda, false);
        double jLlUs = us.objective(x, y, lambda, true);
        double jLlLl = ll.objective(x, y, lambda, true);
        System.out.printf("BENCH | %s | n=%d p=%d | lambda=%.3g (%.2f lmax) | ours %.1f ms nnz %d | liblinear %.1f ms nnz %d | "
                        + "J_ours: ours %.10f LL %.10f (rel %.1e) | J_LL: ours %.10f LL %.10f (rel %.1e) | b ours %.4f LL %.4f%n",
                name, x.length, x[0].length, lambda, ratio, bestUs, nnzUs, bestLl, nnzLl, jUs, jLl, (jLl - jUs) / jUs,
                jLlUs, jLlLl, (jLlUs - jLlLl) / jLlLl, us.b(), ll.b());
    }

    @Test
    void benchmark() throws Exception {
        ClassificationData g = ClassificationData.generate(800, 400, new String[]{"neg", "pos"}, 10, 1.0, 101);
        double[][] gx = zscore(g.x);
        for (double ratio : new double[]{0.3, 0.1, 0.03}) {
            measure("generated", gx, g.y, ratio);
        }
        List<String> lines = Files.readAllLines(Path.of("../evaluation/src/main/resources/data/breast_cancer.csv"));
        String[] header = lines.get(0).split(",");
        int target = java.util.Arrays.asList(header).indexOf("benign");
        List<double[]> rows = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",");
            double[] r = new double[header.length - 1];
            int t = 0;
            for (int j = 0; j < header.length; j++) {
                if (j == target) {
                    labels.add((int) Double.parseDouble(f[j]));
                } else {
                    r[t++] = Double.parseDouble(f[j]);
                }
            }
            rows.add(r);
        }
        double[][] bx = zscore(rows.toArray(new double[0][]));
        int[] by = labels.stream().mapToInt(Integer::intValue).toArray();
        for (double ratio : new double[]{0.3, 0.1, 0.03, 0.01}) {
            measure("breast_cancer", bx, by, ratio);
        }
    }
}
