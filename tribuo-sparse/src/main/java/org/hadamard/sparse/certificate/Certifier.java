package org.hadamard.sparse.certificate;

import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.Problem;

/**
 * Computes {@link Certificate}s on the base problem from (β, b), with one pass over the data for η and
 * one for X̃ᵀ∇F. Also returns the full coefficient gradient, which solvers use to grow working sets.
 * <p>
 * <b>Screening</b> (single-output squared error): a certifier called again and again (a solver's rounds,
 * a path) keeps the gradient of its last full pass as a reference. By Cauchy–Schwarz a zero block's
 * gradient can have moved since by at most ‖X̃_b‖_ω·‖Δ∇_ηF/√ω‖; blocks whose reference gradient plus that
 * bound stays within λ·w_b are provably KKT-feasible at zero and provably below the dual scaling, so
 * their columns are skipped and their reference gradient is reported (still within λ·w_b). The KKT
 * violation and the duality gap are exactly those of the full computation; only the gradient entries of
 * screened blocks are stale. A full pass is made (and becomes the new reference) when fewer than half of
 * the columns could be skipped.
 */
public final class Certifier {

    private final Problem problem;
    private final Parametrization param;
    private final double[] eta;
    private final double[] gEta;
    private final double[] gBeta;
    private final double[] gB0;
    private final int[][] all;
    private final int[] allCount;
    // Dual-point buffers, reused by every certificate of this certifier.
    private final double[] thetaBuffer;
    private final double[] negThetaBuffer;
    private final double[] spreadBuffer;
    private final double[] shiftedGradient;
    private final double[] shiftedInterceptGradient;
    // Screening state: the gradients of the last full pass, and each block's ‖X̃_b‖_ω.
    private final boolean screening;
    private double[] refGEta;
    private double[] refGBeta;
    private double[] blockColumnNorm;
    private int[] screenCols;

    /**
     * @param problem the problem
     * @param param the parametrization (defines the blocks and the base penalty)
     */
    public Certifier(Problem problem, Parametrization param) {
        if (param.coefficients() != problem.coefficients()) {
            throw new IllegalArgumentException("Parametrization has " + param.coefficients() + " coefficients, problem has " + problem.coefficients());
        }
        this.problem = problem;
        this.param = param;
        int nk = problem.examples() * problem.outputs();
        this.eta = new double[nk];
        this.gEta = new double[nk];
        this.gBeta = new double[problem.coefficients()];
        this.gB0 = new double[problem.outputs()];
        this.all = new int[problem.outputs()][];
        this.allCount = new int[problem.outputs()];
        this.thetaBuffer = new double[nk];
        this.negThetaBuffer = new double[nk];
        this.spreadBuffer = new double[problem.examples()];
        this.shiftedGradient = new double[problem.coefficients()];
        this.shiftedInterceptGradient = new double[problem.outputs()];
        this.screening = problem.outputs() == 1 && problem.loss() instanceof org.hadamard.sparse.loss.SquaredLoss;
    }

    /** @return ∂F/∂β at the last certified point (shared; valid until the next call) */
    public double[] lastGradient() { return gBeta; }

    /** @return ∂F/∂b at the last certified point (shared) */
    public double[] lastInterceptGradient() { return gB0; }

    /**
     * Certifies (β, b) for λ.
     * @param beta coefficients on the internal scale
     * @param b0 intercepts
     * @param lambda λ
     * @return the certificate (iterations 0, converged false: solvers fill those in)
     */
    public Certificate certify(double[] beta, double[] b0, double lambda) {
        problem.predictors(beta, b0, all, allCount, eta);
        double loss = problem.loss().evaluate(eta, gEta);
        if (!screening || !screenedGradient(beta, lambda)) {
            problem.gradients(gEta, all, allCount, gBeta, gB0);
            if (screening) {
                keepReference();
            }
        }
        double penalty = 0;
        double kkt = 0;
        double maxRatio = 0;
        int nonzero = 0;
        for (int j = 0; j < beta.length; j++) {
            if (beta[j] != 0) {
                nonzero++;
            }
        }
        for (int b = 0; b < param.blocks(); b++) {
            penalty += param.basePenalty(beta, b);
            kkt = Math.max(kkt, param.kktViolation(beta, gBeta, b, lambda));
            maxRatio = Math.max(maxRatio, param.dualRatio(gBeta, b));
        }
        // The intercepts are unpenalized: their stationarity is part of the KKT system.
        for (double g : gB0) {
            kkt = Math.max(kkt, Math.abs(g));
        }
        penalty *= lambda;
        double objective = loss + penalty;
        double gap = Double.NaN;
        if (param.convex()) {
            gap = dualityGap(objective, lambda, maxRatio);
        }
        return new Certificate(objective, loss, penalty, kkt, gap, 0, false, nonzero);
    }

