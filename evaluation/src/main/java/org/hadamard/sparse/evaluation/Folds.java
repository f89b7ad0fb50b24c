package org.hadamard.sparse.evaluation;

import java.util.SplittableRandom;

/**
 * Reproducible k-fold assignments: a seeded Fisher–Yates shuffle of the examples, then example at
 * shuffled position t goes to fold t mod k (fold sizes differ by at most one).
 */
public final class Folds {

    private Folds() {}

    /**
     * @param n examples
     * @param k folds, 2 ≤ k ≤ n
     * @param seed the seed
     * @return each example's fold in [0, k)
     */
    public static int[] assign(int n, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("need 2 <= folds <= examples, got " + k + " folds for " + n + " examples");
        }
        int[] perm = permutation(n, new SplittableRandom(seed));
        int[] fold = new int[n];
        for (int t = 0; t < n; t++) {
            fold[perm[t]] = t % k;
        }
        return fold;
    }

    /**
     * @param fold the assignment
     * @param f a fold
     * @param inFold true: the rows of fold f; false: all other rows
     * @return the row indices, increasing
     */
    public static int[] rows(int[] fold, int f, boolean inFold) {
        int count = 0;
        for (int v : fold) {
            if ((v == f) == inFold) {
                count++;
            }
        }
        int[] r = new int[count];
        for (int i = 0, t = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inFold) {
                r[t++] = i;
            }
        }
        return r;
    }

    /**
     * A uniformly random permutation of 0, …, n − 1 (Fisher–Yates, from the last position down).
     * @param n its length
     * @param rng the source of randomness (advanced)
     * @return the permutation
     */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
