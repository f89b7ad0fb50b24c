package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.solver.Fit;

import java.util.List;

/**
 * The outcome of cross-validation over a λ path.
 *
 * @param task the task's name
 * @param measures the measures, in the order of the arrays' first index
 * @param lambdas the λ grid (decreasing)
 * @param lambdaMax λ_max of the all-data problem
 * @param cvm per measure and λ, the mean held-out score
 * @param cvsd per measure and λ, its standard error
 * @param foldScores per fold, measure and λ, the held-out score
 * @param nonzero per λ, the all-data fit's non-zero count
 * @param foldOf each example's fold
 * @param path the all-data path
 * @param converged whether every fit met its stopping rule
 * @param unconverged how many fits (all-data path and folds) did not meet it
 * @param fits how many fits there were in all
 */
public record CvResult(String task, List<Measure> measures, double[] lambdas, double lambdaMax, double[][] cvm, double[][] cvsd,
                       double[][][] foldScores, int[] nonzero, int[] foldOf, RegularizationPath path, boolean converged,
                       int unconverged, int fits) {

    /**
     * @param m a measure
     * @return its row index
     */
    public int index(Measure m) {
        int i = measures.indexOf(m);
        if (i < 0) {
            throw new IllegalArgumentException("measure " + m.label() + " is not available for a " + task + " task (available: "
                    + String.join(", ", measures.stream().map(Measure::label).toList()) + ")");
        }
        return i;
    }

    /**
     * @param m the measure
     * @return the index of λ_min: the best cvm (the largest λ among ties)
     */
    public int minIndex(Measure m) {
        int r = index(m);
        int best = 0;
        for (int l = 1; l < lambdas.length; l++) {
            if (better(m, cvm[r][l], cvm[r][best])) {
                best = l;
            }
        }
        return best;
    }

    /**
     * glmnet's one-standard-error rule.
     * @param m the measure
     * @return the index of λ_1se: the largest λ whose cvm is within cvsd(λ_min) of the best cvm
     */
    public int oneSeIndex(Measure m) {
        int r = index(m);
        int min = minIndex(m);
        double bound = m.higherIsBetter() ? cvm[r][min] - cvsd[r][min] : cvm[r][min] + cvsd[r][min];
        for (int l = 0; l <= min; l++) {
            if (m.higherIsBetter() ? cvm[r][l] >= bound : cvm[r][l] <= bound) {
                return l;
            }
        }
        return min;
    }

    private static boolean better(Measure m, double a, double b) {
        return m.higherIsBetter() ? a > b : a < b;
    }

    /**
     * @param m the measure
     * @param oneSe true for λ_1se, false for λ_min
     * @return the all-data fit at the chosen λ
     */
    public Fit selected(Measure m, boolean oneSe) {
        return path.fit(oneSe ? oneSeIndex(m) : minIndex(m));
    }
}
