package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;

import java.util.List;
import java.util.function.Consumer;

/**
 * k-fold cross-validation over the λ path, as {@code cv.glmnet} does it:
 * <ol>
 * <li>fit the path on all the data (glmnet's grid and early stop) — its λ values are the grid;</li>
 * <li>for each fold, build the problem from the other folds' rows only (their own standardization),
 *     fit the path over that grid with warm starts, and score every fit on the held-out fold on the
 *     raw scale;</li>
 * <li>per λ: cvm = the fold-size-weighted mean of the fold scores, cvsd = √(weighted mean of
 *     (score − cvm)² / (k − 1)) (glmnet's {@code cvm}, {@code cvsd});</li>
 * <li>λ_min optimizes cvm; λ_1se is the largest λ whose cvm is within one cvsd(λ_min) of the optimum.</li>
 * </ol>
 * The selected model is the all-data fit at the chosen λ.
 */
public final class CrossValidator {

    private final int folds;
    private final long seed;
    private final int nlambda;
    private final double minRatio;
    private final boolean standardize;

    /**
     * @param folds k
     * @param seed the fold seed
     * @param nlambda grid size (glmnet: 100)
     * @param minRatio smallest λ / λ_max, or NaN for glmnet's default
     * @param standardize standardize features (per training fold)
     */
    public CrossValidator(int folds, long seed, int nlambda, double minRatio, boolean standardize) {
        if (nlambda < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 λ values, got " + nlambda);
        }
        this.folds = folds;
        this.seed = seed;
        this.nlambda = nlambda;
        this.minRatio = minRatio;
        this.standardize = standardize;
    }

    /**
     * Runs cross-validation.
     * @param task the task
     * @param penalty the penalty
     * @param solver the solver
     * @param progress receives one line per step (may be null)
     * @return the result
     */
    public CvResult run(CvTask task, Penalty penalty, Solver solver, Consumer<String> progress) {
        int n = task.examples();
        int[] foldOf = Folds.assign(n, folds, seed);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        say(progress, "fitting the path on all %d examples", n);
        Problem full = task.problem(all, standardize);
        RegularizationPath path = HadamardEngine.path(full, penalty, nlambda, minRatio, solver);
        double[] lambdas = path.lambdas();
        int L = lambdas.length;
        List<Measure> measures = task.measures();
        int M = measures.size();
        double[][][] raw = new double[folds][M][L];
        double[] weight = new double[folds];
        int unconverged = (int) path.fits().stream().filter(f -> !f.certificate().converged()).count();
        int total = path.size();
        for (int f = 0; f < folds; f++) {
            int[] train = Folds.rows(foldOf, f, false);
            int[] test = Folds.rows(foldOf, f, true);
            weight[f] = test.length;
            say(progress, "fold %d/%d: %d training, %d held out, %d λ values", f + 1, folds, train.length, test.length, L);
            Problem problem = task.problem(train, standardize);
            RegularizationPath fp = HadamardEngine.path(problem, penalty, lambdas, false, solver);
            for (int l = 0; l < L; l++) {
                Fit fit = fp.fit(l);
                unconverged += fit.certificate().converged() ? 0 : 1;
                total++;
                double[] s = task.score(fit, test);
                for (int m = 0; m < M; m++) {
                    raw[f][m][l] = s[m];
                }
            }
        }
        double[][] cvm = new double[M][L];
        double[][] cvsd = new double[M][L];
        double wsum = 0;
        for (double w : weight) {
            wsum += w;
        }
        for (int m = 0; m < M; m++) {
            for (int l = 0; l < L; l++) {
                double mean = 0;
                double wm = 0;
                for (int f = 0; f < folds; f++) {
                    if (!Double.isNaN(raw[f][m][l])) {
                        mean += weight[f] * raw[f][m][l];
                        wm += weight[f];
                    }
                }
                mean /= wm;
                double var = 0;
                for (int f = 0; f < folds; f++) {
                    if (!Double.isNaN(raw[f][m][l])) {
                        double d = raw[f][m][l] - mean;
                        var += weight[f] * d * d;
                    }
                }
                cvm[m][l] = mean;
                cvsd[m][l] = Math.sqrt(var / wm / (folds - 1));
            }
        }
        int[] nonzero = new int[L];
        for (int l = 0; l < L; l++) {
            nonzero[l] = path.fit(l).nonzero();
        }
        return new CvResult(task.name(), measures, lambdas, path.lambdaMax(), cvm, cvsd, raw, nonzero, foldOf, path, unconverged == 0, unconverged, total);
    }

    private static void say(Consumer<String> progress, String format, Object... args) {
        if (progress != null) {
            progress.accept(String.format(java.util.Locale.ROOT, format, args));
        }
    }
}
