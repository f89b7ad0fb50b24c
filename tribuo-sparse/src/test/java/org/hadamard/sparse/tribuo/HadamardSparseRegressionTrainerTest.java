/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.oracle.labs.mlrg.olcut.config.ConfigurationManager;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.testing.ReferenceObjectives;
import org.hadamard.sparse.testing.SyntheticData;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.PenaltyType;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.SolverKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.provenance.TrainerProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;
import org.tribuo.test.Helpers;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Tribuo trainer and model: numbers against Tribuo's coordinate descent, Tribuo integration
 * (cross-validation, transform wrapping, configuration, provenance, serialisation) and input errors.
 */
class HadamardSparseRegressionTrainerTest {

    private static final RegressionFactory FACTORY = new RegressionFactory();

    // Strong references: the log manager only holds loggers weakly.
    private static final List<Logger> QUIET = List.of(
            Logger.getLogger(HadamardSparseRegressionTrainer.class.getName()),
            Logger.getLogger(ElasticNetCDTrainer.class.getName()),
            Logger.getLogger(CrossValidation.class.getName()));

    @BeforeAll
    static void quietLogs() {
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    static double lambdaMax(SyntheticData data, boolean standardize) {
        return HadamardEngine.lambdaMax(new RegressionDataAdapter(data.dataset(), standardize).problem(0), Penalty.lasso());
    }

    static MutableDataset<Regressor> emptyDataset() {
        return new MutableDataset<>(new SimpleDataSourceProvenance("test", FACTORY), FACTORY);
    }

    static double[] predictions(Model<Regressor> model, Dataset<Regressor> data) {
        return model.predict(data).stream().mapToDouble(pr -> pr.getOutput().getValues()[0]).toArray();
    }

    // ---- numbers -------------------------------------------------------------------------------

    @Test
    void lassoMatchesElasticNetCoordinateDescent() {
        for (double fraction : new double[]{0.3, 0.1, 0.02}) {
            SyntheticData data = SyntheticData.regression(150, 30, 6, 0.6, 1.0, 7);
            double lambda = fraction * lambdaMax(data, false);
            MutableDataset<Regressor> ds = data.dataset();

            HadamardSparseRegressionModel ours = new HadamardSparseRegressionTrainer(PenaltyType.LASSO, lambda, Double.NaN, false).train(ds);
            SparseLinearModel cd = (SparseLinearModel) new ElasticNetCDTrainer(lambda, 1.0, 1e-10, 100000, false, 1L).train(ds);

            double[] w = new double[30];
            for (VectorTuple t : cd.getWeights().get("y")) {
                w[t.index] = t.value;
            }
            double[] beta = ours.getWeightsArray("y");
            double cdObjective = ReferenceObjectives.lassoRaw(data.x, data.y, w, lambda);
            double ourObjective = ReferenceObjectives.lassoRaw(data.x, data.y, beta, lambda);
            assertEquals(cdObjective, ourObjective, 1e-8 * cdObjective, "fraction " + fraction);
            for (int j = 0; j < 30; j++) {
                assertEquals(w[j] != 0, beta[j] != 0, "support differs at feature " + j + ": CD " + w[j] + ", ours " + beta[j]);
            }
            Certificate c = ours.getCertificate("y");
            assertTrue(c.converged(), c.toString());
            // Unstandardised, the certificate's objective is the same raw objective.
            assertEquals(ourObjective, c.objective(), 1e-10 * ourObjective);
            // The intercept is ȳ − x̄ᵀβ.
            double b = 0;
            for (int i = 0; i < data.x.length; i++) {
                double s = data.y[i];
                for (int j = 0; j < 30; j++) {
                    s -= data.x[i][j] * beta[j];
                }
                b += s / data.x.length;
            }
            assertEquals(b, ours.getIntercepts().get("y"), 1e-10 * Math.max(1, Math.abs(b)));
        }
    }

    @Test
    void standardizedLassoUsesGlmnetScale() {
        // With standardisation the objective is the lasso on z-scored features (1/n sds): check the
        // certificate against the objective computed on standardised columns.
        SyntheticData data = SyntheticData.regression(120, 10, 4, 0.3, 0.5, 11);
        double lambda = 0.1 * lambdaMax(data, true);
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(lambda).train(data.dataset());
        int n = data.x.length;
        double[] mean = new double[10];
        double[] sd = new double[10];
        for (double[] row : data.x) {
            for (int j = 0; j < 10; j++) {
                mean[j] += row[j] / n;
            }
        }
        for (double[] row : data.x) {
            for (int j = 0; j < 10; j++) {
                sd[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
            }
        }
        double[][] z = new double[n][10];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 10; j++) {
                z[i][j] = (data.x[i][j] - mean[j]) / Math.sqrt(sd[j]);
            }
        }
        double[] beta = model.getWeightsArray("y");
        double[] standardizedBeta = new double[10];
        for (int j = 0; j < 10; j++) {
            standardizedBeta[j] = beta[j] * Math.sqrt(sd[j]);
        }
        double objective = ReferenceObjectives.lassoRaw(z, data.y, standardizedBeta, lambda);
        assertEquals(objective, model.getCertificate("y").objective(), 1e-9 * objective);
        assertTrue(model.getCertificate("y").relativeGap() < 1e-8);
    }

