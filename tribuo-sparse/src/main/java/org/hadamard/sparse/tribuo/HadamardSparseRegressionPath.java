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
 * {@link #getLambdaMax()} is the largest λ_max over the output dimensions.
 */
public final class HadamardSparseRegressionPath extends AbstractHadamardSparsePath<HadamardSparseRegressionModel> {

    /**
     * @param lambdaMax the largest λ_max over the output dimensions (for the convex relaxation of the penalty):
     *                  at and above it every penalised coefficient is zero
     * @param lambdas the fitted λ values, decreasing (copied)
     * @param models one model per λ (copied)
     */
    HadamardSparseRegressionPath(double lambdaMax, double[] lambdas, List<HadamardSparseRegressionModel> models) {
        super(lambdaMax, lambdas, models);
    }
}
