/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */

/**
 * The Tribuo face of the Hadamard engine: {@link org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer}
 * (lasso, group lasso and Lq regression as a Tribuo {@link org.tribuo.SparseTrainer}) and
 * {@link org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer} (sparse binary logistic and
 * multinomial classification, including the grouped multinomial lasso), their models (protobuf and
 * ONNX export), regularisation paths and the adapters from Tribuo datasets to engine problems.
 */
package org.hadamard.sparse.tribuo;
