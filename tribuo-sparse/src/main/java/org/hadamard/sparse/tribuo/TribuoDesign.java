/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Design;
import org.hadamard.sparse.problem.SparseDesign;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;

import java.util.Arrays;

/**
 * The feature side of a Tribuo dataset as raw engine storage, shared by the regression and the
 * classification adapters: the design (dense row-major, or CSR when sparse enough), the raw example
 * weights and the feature names.
 * <p>
 * Feature j is the feature with id j in the dataset's {@link ImmutableFeatureMap} (ids are
 * lexicographic by name), so p = {@code featureMap.size()}. Features unknown to the map are skipped;
 * duplicate features inside an example are summed, as {@code SparseVector.createSparseVector} does.
 * The design is stored densely when at least {@link RegressionDataAdapter#SPARSE_THRESHOLD} of the n·p
 * entries are stored, and in compressed sparse rows otherwise.
 */
final class TribuoDesign {

    private final int n;
    private final int p;
    private final String[] featureNames;
    private final double[] weights;
    // Dense storage (rowMajor != null) or CSR storage.
    private final double[] rowMajor;
    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] values;

    /**
     * Reads the features and weights of every example.
     * @param dataset the data
     * @throws IllegalArgumentException if the dataset is empty, has no features or holds a non-finite
     *                                  feature value
     */
    TribuoDesign(Dataset<?> dataset) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("The dataset is empty: cannot train on zero examples");
        }
        ImmutableFeatureMap featureMap = dataset.getFeatureIDMap();
        this.n = dataset.size();
        this.p = featureMap.size();
        if (p == 0) {
            throw new IllegalArgumentException("The dataset has no features");
        }
        this.featureNames = new String[p];
        for (int j = 0; j < p; j++) {
            featureNames[j] = featureMap.get(j).getName();
        }
        this.weights = new double[n];
        int[][] rowIds = new int[n][];
        double[][] rowValues = new double[n][];
        long stored = 0;
        int i = 0;
        for (Example<?> example : dataset) {
            weights[i] = example.getWeight();
            int m = 0;
            int[] ids = new int[example.size()];
            double[] vals = new double[example.size()];
            for (Feature f : example) {
                int id = featureMap.getID(f.getName());
                if (id < 0) {
                    continue;
                }
                double v = f.getValue();
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Example " + i + " has value " + v + " for feature '"
                            + f.getName() + "'; feature values must be finite");
                }
                ids[m] = id;
                vals[m++] = v;
            }
            m = sortAndMerge(ids, vals, m);
            rowIds[i] = Arrays.copyOf(ids, m);
            rowValues[i] = Arrays.copyOf(vals, m);
            stored += m;
            i++;
        }
        if ((double) stored < RegressionDataAdapter.SPARSE_THRESHOLD * n * (double) p) {
            this.rowMajor = null;
            this.rowStart = new int[n + 1];
            this.colIndex = new int[Math.toIntExact(stored)];
            this.values = new double[colIndex.length];
            int k = 0;
            for (int r = 0; r < n; r++) {
                rowStart[r] = k;
                System.arraycopy(rowIds[r], 0, colIndex, k, rowIds[r].length);
                System.arraycopy(rowValues[r], 0, values, k, rowValues[r].length);
                k += rowIds[r].length;
            }
            rowStart[n] = k;
        } else {
            this.rowMajor = new double[Math.multiplyExact(n, p)];
            this.rowStart = null;
            this.colIndex = null;
            this.values = null;
            for (int r = 0; r < n; r++) {
                int off = r * p;
                for (int t = 0; t < rowIds[r].length; t++) {
                    rowMajor[off + rowIds[r][t]] = rowValues[r][t];
                }
            }
        }
    }

    /** Insertion-sorts ids (rows are short or already sorted) and sums duplicate ids. */
    private static int sortAndMerge(int[] ids, double[] vals, int m) {
        for (int a = 1; a < m; a++) {
            int id = ids[a];
            double v = vals[a];
            int b = a - 1;
            while (b >= 0 && ids[b] > id) {
                ids[b + 1] = ids[b];
                vals[b + 1] = vals[b];
                b--;
            }
            ids[b + 1] = id;
            vals[b + 1] = v;
        }
        int out = 0;
        for (int a = 0; a < m; a++) {
            if (out > 0 && ids[out - 1] == ids[a]) {
                vals[out - 1] += vals[a];
            } else {
                ids[out] = ids[a];
                vals[out++] = vals[a];
            }
        }
        return out;
    }

    /** @return n */
    int examples() { return n; }

    /** @return p */
    int features() { return p; }

    /** @return whether the storage is CSR */
    boolean isSparse() { return rowMajor == null; }

    /** @return the feature names by id (a copy) */
    String[] featureNames() { return featureNames.clone(); }

    /** @return the raw example weights from {@link Example#getWeight()} (a copy) */
    double[] rawWeights() { return weights.clone(); }

    /**
     * Wraps the shared raw arrays in a fresh design (which owns its scratch buffers).
     * @param omega normalised example weights
     * @param standardize whether to scale columns to unit weighted standard deviation
     * @return the design
     */
    Design design(double[] omega, boolean standardize) {
        return rowMajor != null
                ? new DenseDesign(n, p, rowMajor, omega, standardize)
                : new SparseDesign(n, p, rowStart, colIndex, values, omega, standardize);
    }
}
