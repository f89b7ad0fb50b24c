package org.hadamard.sparse.parametrization;

/**
 * The group Hadamard power β_g = u_g·φ(ν_g), φ(ν) = sign(ν)|ν|^{k−1}, k = 2/q, with surrogate penalty
 * (λ/k)(‖u_g‖² + (k−1)·a_g·ν_g²), a_g = c_g^{k/(k−1)}, which induces λ·Σ_g c_g‖β_g‖₂^q.
 * <p>
 * k = 2 (q = 1) is the group lasso: β_g = ν_g·u_g with (λ/2)(‖u_g‖² + c_g²ν_g²) gives λc_g‖β_g‖₂.
 * k &gt; 2 is the group-L_{2,q} penalty of a depth-k group factorization whose k−1 shared scalars are
 * tied into one (a Hadamard power), which allows any q ∈ (0, 1]. φ is C¹ for k ≥ 2.
 * <p>
 * Slots of a penalized group: its members' u entries in order, then ν. At stationary points
 * ‖u_g‖² = a_g·ν_g² (balanced).
 */
public class GroupHadamardParametrization extends BlockLayout {

    /** k = 2/q. */
    protected final double k;
    private final double q;
    /** a_g = c_g^{k/(k−1)} per block. */
    private final double[] a;

    /**
     * @param coefficients m
     * @param groups members of each block (every coefficient in exactly one block)
     * @param weights c_g ≥ 0 per block; 0 leaves the block unpenalized
     * @param q the exponent q ∈ (0, 1]
     */
    public GroupHadamardParametrization(int coefficients, int[][] groups, double[] weights, double q) {
        super(coefficients, groups, weights.clone(), 1, 1);
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("q must be in (0, 1], got " + q);
        }
        this.q = q;
        this.k = 2.0 / q;
        this.a = new double[weights.length];
        for (int b = 0; b < weights.length; b++) {
            a[b] = Math.pow(weights[b], k / (k - 1));
        }
    }

    /**
     * The usual group weights c_g = √|g|.
     * @param groups group members
     * @return √|g| per group
     */
    public static double[] sqrtSizeWeights(int[][] groups) {
        double[] c = new double[groups.length];
        for (int g = 0; g < groups.length; g++) {
            c[g] = Math.sqrt(groups[g].length);
        }
        return c;
    }

    @Override
    public double q() { return q; }

    private double phi(double nu) {
        return k == 2 ? nu : Math.copySign(Math.pow(Math.abs(nu), k - 1), nu);
    }

    @Override
    public void beta(double[] xi, int b, double[] beta) {
        if (weights[b] == 0) {
            freeBeta(xi, b, beta);
            return;
        }
        int off = offsets[b];
        int[] mem = members[b];
        double f = phi(xi[off + mem.length]);
        for (int t = 0; t < mem.length; t++) {
            beta[mem[t]] = xi[off + t] * f;
        }
    }

    @Override
    public double gradient(double[] xi, int b, double[] gBeta, double lambda, double[] gXi) {
        if (weights[b] == 0) {
            freeGradient(b, gBeta, gXi);
            return 0;
        }
        int off = offsets[b];
        int[] mem = members[b];
        int s = mem.length;
        double nu = xi[off + s];
        double f = phi(nu);
        double shrink = 2 * lambda / k;
        double ug = 0;
        double uu = 0;
        for (int t = 0; t < s; t++) {
            double u = xi[off + t];
            double g = gBeta[mem[t]];
            ug += u * g;
            uu += u * u;
            gXi[off + t] = f * g + shrink * u;
        }
        double dphi = k == 2 ? 1.0 : (k - 1) * Math.pow(Math.abs(nu), k - 2);
        gXi[off + s] = dphi * ug + shrink * (k - 1) * a[b] * nu;
        return (uu + (k - 1) * a[b] * nu * nu) / k;
    }

    @Override
    public void jacobian(double[] xi, int b, double[] jac) {
        int w = widths[b];
        int[] mem = members[b];
        int s = mem.length;
        java.util.Arrays.fill(jac, 0, s * w, 0.0);
        if (weights[b] == 0) {
            for (int t = 0; t < s; t++) {
                jac[t * w + t] = 1;
            }
            return;
        }
        int off = offsets[b];
        double nu = xi[off + s];
        double f = phi(nu);
        double dphi = k == 2 ? 1.0 : (k - 1) * Math.pow(Math.abs(nu), k - 2);
        for (int t = 0; t < s; t++) {
            jac[t * w + t] = f;
            jac[t * w + s] = xi[off + t] * dphi;
        }
    }

    @Override
    public void secondOrderTerm(double[] xi, int b, double[] gBeta, double lambda, double[] hess) {
        int w = widths[b];
        java.util.Arrays.fill(hess, 0, w * w, 0.0);
        if (weights[b] == 0) {
            return;
        }
        int off = offsets[b];
        int[] mem = members[b];
        int s = mem.length;
        double nu = xi[off + s];
        double dphi = k == 2 ? 1.0 : (k - 1) * Math.pow(Math.abs(nu), k - 2);
        double ddphi = k == 2 || nu == 0 ? 0.0 : (k - 1) * (k - 2) * Math.copySign(Math.pow(Math.abs(nu), k - 3), nu);
        double ridge = 2 * lambda / k;
        double gu = 0;
        for (int t = 0; t < s; t++) {
            double g = gBeta[mem[t]];
            gu += g * xi[off + t];
            hess[t * w + t] = ridge;
            hess[t * w + s] = g * dphi;
            hess[s * w + t] = g * dphi;
        }
        hess[s * w + s] = ddphi * gu + ridge * (k - 1) * a[b];
    }

    @Override
    public void diagonalCurvature(double[] xi, int b, double[] curvature, double lambda, double[] out) {
        if (weights[b] == 0) {
            freeCurvature(b, curvature, out);
            return;
        }
        int off = offsets[b];
        int[] mem = members[b];
        int s = mem.length;
        double nu = xi[off + s];
        double f = phi(nu);
        double dphi = k == 2 ? 1.0 : (k - 1) * Math.pow(Math.abs(nu), k - 2);
        double ridge = 2 * lambda / k;
        double uhu = 0;
        for (int t = 0; t < s; t++) {
            double u = xi[off + t];
            out[off + t] = f * f * curvature[mem[t]] + ridge;
            uhu += u * u * curvature[mem[t]];
        }
        out[off + s] = dphi * dphi * uhu + ridge * (k - 1) * a[b];
    }

    @Override
    public double surrogatePenalty(double[] xi, int b) {
        if (weights[b] == 0) {
            return 0;
        }
        int off = offsets[b];
        int s = members[b].length;
        double uu = 0;
        for (int t = 0; t < s; t++) {
            uu += xi[off + t] * xi[off + t];
        }
        double nu = xi[off + s];
        return (uu + (k - 1) * a[b] * nu * nu) / k;
    }

    @Override
    public void balanced(double[] beta, int b, double[] xi) {
        if (weights[b] == 0) {
            freeBalanced(beta, b, xi);
            return;
        }
        int off = offsets[b];
        int[] mem = members[b];
        double norm = norm(beta, mem);
        if (norm == 0) {
            for (int t = 0; t <= mem.length; t++) {
                xi[off + t] = 0;
            }
            return;
        }
        // t·s^{k−1} = ‖β_g‖ with t² = a·s²  ⇒  s = (‖β_g‖/√a)^{1/k}.
        double sNu = Math.pow(norm / Math.sqrt(a[b]), 1.0 / k);
        double f = Math.pow(sNu, k - 1);
        for (int t = 0; t < mem.length; t++) {
            xi[off + t] = beta[mem[t]] / f;
        }
        xi[off + mem.length] = sNu;
    }

    @Override
    public double basePenalty(double[] beta, int b) {
        if (weights[b] == 0) {
            return 0;
        }
        double norm = norm(beta, members[b]);
        if (norm == 0) {
            return 0;
        }
        return weights[b] * (q == 1 ? norm : Math.pow(norm, q));
    }

    @Override
    public double kktViolation(double[] beta, double[] gBeta, int b, double lambda) {
        if (weights[b] == 0) {
            return freeViolation(gBeta, b);
        }
        int[] mem = members[b];
        double norm = norm(beta, mem);
        if (norm == 0) {
            return q == 1 ? Math.max(0, norm(gBeta, mem) - lambda * weights[b]) : 0;
        }
        // ∇(c‖β‖^q) = c·q·‖β‖^{q−2}·β
        double scale = lambda * weights[b] * q * Math.pow(norm, q - 2);
        double v = 0;
        for (int j : mem) {
            double r = gBeta[j] + scale * beta[j];
            v += r * r;
        }
        return Math.sqrt(v);
    }

    @Override
    public String describe() {
        return "GroupHadamard(q=" + q + ",groups=" + members.length + ")";
    }

    /**
     * @param x a vector
     * @param idx indices
     * @return ‖x_idx‖₂
     */
    static double norm(double[] x, int[] idx) {
        double s = 0;
        for (int j : idx) {
            s += x[j] * x[j];
        }
        return Math.sqrt(s);
    }
}