    @Test
    void allZeroModelPredictsTheMean() {
        SyntheticData data = SyntheticData.regression(80, 12, 3, 0.2, 1.0, 3);
        double lmax = lambdaMax(data, true);
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(lmax * 1.0001).train(data.dataset());
        assertTrue(model.getActiveFeatures().get("y").isEmpty());
        double mean = Arrays.stream(data.y).average().orElseThrow();
        for (double v : predictions(model, data.dataset())) {
            assertEquals(mean, v, 1e-12 * Math.abs(mean));
        }
        Map<String, List<Pair<String, Double>>> top = model.getTopFeatures(-1);
        assertEquals(1, top.get("y").size());
        assertEquals(Model.BIAS_FEATURE, top.get("y").get(0).getA());
        assertEquals(mean, top.get("y").get(0).getB(), 1e-12 * Math.abs(mean));
        // Just below λ_max the first feature enters.
        HadamardSparseRegressionModel below = new HadamardSparseRegressionTrainer(lmax * 0.95).train(data.dataset());
        assertFalse(below.getActiveFeatures().get("y").isEmpty());
    }

    @Test
    void multiDimensionalRegressorFitsEachDimensionIndependently() {
        SyntheticData a = SyntheticData.regression(100, 8, 3, 0.4, 1.0, 21);
        SyntheticData b = SyntheticData.regression(100, 8, 5, 0.4, 1.0, 21); // same x (same seed and shape), other truth
        assertTrue(Arrays.deepEquals(a.x, b.x));
        String[] names = new String[8];
        for (int j = 0; j < 8; j++) {
            names[j] = SyntheticData.name(j);
        }
        MutableDataset<Regressor> both = emptyDataset();
        for (int i = 0; i < 100; i++) {
            // Dimension names deliberately out of lexicographic order in the constructor.
            both.add(new ArrayExample<>(new Regressor(new String[]{"z-second", "a-first"}, new double[]{b.y[i], a.y[i]}), names, a.x[i]));
        }
        double lambda = 0.05;
        HadamardSparseRegressionModel joint = new HadamardSparseRegressionTrainer(lambda).train(both);
        HadamardSparseRegressionModel onlyA = new HadamardSparseRegressionTrainer(lambda).train(a.dataset());
        HadamardSparseRegressionModel onlyB = new HadamardSparseRegressionTrainer(lambda).train(b.dataset());
        assertArrayEquals(new String[]{"a-first", "z-second"}, joint.getDimensionNames());
        assertArrayEquals(onlyA.getWeightsArray("y"), joint.getWeightsArray("a-first"), 1e-12);
        assertArrayEquals(onlyB.getWeightsArray("y"), joint.getWeightsArray("z-second"), 1e-12);
        assertEquals(onlyA.getIntercepts().get("y"), joint.getIntercepts().get("a-first"), 1e-12);
        assertEquals(onlyB.getIntercepts().get("y"), joint.getIntercepts().get("z-second"), 1e-12);
        assertEquals(2, joint.getCertificates().size());
        Prediction<Regressor> pr = joint.predict(both.getExample(0));
        double pa = onlyA.predict(a.dataset().getExample(0)).getOutput().getValues()[0];
        double pb = onlyB.predict(b.dataset().getExample(0)).getOutput().getValues()[0];
        assertEquals(pa, pr.getOutput().getDimension("a-first").get().getValue(), 1e-10);
        assertEquals(pb, pr.getOutput().getDimension("z-second").get().getValue(), 1e-10);
        Helpers.testModelProtoSerialization(joint, Regressor.class, both);
    }

