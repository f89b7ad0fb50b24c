package org.hadamard.sparse.weka;

import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.Classifier;
import weka.classifiers.Evaluation;
import weka.classifiers.functions.HadamardGroupLasso;
import weka.classifiers.functions.HadamardLasso;
import weka.classifiers.functions.HadamardLq;
import weka.core.Instances;
import weka.core.Utils;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Weka's 10-fold cross-validation on real data (the classifiers' default options unless stated). */
class CrossValidationTest {

    static Evaluation cv(Classifier c, Instances data, int folds) throws Exception {
        Evaluation e = new Evaluation(data);
        e.crossValidateModel(c, data, folds, new Random(1));
        return e;
    }

    @Test
    void lassoOnCpu() throws Exception {
        Evaluation e = cv(new HadamardLasso(), Data.load("cpu.arff"), 10);
        assertTrue(e.correlationCoefficient() > 0.88, e.toSummaryString());
    }

    @Test
    void lqOnCpu() throws Exception {
        Evaluation e = cv(new HadamardLq(), Data.load("cpu.arff"), 10);
        assertTrue(e.correlationCoefficient() > 0.88, e.toSummaryString());
    }

    @Test
    void lassoOnIris() throws Exception {
        Evaluation e = cv(new HadamardLasso(), Data.load("iris.arff"), 10);
        assertTrue(e.pctCorrect() > 93, e.toSummaryString());
    }

    @Test
    void groupLassoOnCreditWithNominalGroups() throws Exception {
        HadamardGroupLasso c = new HadamardGroupLasso();
        c.setOptions(Utils.splitOptions("-folds 3 -num-lambdas 15"));
        Evaluation e = cv(c, Data.load("credit-g.arff"), 10);
        assertTrue(e.pctCorrect() > 72, e.toSummaryString());
        assertTrue(e.weightedAreaUnderROC() > 0.75, e.toSummaryString());
    }

    @Test
    void sgdSolverOnCpuIsSeededAndClose() throws Exception {
        Instances data = Data.load("cpu.arff");
        HadamardLasso sgd = new HadamardLasso();
        sgd.setOptions(Utils.splitOptions("-auto off -lambda 5 -solver SGD -optimiser Adam -learning-rate 0.05 -epochs 300 -S 3"));
        HadamardLasso again = (HadamardLasso) AbstractClassifier.makeCopy(sgd);
        sgd.buildClassifier(data);
        again.buildClassifier(data);
        assertArrayEquals(sgd.getCoefficients(), again.getCoefficients(), 0.0);
        HadamardLasso lbfgs = new HadamardLasso();
        lbfgs.setOptions(Utils.splitOptions("-auto off -lambda 5"));
        lbfgs.buildClassifier(data);
        double rel = Math.abs(sgd.getCertificate().objective() - lbfgs.getCertificate().objective()) / lbfgs.getCertificate().objective();
        assertTrue(rel < 0.05, "SGD objective " + sgd.getCertificate().objective() + " vs " + lbfgs.getCertificate().objective());
        assertTrue(sgd.toString().contains("Certificate"));
    }

    @Test
    void internalCrossValidationIsDeterministicAndSeeded() throws Exception {
        Instances data = Data.load("cpu.arff");
        HadamardLasso a = new HadamardLasso();
        HadamardLasso b = new HadamardLasso();
        a.buildClassifier(data);
        b.buildClassifier(data);
        assertEquals(a.getFittedLambda(), b.getFittedLambda(), 0.0);
        assertArrayEquals(a.getCrossValidation().meanLoss(), b.getCrossValidation().meanLoss(), 0.0);
        assertEquals(a.toString(), b.toString());
    }
}
