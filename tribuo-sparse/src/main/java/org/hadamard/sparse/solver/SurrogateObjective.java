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

    // The exact quadratic model of a squared-error loss on the working set (see useQuadraticModel).
    private double[] modelGram;
    private double[] modelColSum;
    private double modelCurvSum;
    private int modelCount;
    private double[] refBeta = new double[0];
    private double[] refGrad = new double[0];
    private double[] delta = new double[0];
    private double refB0;
    private double refGB0;
    private double refLoss;

    /**
     * Evaluates the loss from its Gram matrix on the working set instead of the data, until
     * {@link #useData()}: for a quadratic loss (constant curvature) this is exact, and costs m² per
     * evaluation instead of 2nm for m working-set coefficients. To keep rounding at the scale of the
     * change rather than of the loss, it expands around the current state (evaluated from the data
     * here): F(β) = F(β₀) + ∇F(β₀)ᵀδ + ½δᵀHδ with H = [G, s; sᵀ, c] over (β, b).
     * Single-output problems only; the working set must not change while the model is in use.
     * @param gram X̃ᵀDX̃ over the working set's coefficients in working-set order (count × count)
     * @param colSum the weighted column sums X̃ᵀd
     * @param curvSum Σd, the intercept's curvature
     * @param count the number of working-set coefficients
     */
    public void useQuadraticModel(double[] gram, double[] colSum, double curvSum, int count) {
        modelGram = null;
        if (refBeta.length < count) {
            refBeta = new double[count];
            refGrad = new double[count];
            delta = new double[count];
        }
        int[] c = cols[0];
        if (offeredBeta != null) {
            refLoss = offeredLoss;
            for (int a = 0; a < count; a++) {
                refBeta[a] = offeredBeta[c[a]];
                refGrad[a] = offeredGradient[c[a]];
            }
            refB0 = offeredB0;
            refGB0 = offeredGB0;
            offeredBeta = null;
            offeredGradient = null;
        } else {
            double[] z = new double[dimension()];
            gather(z);
            refLoss = dataValue(z);
            for (int a = 0; a < count; a++) {
                refBeta[a] = beta[c[a]];
                refGrad[a] = gBeta[c[a]];
            }
            refB0 = b0[0];
            refGB0 = gB0[0];
        }
        modelGram = gram;
        modelColSum = colSum;
        modelCurvSum = curvSum;
        modelCount = count;
    }

    private double[] offeredBeta;
    private double[] offeredGradient;
    private double offeredLoss;
    private double offeredB0;
    private double offeredGB0;

    /**
     * Offers an already evaluated point as the expansion point of the next {@link #useQuadraticModel}
     * (which otherwise evaluates the data once at the current state): the loss, its gradient and the
     * intercept's at (β, b), e.g. from the certificate computed there. Any β works; the model is exact.
     * @param beta all coefficients at that point (kept by reference until used)
     * @param b0 its intercept
     * @param loss F there
     * @param lossGradient ∂F/∂β there, all coefficients (kept by reference until used)
     * @param interceptGradient ∂F/∂b there
     */
    public void offerReference(double[] beta, double b0, double loss, double[] lossGradient, double interceptGradient) {
        offeredBeta = beta;
        offeredB0 = b0;
        offeredLoss = loss;
        offeredGradient = lossGradient;
        offeredGB0 = interceptGradient;
    }

    /**
     * Returns to evaluating the loss from the data. The predictors are stale until the next
     * evaluation, which callers make at the point they keep.
     */
    public void useData() {
        modelGram = null;
        offeredBeta = null;
        offeredGradient = null;
    }

    private double dataValue(double[] z) {
        scatter(z);
        problem.predictors(beta, b0, cols, ncols, eta);
        double loss = problem.loss().evaluate(eta, gEta);
        problem.gradients(gEta, cols, ncols, gBeta, gB0);
        return loss;
    }

    private double modelValue(double[] z) {
        scatter(z);
        int[] c = cols[0];
        int m = modelCount;
        for (int a = 0; a < m; a++) {
            delta[a] = beta[c[a]] - refBeta[a];
        }
        double db = b0[0] - refB0;
        double lin = refGB0 * db;
        double quad = modelCurvSum * db * db;
        double cross = 0;
        for (int a = 0; a < m; a++) {
            double hd = org.hadamard.sparse.problem.DenseKernels.dot(modelGram, a * m, delta, 0, m);
            lin += refGrad[a] * delta[a];
            quad += delta[a] * hd;
            cross += modelColSum[a] * delta[a];
            gBeta[c[a]] = refGrad[a] + hd + modelColSum[a] * db;
        }
        gB0[0] = refGB0 + cross + modelCurvSum * db;
        return refLoss + lin + 0.5 * (quad + 2 * db * cross);
    }

    @Override
    public double valueAndGradient(double[] z, double[] gz) {
        double loss = modelGram != null ? modelValue(z) : dataValue(z);
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
