package org.hadamard.sparse.loss;

/**
 * A data-fit term (skglm's "datafit"): F(η) = Σ_i ω_i ℓ(y_i, η_i) with normalized example weights ω
 * (Σω = 1, so unit weights give the mean over examples), as a function of the linear predictors
 * η_i ∈ R^K. A loss never sees the parametrization; the objective composes them.
 * <p>
 * Linear predictors are stored example-major: η[i·K + k].
 */
public interface Loss {

    /** @return K, the number of linear predictors per example (1 for regression and binary logistic) */
    int outputs();

    /** @return the number of examples */
    int size();

    /**
     * @param i example
     * @return its normalized weight ω_i
     */
    double weight(int i);

    /**
     * The unweighted loss ℓ(y_i, η_i) of one example and its derivative with respect to η_i.
     * @param i the example
     * @param eta linear predictors (example-major)
     * @param grad receives dℓ/dη_i at [i·K, i·K + K), or null
     * @return ℓ(y_i, η_i)
     */
    double pointLoss(int i, double[] eta, double[] grad);

    /**
     * F(η) and ∇F(η) (including the weights ω_i) in one pass.
     * @param eta linear predictors
     * @param grad receives ∂F/∂η (same layout), or null
     * @return F(η)
     */
    default double evaluate(double[] eta, double[] grad) {
        int n = size();
        int k = outputs();
        double total = 0;
        for (int i = 0; i < n; i++) {
            double w = weight(i);
            total += w * pointLoss(i, eta, grad);
            if (grad != null) {
                for (int c = i * k; c < i * k + k; c++) {
                    grad[c] *= w;
                }
            }
        }
        return total;
    }

    /**
     * The weighted second derivatives ω_i·ℓ''(η_i) of a single-output loss, for Newton steps.
     * @param eta linear predictors
     * @param d output, length n
     * @return false if this loss does not provide them (multi-output losses)
     */
    default boolean weightedSecondDerivatives(double[] eta, double[] d) {
        return false;
    }

    /**
     * An upper bound on the second derivative of ℓ in η (1 for squared error, ¼ for the logistic loss),
     * used for safe coordinate steps and the zeroing test.
     * @return the bound
     */
    double curvatureBound();

    /**
     * The optimal intercepts of the model with no features (η_i = b for all i).
     * @return intercepts, length K
     */
    double[] nullIntercept();

    /**
     * The Fenchel dual of the data fit at a dual point θ (same layout as η), used for duality gaps:
     * D(θ) = −Σ_i ω_i ℓ*_i(−θ_i/ω_i). The primal-dual pair is θ = −∇F(η).
     * @param theta the dual point
     * @return the dual value, or NaN if this loss has no closed-form conjugate
     */
    double dual(double[] theta);

    /**
     * @return the deviance of the null model divided by 2, on the scale of F (for the path's early stop)
     */
    default double nullLoss() {
        double[] b = nullIntercept();
        int n = size();
        int k = outputs();
        double[] eta = new double[n * k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(b, 0, eta, i * k, k);
        }
        return evaluate(eta, null);
    }
}
