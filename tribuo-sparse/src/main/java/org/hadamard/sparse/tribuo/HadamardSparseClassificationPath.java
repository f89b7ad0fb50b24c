/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import java.util.List;

/**
 * A regularisation path fitted by {@link HadamardSparseClassificationTrainer#trainPath}: the λ values
 * in decreasing order and one {@link HadamardSparseClassificationModel} per λ, each carrying its λ and
 * certificate. The fits are warm-started along the path.
 */
public final class HadamardSparseClassificationPath {

    private final double lambdaMax;
    private final double[] lambdas;
    private final List<HadamardSparseClassificationModel> models;

    /**
     * @param lambdaMax λ_max (of the convex relaxation of the penalty): at and above it every
     *                  penalised coefficient is zero
     * @param lambdas the fitted λ values, decreasing (copied)
     * @param models one model per λ (copied)
     */
    HadamardSparseClassificationPath(double lambdaMax, double[] lambdas, List<HadamardSparseClassificationModel> models) {
        if (lambdas.length != models.size()) {
            throw new IllegalArgumentException("Got " + lambdas.length + " lambdas and " + models.size() + " models");
        }
        this.lambdaMax = lambdaMax;
        this.lambdas = lambdas.clone();
        this.models = List.copyOf(models);
    }

    /** @return λ_max, the smallest λ whose fit is the intercept-only model */
    public double getLambdaMax() {
        return lambdaMax;
    }

    /** @return the λ values, decreasing (a copy) */
    public double[] getLambdas() {
        return lambdas.clone();
    }

    /** @return the models, in the order of {@link #getLambdas()} (an immutable list) */
    public List<HadamardSparseClassificationModel> getModels() {
        return models;
    }

    /**
     * @param i an index along the path
     * @return the model at {@code getLambdas()[i]}
     */
    public HadamardSparseClassificationModel getModel(int i) {
        return models.get(i);
    }

    /** @return the number of λ values */
    public int size() {
        return models.size();
    }

    @Override
    public String toString() {
        return "HadamardSparseClassificationPath(lambdaMax=" + lambdaMax + ",size=" + models.size() + ")";
    }
}
