package org.hadamard.sparse.problem;

/**
 * The engine's one dot-product kernel for dense row-major data.
 * <p>
 * Java keeps floating-point sums in source order, so a loop with one accumulator serializes every
 * multiply-add on the add latency; four independent accumulators let them overlap (about 4× faster
 * on data in cache). The summation order differs from a plain loop only in rounding.
 */
public final class DenseKernels {

    private DenseKernels() {
    }

    /**
     * Σ_{k&lt;len} a[aOff+k]·b[bOff+k].
     * @param a first array
     * @param aOff offset into a
     * @param b second array (may be a)
     * @param bOff offset into b
     * @param len number of terms
     * @return the dot product
     */
    public static double dot(double[] a, int aOff, double[] b, int bOff, int len) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            s0 += a[aOff + k] * b[bOff + k];
            s1 += a[aOff + k + 1] * b[bOff + k + 1];
            s2 += a[aOff + k + 2] * b[bOff + k + 2];
            s3 += a[aOff + k + 3] * b[bOff + k + 3];
        }
        for (; k < len; k++) {
            s0 += a[aOff + k] * b[bOff + k];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
