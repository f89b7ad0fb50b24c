/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import org.hadamard.sparse.loss.LogisticLoss;
import org.hadamard.sparse.loss.MultinomialLoss;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer.Mode;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts a Tribuo {@code Dataset<Label>} into an engine {@link Problem} with a {@link LogisticLoss}
 * (binary mode) or a {@link MultinomialLoss} (multinomial mode).
 * <p>
 * <b>Features and weights</b> are read as in {@link RegressionDataAdapter}: feature j is the feature
 * with id j of the dataset's feature map, dense or CSR storage by fill, example weights from
 * {@link Example#getWeight()} normalised to sum one, standardisation statistics from these examples.
 * <p>
 * <b>Label order.</b> Tribuo's label ids follow {@code HashMap} order, so this adapter never uses them
 * to order classes: classes are ordered by <em>sorted label name</em> ({@link String#compareTo}).
 * <ul>
 *   <li>Binary mode needs exactly two labels in the output domain. The positive class (the one whose
 *       log-odds the single coefficient row models, y = 1) is the configured positive label or, by
 *       default, the <em>second label in sorted name order</em> — glmnet's convention for a factor
 *       response, whose second level is the positive class.</li>
 *   <li>Multinomial mode fits one coefficient row per class that is present in the training data,
 *       in sorted name order ({@link #classNames()}).</li>
 * </ul>
 * <p>
 * <b>Classes absent from the training data.</b> The output domain of a cross-validation fold (a
 * {@code DatasetView}) is that of the whole dataset, so a fold may lack a class. In multinomial mode a
 * class with zero total example weight is <em>excluded from the problem</em>: it gets no coefficient
 * row, and the model gives it probability exactly 0 (its maximum-likelihood probability; a softmax row
 * for it would be pushed to −∞ by the gradient and never converge). At least two classes must be
 * present. In binary mode both classes must be present.
 * <p>
 * The raw arrays are shared; {@link #problem()} builds a fresh design every call.
 */
public final class ClassificationDataAdapter {

    private final TribuoDesign features;
    private final boolean standardize;
    private final Mode mode;
    private final String[] labelNames;
    private final String[] classNames;
    private final double[] omega;
    private final int[] classIndex;
    private final double[] classMass;

    /**
     * Converts a dataset, validating it.
     * @param dataset the training data
     * @param mode BINARY, MULTINOMIAL, or null for the default (binary when the output domain has two
     *             labels, multinomial otherwise)
     * @param positiveLabel the positive label for binary mode, or null/empty for the second label in
     *                      sorted name order; must be null or empty in multinomial mode
     * @param standardize whether designs scale columns to unit (weighted, 1/n) standard deviation
     * @throws IllegalArgumentException if the dataset is empty, has unknown outputs or no features, holds
     *                                  a non-finite feature value or a bad weight, has fewer than two
     *                                  classes present, or the mode and positive label do not fit the
     *                                  output domain
     */
    public ClassificationDataAdapter(Dataset<Label> dataset, Mode mode, String positiveLabel, boolean standardize) {
        if (dataset.size() == 0) {
            throw new IllegalArgumentException("The dataset is empty: cannot train on zero examples");
        }
        ImmutableOutputInfo<Label> outputInfo = dataset.getOutputIDInfo();
        if (outputInfo.getUnknownCount() > 0) {
            throw new IllegalArgumentException("The dataset contains " + outputInfo.getUnknownCount()
                    + " examples with unknown outputs; classification needs every label");
        }
        List<String> names = new ArrayList<>();
        for (Label l : outputInfo.getDomain()) {
            names.add(l.getLabel());
        }
        this.labelNames = names.stream().sorted().toArray(String[]::new);
        if (labelNames.length < 2) {
            throw new IllegalArgumentException("The output domain has only " + Arrays.toString(labelNames)
                    + "; a classifier needs at least two classes");
        }
        boolean hasPositive = positiveLabel != null && !positiveLabel.isEmpty();
        Mode resolved = mode != null ? mode : (labelNames.length == 2 ? Mode.BINARY : Mode.MULTINOMIAL);
        if (resolved == Mode.BINARY && labelNames.length != 2) {
            throw new IllegalArgumentException("Binary mode needs exactly two labels in the output domain, found "
                    + Arrays.toString(labelNames) + "; use MULTINOMIAL");
        }
        if (resolved == Mode.MULTINOMIAL && hasPositive) {
            throw new IllegalArgumentException("positiveLabel '" + positiveLabel + "' is only used in binary mode");
        }
        if (hasPositive && Arrays.binarySearch(labelNames, positiveLabel) < 0) {
            throw new IllegalArgumentException("positiveLabel '" + positiveLabel + "' is not in the output domain "
                    + Arrays.toString(labelNames));
        }
        this.mode = resolved;
        this.standardize = standardize;

        // Labels by sorted-name index, validated.
        int n = dataset.size();
        int[] labelIndex = new int[n];
        int i = 0;
        for (Example<Label> example : dataset) {
            Label out = example.getOutput();
            if (LabelFactory.UNKNOWN_LABEL.equals(out)) {
                throw new IllegalArgumentException("Example " + i + " has an unknown output; classification needs every label");
            }
            int idx = Arrays.binarySearch(labelNames, out.getLabel());
            if (idx < 0) {
                throw new IllegalArgumentException("Example " + i + " has label '" + out.getLabel()
                        + "' which is not in the dataset's output domain " + Arrays.toString(labelNames));
            }
            labelIndex[i++] = idx;
        }
        this.features = new TribuoDesign(dataset);
        this.omega = Problems.normalizedWeights(features.rawWeights(), n);
        double[] mass = new double[labelNames.length];
        for (int r = 0; r < n; r++) {
            mass[labelIndex[r]] += omega[r];
        }
        List<String> present = new ArrayList<>();
        for (int k = 0; k < labelNames.length; k++) {
            if (mass[k] > 0) {
                present.add(labelNames[k]);
            }
        }
        if (present.size() < 2) {
            throw new IllegalArgumentException("Only " + (present.isEmpty() ? "no class" : "one class ('" + present.get(0) + "')")
                    + " is present (with positive example weight) in the training data, out of the output domain "
                    + Arrays.toString(labelNames) + "; a classifier needs at least two classes");
        }
        this.classIndex = new int[n];
        if (resolved == Mode.BINARY) {
            String pos = hasPositive ? positiveLabel : labelNames[1];
            String neg = labelNames[0].equals(pos) ? labelNames[1] : labelNames[0];
            this.classNames = new String[]{neg, pos};
            int posIdx = Arrays.binarySearch(labelNames, pos);
            for (int r = 0; r < n; r++) {
                classIndex[r] = labelIndex[r] == posIdx ? 1 : 0;
            }
        } else {
            this.classNames = present.toArray(new String[0]);
            for (int r = 0; r < n; r++) {
                int c = Arrays.binarySearch(classNames, labelNames[labelIndex[r]]);
                // A zero-weight example of an absent class contributes nothing; any index will do.
                classIndex[r] = Math.max(c, 0);
            }
        }
        this.classMass = new double[classNames.length];
        for (int r = 0; r < n; r++) {
            classMass[classIndex[r]] += omega[r];
        }
    }

    /** @return the resolved mode */
    public Mode mode() { return mode; }

    /** @return n, the number of examples */
    public int examples() { return features.examples(); }

    /** @return p, the number of features (the size of the feature map) */
    public int features() { return features.features(); }

    /** @return whether the design is stored sparsely (CSR) */
    public boolean isSparse() { return features.isSparse(); }

    /** @return the feature names by feature id (a copy) */
    public String[] featureNames() { return features.featureNames(); }

    /** @return every label of the output domain, in sorted name order (a copy) */
    public String[] labelNames() { return labelNames.clone(); }

    /**
     * The fitted classes. Binary mode: {negative, positive}, with one coefficient row for the positive
     * class's log-odds. Multinomial mode: the classes present in the training data in sorted name
     * order, one coefficient row each.
     * @return the fitted class names (a copy)
     */
    public String[] classNames() { return classNames.clone(); }

    /** @return the labels of the output domain that are not fitted (absent from the training data), sorted */
    public String[] absentLabels() {
        return Arrays.stream(labelNames).filter(l -> Arrays.asList(classNames).indexOf(l) < 0).toArray(String[]::new);
    }

    /** @return the normalised example weights, summing to one (a copy) */
    public double[] normalizedWeights() { return omega.clone(); }

    /**
     * @return per example, its index in {@link #classNames()} (binary: 1 = positive) (a copy)
     */
    public int[] classIndices() { return classIndex.clone(); }

    /** @return the weighted class frequencies, by index in {@link #classNames()} (a copy) */
    public double[] classFrequencies() { return classMass.clone(); }

    /** @return the number of linear predictors per example: 1 in binary mode, the number of fitted classes otherwise */
    public int outputs() { return mode == Mode.BINARY ? 1 : classNames.length; }

    /**
     * Builds a fresh problem over the shared raw arrays.
     * @return the logistic (binary) or multinomial problem
     */
    public Problem problem() {
        if (mode == Mode.BINARY) {
            double[] y = new double[classIndex.length];
            for (int r = 0; r < y.length; r++) {
                y[r] = classIndex[r];
            }
            return new Problem(features.design(omega, standardize), new LogisticLoss(y, omega));
        }
        return new Problem(features.design(omega, standardize), new MultinomialLoss(classIndex.clone(), classNames.length, omega));
    }
}
