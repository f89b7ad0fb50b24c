/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import java.util.List;

/**
 * What the regularisation paths of the Tribuo trainers share: the λ values in decreasing order, λ_max
 * and one immutable model per λ. Subclasses fix the model type.
 * @param <M> the model type
 */
abstract class AbstractHadamardSparsePath<M> {

    private final double lambdaMax;
    private final double[] lambdas;
    private final List<M> models;

    /**
     * @param lambdaMax λ_max (of the convex relaxation of the penalty, the largest over output
     *                  dimensions for regression): at and above it every penalised coefficient is zero
     * @param lambdas the fitted λ values, decreasing (copied)
     * @param models one model per λ (copied)
     * @throws IllegalArgumentException if there are not as many models as λ values
     */
    AbstractHadamardSparsePath(double lambdaMax, double[] lambdas, List<M> models) {
        if (lambdas.length != models.size()) {
            throw new IllegalArgumentException("Got " + lambdas.length + " lambdas and " + models.size() + " models");
        }
        this.lambdaMax = lambdaMax;
        this.lambdas = lambdas.clone();
        this.models = List.copyOf(models);
    }

    /**
     * @return λ_max, the smallest λ whose fit is the intercept-only (null) model; for regression, the
     *         largest over output dimensions
     */
    public double getLambdaMax() {
        return lambdaMax;
    }

    /** @return the λ values, decreasing (a copy) */
    public double[] getLambdas() {
        return lambdas.clone();
    }

    /** @return the models, in the order of {@link #getLambdas()} (an immutable list) */
    public List<M> getModels() {
        return models;
    }

    /**
     * @param i an index along the path
     * @return the model at {@code getLambdas()[i]}
     */
    public M getModel(int i) {
        return models.get(i);
    }

    /** @return the number of λ values */
    public int size() {
        return models.size();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(lambdaMax=" + lambdaMax + ",size=" + models.size() + ")";
    }
}
