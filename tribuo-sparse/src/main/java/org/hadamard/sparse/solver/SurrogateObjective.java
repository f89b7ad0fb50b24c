package org.hadamard.sparse.solver;

import org.hadamard.sparse.parametrization.Parametrization;
import org.hadamard.sparse.problem.Problem;

/**
 * The smooth surrogate Q(ξ, b) = F(b + X̃·K(ξ)) + λ·R_ξ(ξ) restricted to a working set of blocks: the
 * one place where the chain rule lives. The optimization vector z holds the slots of the active blocks
 * in working-set order, followed by the K intercepts (never overparametrized, never penalized).
 * Coefficients of inactive blocks are exactly zero.
 */
public final class SurrogateObjective implements DifferentiableFunction {

    private final Problem problem;
    private final Parametrization param;
    private final int p;
    private final int outputs;
    private double lambda;

    private final int[] active;
    private int activeCount;
    private final int[][] cols;
    private final int[] ncols;

    private final double[] xi;
    private final double[] gXi;
    private final double[] beta;
    private final double[] gBeta;
    private final double[] b0;
    private final double[] gB0;
    private final double[] eta;
    private final double[] gEta;
    private double lastLoss;
    private double lastPenalty;

    /**
     * @param problem the problem
     * @param param the parametrization
     */
    public SurrogateObjective(Problem problem, Parametrization param) {
        this.problem = problem;
        this.param = param;
        this.p = problem.features();
        this.outputs = problem.outputs();
        this.active = new int[param.blocks()];
        this.cols = new int[outputs][p];
        this.ncols = new int[outputs];
        this.xi = new double[param.size()];
        this.gXi = new double[param.size()];
        this.beta = new double[param.coefficients()];
        this.gBeta = new double[param.coefficients()];
        this.b0 = new double[outputs];
        this.gB0 = new double[outputs];
        int nk = problem.examples() * outputs;
        this.eta = new double[nk];
        this.gEta = new double[nk];
    }

    /** Empties the working set and zeroes the coefficients and intercepts, for reuse on a new solve. */
    public void reset() {
        setActive(new int[0], 0);
        java.util.Arrays.fill(beta, 0.0);
        java.util.Arrays.fill(b0, 0.0);
    }

    /** @param lambda the penalty strength λ */
    public void setLambda(double lambda) { this.lambda = lambda; }

    /** @return the full slot vector ξ (shared; inactive blocks' slots are meaningless) */
    public double[] xi() { return xi; }

    /** @return the current coefficients (shared; zero outside the working set) */
    public double[] beta() { return beta; }

    /** @return ∂F/∂β on the working set at the last evaluation (shared) */
    public double[] lossGradient() { return gBeta; }

    /** @return the linear predictors at the last evaluation (shared) */
    public double[] predictors() { return eta; }

    /** @return the problem */
    public Problem problem() { return problem; }

    /** @return the parametrization */
    public Parametrization parametrization() { return param; }

    /** @return λ */
    public double lambda() { return lambda; }

    /** @return the current intercepts (shared) */
    public double[] intercepts() { return b0; }

    /** @return F at the last evaluation */
    public double lastLoss() { return lastLoss; }

    /** @return λ·R_ξ at the last evaluation */
    public double lastPenalty() { return lastPenalty; }

    /** @return the number of active blocks */
    public int activeCount() { return activeCount; }

    /**
     * @param t position in the working set
     * @return the block
     */
    public int activeBlock(int t) { return active[t]; }

    /**
     * Replaces the working set. Coefficients of blocks that leave it become exactly zero.
     * @param blocks the blocks
     * @param count how many
     */
    public void setActive(int[] blocks, int count) {
        for (int t = 0; t < activeCount; t++) {
            for (int j : param.members(active[t])) {
                beta[j] = 0;
            }
        }
        System.arraycopy(blocks, 0, active, 0, count);
        activeCount = count;
        java.util.Arrays.fill(ncols, 0);
        for (int t = 0; t < count; t++) {
            for (int c : param.members(active[t])) {
                int k = c / p;
                cols[k][ncols[k]++] = c - k * p;
            }
        }
        for (int t = 0; t < count; t++) {
            param.beta(xi, active[t], beta);
        }
    }

    /** @return the dimension of z */
    public int dimension() {
        int d = outputs;
        for (int t = 0; t < activeCount; t++) {
            d += param.width(active[t]);
        }
        return d;
    }

    /**
     * Copies the state (active slots, intercepts) into z.
     * @param z output, length ≥ {@link #dimension()}
     */
    public void gather(double[] z) {
        int pos = 0;
        for (int t = 0; t < activeCount; t++) {
            int b = active[t];
            int w = param.width(b);
            System.arraycopy(xi, param.offset(b), z, pos, w);
            pos += w;
        }
        System.arraycopy(b0, 0, z, pos, outputs);
    }

    /**
     * Sets the state from z and recomputes β for the working set.
     * @param z the packed state
     */
    public void scatter(double[] z) {
        int pos = 0;
        for (int t = 0; t < activeCount; t++) {
            int b = active[t];
            int w = param.width(b);
            System.arraycopy(z, pos, xi, param.offset(b), w);
            param.beta(xi, b, beta);
            pos += w;
        }
        System.arraycopy(z, pos, b0, 0, outputs);
    }

    /**
     * Writes the inverse of the diagonal curvature estimate at the current state into precond, in z
     * order (intercepts last, with the loss curvature bound).
     * @param curvature per-coefficient loss curvatures
     * @param interceptCurvature the intercepts' curvature
     * @param precond output, length ≥ {@link #dimension()}
     */
    public void inverseDiagonal(double[] curvature, double interceptCurvature, double[] precond) {
        int pos = 0;
        for (int t = 0; t < activeCount; t++) {
            int b = active[t];
            int w = param.width(b);
            param.diagonalCurvature(xi, b, curvature, lambda, gXi);
            int off = param.offset(b);
            for (int s = 0; s < w; s++) {
                double h = gXi[off + s];
                precond[pos++] = h > 0 ? 1.0 / h : 1.0;
            }
        }
        for (int k = 0; k < outputs; k++) {
            precond[pos++] = 1.0 / interceptCurvature;
        }
    }

    @Override
    public double valueAndGradient(double[] z, double[] gz) {
        scatter(z);
        problem.predictors(beta, b0, cols, ncols, eta);
        double loss = problem.loss().evaluate(eta, gEta);
        problem.gradients(gEta, cols, ncols, gBeta, gB0);
        double pen = 0;
        int pos = 0;
        for (int t = 0; t < activeCount; t++) {
            int b = active[t];
            int w = param.width(b);
            pen += param.gradient(xi, b, gBeta, lambda, gXi);
            System.arraycopy(gXi, param.offset(b), gz, pos, w);
            pos += w;
        }
        System.arraycopy(gB0, 0, gz, pos, outputs);
        lastLoss = loss;
        lastPenalty = lambda * pen;
        return loss + lambda * pen;
    }
}
