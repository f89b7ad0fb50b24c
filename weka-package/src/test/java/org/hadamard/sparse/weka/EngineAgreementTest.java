package org.hadamard.sparse.weka;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.loss.LogisticLoss;
import org.hadamard.sparse.loss.Loss;
import org.hadamard.sparse.loss.MultinomialLoss;
import org.hadamard.sparse.loss.SquaredLoss;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.solver.Fit;
import org.junit.jupiter.api.Test;
import weka.classifiers.functions.AbstractHadamardSparse;
import weka.classifiers.functions.HadamardGroupLasso;
import weka.classifiers.functions.HadamardLasso;
import weka.classifiers.functions.HadamardLq;
import weka.core.Instances;
import weka.core.Utils;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Weka classifiers are thin adapters: their coefficients equal {@code HadamardEngine.fit} on the
 * same preprocessed data and λ, with the problem built here independently of the adapter's code.
 */
class EngineAgreementTest {

    /** Weka's preprocessing, applied by hand. */
    static Instances preprocess(Instances data) throws Exception {
        data = new Instances(data);
        data.deleteWithMissingClass();
        ReplaceMissingValues rmv = new ReplaceMissingValues();
        rmv.setInputFormat(data);
        data = Filter.useFilter(data, rmv);
        RemoveUseless ru = new RemoveUseless();
        ru.setInputFormat(data);
        data = Filter.useFilter(data, ru);
        NominalToBinary n2b = new NominalToBinary();
        n2b.setInputFormat(data);
        return Filter.useFilter(data, n2b);
    }

