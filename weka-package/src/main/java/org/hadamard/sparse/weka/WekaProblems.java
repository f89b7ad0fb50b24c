/*
 * Copyright (C) 2025 The hadamard-sparse authors. GPL-3.0-or-later.
 */
package org.hadamard.sparse.weka;

import org.hadamard.sparse.loss.LogisticLoss;
import org.hadamard.sparse.loss.Loss;
import org.hadamard.sparse.loss.MultinomialLoss;
import org.hadamard.sparse.loss.SquaredLoss;
import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import weka.core.Instance;
import weka.core.Instances;

/**
 * Turns preprocessed Weka data (numeric attributes only, class set, no missing values) into engine
 * problems, and evaluates fitted linear predictors on held-out data. No fitting happens here.
 * <p>
 * The loss follows the class attribute: numeric class → squared loss; nominal class with two values
 * → binary logistic loss (the second class value is the "positive" one); more values → multinomial.
 */
public final class WekaProblems {

    private WekaProblems() {}

    /** @return the number of linear predictors K for this class attribute */
    public static int outputs(Instances data) {
        if (data.classAttribute().isNumeric()) {
            return 1;
        }
        int k = data.numClasses();
        return k == 2 ? 1 : k;
    }

    /**
     * @param data preprocessed data (all attributes numeric except possibly the class)
     * @return the column indices of the features (every attribute except the class), in order
     */
    public static int[] featureColumns(Instances data) {
        int[] cols = new int[data.numAttributes() - 1];
        int t = 0;
        for (int a = 0; a < data.numAttributes(); a++) {
            if (a != data.classIndex()) {
                cols[t++] = a;
            }
        }
        return cols;
    }

    /**
     * Builds the problem: a standardized dense design and the loss, with the instance weights.
     * @param data preprocessed data
     * @return the problem
     */
    public static Problem problem(Instances data) {
        int n = data.numInstances();
        if (n == 0) {
            throw new IllegalArgumentException("No training instances with a class value");
        }
        int[] cols = featureColumns(data);
        int p = cols.length;
        double[] x = new double[n * p];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            Instance inst = data.instance(i);
            for (int j = 0; j < p; j++) {
                x[i * p + j] = inst.value(cols[j]);
            }
            w[i] = inst.weight();
        }
        Problems.requireFinite(x, p, null);
        double[] omega = Problems.normalizedWeights(w, n);
        return new Problem(new DenseDesign(n, p, x, omega, true), loss(data, omega));
    }

    private static Loss loss(Instances data, double[] omega) {
        int n = data.numInstances();
        if (data.classAttribute().isNumeric()) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = data.instance(i).classValue();
                if (!Double.isFinite(y[i])) {
                    throw new IllegalArgumentException("Instance " + i + " has class value " + y[i] + "; class values must be finite");
                }
            }
            return new SquaredLoss(y, omega);
        }
        if (data.numClasses() < 2) {
            throw new IllegalArgumentException("The class attribute '" + data.classAttribute().name()
                + "' has only one value; a classifier needs at least two classes");
        }
        if (data.numClasses() == 2) {
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = data.instance(i).classValue();
            }
            return new LogisticLoss(y, omega);
        }
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = (int) data.instance(i).classValue();
        }
        return new MultinomialLoss(label, data.numClasses(), omega);
    }

    /**
     * The linear predictors η_k = b_k + Σ_j β_{k·p+j} x_j of one preprocessed instance.
     * @param inst the instance
     * @param cols feature columns
     * @param beta raw-scale coefficients, output-major
     * @param intercept raw-scale intercepts
     * @return η, length K
     */
    public static double[] predictors(Instance inst, int[] cols, double[] beta, double[] intercept) {
        int p = cols.length;
        double[] eta = intercept.clone();
        for (int k = 0; k < eta.length; k++) {
            double s = eta[k];
            for (int j = 0; j < p; j++) {
                double b = beta[k * p + j];
                if (b != 0) {
                    s += b * inst.value(cols[j]);
                }
            }
            eta[k] = s;
        }
        return eta;
    }

    /**
     * The class distribution (nominal class) or the prediction (numeric class) from linear predictors.
     * @param eta η, length K
     * @param numClasses number of class values (ignored for a numeric class)
     * @param numericClass whether the class is numeric
     * @return Weka's distribution: {ŷ} or class probabilities
     */
    public static double[] distribution(double[] eta, int numClasses, boolean numericClass) {
        if (numericClass) {
            return new double[] {eta[0]};
        }
        if (numClasses == 2) {
            double p1 = LogisticLoss.sigmoid(eta[0]);
            return new double[] {1 - p1, p1};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double e : eta) {
            max = Math.max(max, e);
        }
        double[] d = new double[eta.length];
        double sum = 0;
        for (int k = 0; k < d.length; k++) {
            d[k] = Math.exp(eta[k] - max);
            sum += d[k];
        }
        for (int k = 0; k < d.length; k++) {
            d[k] /= sum;
        }
        return d;
    }

    /**
     * The weighted mean held-out loss: squared error (halved, as in the training objective) for a
     * numeric class, negative log-likelihood for a nominal class (probabilities floored at 1e-15).
     * @param test preprocessed held-out data
     * @param beta raw-scale coefficients
     * @param intercept raw-scale intercepts
     * @return the weighted mean loss (NaN if the test weights sum to 0)
     */
    public static double heldOutLoss(Instances test, double[] beta, double[] intercept) {
        int[] cols = featureColumns(test);
        boolean numeric = test.classAttribute().isNumeric();
        int classes = numeric ? 1 : test.numClasses();
        double total = 0;
        double weight = 0;
        for (int i = 0; i < test.numInstances(); i++) {
            Instance inst = test.instance(i);
            double[] d = distribution(predictors(inst, cols, beta, intercept), classes, numeric);
            double l;
            if (numeric) {
                double r = d[0] - inst.classValue();
                l = 0.5 * r * r;
            } else {
                l = -Math.log(Math.max(d[(int) inst.classValue()], 1e-15));
            }
            total += inst.weight() * l;
            weight += inst.weight();
        }
        return weight > 0 ? total / weight : Double.NaN;
    }
}