    @Test
    void sparseStorageGivesTheSameFitAsDense() {
        // Mostly-zero data: added sparsely (only non-zeros) and densely (explicit zeros).
        SyntheticData data = SyntheticData.regression(120, 40, 5, 0.0, 0.5, 5);
        int p = 40;
        MutableDataset<Regressor> sparse = emptyDataset();
        MutableDataset<Regressor> dense = emptyDataset();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(9);
        for (int i = 0; i < data.x.length; i++) {
            double[] row = data.x[i].clone();
            java.util.List<String> nz = new java.util.ArrayList<>();
            java.util.List<Double> vals = new java.util.ArrayList<>();
            String[] all = new String[p];
            for (int j = 0; j < p; j++) {
                all[j] = SyntheticData.name(j);
                if (j > 0 && rng.nextDouble() < 0.9) { // feature 0 always present: no empty rows
                    row[j] = 0;
                } else {
                    nz.add(all[j]);
                    vals.add(row[j]);
                }
            }
            double y = 1 + 2 * row[0] - row[3] + row[7];
            sparse.add(new ArrayExample<>(new Regressor("y", y), nz.toArray(new String[0]), vals.stream().mapToDouble(Double::doubleValue).toArray()));
            dense.add(new ArrayExample<>(new Regressor("y", y), all, row));
        }
        assertTrue(new RegressionDataAdapter(sparse, true).isSparse());
        assertFalse(new RegressionDataAdapter(dense, true).isSparse());
        HadamardSparseRegressionModel s = new HadamardSparseRegressionTrainer(0.01).train(sparse);
        HadamardSparseRegressionModel d = new HadamardSparseRegressionTrainer(0.01).train(dense);
        assertArrayEquals(d.getWeightsArray("y"), s.getWeightsArray("y"), 1e-9);
        assertEquals(d.getIntercepts().get("y"), s.getIntercepts().get("y"), 1e-9);
        // Sparse examples are predicted with absent features as zeros (no intersect-centring).
        assertArrayEquals(predictions(d, dense), predictions(s, sparse), 1e-9);
    }

    @Test
    void exampleWeightsAreUsed() {
        SyntheticData data = SyntheticData.regression(60, 5, 2, 0.1, 1.0, 13);
        MutableDataset<Regressor> weighted = data.dataset();
        MutableDataset<Regressor> duplicated = data.dataset();
        for (int i = 0; i < 60; i += 3) {
            weighted.getExample(i).setWeight(2.0f);
            duplicated.add(duplicated.getExample(i).copy());
        }
        HadamardSparseRegressionModel w = new HadamardSparseRegressionTrainer(0.05).train(weighted);
        HadamardSparseRegressionModel d = new HadamardSparseRegressionTrainer(0.05).train(duplicated);
        assertArrayEquals(d.getWeightsArray("y"), w.getWeightsArray("y"), 1e-9);
    }

    // ---- penalties -----------------------------------------------------------------------------

