package org.hadamard.sparse.parametrization;

/**
 * The block bookkeeping shared by the parametrizations: members, weights, slot offsets and widths.
 * Unpenalized blocks get one slot per member (the coefficient itself).
 */
abstract class BlockLayout implements Parametrization {

    /** Number of coefficients. */
    protected final int m;
    /** Members of each block. */
    protected final int[][] members;
    /** Penalty weight of each block. */
    protected final double[] weights;
    /** First slot of each block. */
    protected final int[] offsets;
    /** Slot count of each block. */
    protected final int[] widths;
    private final int size;

    /**
     * @param m number of coefficients
     * @param members block members (each coefficient in exactly one block)
     * @param weights block penalty weights (≥ 0)
     * @param slotsPerMember slots a penalized block uses per member
     * @param extraSlots slots a penalized block uses beyond those (shared factors)
     */
    BlockLayout(int m, int[][] members, double[] weights, int slotsPerMember, int extraSlots) {
        if (members.length != weights.length) {
            throw new IllegalArgumentException("Got " + members.length + " blocks and " + weights.length + " weights");
        }
        this.m = m;
        this.members = members;
        this.weights = weights;
        this.offsets = new int[members.length];
        this.widths = new int[members.length];
        boolean[] seen = new boolean[m];
        int off = 0;
        for (int b = 0; b < members.length; b++) {
            double w = weights[b];
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("Penalty weight of block " + b + " must be finite and >= 0, got " + w);
            }
            for (int j : members[b]) {
                if (j < 0 || j >= m || seen[j]) {
                    throw new IllegalArgumentException("Coefficient " + j + " is out of range or in two blocks");
                }
                seen[j] = true;
            }
            offsets[b] = off;
            widths[b] = w > 0 ? slotsPerMember * members[b].length + extraSlots : members[b].length;
            off += widths[b];
        }
        for (int j = 0; j < m; j++) {
            if (!seen[j]) {
                throw new IllegalArgumentException("Coefficient " + j + " is in no block");
            }
        }
        this.size = off;
    }

    @Override public int coefficients() { return m; }
    @Override public int blocks() { return members.length; }
    @Override public int size() { return size; }
    @Override public int offset(int b) { return offsets[b]; }
    @Override public int width(int b) { return widths[b]; }
    @Override public int[] members(int b) { return members[b]; }
    @Override public double weight(int b) { return weights[b]; }

    /** Copies coefficients of an unpenalized block into its slots. */
    final void freeBalanced(double[] beta, int b, double[] xi) {
        int off = offsets[b];
        int[] mem = members[b];
        for (int t = 0; t < mem.length; t++) {
            xi[off + t] = beta[mem[t]];
        }
    }

    /** Copies the slots of an unpenalized block into the coefficients. */
    final void freeBeta(double[] xi, int b, double[] beta) {
        int off = offsets[b];
        int[] mem = members[b];
        for (int t = 0; t < mem.length; t++) {
            beta[mem[t]] = xi[off + t];
        }
    }

    /** The gradient of an unpenalized block is the loss gradient itself. */
    final void freeGradient(int b, double[] gBeta, double[] gXi) {
        int off = offsets[b];
        int[] mem = members[b];
        for (int t = 0; t < mem.length; t++) {
            gXi[off + t] = gBeta[mem[t]];
        }
    }

    /** An unpenalized block's curvature is the loss curvature itself. */
    final void freeCurvature(int b, double[] curvature, double[] out) {
        int off = offsets[b];
        int[] mem = members[b];
        for (int t = 0; t < mem.length; t++) {
            out[off + t] = curvature[mem[t]];
        }
    }

    /** Max |g_j| over an unpenalized block: its stationarity violation. */
    final double freeViolation(double[] gBeta, int b) {
        double v = 0;
        for (int j : members[b]) {
            v = Math.max(v, Math.abs(gBeta[j]));
        }
        return v;
    }

    /**
     * One singleton block per coefficient.
     * @param m coefficients
     * @return the members array
     */
    static int[][] singletons(int m) {
        int[][] mem = new int[m][];
        for (int j = 0; j < m; j++) {
            mem[j] = new int[]{j};
        }
        return mem;
    }
}
