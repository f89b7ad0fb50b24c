/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import java.util.List;

/**
 * A regularisation path fitted by {@link HadamardSparseClassificationTrainer#trainPath}: the λ values
 * in decreasing order and one {@link HadamardSparseClassificationModel} per λ, each carrying its λ and
 * certificate. The fits are warm-started along the path. {@link #getLambdaMax()} is λ_max of the convex
 * relaxation of the penalty.
 */
public final class HadamardSparseClassificationPath extends AbstractHadamardSparsePath<HadamardSparseClassificationModel> {

    /**
     * @param lambdaMax λ_max (of the convex relaxation of the penalty):
     *                  at and above it every penalised coefficient is zero
     * @param lambdas the fitted λ values, decreasing (copied)
     * @param models one model per λ (copied)
     */
    HadamardSparseClassificationPath(double lambdaMax, double[] lambdas, List<HadamardSparseClassificationModel> models) {
        super(lambdaMax, lambdas, models);
    }
}