    @Test
    void groupLassoByFeatureNames() {
        SyntheticData data = SyntheticData.regression(150, 12, 4, 0.5, 1.0, 17);
        Map<String, String> groups = new HashMap<>();
        for (int j = 0; j < 12; j++) {
            groups.put(SyntheticData.name(j), "g" + (j / 3));
        }
        HadamardSparseRegressionTrainer trainer = HadamardSparseRegressionTrainer.builder(0.3)
                .penalty(PenaltyType.GROUP_LASSO).groups(groups).build();
        HadamardSparseRegressionModel model = trainer.train(data.dataset());
        double[] beta = model.getWeightsArray("y");
        int zeroGroups = 0;
        for (int g = 0; g < 4; g++) {
            int nz = 0;
            for (int j = 3 * g; j < 3 * g + 3; j++) {
                nz += beta[j] != 0 ? 1 : 0;
            }
            assertTrue(nz == 0 || nz == 3, "group " + g + " is partially zero: " + Arrays.toString(beta));
            zeroGroups += nz == 0 ? 1 : 0;
        }
        assertTrue(zeroGroups > 0 && zeroGroups < 4, "expected some but not all groups zero: " + Arrays.toString(beta));
        assertTrue(model.getCertificate("y").relativeGap() < 1e-8, model.getCertificate("y").toString());

        Map<String, String> bad = new HashMap<>(groups);
        bad.put("no-such-feature", "g0");
        HadamardSparseRegressionTrainer badTrainer = HadamardSparseRegressionTrainer.builder(0.3)
                .penalty(PenaltyType.GROUP_LASSO).groups(bad).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> badTrainer.train(data.dataset()));
        assertTrue(e.getMessage().contains("no-such-feature"), e.getMessage());
        assertEquals(0, badTrainer.getInvocationCount());
    }

    @Test
    void penaltyFactorZeroLeavesAFeatureUnpenalised() {
        SyntheticData data = SyntheticData.regression(100, 6, 2, 0.0, 1.0, 23);
        double lmax = lambdaMax(data, true);
        String free = SyntheticData.name(5);
        HadamardSparseRegressionModel model = HadamardSparseRegressionTrainer.builder(10 * lmax)
                .penaltyFactors(Collections.singletonMap(free, 0.0)).build().train(data.dataset());
        assertEquals(List.of(free), model.getActiveFeatures().get("y"));
        // Alone and unpenalised, the coefficient is the simple least-squares slope.
        int n = data.x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += data.x[i][5] / n;
            my += data.y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (data.x[i][5] - mx) * (data.y[i] - my);
            sxx += (data.x[i][5] - mx) * (data.x[i][5] - mx);
        }
        assertEquals(sxy / sxx, model.getWeightsArray("y")[5], 1e-8 * Math.abs(sxy / sxx));
        assertEquals(my - mx * sxy / sxx, model.getIntercepts().get("y"), 1e-8);
    }

    @Test
    void lqIsSparserThanTheLassoItStartsFrom() {
        SyntheticData data = SyntheticData.regression(100, 30, 4, 0.7, 1.0, 29);
        double lambda = 0.05 * lambdaMax(data, true);
        HadamardSparseRegressionModel lasso = new HadamardSparseRegressionTrainer(lambda).train(data.dataset());
        HadamardSparseRegressionModel lq = new HadamardSparseRegressionTrainer(PenaltyType.LQ, lambda, 0.5, true).train(data.dataset());
        int lassoNnz = lasso.getActiveFeatures().get("y").size();
        int lqNnz = lq.getActiveFeatures().get("y").size();
        assertTrue(lqNnz <= lassoNnz, "Lq " + lqNnz + " > lasso " + lassoNnz);
        assertTrue(Double.isNaN(lq.getCertificate("y").dualityGap()));
        assertTrue(lq.getCertificate("y").kktViolation() < 1e-5, lq.getCertificate("y").toString());
        // depth 4 is q = 1/2 in product form.
        HadamardSparseRegressionTrainer depth4 = HadamardSparseRegressionTrainer.builder(lambda).penalty(PenaltyType.LQ).depth(4).build();
        assertTrue(depth4.toString().contains("q=0.5"), depth4.toString());
        assertEquals(0.5, ((DoubleProvenance) depth4.getProvenance().getConfiguredParameters().get("q")).getValue());
    }

    // ---- Tribuo integration --------------------------------------------------------------------

    @Test
    void crossValidationTrainsOnFolds() {
        SyntheticData data = SyntheticData.regression(90, 10, 3, 0.3, 1.0, 31);
        MutableDataset<Regressor> ds = data.dataset();
        HadamardSparseRegressionTrainer trainer = new HadamardSparseRegressionTrainer(0.05);
        CrossValidation<Regressor, RegressionEvaluation> cv = new CrossValidation<>(trainer, ds, new RegressionEvaluator(), 3, 1L);
        List<Pair<RegressionEvaluation, Model<Regressor>>> folds = cv.evaluate();
        assertEquals(3, folds.size());
        assertEquals(3, trainer.getInvocationCount());
        HadamardSparseRegressionModel full = new HadamardSparseRegressionTrainer(0.05).train(ds);
        for (Pair<RegressionEvaluation, Model<Regressor>> fold : folds) {
            HadamardSparseRegressionModel m = (HadamardSparseRegressionModel) fold.getB();
            assertFalse(Arrays.equals(full.getWeightsArray("y"), m.getWeightsArray("y")));
            double r2 = fold.getA().averageR2();
            assertTrue(r2 > 0.5 && r2 <= 1, "fold R2 " + r2);
        }
    }

    @Test
    void transformTrainerWrapping() {
        SyntheticData data = SyntheticData.regression(100, 8, 3, 0.2, 1.0, 37);
        MutableDataset<Regressor> ds = data.dataset();
        HadamardSparseRegressionTrainer inner = new HadamardSparseRegressionTrainer(PenaltyType.LASSO, 0.05, Double.NaN, false);
        TransformTrainer<Regressor> trainer = new TransformTrainer<>(inner,
                new TransformationMap(Collections.singletonList(new MeanStdDevTransformation())));
        TransformedModel<Regressor> model = trainer.train(ds);
        assertEquals(1, inner.getInvocationCount());
        HadamardSparseRegressionModel innerModel = (HadamardSparseRegressionModel) model.getInnerModel();
        // TransformTrainer passes invocation count −1 through the 3-arg train; the wrapped model
        // predicts on raw examples through the transformation.
        double[] pred = predictions(model, ds);
        double rss = 0;
        double tss = 0;
        double my = Arrays.stream(data.y).average().orElseThrow();
        for (int i = 0; i < pred.length; i++) {
            rss += (data.y[i] - pred[i]) * (data.y[i] - pred[i]);
            tss += (data.y[i] - my) * (data.y[i] - my);
        }
        assertTrue(1 - rss / tss > 0.8, "R2 " + (1 - rss / tss));
        assertFalse(innerModel.getActiveFeatures().get("y").isEmpty());
    }

    @Test
    void configurationRoundTrips() {
        Helpers.testConfigurableRoundtrip(new HadamardSparseRegressionTrainer(0.1));
        Map<String, String> groups = new HashMap<>();
        groups.put("x00000", "a");
        groups.put("x00001", "a");
        Helpers.testConfigurableRoundtrip(HadamardSparseRegressionTrainer.builder(0.2).penalty(PenaltyType.GROUP_LASSO)
                .groups(groups).groupWeights(Collections.singletonMap("a", 3.0))
                .penaltyFactors(Collections.singletonMap("x00002", 0.0)).standardize(false).seed(5).build());
        Helpers.testConfigurableRoundtrip(HadamardSparseRegressionTrainer.builder(0.2).penalty(PenaltyType.LQ).q(0.3)
                .solver(SolverKind.SGD).epochs(7).minibatchSize(3).build());
    }

    @Test
    void loadsFromOlcutXml() {
        ConfigurationManager cm = new ConfigurationManager("/org/hadamard/sparse/tribuo/hadamard-regression-config.xml");
        HadamardSparseRegressionTrainer lasso = (HadamardSparseRegressionTrainer) cm.lookup("lasso");
        HadamardSparseRegressionTrainer group = (HadamardSparseRegressionTrainer) cm.lookup("group-lasso");
        HadamardSparseRegressionTrainer lq = (HadamardSparseRegressionTrainer) cm.lookup("lq-sgd");
        SyntheticData data = SyntheticData.regression(80, 6, 3, 0.2, 1.0, 41);
        HadamardSparseRegressionModel fromXml = lasso.train(data.dataset());
        HadamardSparseRegressionModel direct = HadamardSparseRegressionTrainer.builder(0.05).seed(1).build().train(data.dataset());
        assertArrayEquals(direct.getWeightsArray("y"), fromXml.getWeightsArray("y"), 0.0);
        HadamardSparseRegressionModel grouped = group.train(data.dataset());
        assertTrue(grouped.getActiveFeatures().get("y").contains("x00004"), "the unpenalised feature must be active");
        TrainerProvenance tp = lq.getProvenance();
        assertEquals(0.5, ((DoubleProvenance) tp.getConfiguredParameters().get("q")).getValue());
        assertTrue(tp.getConfiguredParameters().get("solver").toString().contains("SGD"));
    }

    @Test
    void provenanceRecordsLambdaAndPenalty() {
        SyntheticData data = SyntheticData.regression(50, 5, 2, 0.0, 1.0, 43);
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(PenaltyType.LQ, 0.125, 0.5, true).train(data.dataset());
        Map<String, Provenance> params = model.getProvenance().getTrainerProvenance().getConfiguredParameters();
        assertEquals(0.125, ((DoubleProvenance) params.get("lambda")).getValue());
        assertTrue(params.get("penalty").toString().contains("LQ"), params.get("penalty").toString());
        assertEquals(0.5, ((DoubleProvenance) params.get("q")).getValue());
        assertEquals(0.125, model.getLambda());
        assertTrue(model.getProvenance().getTrainerProvenance().toString().contains("train-invocation-count"));
    }

    @Test
    void sameSeedGivesBitIdenticalModels() {
        SyntheticData data = SyntheticData.regression(70, 9, 3, 0.5, 1.0, 47);
        HadamardSparseRegressionModel a = new HadamardSparseRegressionTrainer(0.02).train(data.dataset());
        HadamardSparseRegressionModel b = new HadamardSparseRegressionTrainer(0.02).train(data.dataset());
        assertArrayEquals(a.getWeightsArray("y"), b.getWeightsArray("y"), 0.0);
        assertEquals(a.getIntercepts(), b.getIntercepts());
        assertEquals(a.getCertificates(), b.getCertificates());
    }

    @Test
    void sameSeedGivesBitIdenticalModelsUnderSgd() {
        SyntheticData data = SyntheticData.regression(70, 9, 3, 0.5, 1.0, 47);
        HadamardSparseRegressionTrainer t1 = HadamardSparseRegressionTrainer.builder(0.02).solver(SolverKind.SGD).epochs(20).seed(3).build();
        HadamardSparseRegressionTrainer t2 = HadamardSparseRegressionTrainer.builder(0.02).solver(SolverKind.SGD).epochs(20).seed(3).build();
        HadamardSparseRegressionModel a = t1.train(data.dataset());
        HadamardSparseRegressionModel b = t2.train(data.dataset());
        assertArrayEquals(a.getWeightsArray("y"), b.getWeightsArray("y"), 0.0);
        assertEquals(a.getIntercepts(), b.getIntercepts());
        // Replaying the invocation count reproduces the second model of a trainer.
        HadamardSparseRegressionModel second = t1.train(data.dataset());
        t2.setInvocationCount(1);
        assertArrayEquals(second.getWeightsArray("y"), t2.train(data.dataset()).getWeightsArray("y"), 0.0);
        // A different invocation draws a different seed, so SGD lands elsewhere (but close).
        assertFalse(java.util.Arrays.equals(a.getWeightsArray("y"), second.getWeightsArray("y")));
    }

    @Test
    void sgdWithPolishMatchesFullBatch() {
        SyntheticData data = SyntheticData.regression(120, 15, 4, 0.5, 1.0, 48);
        HadamardSparseRegressionModel full = new HadamardSparseRegressionTrainer(0.05).train(data.dataset());
        HadamardSparseRegressionModel sgd = HadamardSparseRegressionTrainer.builder(0.05).solver(SolverKind.SGD).build().train(data.dataset());
        HadamardSparseRegressionModel polished = HadamardSparseRegressionTrainer.builder(0.05).solver(SolverKind.SGD).polish(true).build().train(data.dataset());
        double ref = full.getCertificate("y").objective();
        assertTrue(sgd.getCertificate("y").objective() <= ref * (1 + 1e-3), "SGD objective " + sgd.getCertificate("y"));
        assertEquals(ref, polished.getCertificate("y").objective(), 1e-9 * ref);
        assertEquals(full.getActiveFeatures(), polished.getActiveFeatures());
        assertTrue(polished.getCertificate("y").converged());
    }

    @Test
    void invocationCount() {
        SyntheticData data = SyntheticData.regression(40, 4, 2, 0.0, 1.0, 53);
        HadamardSparseRegressionTrainer trainer = new HadamardSparseRegressionTrainer(0.05);
        trainer.train(data.dataset());
        trainer.train(data.dataset(), Collections.emptyMap());
        assertEquals(2, trainer.getInvocationCount());
        trainer.setInvocationCount(7);
        assertEquals(7, trainer.getInvocationCount());
        HadamardSparseRegressionModel m = trainer.train(data.dataset(), Collections.emptyMap(), 3);
        assertEquals(4, trainer.getInvocationCount());
        // Provenance is taken before the increment.
        assertEquals(3, ((IntProvenance) m.getProvenance().getTrainerProvenance().getInstanceValues().get("train-invocation-count")).getValue());
        assertThrows(IllegalArgumentException.class, () -> trainer.setInvocationCount(-1));
        // −1 means "increment", as TransformTrainer passes it.
        trainer.train(data.dataset(), Collections.emptyMap(), -1);
        assertEquals(5, trainer.getInvocationCount());
    }

    @Test
    void serialisationRoundTrips() {
        SyntheticData data = SyntheticData.regression(60, 7, 3, 0.3, 1.0, 59);
        MutableDataset<Regressor> ds = data.dataset();
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(0.05).train(ds);
        HadamardSparseRegressionModel fromProto = (HadamardSparseRegressionModel) Helpers.testModelProtoSerialization(model, Regressor.class, ds);
        assertEquals(model.getCertificates(), fromProto.getCertificates());
        assertEquals(model.getLambda(), fromProto.getLambda());
        assertEquals(model.getActiveFeatures(), fromProto.getActiveFeatures());
        assertArrayEquals(model.getWeightsArray("y"), fromProto.getWeightsArray("y"), 0.0);
        // A non-convex model's NaN duality gap survives too.
        HadamardSparseRegressionModel lq = new HadamardSparseRegressionTrainer(PenaltyType.LQ, 0.05, 0.5, true).train(ds);
        HadamardSparseRegressionModel lqBack = (HadamardSparseRegressionModel) Helpers.testModelProtoSerialization(lq, Regressor.class, ds);
        assertTrue(Double.isNaN(lqBack.getCertificate("y").dualityGap()));
        assertEquals(lq.getCertificate("y"), lqBack.getCertificate("y"));

        HadamardSparseRegressionModel fromJava = javaRoundTrip(model);
        assertArrayEquals(predictions(model, ds), predictions(fromJava, ds), 0.0);
        assertEquals(model.getCertificates(), fromJava.getCertificates());
        HadamardSparseRegressionModel copy = (HadamardSparseRegressionModel) model.copy();
        assertArrayEquals(predictions(model, ds), predictions(copy, ds), 0.0);
    }

    private static HadamardSparseRegressionModel javaRoundTrip(HadamardSparseRegressionModel model) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
                out.writeObject(model);
            }
            try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                return (HadamardSparseRegressionModel) in.readObject();
            }
        } catch (java.io.IOException | ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void modelAccessors() {
        SyntheticData data = SyntheticData.regression(80, 10, 3, 0.3, 0.5, 61);
        MutableDataset<Regressor> ds = data.dataset();
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(0.1).train(ds);
        List<String> active = model.getActiveFeatures().get("y");
        Map<String, List<Pair<String, Double>>> all = model.getTopFeatures(-1);
        assertEquals(active.size() + 1, all.get("y").size());
        Map<String, List<Pair<String, Double>>> top2 = model.getTopFeatures(2);
        assertEquals(2, top2.get("y").size());
        assertEquals(all.get("y").subList(0, 2), top2.get("y"));
        SparseVector w = model.getWeights().get("y");
        assertEquals(active.size(), w.numActiveElements());
        // Excuse: contributions plus bias sum to the prediction.
        Example<Regressor> ex = ds.getExample(3);
        double sum = model.getExcuse(ex).orElseThrow().getScores().get("y").stream().mapToDouble(Pair::getB).sum();
        assertEquals(model.predict(ex).getOutput().getValues()[0], sum, 1e-10);
        // Examples without known features are rejected.
        ArrayExample<Regressor> unknown = new ArrayExample<>(new Regressor("y", 0), new String[]{"nope"}, new double[]{1});
        assertThrows(IllegalArgumentException.class, () -> model.predict(unknown));
        ArrayExample<Regressor> empty = new ArrayExample<>(new Regressor("y", 0));
        assertThrows(IllegalArgumentException.class, () -> model.predict(empty));
    }

    @Test
    void pathGivesModelsWithCertificates() {
        SyntheticData data = SyntheticData.regression(100, 15, 4, 0.5, 1.0, 67);
        MutableDataset<Regressor> ds = data.dataset();
        HadamardSparseRegressionTrainer trainer = new HadamardSparseRegressionTrainer(PenaltyType.LASSO, 1.0, Double.NaN, false);
        HadamardSparseRegressionPath path = trainer.trainPath(ds, 10, 0.01);
        assertEquals(10, path.size());
        assertEquals(1, trainer.getInvocationCount());
        assertEquals(lambdaMax(data, false), path.getLambdaMax(), 1e-12 * path.getLambdaMax());
        assertTrue(path.getModel(0).getActiveFeatures().get("y").isEmpty());
        double[] lambdas = path.getLambdas();
        for (int i = 0; i < path.size(); i++) {
            HadamardSparseRegressionModel m = path.getModel(i);
            assertEquals(lambdas[i], m.getLambda());
            assertTrue(m.getCertificate("y").converged());
            if (i > 0) {
                assertTrue(lambdas[i] < lambdas[i - 1]);
            }
        }
        // The last path model matches a single fit at that λ (objective-wise).
        double last = lambdas[9];
        HadamardSparseRegressionModel single = new HadamardSparseRegressionTrainer(PenaltyType.LASSO, last, Double.NaN, false).train(ds);
        double a = ReferenceObjectives.lassoRaw(data.x, data.y, single.getWeightsArray("y"), last);
        double b = ReferenceObjectives.lassoRaw(data.x, data.y, path.getModel(9).getWeightsArray("y"), last);
        assertEquals(a, b, 1e-8 * a);
        // An explicit list in any order.
        HadamardSparseRegressionPath listed = trainer.trainPath(ds, new double[]{0.01, 0.1, 0.05});
        assertArrayEquals(new double[]{0.1, 0.05, 0.01}, listed.getLambdas(), 0.0);
    }

    // ---- bad input -----------------------------------------------------------------------------

    @Test
    void badInputCatalogue() {
        HadamardSparseRegressionTrainer trainer = new HadamardSparseRegressionTrainer(0.1);
        // NaN feature: rejected before fitting, naming the feature, without consuming an invocation.
        // MutableDataset.add validates, so the NaN is set after adding (as a mutating transform could).
        MutableDataset<Regressor> nan = SyntheticData.regression(20, 3, 1, 0.0, 1.0, 71).dataset();
        ((ArrayExample<Regressor>) nan.getExample(4)).set(new Feature("x00001", Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(nan));
        assertTrue(e.getMessage().contains("x00001") && e.getMessage().contains("NaN"), e.getMessage());
        MutableDataset<Regressor> inf = SyntheticData.regression(20, 3, 1, 0.0, 1.0, 71).dataset();
        ((ArrayExample<Regressor>) inf.getExample(2)).set(new Feature("x00002", Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> trainer.train(inf));
        // Empty dataset.
        e = assertThrows(IllegalArgumentException.class, () -> trainer.train(emptyDataset()));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        assertEquals(0, trainer.getInvocationCount());
        // Bad configuration.
        assertThrows(PropertyException.class, () -> new HadamardSparseRegressionTrainer(-0.1));
        assertThrows(PropertyException.class, () -> new HadamardSparseRegressionTrainer(Double.NaN));
        assertThrows(PropertyException.class, () -> new HadamardSparseRegressionTrainer(PenaltyType.LQ, 0.1, 0.0, true));
        assertThrows(PropertyException.class, () -> new HadamardSparseRegressionTrainer(PenaltyType.LQ, 0.1, 1.5, true));
        assertThrows(PropertyException.class, () -> new HadamardSparseRegressionTrainer(PenaltyType.GROUP_LASSO, 0.1, -1, true));
        assertThrows(PropertyException.class, () -> new HadamardSparseRegressionTrainer(PenaltyType.LASSO, 0.1, 0.5, true));
        assertThrows(PropertyException.class, () -> HadamardSparseRegressionTrainer.builder(0.1).penalty(PenaltyType.LQ).depth(1).build());
        assertThrows(PropertyException.class, () -> HadamardSparseRegressionTrainer.builder(0.1).penalty(PenaltyType.LQ).depth(3).q(0.5).build());
        PropertyException pe = assertThrows(PropertyException.class, () -> HadamardSparseRegressionTrainer.builder(0.1)
                .penaltyFactors(Collections.singletonMap("x00000", -1.0)).build());
        assertTrue(pe.getMessage().contains("x00000"), pe.getMessage());
        assertThrows(PropertyException.class, () -> HadamardSparseRegressionTrainer.builder(0.1)
                .groups(Collections.singletonMap("x00000", "a")).build()); // groups need GROUP_LASSO
        // Unknown feature in penalty factors.
        HadamardSparseRegressionTrainer pf = HadamardSparseRegressionTrainer.builder(0.1)
                .penaltyFactors(Collections.singletonMap("missing", 0.0)).build();
        e = assertThrows(IllegalArgumentException.class, () -> pf.train(SyntheticData.regression(20, 3, 1, 0.0, 1.0, 71).dataset()));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void sgdSolverIsWiredThroughOneFactory() {
        HadamardSparseRegressionTrainer trainer = HadamardSparseRegressionTrainer.builder(0.1).solver(SolverKind.SGD).build();
        MutableDataset<Regressor> ds = SyntheticData.regression(30, 3, 1, 0.0, 1.0, 73).dataset();
        try {
            HadamardSparseRegressionModel m = trainer.train(ds);
            assertNotEquals(null, m.getCertificate("y"));
        } catch (UnsupportedOperationException e) {
            assertEquals("SGD solver not available yet", e.getMessage());
        }
    }
}
