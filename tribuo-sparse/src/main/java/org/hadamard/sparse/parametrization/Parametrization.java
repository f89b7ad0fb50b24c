package org.hadamard.sparse.parametrization;

/**
 * How the coefficients β ∈ R^m are made of surrogate factors ξ, and the smooth ridge penalty on ξ that
 * induces the non-smooth base penalty R(β) = min_{K(ξ)=β} R_ξ(ξ) (skglm calls this twin a "penalty").
 * <p>
 * The coefficients are partitioned into <em>blocks</em>: a single coefficient for element-wise
 * parametrizations, a group for group parametrizations. Each block owns a contiguous range of
 * ξ ("slots"), so solvers can work on a subset of blocks (a working set) by gathering slots.
 * Unpenalized blocks (penalty weight 0: glmnet's {@code penalty.factor = 0}) are not overparametrized
 * at all: their slots are the coefficients themselves.
 * <p>
 * All penalties are written without λ; the methods that take λ multiply by it.
 */
public interface Parametrization {

    /** @return m, the number of coefficients */
    int coefficients();

    /** @return the number of blocks */
    int blocks();

    /** @return the total number of surrogate slots */
    int size();

    /**
     * @param b block
     * @return the first slot of block b
     */
    int offset(int b);

    /**
     * @param b block
     * @return the number of slots of block b
     */
    int width(int b);

    /**
     * @param b block
     * @return the coefficient indices of block b (shared array: do not modify)
     */
    int[] members(int b);

    /**
     * @param b block
     * @return the block's penalty weight (penalty factor, or group weight c_g); 0 if unpenalized
     */
    double weight(int b);

    /**
     * @param b block
     * @return whether block b is penalized (and overparametrized)
     */
    default boolean penalized(int b) { return weight(b) > 0; }

    /** @return q, the exponent of the induced penalty (1 for lasso and group lasso) */
    double q();

    /** @return whether the induced base penalty is convex (q = 1) */
    default boolean convex() { return q() == 1.0; }

    /**
     * Writes β_b = K_b(ξ_b).
     * @param xi surrogate factors
     * @param b block
     * @param beta output coefficients (only block b's members are written)
     */
    void beta(double[] xi, int b, double[] beta);

    /**
     * Writes the gradient of L(K(ξ)) + λR_ξ(ξ) with respect to block b's slots, given g = ∂L/∂β.
     * @param xi surrogate factors
     * @param b block
     * @param gBeta ∂L/∂β (indexed by coefficient)
     * @param lambda λ
     * @param gXi output gradient (block b's slots are overwritten)
     * @return R_ξ of block b (without λ)
     */
    double gradient(double[] xi, int b, double[] gBeta, double lambda, double[] gXi);

    /**
     * A diagonal estimate of the surrogate's curvature for block b's slots, Σ_t (∂β_t/∂ξ_s)²·h_t +
     * λ·∂²R_ξ/∂ξ_s², given per-coefficient loss curvatures h: the diagonal preconditioner of the
     * quasi-Newton solver. It matters because the curvature along β scales with |β|^{2−2/k}.
     * @param xi surrogate factors
     * @param b block
     * @param curvature per-coefficient loss curvature h_t
     * @param lambda λ
     * @param out receives the estimates in block b's slots
     */
    void diagonalCurvature(double[] xi, int b, double[] curvature, double lambda, double[] out);

    /**
     * The Jacobian of β_b with respect to block b's slots, row-major (members × width):
     * jac[t·width + s] = ∂β_{members[t]}/∂ξ_{offset+s}.
     * @param xi surrogate factors
     * @param b block
     * @param jac output
     */
    void jacobian(double[] xi, int b, double[] jac);

    /**
     * The part of the surrogate Hessian that the loss's curvature does not give, row-major
     * (width × width): Σ_t g_t·∇²β_t + λ·∇²R_ξ over block b's slots.
     * @param xi surrogate factors
     * @param b block
     * @param gBeta ∂L/∂β
     * @param lambda λ
     * @param hess output
     */
    void secondOrderTerm(double[] xi, int b, double[] gBeta, double lambda, double[] hess);

    /**
     * @param xi surrogate factors
     * @param b block
     * @return the surrogate penalty R_ξ of block b, without λ
     */
    double surrogatePenalty(double[] xi, int b);

    /**
     * Writes the balanced (optimal) representation of β_b, where R_ξ(ξ_b) = R(β_b): warm starts begin on
     * the base objective's value.
     * @param beta coefficients
     * @param b block
     * @param xi output (block b's slots)
     */
    void balanced(double[] beta, int b, double[] xi);

    /**
     * @param beta coefficients
     * @param b block
     * @return the induced base penalty R_b(β_b) = weight·‖β_b‖^q (0 for unpenalized blocks), without λ
     */
    double basePenalty(double[] beta, int b);

    /**
     * The violation of the first-order optimality condition of the base problem for block b:
     * the distance of −g_b from λ·∂R_b(β_b). For q &lt; 1 any zero block satisfies it (infinite slope).
     * @param beta coefficients
     * @param gBeta ∂L/∂β
     * @param b block
     * @param lambda λ
     * @return the violation, ≥ 0
     */
    double kktViolation(double[] beta, double[] gBeta, int b, double lambda);

    /**
     * ‖g_b‖₂ / weight(b): the smallest λ at which β_b = 0 satisfies the lasso-type KKT condition, and
     * the dual-norm ratio used to scale dual points. 0 for unpenalized blocks.
     * @param gBeta ∂L/∂β
     * @param b block
     * @return the ratio
     */
    default double dualRatio(double[] gBeta, int b) {
        double w = weight(b);
        if (w <= 0) {
            return 0;
        }
        double s = 0;
        for (int j : members(b)) {
            s += gBeta[j] * gBeta[j];
        }
        return Math.sqrt(s) / w;
    }

    /** @return a short description for logs and provenance, e.g. "HadamardProduct(depth=2)" */
    String describe();
}
