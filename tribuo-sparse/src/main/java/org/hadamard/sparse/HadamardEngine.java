package org.hadamard.sparse;

import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.FullBatchSolver;
import org.hadamard.sparse.solver.Solver;

import java.util.ArrayList;
import java.util.List;

/**
 * The engine's front door: fits and paths for a problem, a penalty and a solver. Both toolkit faces
 * (Tribuo, Weka) and the command line call only this.
 * <p>
 * <b>Non-convex penalties (q &lt; 1).</b> Every point with a zero coefficient is a local minimum of an
 * Lq problem in that coordinate (infinite slope at 0), so the start decides the support. A cold Lq
 * fit therefore starts where non-convex solvers start: from the solution of the convex relaxation
 * (the lasso or group lasso with the same λ, factors and groups), and descends from there to a local
 * minimum of the Lq objective. Along a path, each λ starts from the convex path's solution at the
 * same λ, so the Lq path inherits the lasso path's entry order.
 */
public final class HadamardEngine {

    private HadamardEngine() {}

    /**
     * The default full-batch solver: relative duality gap 1e-9, KKT violation 1e-9 relative to the
     * start point's gradient scale, 100000 inner steps.
     * @return the solver
     */
    public static FullBatchSolver defaultSolver() {
        return new FullBatchSolver(FullBatchSolver.DEFAULT_TOLERANCE, FullBatchSolver.DEFAULT_KKT_TOLERANCE, FullBatchSolver.DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Fits the penalized problem at one λ.
     * @param problem the problem
     * @param penalty the penalty
     * @param lambda λ ≥ 0
     * @param solver the solver
     * @return the fit
     */
    public static Fit fit(Problem problem, Penalty penalty, double lambda, Solver solver) {
        checkLambda(lambda);
        Parametrization param = penalty.parametrization(problem.features(), problem.outputs());
        if (penalty.convex()) {
            return solver.solve(problem, param, lambda, null, null);
        }
        Parametrization relaxed = penalty.convexRelaxation().parametrization(problem.features(), problem.outputs());
        Fit start = solver.solve(problem, relaxed, lambda, null, null);
        return solver.solve(problem, param, lambda, start.internalBeta(), start.internalIntercept());
    }

    /**
     * @param problem the problem
     * @param penalty the penalty (its convex relaxation defines λ_max for q &lt; 1)
     * @return λ_max, the smallest λ whose fit has all penalized coefficients at zero
     */
    public static double lambdaMax(Problem problem, Penalty penalty) {
        Penalty convex = penalty.convex() ? penalty : penalty.convexRelaxation();
        return defaultSolver().lambdaMax(problem, convex.parametrization(problem.features(), problem.outputs()));
    }

    /**
     * The default path: glmnet's grid of {@code count} values from λ_max with its default ratio.
     * @param problem the problem
     * @param penalty the penalty
     * @param count number of λ values (glmnet: 100)
     * @param minRatio smallest/largest λ, or NaN for glmnet's default
     * @param solver the solver
     * @return the path
     */
    public static RegularizationPath path(Problem problem, Penalty penalty, int count, double minRatio, Solver solver) {
        double lmax = lambdaMax(problem, penalty);
        double ratio = Double.isNaN(minRatio) ? LambdaGrid.defaultMinRatio(problem.examples(), problem.features()) : minRatio;
        if (lmax == 0) {
            // No feature correlates with the response (e.g. it is constant): the null model is the
            // whole path.
            return path(problem, penalty, new double[]{0.0}, false, solver, lmax);
        }
        return path(problem, penalty, LambdaGrid.logSpaced(lmax, count, ratio), true, solver, lmax);
    }

    /**
     * A path over given λ values (sorted into decreasing order), with warm starts.
     * @param problem the problem
     * @param penalty the penalty
     * @param lambdas the λ values
     * @param earlyStop stop like glmnet once the fraction of deviance explained exceeds 0.999 or
     *                  changes by less than 1e-5 between consecutive λ
     * @param solver the solver
     * @return the path
     */
    public static RegularizationPath path(Problem problem, Penalty penalty, double[] lambdas, boolean earlyStop, Solver solver) {
        return path(problem, penalty, LambdaGrid.userList(lambdas), earlyStop, solver, lambdaMax(problem, penalty));
    }

    private static RegularizationPath path(Problem problem, Penalty penalty, double[] grid, boolean earlyStop, Solver solver, double lmax) {
        Parametrization param = penalty.parametrization(problem.features(), problem.outputs());
        Parametrization relaxed = penalty.convex() ? null : penalty.convexRelaxation().parametrization(problem.features(), problem.outputs());
        double nullLoss = problem.loss().nullLoss();
        List<Fit> fits = new ArrayList<>();
        double[] warmBeta = null;
        double[] warmB0 = null;
        double[] relaxedBeta = null;
        double[] relaxedB0 = null;
        double previousRatio = Double.NaN;
        int fitted = 0;
        for (double lambda : grid) {
            Fit fit;
            if (relaxed == null) {
                fit = solver.solve(problem, param, lambda, warmBeta, warmB0);
            } else {
                Fit start = solver.solve(problem, relaxed, lambda, relaxedBeta, relaxedB0);
                relaxedBeta = start.internalBeta();
                relaxedB0 = start.internalIntercept();
                fit = solver.solve(problem, param, lambda, relaxedBeta, relaxedB0);
            }
            fits.add(fit);
            fitted++;
            warmBeta = fit.internalBeta();
            warmB0 = fit.internalIntercept();
            if (earlyStop && nullLoss > 0) {
                double ratio = 1 - fit.certificate().loss() / nullLoss;
                if (ratio > 0.999 || (fitted > 1 && ratio - previousRatio < 1e-5 * ratio && fit.nonzero() > 0)) {
                    break;
                }
                previousRatio = ratio;
            }
        }
        double[] used = java.util.Arrays.copyOf(grid, fitted);
        return new RegularizationPath(lmax, used, List.copyOf(fits));
    }

    private static void checkLambda(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
        }
    }
}
