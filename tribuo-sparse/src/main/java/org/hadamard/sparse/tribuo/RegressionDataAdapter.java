/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.hadamard.sparse.loss.SquaredLoss;
import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Design;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.problem.SparseDesign;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.regression.Regressor;

import java.util.Arrays;

/**
 * Converts a Tribuo {@code Dataset<Regressor>} into engine {@link Problem}s, one per output dimension.
 * <p>
 * Feature j of the problems is the feature with id j in the dataset's {@link ImmutableFeatureMap}
 * (ids are lexicographic by name), so p = {@code featureMap.size()}. Response k is the dimension with
 * id k in the dataset's {@link ImmutableOutputInfo} (also lexicographic). Example weights come from
 * {@link Example#getWeight()}. The design is stored densely (row-major) when at least
 * {@link #SPARSE_THRESHOLD} of the n·p entries are stored, and in compressed sparse rows otherwise.
 * Duplicate features inside an example are summed, as {@code SparseVector.createSparseVector} does.
 * <p>
 * Standardisation statistics are computed by the engine's {@link Design} from the examples of this
 * dataset, never from the feature map, whose statistics inside a cross-validation fold describe the
 * whole parent dataset.
 * <p>
 * The raw arrays are built once and shared; {@link #problem(int)} wraps them in a fresh design (which
 * owns its scratch buffers) every call, so problems for different dimensions may be used from
 * different threads.
 */
public final class RegressionDataAdapter {

    /** Designs with a smaller fraction of stored entries than this are stored sparsely. */
    public static final double SPARSE_THRESHOLD = 0.25;

    private final int n;
    private final int p;
    private final boolean standardize;
    private final String[] featureNames;
    private final String[] dimensionNames;
    private final double[] omega;
    private final double[][] responses;
    // Dense storage (rowMajor != null) or CSR storage.
    private final double[] rowMajor;
    private final int[] rowStart;
    private final int[] colIndex;
    private final double[] values;

    /**
     * Converts a dataset, validating it.
     * @param dataset the training data
     * @param standardize whether designs scale columns to unit (weighted, 1/n) standard deviation
     * @throws IllegalArgumentException if the dataset is empty, has unknown outputs, no features, an
     *                                  example without some output dimension, or a non-finite feature
     *                                  value, response or weight
     */
    public RegressionDataAdapter(Dataset<Regressor> dataset, boolean standardize) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("The dataset is empty: cannot train on zero examples");
        }
        ImmutableOutputInfo<Regressor> outputInfo = dataset.getOutputIDInfo();
        if (outputInfo.getUnknownCount() > 0) {
            throw new IllegalArgumentException("The dataset contains " + outputInfo.getUnknownCount()
                    + " examples with unknown outputs; regression needs every response");
        }
        ImmutableFeatureMap featureMap = dataset.getFeatureIDMap();
        this.n = dataset.size();
        this.p = featureMap.size();
        this.standardize = standardize;
        if (p == 0) {
            throw new IllegalArgumentException("The dataset has no features");
        }
        this.featureNames = new String[p];
        for (int j = 0; j < p; j++) {
            featureNames[j] = featureMap.get(j).getName();
        }
        int outputs = outputInfo.size();
        this.dimensionNames = new String[outputs];
        for (int k = 0; k < outputs; k++) {
            dimensionNames[k] = outputInfo.getOutput(k).getNames()[0];
        }

        // Pass 1: weights, responses, and the sorted, de-duplicated feature ids of every row.
        double[] weights = new double[n];
        this.responses = new double[outputs][n];
        int[][] rowIds = new int[n][];
        double[][] rowValues = new double[n][];
        long stored = 0;
        Regressor unknownOutput = dataset.getOutputFactory().getUnknownOutput();
        int i = 0;
        for (Example<Regressor> example : dataset) {
            if (unknownOutput.equals(example.getOutput())) {
                // Regression output infos do not always count unknowns, so check every example too.
                throw new IllegalArgumentException("Example " + i + " has an unknown output; regression needs every response");
            }
            weights[i] = example.getWeight();
            fillResponses(example, outputInfo, i);
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
        this.omega = Problems.normalizedWeights(weights, n);

        // Pass 2: the storage.
        if ((double) stored < SPARSE_THRESHOLD * n * (double) p) {
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

    private void fillResponses(Example<Regressor> example, ImmutableOutputInfo<Regressor> outputInfo, int i) {
        boolean[] seen = new boolean[dimensionNames.length];
        for (Regressor.DimensionTuple tuple : example.getOutput()) {
            int id = outputInfo.getID(tuple);
            if (id < 0) {
                throw new IllegalArgumentException("Example " + i + " has output dimension '" + tuple.getName()
                        + "' which is not in the dataset's output domain");
            }
            double v = tuple.getValue();
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Example " + i + " has response " + v + " for dimension '"
                        + tuple.getName() + "'; responses must be finite");
            }
            responses[id][i] = v;
            seen[id] = true;
        }
        for (int k = 0; k < seen.length; k++) {
            if (!seen[k]) {
                throw new IllegalArgumentException("Example " + i + " has no value for output dimension '"
                        + dimensionNames[k] + "'");
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

    /** @return n, the number of examples */
    public int examples() { return n; }

    /** @return p, the number of features (the size of the feature map) */
    public int features() { return p; }

    /** @return K, the number of output dimensions */
    public int outputs() { return dimensionNames.length; }

    /** @return whether the design is stored sparsely (CSR) */
    public boolean isSparse() { return rowMajor == null; }

    /** @return the feature names by feature id (a copy) */
    public String[] featureNames() { return featureNames.clone(); }

    /** @return the output dimension names by dimension id (a copy) */
    public String[] dimensionNames() { return dimensionNames.clone(); }

    /** @return the normalised example weights, summing to one (a copy) */
    public double[] normalizedWeights() { return omega.clone(); }

    /**
     * @param dimension an output dimension id
     * @return the responses of that dimension (a copy)
     */
    public double[] responses(int dimension) { return responses[dimension].clone(); }

    /**
     * Builds a fresh squared-error problem for one output dimension. Every call returns a new design
     * object over the shared raw arrays.
     * @param dimension the output dimension id, in [0, K)
     * @return the problem
     */
    public Problem problem(int dimension) {
        if (dimension < 0 || dimension >= dimensionNames.length) {
            throw new IllegalArgumentException("Dimension id " + dimension + " is outside [0, " + dimensionNames.length + ")");
        }
        Design design = rowMajor != null
                ? new DenseDesign(n, p, rowMajor, omega, standardize)
                : new SparseDesign(n, p, rowStart, colIndex, values, omega, standardize);
        return new Problem(design, new SquaredLoss(responses[dimension], omega));
    }
}
