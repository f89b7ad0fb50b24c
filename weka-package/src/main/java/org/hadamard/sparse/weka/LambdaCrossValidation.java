/*
 * Copyright (C) 2025 The hadamard-sparse authors. GPL-3.0-or-later.
 */
package org.hadamard.sparse.weka;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;
import weka.core.Instances;

import java.io.Serializable;
import java.util.Random;

/**
 * Chooses λ by k-fold cross-validation over the engine's λ path, like {@code cv.glmnet}: a log-spaced
 * grid from λ_max of the full data, one warm-started path per training fold (every grid value is
 * fitted), the weighted mean held-out loss per fold, and then either the λ with the smallest mean
 * ("min") or the largest λ whose mean is within one standard error of that minimum ("1se").
 * Deterministic for a given seed: the folds come from {@code Instances.randomize(new Random(seed))}
 * and, for a nominal class, {@code stratify}.
 */
public final class LambdaCrossValidation implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The rule that picks λ from the CV curve. */
    public enum Rule {
        /** λ with the smallest mean CV loss. */
        MIN,
        /** the largest λ with mean CV loss ≤ min + one standard error. */
        ONE_SE
    }

    private final double lambdaMax;
    private final double[] lambdas;
    private final double[] meanLoss;
    private final double[] standardError;
    private final int folds;
    private final int best;
    private final int chosen;
    private final Rule rule;

    private LambdaCrossValidation(double lambdaMax, double[] lambdas, double[] meanLoss, double[] standardError,
                                  int folds, int best, int chosen, Rule rule) {
        this.lambdaMax = lambdaMax;
        this.lambdas = lambdas;
        this.meanLoss = meanLoss;
        this.standardError = standardError;
        this.folds = folds;
        this.best = best;
        this.chosen = chosen;
        this.rule = rule;
    }

    /**
     * Runs the cross-validation.
     * @param data preprocessed training data (not modified)
     * @param penalty the penalty
     * @param solver the solver
     * @param numLambdas grid size
     * @param requestedFolds k (reduced to the number of instances if there are fewer)
     * @param rule min or 1-SE
     * @param seed the fold seed
     * @return the CV result
     */
    public static LambdaCrossValidation run(Instances data, Penalty penalty, Solver solver, int numLambdas,
                                            int requestedFolds, Rule rule, long seed) {
        int n = data.numInstances();
        if (n < 2) {
            throw new IllegalArgumentException("Choosing lambda by internal cross-validation needs at least 2 training instances, got "
                + n + "; set a fixed lambda (-auto off)");
        }
        int k = Math.min(requestedFolds, n);
        Problem full = WekaProblems.problem(data);
        double lmax = HadamardEngine.lambdaMax(full, penalty);
        double[] grid = LambdaGrid.logSpaced(lmax, numLambdas, LambdaGrid.defaultMinRatio(full.examples(), full.features()));

        Instances shuffled = new Instances(data);
        shuffled.randomize(new Random(seed));
        if (shuffled.classAttribute().isNominal()) {
            shuffled.stratify(k);
        }
        double[][] loss = new double[k][grid.length];
        for (int f = 0; f < k; f++) {
            Instances train = shuffled.trainCV(k, f);
            Instances test = shuffled.testCV(k, f);
            RegularizationPath path;
            try {
                path = HadamardEngine.path(WekaProblems.problem(train), penalty, grid, false, solver);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Internal cross-validation, fold " + (f + 1) + " of " + k + ": "
                    + e.getMessage() + " (use fewer folds or a fixed lambda with -auto off)", e);
            }
            for (int l = 0; l < grid.length; l++) {
                Fit fit = path.fit(l);
                loss[f][l] = WekaProblems.heldOutLoss(test, fit.beta(), fit.intercept());
            }
        }
        double[] mean = new double[grid.length];
        double[] se = new double[grid.length];
        for (int l = 0; l < grid.length; l++) {
            double s = 0;
            int m = 0;
            for (int f = 0; f < k; f++) {
                if (!Double.isNaN(loss[f][l])) {
                    s += loss[f][l];
                    m++;
                }
            }
            mean[l] = s / m;
            double v = 0;
            for (int f = 0; f < k; f++) {
                if (!Double.isNaN(loss[f][l])) {
                    double d = loss[f][l] - mean[l];
                    v += d * d;
                }
            }
            se[l] = m > 1 ? Math.sqrt(v / (m - 1) / m) : 0.0;
        }
        int best = 0;
        for (int l = 1; l < grid.length; l++) {
            if (mean[l] < mean[best]) {
                best = l;
            }
        }
        int chosen = best;
        if (rule == Rule.ONE_SE) {
            double bound = mean[best] + se[best];
            // The grid is decreasing: the first value within the bound is the largest such λ.
            for (int l = 0; l <= best; l++) {
                if (mean[l] <= bound) {
                    chosen = l;
                    break;
                }
            }
        }
        return new LambdaCrossValidation(lmax, grid, mean, se, k, best, chosen, rule);
    }

    /** @return the chosen λ */
    public double lambda() { return lambdas[chosen]; }

    /** @return λ_max of the full data */
    public double lambdaMax() { return lambdaMax; }

    /** @return the grid (decreasing) */
    public double[] lambdas() { return lambdas.clone(); }

    /** @return mean held-out loss per grid value */
    public double[] meanLoss() { return meanLoss.clone(); }

    /** @return its standard error per grid value */
    public double[] standardError() { return standardError.clone(); }

    /** @return the number of folds used */
    public int folds() { return folds; }

    /** @return the index of the minimum mean loss */
    public int bestIndex() { return best; }

    /** @return the index of the chosen λ */
    public int chosenIndex() { return chosen; }

    /** @return the rule */
    public Rule rule() { return rule; }
}
