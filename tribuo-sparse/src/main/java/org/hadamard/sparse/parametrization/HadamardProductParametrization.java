package org.hadamard.sparse.parametrization;

/**
 * The depth-k Hadamard product β = u₁⊙…⊙u_k with surrogate penalty (λ/k)·Σ_d w_j u_{d,j}², which
 * induces λ·Σ_j w_j |β_j|^{2/k} (k = 2: the lasso; q = 2/k). w_j are per-coefficient penalty factors;
 * w_j = 0 leaves β_j unpenalized and not factorized.
 * <p>
 * Slots of a penalized coefficient j: u_{1,j}, …, u_{k,j}. At every stationary point with λ &gt; 0 the
 * factors are balanced, |u_{d,j}| = |β_j|^{1/k}.
 */
public final class HadamardProductParametrization extends BlockLayout {

    private final int depth;

    /**
     * @param depth k ≥ 2
     * @param penaltyFactors per-coefficient weights w_j ≥ 0
     */
    public HadamardProductParametrization(int depth, double[] penaltyFactors) {
        super(penaltyFactors.length, singletons(penaltyFactors.length), penaltyFactors.clone(), checkDepth(depth), 0);
        this.depth = depth;
    }

    private static int checkDepth(int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("Hadamard depth must be >= 2, got " + depth);
        }
        return depth;
    }

    /** @return the depth k */
    public int depth() { return depth; }

    @Override
    public double q() { return 2.0 / depth; }

    @Override
    public void beta(double[] xi, int b, double[] beta) {
        int off = offsets[b];
        if (weights[b] == 0) {
            beta[b] = xi[off];
            return;
        }
        double prod = xi[off];
        for (int d = 1; d < depth; d++) {
            prod *= xi[off + d];
        }
        beta[b] = prod;
    }

    @Override
    public double gradient(double[] xi, int b, double[] gBeta, double lambda, double[] gXi) {
        int off = offsets[b];
        double g = gBeta[b];
        double w = weights[b];
        if (w == 0) {
            gXi[off] = g;
            return 0;
        }
        double shrink = 2 * lambda * w / depth;
        if (depth == 2) {
            double u = xi[off];
            double v = xi[off + 1];
            gXi[off] = g * v + shrink * u;
            gXi[off + 1] = g * u + shrink * v;
            return w * (u * u + v * v) / 2;
        }
        double pen = 0;
        for (int d = 0; d < depth; d++) {
            double others = 1;
            for (int l = 0; l < depth; l++) {
                if (l != d) {
                    others *= xi[off + l];
                }
            }
            double u = xi[off + d];
            gXi[off + d] = g * others + shrink * u;
            pen += u * u;
        }
        return w * pen / depth;
    }

    @Override
    public void jacobian(double[] xi, int b, double[] jac) {
        int off = offsets[b];
        if (weights[b] == 0) {
            jac[0] = 1;
            return;
        }
        for (int d = 0; d < depth; d++) {
            double others = 1;
            for (int l = 0; l < depth; l++) {
                if (l != d) {
                    others *= xi[off + l];
                }
            }
            jac[d] = others;
        }
    }

    @Override
    public void secondOrderTerm(double[] xi, int b, double[] gBeta, double lambda, double[] hess) {
        int off = offsets[b];
        if (weights[b] == 0) {
            hess[0] = 0;
            return;
        }
        double g = gBeta[b];
        double ridge = 2 * lambda * weights[b] / depth;
        for (int d = 0; d < depth; d++) {
            for (int e = 0; e < depth; e++) {
                if (d == e) {
                    hess[d * depth + e] = ridge;
                    continue;
                }
                double others = 1;
                for (int l = 0; l < depth; l++) {
                    if (l != d && l != e) {
                        others *= xi[off + l];
                    }
                }
                hess[d * depth + e] = g * others;
            }
        }
    }

    @Override
    public void diagonalCurvature(double[] xi, int b, double[] curvature, double lambda, double[] out) {
        int off = offsets[b];
        if (weights[b] == 0) {
            out[off] = curvature[b];
            return;
        }
        double ridge = 2 * lambda * weights[b] / depth;
        for (int d = 0; d < depth; d++) {
            double others = 1;
            for (int l = 0; l < depth; l++) {
                if (l != d) {
                    others *= xi[off + l];
                }
            }
            out[off + d] = others * others * curvature[b] + ridge;
        }
    }

    @Override
    public double surrogatePenalty(double[] xi, int b) {
        if (weights[b] == 0) {
            return 0;
        }
        int off = offsets[b];
        double pen = 0;
        for (int d = 0; d < depth; d++) {
            pen += xi[off + d] * xi[off + d];
        }
        return weights[b] * pen / depth;
    }

    @Override
    public void balanced(double[] beta, int b, double[] xi) {
        int off = offsets[b];
        double x = beta[b];
        if (weights[b] == 0) {
            xi[off] = x;
            return;
        }
        double mag = Math.pow(Math.abs(x), 1.0 / depth);
        xi[off] = x < 0 ? -mag : mag;
        for (int d = 1; d < depth; d++) {
            xi[off + d] = mag;
        }
    }

    @Override
    public double basePenalty(double[] beta, int b) {
        double w = weights[b];
        if (w == 0 || beta[b] == 0) {
            return 0;
        }
        double a = Math.abs(beta[b]);
        return w * (depth == 2 ? a : Math.pow(a, 2.0 / depth));
    }

    @Override
    public double kktViolation(double[] beta, double[] gBeta, int b, double lambda) {
        double g = gBeta[b];
        double w = weights[b];
        double x = beta[b];
        if (w == 0) {
            return Math.abs(g);
        }
        if (x == 0) {
            return depth == 2 ? Math.max(0, Math.abs(g) - lambda * w) : 0;
        }
        double q = 2.0 / depth;
        double slope = lambda * w * q * Math.pow(Math.abs(x), q - 1);
        return Math.abs(g + Math.copySign(slope, x));
    }

    @Override
    public String describe() { return "HadamardProduct(depth=" + depth + ")"; }
}
