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

    /**
     * Four {@link #dot} products of rows of a against the same b, interleaved (each with exactly the
     * summation order of {@link #dot}, so the results are bit-identical): four independent streams keep
     * several cache-line fetches in flight when the rows are not adjacent in memory.
     * @param a the matrix (row-major)
     * @param o0 offset of the first row
     * @param o1 offset of the second row
     * @param o2 offset of the third row
     * @param o3 offset of the fourth row
     * @param b the vector
     * @param bOff offset into b
     * @param len number of terms
     * @param out receives the four products at out[at], …, out[at + 3]
     * @param at where to write
     */
    public static void dot4(double[] a, int o0, int o1, int o2, int o3, double[] b, int bOff, int len, double[] out, int at) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        double b0 = 0, b1 = 0, b2 = 0, b3 = 0;
        double c0 = 0, c1 = 0, c2 = 0, c3 = 0;
        double d0 = 0, d1 = 0, d2 = 0, d3 = 0;
        int k = 0;
        for (; k + 3 < len; k += 4) {
            double u0 = b[bOff + k];
            double u1 = b[bOff + k + 1];
            double u2 = b[bOff + k + 2];
            double u3 = b[bOff + k + 3];
            a0 += a[o0 + k] * u0;
            a1 += a[o0 + k + 1] * u1;
            a2 += a[o0 + k + 2] * u2;
            a3 += a[o0 + k + 3] * u3;
            b0 += a[o1 + k] * u0;
            b1 += a[o1 + k + 1] * u1;
            b2 += a[o1 + k + 2] * u2;
            b3 += a[o1 + k + 3] * u3;
            c0 += a[o2 + k] * u0;
            c1 += a[o2 + k + 1] * u1;
            c2 += a[o2 + k + 2] * u2;
            c3 += a[o2 + k + 3] * u3;
            d0 += a[o3 + k] * u0;
            d1 += a[o3 + k + 1] * u1;
            d2 += a[o3 + k + 2] * u2;
            d3 += a[o3 + k + 3] * u3;
        }
        for (; k < len; k++) {
            double u = b[bOff + k];
            a0 += a[o0 + k] * u;
            b0 += a[o1 + k] * u;
            c0 += a[o2 + k] * u;
            d0 += a[o3 + k] * u;
        }
        out[at] = (a0 + a1) + (a2 + a3);
        out[at + 1] = (b0 + b1) + (b2 + b3);
        out[at + 2] = (c0 + c1) + (c2 + c3);
        out[at + 3] = (d0 + d1) + (d2 + d3);
    }
}