    static Problem problem(Instances d) {
        int n = d.numInstances();
        int p = d.numAttributes() - 1;
        double[] x = new double[n * p];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            int j = 0;
            for (int a = 0; a < d.numAttributes(); a++) {
                if (a != d.classIndex()) {
                    x[i * p + j++] = d.instance(i).value(a);
                }
            }
            w[i] = d.instance(i).weight();
        }
        double[] omega = Problems.normalizedWeights(w, n);
        Loss loss;
        if (d.classAttribute().isNumeric()) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = d.instance(i).classValue();
            }
            loss = new SquaredLoss(y, omega);
        } else if (d.numClasses() == 2) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = d.instance(i).classValue();
            }
            loss = new LogisticLoss(y, omega);
        } else {
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = (int) d.instance(i).classValue();
            }
            loss = new MultinomialLoss(y, d.numClasses(), omega);
        }
        return new Problem(new DenseDesign(n, p, x, omega, true), loss);
    }

    static void assertSame(AbstractHadamardSparse c, Fit fit) {
        assertArrayEquals(fit.beta(), c.getCoefficients(), 0.0);
        assertArrayEquals(fit.intercept(), c.getIntercepts(), 0.0);
        assertEquals(fit.certificate().objective(), c.getCertificate().objective(), 0.0);
    }

    @Test
    void lassoRegressionOnCpuMatchesTheTribuoTrainer() throws Exception {
        Instances data = Data.load("cpu.arff");
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto off -lambda 5"));
        c.buildClassifier(data);
        // The same preprocessed rows as a Tribuo dataset; feature names sort in column order.
        Instances d = preprocess(data);
        int p = d.numAttributes() - 1;
        String[] names = new String[p];
        for (int j = 0; j < p; j++) {
            names[j] = String.format("f%03d", j);
        }
        org.tribuo.regression.RegressionFactory factory = new org.tribuo.regression.RegressionFactory();
        org.tribuo.MutableDataset<org.tribuo.regression.Regressor> ds = new org.tribuo.MutableDataset<>(
                new org.tribuo.provenance.SimpleDataSourceProvenance("cpu", factory), factory);
        for (int i = 0; i < d.numInstances(); i++) {
            double[] v = new double[p];
            int j = 0;
            for (int a = 0; a < d.numAttributes(); a++) {
                if (a != d.classIndex()) {
                    v[j++] = d.instance(i).value(a);
                }
            }
            ds.add(new org.tribuo.impl.ArrayExample<>(new org.tribuo.regression.Regressor("y", d.instance(i).classValue()), names, v));
        }
        org.hadamard.sparse.tribuo.HadamardSparseRegressionModel model = new org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer(5).train(ds);
        assertArrayEquals(model.getWeightsArray("y"), c.getCoefficients(), 1e-12 * maxAbs(c.getCoefficients()));
        assertEquals(model.getIntercepts().get("y"), c.getIntercepts()[0], 1e-9 * Math.max(1, Math.abs(c.getIntercepts()[0])));
        assertEquals(model.getCertificate("y").objective(), c.getCertificate().objective(), 1e-12 * c.getCertificate().objective());
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return Math.max(m, 1);
    }

    @Test
    void lassoRegressionOnCpuMatchesEngine() throws Exception {
        Instances data = Data.load("cpu.arff");
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto off -lambda 5"));
        c.buildClassifier(data);
        Fit fit = HadamardEngine.fit(problem(preprocess(data)), Penalty.lasso(), 5, HadamardEngine.defaultSolver());
        assertSame(c, fit);
        assertTrue(fit.certificate().converged());
        assertTrue(c.numNonZero() < 6, "lambda = 5 should zero some coefficient");
    }

    @Test
    void weightedLassoMatchesEngine() throws Exception {
        Instances data = Data.load("cpu.arff");
        for (int i = 0; i < data.numInstances(); i++) {
            data.instance(i).setWeight(1 + (i % 3));
        }
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto off -lambda 2"));
        c.buildClassifier(data);
        assertSame(c, HadamardEngine.fit(problem(preprocess(data)), Penalty.lasso(), 2, HadamardEngine.defaultSolver()));
    }

    @Test
    void multinomialLassoOnIrisWithCrossValidatedLambdaMatchesEngine() throws Exception {
        Instances data = Data.load("iris.arff");
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto 1se -folds 5"));
        c.buildClassifier(data);
        double lambda = c.getFittedLambda();
        assertEquals(c.getCrossValidation().lambda(), lambda, 0.0);
        assertSame(c, HadamardEngine.fit(problem(preprocess(data)), Penalty.lasso(), lambda, HadamardEngine.defaultSolver()));
    }

    @Test
    void lqOnCpuMatchesEngine() throws Exception {
        Instances data = Data.load("cpu.arff");
        HadamardLq c = new HadamardLq();
        c.setOptions(Utils.splitOptions("-auto off -lambda 3 -q 0.5"));
        c.buildClassifier(data);
        assertSame(c, HadamardEngine.fit(problem(preprocess(data)), Penalty.lq(0.5), 3, HadamardEngine.defaultSolver()));
    }

    @Test
    void groupLassoOnCpuWithVendorGroupsIndicatorsAndUserGroups() throws Exception {
        Instances data = Data.load("cpu.with.vendor.arff");
        HadamardGroupLasso c = new HadamardGroupLasso();
        c.setOptions(new String[] {"-auto", "off", "-lambda", "4", "-groups", "memory:MMIN,MMAX;channels:CHMIN,CHMAX"});
        c.buildClassifier(data);
        Instances pre = preprocess(data);
        int p = pre.numAttributes() - 1;
        int[] groupOf = new int[p];
        java.util.Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (int j = 0; j < p; j++) {
            String name = pre.attribute(j).name();
            String key = name.startsWith("vendor=") ? "vendor"
                : name.equals("MMIN") || name.equals("MMAX") ? "memory"
                : name.equals("CHMIN") || name.equals("CHMAX") ? "channels" : null;
            groupOf[j] = key == null ? -1 : ids.computeIfAbsent(key, k -> ids.size());
        }
        // The adapter numbers groups by first appearance of a column, as done here.
        Fit fit = HadamardEngine.fit(problem(pre), Penalty.group(groupOf, null, 1.0), 4, HadamardEngine.defaultSolver());
        assertSame(c, fit);
        // Whole groups are in or out: every vendor indicator shares one fate.
        double[] b = c.getCoefficients();
        String[] names = c.getFeatureNames();
        Boolean vendorIn = null;
        for (int j = 0; j < names.length; j++) {
            if (names[j].startsWith("vendor=") && pre.attribute(j).numValues() > 0) {
                // constant indicator columns (vendors absent from the data) are always zero
                if (pre.attributeStats(j).distinctCount < 2) {
                    continue;
                }
                boolean in = b[j] != 0;
                if (vendorIn == null) {
                    vendorIn = in;
                }
                assertEquals(vendorIn, in, names[j]);
            }
        }
        assertTrue(c.toString().contains("memory"), c.toString());
    }

    @Test
    void binaryLogisticOnCreditMatchesEngine() throws Exception {
        Instances data = Data.load("credit-g.arff");
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto off -lambda 0.02"));
        c.buildClassifier(data);
        assertSame(c, HadamardEngine.fit(problem(preprocess(data)), Penalty.lasso(), 0.02, HadamardEngine.defaultSolver()));
        double[] d = c.distributionForInstance(data.instance(0));
        assertEquals(2, d.length);
        assertEquals(1.0, d[0] + d[1], 1e-12);
    }
}