    /**
     * The gradient with screened blocks skipped (see the class comment), if at least half of the columns
     * can be skipped.
     * @return false if a full pass is due (nothing written)
     */
    private boolean screenedGradient(double[] beta, double lambda) {
        if (refGEta == null || !(lambda > 0)) {
            return false;
        }
        if (blockColumnNorm == null) {
            blockColumnNorm = blockColumnNorms();
        }
        int n = problem.examples();
        double sq = 0;
        for (int i = 0; i < n; i++) {
            double d = gEta[i] - refGEta[i];
            if (d != 0.0) {
                double w = problem.loss().weight(i);
                sq += w > 0 ? d * d / w : Double.POSITIVE_INFINITY;
            }
        }
        double drift = Math.sqrt(sq);
        int p = problem.coefficients();
        int count = 0;
        for (int b = 0; b < param.blocks(); b++) {
            int[] mem = param.members(b);
            boolean screened = false;
            if (param.penalized(b)) {
                double norm = 0;
                boolean zero = true;
                for (int j : mem) {
                    norm += refGBeta[j] * refGBeta[j];
                    zero &= beta[j] == 0;
                }
                // A relative margin far above rounding keeps "provably within" honest.
                screened = zero && Math.sqrt(norm) + blockColumnNorm[b] * drift <= lambda * param.weight(b) * (1 - 1e-9);
            }
            if (!screened) {
                for (int j : mem) {
                    screenCols[count++] = j;
                }
            }
        }
        if (2 * count > p) {
            return false;
        }
        System.arraycopy(refGBeta, 0, gBeta, 0, p);
        int[][] cols = {screenCols};
        problem.gradients(gEta, cols, new int[]{count}, gBeta, gB0);
        return true;
    }

    /** ‖X̃_b‖_ω per block, with the loss's weights (computed once, on the first screening attempt). */
    private double[] blockColumnNorms() {
        double[] w = new double[problem.examples()];
        for (int i = 0; i < w.length; i++) {
            w[i] = problem.loss().weight(i);
        }
        double[] norms = problem.design().standardizedSquaredNorms(w);
        double[] out = new double[param.blocks()];
        for (int b = 0; b < param.blocks(); b++) {
            double s = 0;
            for (int j : param.members(b)) {
                s += norms[j];
            }
            // 1 % above the computed norm: the moments' rounding must never make the bound too small.
            out[b] = 1.01 * Math.sqrt(s);
        }
        return out;
    }

    private void keepReference() {
        if (refGEta == null) {
            refGEta = new double[gEta.length];
            refGBeta = new double[gBeta.length];
            screenCols = new int[gBeta.length];
        }
        System.arraycopy(gEta, 0, refGEta, 0, gEta.length);
        System.arraycopy(gBeta, 0, refGBeta, 0, gBeta.length);
    }

    /**
     * θ = −∇F, recentred per output so that the intercept constraint Σθ = 0 holds, and scaled into the
     * dual feasible set max_b ‖X̃_bᵀθ‖/c_b ≤ λ. X̃ has weighted-centred columns, so the recentring
     * (θ_i − ω_i·Σθ) leaves X̃ᵀθ unchanged. Unpenalized coefficients are not enforced (their
     * gradient is ~0 at the optimum), so the gap is exact for penalized problems and a close estimate
     * with unpenalized features.
     */
    private double dualityGap(double objective, double lambda, double maxRatio) {
        int n = problem.examples();
        int k = problem.outputs();
        double[] theta = thetaBuffer;
        // Spread the intercept residual Σθ over the examples in proportion to the loss curvature
        // (ω_i for squared error, ω_iσ_i(1−σ_i) for the logistic loss): the shift then vanishes where a
        // probability sits at 0 or 1 and keeps the dual point inside the conjugate's domain.
        double[] spread = spreadBuffer;
        if (!problem.loss().weightedSecondDerivatives(eta, spread)) {
            for (int i = 0; i < n; i++) {
                spread[i] = problem.loss().weight(i);
            }
        }
        double total = 0;
        for (double v : spread) {
            total += v;
        }
        for (int c = 0; c < k; c++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += gEta[i * k + c];
            }
            for (int i = 0; i < n; i++) {
                double shift = total > 0 ? spread[i] / total * s : 0.0;
                theta[i * k + c] = -(gEta[i * k + c] - shift);
            }
        }
        // A shift proportional to ω leaves X̃ᵀθ = −∇_βF (the columns are ω-centred); any other shift
        // changes it slightly, so the feasibility ratio is recomputed for the shifted point.
        double ratio = maxRatio;
        if (!(problem.loss() instanceof org.hadamard.sparse.loss.SquaredLoss)) {
            double[] negTheta = negThetaBuffer;
            for (int t = 0; t < negTheta.length; t++) {
                negTheta[t] = -theta[t];
            }
            double[] g = shiftedGradient;
            problem.gradients(negTheta, all, allCount, g, shiftedInterceptGradient);
            ratio = 0;
            for (int b = 0; b < param.blocks(); b++) {
                ratio = Math.max(ratio, param.dualRatio(g, b));
            }
        }
        // With λ = 0 the dual constraint is X̃ᵀθ = 0, which no scaling reaches; the unscaled residual then
        // gives the least-squares gap (its infeasibility is the KKT violation, reported alongside).
        double scale = ratio > lambda && lambda > 0 ? lambda / ratio : 1.0;
        for (int t = 0; t < theta.length; t++) {
            theta[t] *= scale;
        }
        double dual = problem.loss().dual(theta);
        if (Double.isNaN(dual)) {
            return Double.NaN;
        }
        return Math.max(0.0, objective - dual);
    }
}
