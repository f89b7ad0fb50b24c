package org.hadamard.sparse.parametrization;

/**
 * The element-wise Hadamard power β = u⊙|v|^{k−1} (with v's sign carried through φ(v) = sign(v)|v|^{k−1}),
 * k = 2/q, and surrogate penalty (λ/k)·Σ_j (u_j² + (k−1)·w_j^{k/(k−1)}·v_j²), which induces
 * λ·Σ_j w_j|β_j|^q for any q ∈ (0, 1] — a depth that need not be an integer, with two factors per
 * coefficient whatever the depth. It is the group Hadamard power with singleton groups.
 */
public final class HadamardPowerParametrization extends GroupHadamardParametrization {

    /**
     * @param q the exponent q ∈ (0, 1]
     * @param penaltyFactors per-coefficient weights w_j ≥ 0 (0: unpenalized)
     */
    public HadamardPowerParametrization(double q, double[] penaltyFactors) {
        super(penaltyFactors.length, singletons(penaltyFactors.length), penaltyFactors, q);
    }

    @Override
    public String describe() {
        return "HadamardPower(q=" + q() + ")";
    }
}
