/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.hadamard.sparse.loss.SquaredLoss;
import org.hadamard.sparse.problem.Design;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.regression.Regressor;

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

    private final TribuoDesign features;
    private final boolean standardize;
    private final String[] dimensionNames;
    private final double[] omega;
    private final double[][] responses;

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
        this.standardize = standardize;
        int outputs = outputInfo.size();
        this.dimensionNames = new String[outputs];
        for (int k = 0; k < outputs; k++) {
            dimensionNames[k] = outputInfo.getOutput(k).getNames()[0];
        }
        int n = dataset.size();
        this.responses = new double[outputs][n];
        Regressor unknownOutput = dataset.getOutputFactory().getUnknownOutput();
        int i = 0;
        for (Example<Regressor> example : dataset) {
            if (unknownOutput.equals(example.getOutput())) {
                // Regression output infos do not always count unknowns, so check every example too.
                throw new IllegalArgumentException("Example " + i + " has an unknown output; regression needs every response");
            }
            fillResponses(example, outputInfo, i);
            i++;
        }
        this.features = new TribuoDesign(dataset);
        this.omega = Problems.normalizedWeights(features.rawWeights(), n);
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

    /** @return n, the number of examples */
    public int examples() { return features.examples(); }

    /** @return p, the number of features (the size of the feature map) */
    public int features() { return features.features(); }

    /** @return K, the number of output dimensions */
    public int outputs() { return dimensionNames.length; }

    /** @return whether the design is stored sparsely (CSR) */
    public boolean isSparse() { return features.isSparse(); }

    /** @return the feature names by feature id (a copy) */
    public String[] featureNames() { return features.featureNames(); }

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
        Design design = features.design(omega, standardize);
        return new Problem(design, new SquaredLoss(responses[dimension], omega));
    }
}
