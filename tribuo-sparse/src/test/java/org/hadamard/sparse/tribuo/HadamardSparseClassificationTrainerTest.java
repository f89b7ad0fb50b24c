/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.primitives.IntProvenance;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hadamard.sparse.testing.SyntheticData;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer.Mode;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.PenaltyType;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.SolverKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.dataset.DatasetView;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.impl.ArrayExample;
import org.tribuo.interop.onnx.OnnxTestUtils;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.test.Helpers;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.TransformedModel;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

import java.nio.file.Path;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The classification trainer and model: numbers against an independent FISTA solver, Tribuo
 * integration (cross-validation, transform wrapping, configuration, serialisation, ONNX) and the
 * documented edge cases (absent classes, separable data, λ ≥ λ_max, bad input).
 */
class HadamardSparseClassificationTrainerTest {

    static final String[] BINARY = {"no", "yes"};
    static final String[] IRIS = {"setosa", "versicolor", "virginica"};

    private static final List<Logger> QUIET = List.of(
            Logger.getLogger(HadamardSparseClassificationTrainer.class.getName()),
            Logger.getLogger(CrossValidation.class.getName()));

    @BeforeAll
    static void quietLogs() {
        for (Logger l : QUIET) {
            l.setLevel(Level.WARNING);
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Raw-scale rows of a model in reference order (binary: the positive row; else sorted classes). */
    static double[][] rawRows(HadamardSparseClassificationModel m, String[] rowLabels) {
        double[][] out = new double[rowLabels.length][];
        for (int r = 0; r < rowLabels.length; r++) {
            out[r] = m.getWeightsArray(rowLabels[r]);
        }
        return out;
    }

    static double[] rawIntercepts(HadamardSparseClassificationModel m, String[] rowLabels) {
        double[] out = new double[rowLabels.length];
        for (int r = 0; r < rowLabels.length; r++) {
            out[r] = m.getIntercepts().get(rowLabels[r]);
        }
        return out;
    }

    static void assertAgreesWithFista(ClassificationData data, HadamardSparseClassificationTrainer trainer, boolean binary,
                                      boolean grouped, double lambda) {
        HadamardSparseClassificationModel model = trainer.train(data.dataset());
        // The reference is certified to a relative gap of at most 1e-8 (it aims at 1e-10 and gets there
        // for the lasso; the grouped problem stalls near 2e-9), so it is within 1e-8 of the optimum and a
        // 1e-7 relative tolerance on the objectives' difference is justified.
        FistaReference ref = new FistaReference(data, binary, grouped, lambda).solve(1e-10, 60_000);
        assertTrue(ref.gap <= 1e-8 * ref.objective(), "reference gap " + ref.gap + " after " + ref.iterations);
        String[] rowLabels = binary ? new String[]{data.names[1]} : data.names;
        double ours = ref.objectiveRaw(rawIntercepts(model, rowLabels), rawRows(model, rowLabels));
        assertEquals(ref.objective(), ours, 1e-7 * ref.objective(), "objective: ours " + ours + " FISTA " + ref.objective());
        assertEquals(model.getCertificate().objective(), ours, 1e-9 * ours, "the certificate reports the same objective");
        boolean[][] support = ref.support();
        int nnz = 0;
        for (int r = 0; r < rowLabels.length; r++) {
            double[] w = model.getWeightsArray(rowLabels[r]);
            for (int j = 0; j < w.length; j++) {
                assertEquals(support[r][j], w[j] != 0, "support of " + rowLabels[r] + "/" + j + ": FISTA "
                        + ref.beta[r][j] + " ours " + w[j]);
                nnz += support[r][j] ? 1 : 0;
            }
        }
        assertTrue(nnz > 0 && nnz < rowLabels.length * data.x[0].length, "the test should have a non-trivial support, nnz " + nnz);
        assertTrue(model.getCertificate().converged());
    }

    // ---- numbers against the independent FISTA reference ----------------------------------------

    @Test
    void binaryLassoMatchesFista() {
        ClassificationData data = ClassificationData.generate(200, 15, BINARY, 3, 1.5, 1);
        assertAgreesWithFista(data, new HadamardSparseClassificationTrainer(0.03), true, false, 0.03);
        // Weighted examples.
        ClassificationData weighted = data.withRandomWeights(2);
        assertAgreesWithFista(weighted, new HadamardSparseClassificationTrainer(0.02), true, false, 0.02);
    }

    @Test
    void multinomialLassoMatchesFista() {
        ClassificationData data = ClassificationData.generate(240, 12, IRIS, 3, 1.5, 3);
        assertAgreesWithFista(data, new HadamardSparseClassificationTrainer(0.02), false, false, 0.02);
        // A two-label domain fitted as a (symmetric) multinomial.
        ClassificationData two = ClassificationData.generate(150, 10, BINARY, 3, 1.5, 4);
        assertAgreesWithFista(two, HadamardSparseClassificationTrainer.builder(0.02).mode(Mode.MULTINOMIAL).build(), false, false, 0.02);
    }

    @Test
    void groupedMultinomialMatchesFista() {
        ClassificationData data = ClassificationData.generate(240, 12, IRIS, 3, 1.5, 5).withRandomWeights(6);
        assertAgreesWithFista(data, HadamardSparseClassificationTrainer.builder(0.03).groupedMultinomial(true).build(), false, true, 0.03);
        // Grouped: every feature is in all classes or in none.
        HadamardSparseClassificationModel m = HadamardSparseClassificationTrainer.builder(0.03).groupedMultinomial(true).build().train(data.dataset());
        Map<String, List<String>> active = m.getActiveFeatures();
        assertEquals(active.get("setosa"), active.get("versicolor"));
        assertEquals(active.get("setosa"), active.get("virginica"));
    }

    // ---- modes, labels, probabilities ------------------------------------------------------------

    @Test
    void positiveLabelDefaultsToSecondSortedLabel() {
        // Tribuo gives "no"/"yes" ids by HashMap order; the positive class is "yes" (sorted second).
        ClassificationData data = ClassificationData.generate(120, 6, BINARY, 2, 1.5, 7);
        HadamardSparseClassificationModel m = new HadamardSparseClassificationTrainer(0.02).train(data.dataset());
        assertEquals(Mode.BINARY, m.getMode());
        assertEquals("yes", m.getPositiveLabel().orElseThrow());
        HadamardSparseClassificationModel flipped = HadamardSparseClassificationTrainer.builder(0.02).positiveLabel("no").build().train(data.dataset());
        assertEquals("no", flipped.getPositiveLabel().orElseThrow());
        // Flipping the positive class negates the log-odds: same fit, same probabilities.
        assertArrayEquals(m.getWeightsArray("yes"), flipped.getWeightsArray("yes"), 1e-6);
        for (Example<Label> ex : data.dataset()) {
            Prediction<Label> a = m.predict(ex);
            Prediction<Label> b = flipped.predict(ex);
            assertEquals(a.getOutputScores().get("yes").getScore(), b.getOutputScores().get("yes").getScore(), 1e-7);
            assertEquals(1.0, a.getOutputScores().get("yes").getScore() + a.getOutputScores().get("no").getScore(), 1e-12);
        }
        MutableDataset<Label> ds = data.dataset();
        HadamardSparseClassificationTrainer bad = HadamardSparseClassificationTrainer.builder(0.02).positiveLabel("maybe").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bad.train(ds));
        assertTrue(e.getMessage().contains("maybe"), e.getMessage());
        assertThrows(PropertyException.class, () -> HadamardSparseClassificationTrainer.builder(0.02).mode(Mode.MULTINOMIAL).positiveLabel("yes").build());
        MutableDataset<Label> iris = ClassificationData.generate(60, 4, IRIS, 2, 1.0, 8).dataset();
        e = assertThrows(IllegalArgumentException.class, () -> HadamardSparseClassificationTrainer.builder(0.02).mode(Mode.BINARY).build().train(iris));
        assertTrue(e.getMessage().contains("exactly two labels"), e.getMessage());
    }

    @Test
    void predictionsCarryEveryLabel() {
        MutableDataset<Label> ds = ClassificationData.generate(150, 8, IRIS, 3, 1.5, 9).dataset();
        HadamardSparseClassificationModel m = new HadamardSparseClassificationTrainer(0.01).train(ds);
        assertEquals(Mode.MULTINOMIAL, m.getMode());
        assertArrayEquals(IRIS, m.getClassNames());
        assertTrue(m.generatesProbabilities());
        for (Prediction<Label> pr : m.predict(ds)) {
            assertEquals(3, pr.getOutputScores().size());
            double sum = pr.getOutputScores().values().stream().mapToDouble(Label::getScore).sum();
            assertEquals(1.0, sum, 1e-12);
            double best = pr.getOutputScores().values().stream().mapToDouble(Label::getScore).max().orElseThrow();
            assertEquals(best, pr.getOutput().getScore());
            assertEquals(8, pr.getNumActiveFeatures());
        }
    }

    // ---- edge cases -------------------------------------------------------------------------------

    @Test
    void absentClassGetsProbabilityZero() {
        // A view without "virginica" keeps the full output domain (as cross-validation folds do).
        ClassificationData data = ClassificationData.generate(180, 8, IRIS, 3, 1.5, 11);
        MutableDataset<Label> ds = data.dataset();
        int[] idx = java.util.stream.IntStream.range(0, data.y.length).filter(i -> data.y[i] != 2).toArray();
        DatasetView<Label> view = new DatasetView<>(ds, idx, "no-virginica");
        assertEquals(3, view.getOutputIDInfo().size());
        HadamardSparseClassificationModel m = new HadamardSparseClassificationTrainer(0.02).train(view);
        assertArrayEquals(new String[]{"setosa", "versicolor"}, m.getClassNames());
        assertTrue(m.getCertificate().converged());
        assertTrue(m.getActiveFeatures().get("virginica").isEmpty());
        for (Prediction<Label> pr : m.predict(ds)) {
            assertEquals(0.0, pr.getOutputScores().get("virginica").getScore());
            assertFalse(pr.getOutput().getLabel().equals("virginica"));
            for (Label l : pr.getOutputScores().values()) {
                assertTrue(Double.isFinite(l.getScore()));
            }
        }
        // The fit is the two-class multinomial fit on the view's examples.
        MutableDataset<Label> twoClass = new MutableDataset<>(new SimpleDataSourceProvenance("two", ClassificationData.FACTORY), ClassificationData.FACTORY);
        for (int i : idx) {
            twoClass.add(ds.getExample(i));
        }
        HadamardSparseClassificationModel direct = HadamardSparseClassificationTrainer.builder(0.02).mode(Mode.MULTINOMIAL).build().train(twoClass);
        assertEquals(direct.getCertificate().objective(), m.getCertificate().objective(), 1e-9 * direct.getCertificate().objective());
    }

    @Test
    void oneClassIsAClearError() {
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("one", ClassificationData.FACTORY), ClassificationData.FACTORY);
        for (int i = 0; i < 10; i++) {
            ds.add(new ArrayExample<>(new Label("a"), new String[]{"f"}, new double[]{i}));
        }
        HadamardSparseClassificationTrainer trainer = new HadamardSparseClassificationTrainer(0.1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(ds));
        assertTrue(e.getMessage().contains("two classes"), e.getMessage());
        // Two labels in the domain but one present in a view.
        ds.add(new ArrayExample<>(new Label("b"), new String[]{"f"}, new double[]{3}));
        DatasetView<Label> view = new DatasetView<>(ds, new int[]{0, 1, 2, 3}, "only-a");
        e = assertThrows(IllegalArgumentException.class, () -> trainer.train(view));
        assertTrue(e.getMessage().contains("one class ('a')"), e.getMessage());
        assertEquals(0, trainer.getInvocationCount());
    }

