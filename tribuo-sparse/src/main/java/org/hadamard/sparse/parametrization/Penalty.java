package org.hadamard.sparse.parametrization;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A penalty as a user states it — lasso, group lasso, Lq or group Lq, with penalty factors and group
 * weights — and the Hadamard parametrization that induces it.
 * <p>
 * Conventions (glmnet's where glmnet has one): penalty factors multiply λ per feature and are not
 * rescaled; a factor of 0 leaves a feature unpenalized and not overparametrized. Group weights
 * default to √|g|. Features not named in any group form singleton groups. With K &gt; 1 outputs each
 * output's coefficients are penalized alike (element-wise: every (k, j); grouped: group g of output k),
 * unless {@link #groupedAcrossOutputs} makes each feature's K coefficients one group (glmnet's
 * {@code type.multinomial = "grouped"}).
 */
public final class Penalty implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The kinds of penalty. */
    public enum Kind {
        /** λ·Σ w_j|β_j|. */
        LASSO,
        /** λ·Σ w_j|β_j|^q, 0 &lt; q ≤ 1. */
        LQ,
        /** λ·Σ_g c_g‖β_g‖₂^q (q = 1: group lasso). */
        GROUP
    }

    private final Kind kind;
    private final double q;
    private final int depth;
    private final int[] groupOf;
    private final double[] groupWeights;
    private final double[] penaltyFactors;
    private final boolean groupedAcrossOutputs;

    private Penalty(Kind kind, double q, int depth, int[] groupOf, double[] groupWeights, double[] penaltyFactors, boolean groupedAcrossOutputs) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1], got " + q);
        }
        if (penaltyFactors != null) {
            for (int j = 0; j < penaltyFactors.length; j++) {
                if (!(penaltyFactors[j] >= 0) || Double.isInfinite(penaltyFactors[j])) {
                    throw new IllegalArgumentException("Penalty factor of feature " + j + " must be finite and >= 0, got " + penaltyFactors[j]);
                }
            }
        }
        this.kind = kind;
        this.q = q;
        this.depth = depth;
        this.groupOf = groupOf == null ? null : groupOf.clone();
        this.groupWeights = groupWeights == null ? null : groupWeights.clone();
        this.penaltyFactors = penaltyFactors == null ? null : penaltyFactors.clone();
        this.groupedAcrossOutputs = groupedAcrossOutputs;
    }

    /**
     * The lasso, λ‖β‖₁, as the depth-2 Hadamard product u⊙v.
     * @return the penalty
     */
    public static Penalty lasso() {
        return new Penalty(Kind.LASSO, 1.0, 2, null, null, null, false);
    }

    /**
     * λ·Σ|β_j|^q through the Hadamard power u⊙|v|^{k−1}, k = 2/q (two factors whatever q).
     * @param q in (0, 1]
     * @return the penalty
     */
    public static Penalty lq(double q) {
        return new Penalty(q == 1.0 ? Kind.LASSO : Kind.LQ, q, 0, null, null, null, false);
    }

    /**
     * λ·Σ|β_j|^{2/k} through the depth-k Hadamard product u₁⊙…⊙u_k.
     * @param depth k ≥ 2
     * @return the penalty
     */
    public static Penalty depth(int depth) {
        if (depth < 2) {
            throw new IllegalArgumentException("depth must be >= 2, got " + depth);
        }
        return new Penalty(depth == 2 ? Kind.LASSO : Kind.LQ, 2.0 / depth, depth, null, null, null, false);
    }

    /**
     * The group penalty λ·Σ_g c_g‖β_g‖₂^q.
     * @param groupOf per feature, its group index (≥ 0), or −1 for a singleton group
     * @param groupWeights c_g per group index, or null for √|g|
     * @param q in (0, 1]; 1 is the group lasso
     * @return the penalty
     */
    public static Penalty group(int[] groupOf, double[] groupWeights, double q) {
        if (groupOf == null) {
            throw new IllegalArgumentException("group penalty needs a group for each feature");
        }
        return new Penalty(Kind.GROUP, q, 0, groupOf, groupWeights, null, false);
    }

    /**
     * @param factors per-feature penalty factors (0: unpenalized)
     * @return a copy with these factors
     */
    public Penalty withPenaltyFactors(double[] factors) {
        return new Penalty(kind, q, depth, groupOf, groupWeights, factors, groupedAcrossOutputs);
    }

    /**
     * @param grouped whether each feature's coefficients across outputs form one group
     * @return a copy with this setting
     */
    public Penalty withGroupedAcrossOutputs(boolean grouped) {
        return new Penalty(grouped ? Kind.GROUP : kind, q, depth, groupOf, groupWeights, penaltyFactors, grouped);
    }

    /** @return the kind */
    public Kind kind() { return kind; }

    /** @return q */
    public double q() { return q; }

    /** @return whether the penalty is convex (q = 1) */
    public boolean convex() { return q == 1.0; }

    /** @return the convex member of the same family (q = 1, same groups and factors), the non-convex start */
    public Penalty convexRelaxation() {
        Kind k = kind == Kind.LQ ? Kind.LASSO : kind;
        return new Penalty(k, 1.0, kind == Kind.LQ ? 2 : depth, groupOf, groupWeights, penaltyFactors, groupedAcrossOutputs);
    }

    /**
     * Builds the parametrization for p features and K outputs (coefficient c = k·p + j).
     * @param features p
     * @param outputs K
     * @return the parametrization
     */
    public Parametrization parametrization(int features, int outputs) {
        if (penaltyFactors != null && penaltyFactors.length != features) {
            throw new IllegalArgumentException("Got " + penaltyFactors.length + " penalty factors for " + features + " features");
        }
        int m = features * outputs;
        double[] pf = new double[m];
        for (int k = 0; k < outputs; k++) {
            for (int j = 0; j < features; j++) {
                pf[k * features + j] = penaltyFactors == null ? 1.0 : penaltyFactors[j];
            }
        }
        if (kind != Kind.GROUP) {
            if (depth >= 2) {
                return new HadamardProductParametrization(depth, pf);
            }
            return q == 1.0 ? new HadamardProductParametrization(2, pf) : new HadamardPowerParametrization(q, pf);
        }
        return groupParametrization(features, outputs, pf);
    }

    private Parametrization groupParametrization(int p, int outputs, double[] pf) {
        if (groupOf != null && groupOf.length != p) {
            throw new IllegalArgumentException("Got groups for " + groupOf.length + " features, expected " + p);
        }
        int ngroups = 0;
        if (groupOf != null) {
            for (int g : groupOf) {
                if (g < -1) {
                    throw new IllegalArgumentException("Group index must be >= -1, got " + g);
                }
                ngroups = Math.max(ngroups, g + 1);
            }
        }
        if (groupWeights != null && groupWeights.length < ngroups) {
            throw new IllegalArgumentException("Got " + groupWeights.length + " group weights for " + ngroups + " groups");
        }
        java.util.List<int[]> blocks = new java.util.ArrayList<>();
        java.util.List<Double> weights = new java.util.ArrayList<>();
        if (groupedAcrossOutputs) {
            for (int j = 0; j < p; j++) {
                int[] mem = new int[outputs];
                for (int k = 0; k < outputs; k++) {
                    mem[k] = k * p + j;
                }
                addBlock(blocks, weights, mem, pf[j] * Math.sqrt(outputs), pf[j] == 0);
            }
        } else {
            for (int k = 0; k < outputs; k++) {
                java.util.List<java.util.List<Integer>> members = new java.util.ArrayList<>();
                for (int g = 0; g < ngroups; g++) {
                    members.add(new java.util.ArrayList<>());
                }
                for (int j = 0; j < p; j++) {
                    int c = k * p + j;
                    int g = groupOf == null ? -1 : groupOf[j];
                    if (pf[c] == 0) {
                        addBlock(blocks, weights, new int[]{c}, 0, true);
                    } else if (g < 0) {
                        addBlock(blocks, weights, new int[]{c}, pf[c], false);
                    } else {
                        members.get(g).add(c);
                    }
                }
                for (int g = 0; g < ngroups; g++) {
                    java.util.List<Integer> mem = members.get(g);
                    if (mem.isEmpty()) {
                        continue;
                    }
                    double w = groupWeights != null ? groupWeights[g] : Math.sqrt(mem.size());
                    addBlock(blocks, weights, mem.stream().mapToInt(Integer::intValue).toArray(), w, false);
                }
            }
        }
        int[][] mem = blocks.toArray(new int[0][]);
        double[] w = weights.stream().mapToDouble(Double::doubleValue).toArray();
        return new GroupHadamardParametrization(m(p, outputs), mem, w, q);
    }

    private static int m(int p, int outputs) { return p * outputs; }

    private static void addBlock(java.util.List<int[]> blocks, java.util.List<Double> weights, int[] mem, double w, boolean free) {
        if (free) {
            for (int c : mem) {
                blocks.add(new int[]{c});
                weights.add(0.0);
            }
        } else {
            blocks.add(mem);
            weights.add(w);
        }
    }

    @Override
    public String toString() {
        return "Penalty(" + kind + ",q=" + q + (depth > 0 ? ",depth=" + depth : "")
                + (groupOf != null ? ",groups=" + Arrays.toString(groupOf) : "")
                + (penaltyFactors != null ? ",penaltyFactors=" + Arrays.toString(penaltyFactors) : "") + ")";
    }
}
