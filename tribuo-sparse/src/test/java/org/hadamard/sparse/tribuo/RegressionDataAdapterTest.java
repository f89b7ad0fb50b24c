/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.hadamard.sparse.problem.Problem;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.test.Helpers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dataset adapter: id orders, weights, storage choice and rejections.
 */
class RegressionDataAdapterTest {

    private static final RegressionFactory FACTORY = new RegressionFactory();

    private static MutableDataset<Regressor> dataset() {
        return new MutableDataset<>(new SimpleDataSourceProvenance("test", FACTORY), FACTORY);
    }

    @Test
    void idsAreLexicographicForFeaturesAndDimensions() {
        MutableDataset<Regressor> ds = dataset();
        // x10 sorts before x2; dimension "b" after "a" whatever the construction order.
        ds.add(new ArrayExample<>(new Regressor(new String[]{"b", "a"}, new double[]{1, 10}), new String[]{"x2", "x10"}, new double[]{2, 3}));
        ds.add(new ArrayExample<>(new Regressor(new String[]{"b", "a"}, new double[]{2, 20}), new String[]{"x2", "x10"}, new double[]{4, 5}));
        ds.getExample(1).setWeight(3.0f);
        RegressionDataAdapter data = new RegressionDataAdapter(ds, false);
        assertArrayEquals(new String[]{"x10", "x2"}, data.featureNames());
        assertArrayEquals(new String[]{"a", "b"}, data.dimensionNames());
        assertArrayEquals(new double[]{10, 20}, data.responses(0), 0.0);
        assertArrayEquals(new double[]{1, 2}, data.responses(1), 0.0);
        assertArrayEquals(new double[]{0.25, 0.75}, data.normalizedWeights(), 0.0);
        Problem problem = data.problem(0);
        assertEquals(2, problem.examples());
        assertEquals(2, problem.features());
        // Weighted centre of x10 is 0.25·3 + 0.75·5.
        assertArrayEquals(new double[]{4.5, 3.5}, problem.design().centers(), 1e-12);
        assertTrue(!data.isSparse());
        // Each call builds a fresh design.
        assertTrue(data.problem(0).design() != problem.design());
    }

    @Test
    void rejectsUnknownOutputs() {
        MutableDataset<Regressor> unknown = dataset();
        unknown.add(new ArrayExample<>(new Regressor("y", 1), new String[]{"a"}, new double[]{1}));
        unknown.add(new ArrayExample<>(FACTORY.getUnknownOutput(), new String[]{"a"}, new double[]{2}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegressionDataAdapter(unknown, true));
        assertTrue(e.getMessage().contains("unknown output"), e.getMessage());

        // (Examples missing a dimension are already refused by MutableDataset.add.)
    }

    @Test
    void javaSerialisationThroughTribuoHelpers() {
        MutableDataset<Regressor> ds = org.hadamard.sparse.testing.SyntheticData.regression(40, 4, 2, 0.0, 1.0, 3).dataset();
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(0.05).train(ds);
        Helpers.testModelSerialization(model, Regressor.class);
    }
}