    @Test
    void separableDataGivesFiniteCoefficients() {
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("sep", ClassificationData.FACTORY), ClassificationData.FACTORY);
        java.util.SplittableRandom rng = new java.util.SplittableRandom(13);
        for (int i = 0; i < 60; i++) {
            double a = ClassificationData.gaussian(rng);
            double b = ClassificationData.gaussian(rng);
            double shift = i % 2 == 0 ? 2 : -2;
            ds.add(new ArrayExample<>(new Label(i % 2 == 0 ? "pos" : "neg"), new String[]{"a", "b"}, new double[]{a + shift, b}));
        }
        double previous = 0;
        for (double lambda : new double[]{1e-1, 1e-2, 1e-3, 1e-4}) {
            HadamardSparseClassificationModel m = new HadamardSparseClassificationTrainer(lambda).train(ds);
            double w = m.getWeightsArray("pos")[0];
            assertTrue(Double.isFinite(w) && w > previous, "lambda " + lambda + " w " + w);
            assertTrue(m.getCertificate().converged(), m.getCertificate().toString());
            // Certified by the KKT conditions. For λ ≤ 1e-3 the fitted probabilities saturate and the
            // engine's recentred dual point leaves the entropy's domain, so the gap is NaN there.
            assertTrue(m.getCertificate().kktViolation() < 1e-7, m.getCertificate().toString());
            double gap = m.getCertificate().relativeGap();
            assertTrue(Double.isNaN(gap) || gap < 1e-8, m.getCertificate().toString());
            previous = w;
        }
        assertThrows(PropertyException.class, () -> new HadamardSparseClassificationTrainer(0.0));
    }

    @Test
    void lambdaAtOrAboveLambdaMaxGivesTheInterceptOnlyModel() {
        for (String[] names : new String[][]{BINARY, IRIS}) {
            ClassificationData data = ClassificationData.generate(150, 8, names, 3, 1.5, 17).withRandomWeights(18);
            MutableDataset<Label> ds = data.dataset();
            double lmax = new HadamardSparseClassificationTrainer(1.0).lambdaMax(ds);
            double total = Arrays.stream(data.weights).sum();
            double[] freq = new double[names.length];
            for (int i = 0; i < data.y.length; i++) {
                freq[data.y[i]] += data.weights[i] / total;
            }
            for (double lambda : new double[]{lmax, 2 * lmax}) {
                HadamardSparseClassificationModel m = new HadamardSparseClassificationTrainer(lambda).train(ds);
                for (SparseVectorView w : SparseVectorView.of(m)) {
                    assertEquals(0, w.nonZero, "all coefficients exactly zero at lambda " + lambda);
                }
                Prediction<Label> pr = m.predict(ds.getExample(0));
                for (int c = 0; c < names.length; c++) {
                    assertEquals(freq[c], pr.getOutputScores().get(names[c]).getScore(), 1e-12, names[c]);
                }
            }
            // Just below λ_max something enters.
            HadamardSparseClassificationModel below = new HadamardSparseClassificationTrainer(0.9 * lmax).train(ds);
            assertTrue(SparseVectorView.of(below).stream().mapToInt(v -> v.nonZero).sum() > 0);
        }
    }

    /** Non-zero counts of a model's rows. */
    record SparseVectorView(int nonZero) {
        static List<SparseVectorView> of(HadamardSparseClassificationModel m) {
            List<SparseVectorView> out = new ArrayList<>();
            m.getWeights().values().forEach(v -> out.add(new SparseVectorView(v.numActiveElements() == 0 ? 0
                    : (int) Arrays.stream(v.toArray()).filter(x -> x != 0).count())));
            return out;
        }
    }

    @Test
    void badInputIsAClearError() {
        HadamardSparseClassificationTrainer trainer = new HadamardSparseClassificationTrainer(0.1);
        MutableDataset<Label> nan = ClassificationData.generate(30, 3, BINARY, 1, 1.0, 19).dataset();
        ((ArrayExample<Label>) nan.getExample(4)).set(new Feature("x00001", Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> trainer.train(nan));
        assertTrue(e.getMessage().contains("x00001") && e.getMessage().contains("NaN"), e.getMessage());
        MutableDataset<Label> empty = new MutableDataset<>(new SimpleDataSourceProvenance("e", ClassificationData.FACTORY), ClassificationData.FACTORY);
        e = assertThrows(IllegalArgumentException.class, () -> trainer.train(empty));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        MutableDataset<Label> unknown = ClassificationData.generate(30, 3, BINARY, 1, 1.0, 19).dataset();
        unknown.add(new ArrayExample<>(ClassificationData.FACTORY.getUnknownOutput(), new String[]{"x00000"}, new double[]{1}));
        e = assertThrows(IllegalArgumentException.class, () -> trainer.train(unknown));
        assertTrue(e.getMessage().contains("unknown"), e.getMessage());
        assertEquals(0, trainer.getInvocationCount());
        assertThrows(PropertyException.class, () -> HadamardSparseClassificationTrainer.builder(0.1).groupedMultinomial(true)
                .penalty(PenaltyType.GROUP_LASSO).groups(Collections.singletonMap("x00000", "g")).build());
        // Predicting an example without known features.
        HadamardSparseClassificationModel m = trainer.train(ClassificationData.generate(30, 3, BINARY, 1, 1.0, 19).dataset());
        assertThrows(IllegalArgumentException.class, () -> m.predict(new ArrayExample<>(new Label("yes"), new String[]{"nope"}, new double[]{1})));
        assertThrows(IllegalArgumentException.class, () -> m.predict(new ArrayExample<>(new Label("yes"))));
    }

    // ---- other penalties ----------------------------------------------------------------------------

    @Test
    void otherPenaltiesFitAndCertify() {
        ClassificationData data = ClassificationData.generate(200, 10, IRIS, 3, 1.5, 23);
        MutableDataset<Label> ds = data.dataset();
        HadamardSparseClassificationModel lasso = new HadamardSparseClassificationTrainer(0.02).train(ds);
        HadamardSparseClassificationModel lq = HadamardSparseClassificationTrainer.builder(0.02).penalty(PenaltyType.LQ).q(0.5).build().train(ds);
        assertTrue(Double.isNaN(lq.getCertificate().dualityGap()));
        int lassoNnz = SparseVectorView.of(lasso).stream().mapToInt(v -> v.nonZero).sum();
        int lqNnz = SparseVectorView.of(lq).stream().mapToInt(v -> v.nonZero).sum();
        assertTrue(lqNnz <= lassoNnz, "Lq is at least as sparse: " + lqNnz + " vs " + lassoNnz);
        Map<String, String> groups = new HashMap<>();
        for (int j = 0; j < 10; j++) {
            groups.put(SyntheticData.name(j), "g" + (j / 2));
        }
        HadamardSparseClassificationModel group = HadamardSparseClassificationTrainer.builder(0.03).penalty(PenaltyType.GROUP_LASSO)
                .groups(groups).build().train(ds);
        assertTrue(group.getCertificate().relativeGap() < 1e-8, group.getCertificate().toString());
        for (List<String> active : group.getActiveFeatures().values()) {
            for (String f : active) {
                int j = Integer.parseInt(f.substring(1));
                String partner = SyntheticData.name(j % 2 == 0 ? j + 1 : j - 1);
                assertTrue(active.contains(partner), "groups enter together: " + active);
            }
        }
        HadamardSparseClassificationModel factors = HadamardSparseClassificationTrainer.builder(0.5)
                .penaltyFactors(Collections.singletonMap("x00004", 0.0)).build().train(ds);
        for (String l : IRIS) {
            assertTrue(factors.getActiveFeatures().get(l).contains("x00004"));
        }
        // SGD polished by the full-batch solver reaches the full-batch optimum and certifies it.
        HadamardSparseClassificationModel sgd = HadamardSparseClassificationTrainer.builder(0.02).solver(SolverKind.SGD).polish(true).build().train(ds);
        double ref = lasso.getCertificate().objective();
        assertEquals(ref, sgd.getCertificate().objective(), 1e-9 * ref, lasso.getCertificate() + " vs " + sgd.getCertificate());
        assertTrue(sgd.getCertificate().converged(), sgd.getCertificate().toString());
    }

    // ---- Tribuo integration --------------------------------------------------------------------------

    @Test
    void crossValidationWithLabelEvaluator() {
        MutableDataset<Label> bin = ClassificationData.generate(200, 10, BINARY, 3, 2.0, 29).dataset();
        HadamardSparseClassificationTrainer trainer = new HadamardSparseClassificationTrainer(0.01);
        CrossValidation<Label, LabelEvaluation> cv = new CrossValidation<>(trainer, bin, new LabelEvaluator(), 5, 1);
        for (Pair<LabelEvaluation, Model<Label>> fold : cv.evaluate()) {
            assertTrue(fold.getA().accuracy() > 0.7, "accuracy " + fold.getA().accuracy());
            assertTrue(fold.getA().AUCROC(new Label("yes")) > 0.75, "AUC " + fold.getA().AUCROC(new Label("yes")));
        }
        assertEquals(5, trainer.getInvocationCount());
        // Multinomial with a rare class that some folds lack.
        ClassificationData data = ClassificationData.generate(150, 6, IRIS, 3, 2.0, 31);
        MutableDataset<Label> iris = data.dataset();
        iris.add(new ArrayExample<>(new Label("zzz-rare"), new String[]{"x00000"}, new double[]{1.0}));
        CrossValidation<Label, LabelEvaluation> cv3 = new CrossValidation<>(new HadamardSparseClassificationTrainer(0.01), iris, new LabelEvaluator(), 3, 1);
        for (Pair<LabelEvaluation, Model<Label>> fold : cv3.evaluate()) {
            // Noisy 3-class data: well above chance (1/3), and finite probabilities in every fold.
            assertTrue(fold.getA().accuracy() > 0.45, "accuracy " + fold.getA().accuracy());
        }
    }

    @Test
    void transformTrainerWrapping() {
        MutableDataset<Label> ds = ClassificationData.generate(120, 6, BINARY, 2, 2.0, 37).dataset();
        HadamardSparseClassificationTrainer inner = HadamardSparseClassificationTrainer.builder(0.01).standardize(false).build();
        TransformTrainer<Label> trainer = new TransformTrainer<>(inner, new TransformationMap(Collections.singletonList(new MeanStdDevTransformation())));
        TransformedModel<Label> model = trainer.train(ds);
        assertEquals(1, inner.getInvocationCount());
        // Standardising outside with MeanStdDev (n−1) and inside (1/n) give the same model up to the λ scale.
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, ds);
        assertTrue(eval.accuracy() > 0.7, "accuracy " + eval.accuracy());
        assertTrue(model.getInnerModel() instanceof HadamardSparseClassificationModel);
    }

    @Test
    void configurationRoundTrips() {
        Helpers.testConfigurableRoundtrip(new HadamardSparseClassificationTrainer(0.1));
        Helpers.testConfigurableRoundtrip(HadamardSparseClassificationTrainer.builder(0.2).mode(Mode.BINARY).positiveLabel("yes")
                .penaltyFactors(Collections.singletonMap("x00002", 0.0)).standardize(false).seed(5).build());
        Helpers.testConfigurableRoundtrip(HadamardSparseClassificationTrainer.builder(0.2).mode(Mode.MULTINOMIAL).groupedMultinomial(true)
                .penalty(PenaltyType.LQ).q(0.5).solver(SolverKind.SGD).epochs(7).minibatchSize(3).build());
    }

    @Test
    void determinismAndInvocationCount() {
        MutableDataset<Label> ds = ClassificationData.generate(100, 8, IRIS, 3, 1.5, 41).dataset();
        HadamardSparseClassificationModel a = new HadamardSparseClassificationTrainer(0.02).train(ds);
        HadamardSparseClassificationModel b = new HadamardSparseClassificationTrainer(0.02).train(ds);
        for (String l : IRIS) {
            assertArrayEquals(a.getWeightsArray(l), b.getWeightsArray(l), 0.0);
        }
        assertEquals(a.getIntercepts(), b.getIntercepts());
        assertEquals(a.getCertificate(), b.getCertificate());
        HadamardSparseClassificationTrainer t1 = HadamardSparseClassificationTrainer.builder(0.02).solver(SolverKind.SGD).epochs(15).seed(3).build();
        HadamardSparseClassificationTrainer t2 = HadamardSparseClassificationTrainer.builder(0.02).solver(SolverKind.SGD).epochs(15).seed(3).build();
        t1.train(ds);
        HadamardSparseClassificationModel second = t1.train(ds, Collections.emptyMap());
        HadamardSparseClassificationModel replay = t2.train(ds, Collections.emptyMap(), 1);
        for (String l : IRIS) {
            assertArrayEquals(second.getWeightsArray(l), replay.getWeightsArray(l), 0.0);
        }
        assertEquals(1, ((IntProvenance) replay.getProvenance().getTrainerProvenance().getInstanceValues().get("train-invocation-count")).getValue());
        assertEquals(2, t2.getInvocationCount());
        t2.train(ds, Collections.emptyMap(), -1);
        assertEquals(3, t2.getInvocationCount());
        assertThrows(IllegalArgumentException.class, () -> t2.setInvocationCount(-1));
    }

    @Test
    void serialisationRoundTrips() {
        for (String[] names : new String[][]{BINARY, IRIS}) {
            MutableDataset<Label> ds = ClassificationData.generate(100, 8, names, 3, 1.5, 43).dataset();
            HadamardSparseClassificationModel model = new HadamardSparseClassificationTrainer(0.02).train(ds);
            HadamardSparseClassificationModel fromProto = (HadamardSparseClassificationModel) Helpers.testModelProtoSerialization(model, Label.class, ds);
            assertEquals(model.getCertificate(), fromProto.getCertificate());
            assertEquals(model.getActiveFeatures(), fromProto.getActiveFeatures());
            assertEquals(model.getMode(), fromProto.getMode());
            assertArrayEquals(model.getClassNames(), fromProto.getClassNames());
            Helpers.testModelSerialization(model, Label.class);
            HadamardSparseClassificationModel copy = (HadamardSparseClassificationModel) model.copy();
            for (int i = 0; i < ds.size(); i++) {
                assertEquals(model.predict(ds.getExample(i)).getOutputScores(), copy.predict(ds.getExample(i)).getOutputScores());
            }
        }
    }

    @Test
    void accessorsTopFeaturesAndExcuses() {
        MutableDataset<Label> ds = ClassificationData.generate(150, 8, BINARY, 3, 1.5, 47).dataset();
        HadamardSparseClassificationModel m = new HadamardSparseClassificationTrainer(0.03).train(ds);
        Map<String, List<Pair<String, Double>>> top = m.getTopFeatures(-1);
        assertEquals(m.getActiveFeatures().get("yes").size() + 1, top.get("yes").size());
        assertEquals(m.getActiveFeatures().get("yes"), m.getActiveFeatures().get("no"));
        // The negative label's list is the positive one negated.
        assertEquals(-top.get("yes").get(0).getB(), top.get("no").get(0).getB(), 0.0);
        assertEquals(2, m.getTopFeatures(2).get("yes").size());
        assertTrue(top.get("yes").stream().anyMatch(pr -> pr.getA().equals(Model.BIAS_FEATURE)));
        Example<Label> ex = ds.getExample(5);
        double logOdds = m.getExcuse(ex).orElseThrow().getScores().get("yes").stream().mapToDouble(Pair::getB).sum();
        double prob = m.predict(ex).getOutputScores().get("yes").getScore();
        assertEquals(prob, 1 / (1 + Math.exp(-logOdds)), 1e-12);
    }

    @Test
    void pathWithWarmStarts() {
        ClassificationData data = ClassificationData.generate(150, 10, IRIS, 3, 1.5, 53);
        MutableDataset<Label> ds = data.dataset();
        HadamardSparseClassificationTrainer trainer = new HadamardSparseClassificationTrainer(1.0);
        HadamardSparseClassificationPath path = trainer.trainPath(ds, 8, 0.02);
        assertEquals(8, path.size());
        assertEquals(1, trainer.getInvocationCount());
        assertEquals(trainer.lambdaMax(ds), path.getLambdaMax(), 1e-12 * path.getLambdaMax());
        assertEquals(0, SparseVectorView.of(path.getModel(0)).stream().mapToInt(v -> v.nonZero).sum());
        double[] lambdas = path.getLambdas();
        for (int i = 0; i < path.size(); i++) {
            assertEquals(lambdas[i], path.getModel(i).getLambda());
            assertTrue(path.getModel(i).getCertificate().converged());
        }
        double last = lambdas[7];
        HadamardSparseClassificationModel single = new HadamardSparseClassificationTrainer(last).train(ds);
        assertEquals(single.getCertificate().objective(), path.getModel(7).getCertificate().objective(), 1e-9 * single.getCertificate().objective());
        HadamardSparseClassificationPath listed = trainer.trainPath(ds, new double[]{0.01, 0.1, 0.05});
        assertArrayEquals(new double[]{0.1, 0.05, 0.01}, listed.getLambdas(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> trainer.trainPath(ds, new double[]{0.1, 0.0}));
    }

    // ---- ONNX -------------------------------------------------------------------------------------------

    @Test
    void onnxExportMatchesJavaPredictions(@TempDir Path dir) throws Exception {
        // Binary with a sparse design; multinomial; multinomial with an absent class.
        MutableDataset<Label> bin = ClassificationData.generate(120, 8, BINARY, 3, 1.5, 59).dataset();
        HadamardSparseClassificationModel binModel = new HadamardSparseClassificationTrainer(0.02).train(bin);
        Path binFile = dir.resolve("binary.onnx");
        binModel.saveONNXModel("org.hadamard", 1, binFile);
        OnnxTestUtils.onnxLabelComparison(binModel, binFile, bin, 1e-6);

        ClassificationData data = ClassificationData.generate(150, 8, IRIS, 3, 1.5, 61);
        MutableDataset<Label> iris = data.dataset();
        HadamardSparseClassificationModel multi = new HadamardSparseClassificationTrainer(0.02).train(iris);
        Path multiFile = dir.resolve("multi.onnx");
        multi.saveONNXModel("org.hadamard", 1, multiFile);
        OnnxTestUtils.onnxLabelComparison(multi, multiFile, iris, 1e-6);

        int[] idx = java.util.stream.IntStream.range(0, data.y.length).filter(i -> data.y[i] != 0).toArray();
        HadamardSparseClassificationModel absent = new HadamardSparseClassificationTrainer(0.02).train(new DatasetView<>(iris, idx, "no-setosa"));
        Path absentFile = dir.resolve("absent.onnx");
        absent.saveONNXModel("org.hadamard", 1, absentFile);
        OnnxTestUtils.onnxLabelComparison(absent, absentFile, iris, 1e-6);
    }

    @Test
    void regressionOnnxExportMatchesJavaPredictions(@TempDir Path dir) throws Exception {
        SyntheticData data = SyntheticData.regression(100, 10, 3, 0.3, 1.0, 67);
        MutableDataset<Regressor> ds = data.dataset();
        HadamardSparseRegressionModel model = new HadamardSparseRegressionTrainer(0.05).train(ds);
        Path file = dir.resolve("regression.onnx");
        model.saveONNXModel("org.hadamard", 1, file);
        OnnxTestUtils.onnxRegressorComparison(model, file, ds, 1e-5);
    }
}
