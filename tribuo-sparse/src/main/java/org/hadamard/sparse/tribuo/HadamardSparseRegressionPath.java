/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import java.util.List;

/**
 * A regularisation path fitted by {@link HadamardSparseRegressionTrainer#trainPath}: the λ values in
 * decreasing order and one {@link HadamardSparseRegressionModel} per λ. Each model carries its λ
 * ({@link HadamardSparseRegressionModel#getLambda()}) and one certificate per output dimension.
 */
public final class HadamardSparseRegressionPath {

    private final double lambdaMax;
    private final double[] lambdas;
    private final List<HadamardSparseRegressionModel> models;

    /**
     * @param lambdaMax the largest λ_max over the output dimensions (for the convex relaxation of the
     *                  penalty): at and above it every penalised coefficient is zero
     * @param lambdas the fitted λ values, decreasing (copied)
     * @param models one model per λ (copied)
     */
    HadamardSparseRegressionPath(double lambdaMax, double[] lambdas, List<HadamardSparseRegressionModel> models) {
        if (lambdas.length != models.size()) {
            throw new IllegalArgumentException("Got " + lambdas.length + " lambdas and " + models.size() + " models");
        }
        this.lambdaMax = lambdaMax;
        this.lambdas = lambdas.clone();
        this.models = List.copyOf(models);
    }

    /** @return λ_max, the smallest λ whose fit is the null model, maximised over output dimensions */
    public double getLambdaMax() {
        return lambdaMax;
    }

    /** @return the λ values, decreasing (a copy) */
    public double[] getLambdas() {
        return lambdas.clone();
    }

    /** @return the models, in the order of {@link #getLambdas()} (an immutable list) */
    public List<HadamardSparseRegressionModel> getModels() {
        return models;
    }

    /**
     * @param i an index along the path
     * @return the model at {@code getLambdas()[i]}
     */
    public HadamardSparseRegressionModel getModel(int i) {
        return models.get(i);
    }

    /** @return the number of λ values */
    public int size() {
        return models.size();
    }

    @Override
    public String toString() {
        return "HadamardSparseRegressionPath(lambdaMax=" + lambdaMax + ",size=" + models.size() + ")";
    }
}
