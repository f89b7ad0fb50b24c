package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.solver.Fit;

import java.util.List;

/**
 * What cross-validation needs to know about a learning task: how to build the engine's problem from a
 * subset of the rows (with that subset's own standardization) and how to score a fit on held-out rows
 * on the raw scale. Regression, binary logistic and multinomial tasks are in {@link CvTasks}; another
 * task (e.g. a Tribuo or Weka classification front end) plugs in by implementing this.
 */
public interface CvTask {

    /** @return a short name: regression, binary, multinomial */
    String name();

    /** @return the number of examples */
    int examples();

    /** @return the number of features */
    int features();

    /** @return the measures this task reports; the first is the default for selection */
    List<Measure> measures();

    /**
     * Builds the problem on the given rows only (so standardization uses only those rows).
     * @param rows the training rows
     * @param standardize scale features to unit standard deviation
     * @return the problem
     */
    Problem problem(int[] rows, boolean standardize);

    /**
     * Scores a fit on held-out rows from its raw-scale coefficients ({@link Fit#beta()},
     * {@link Fit#intercept()}).
     * @param fit the fit
     * @param rows the held-out rows
     * @return one value per entry of {@link #measures()}
     */
    double[] score(Fit fit, int[] rows);

    /**
     * @param fit a fit
     * @param rows rows
     * @return linear predictors η (example-major, K per example) on the raw scale
     */
    default double[] predictors(Fit fit, int[] rows) {
        throw new UnsupportedOperationException();
    }
}
