package org.hadamard.sparse.path;

/**
 * glmnet's default λ grid: {@code count} values log-spaced from λ_max down to ratio·λ_max, with
 * ratio = 1e-4 when n &gt; p and 1e-2 otherwise.
 */
public final class LambdaGrid {

    private LambdaGrid() {}

    /**
     * @param n examples
     * @param p features
     * @return glmnet's default {@code lambda.min.ratio}
     */
    public static double defaultMinRatio(int n, int p) {
        return n > p ? 1e-4 : 1e-2;
    }

    /**
     * @param lambdaMax the largest λ
     * @param count number of values (≥ 1)
     * @param minRatio the ratio of the smallest to the largest, in (0, 1)
     * @return decreasing λ values
     */
    public static double[] logSpaced(double lambdaMax, int count, double minRatio) {
        if (count < 1) {
            throw new IllegalArgumentException("A λ grid needs at least one value, got " + count);
        }
        if (!(minRatio > 0 && minRatio < 1)) {
            throw new IllegalArgumentException("lambda-min-ratio must be in (0, 1), got " + minRatio);
        }
        if (!(lambdaMax >= 0) || Double.isInfinite(lambdaMax)) {
            throw new IllegalArgumentException("lambda_max must be finite and >= 0, got " + lambdaMax);
        }
        double[] l = new double[count];
        for (int i = 0; i < count; i++) {
            double t = count == 1 ? 0 : (double) i / (count - 1);
            l[i] = lambdaMax * Math.exp(t * Math.log(minRatio));
        }
        return l;
    }

    /**
     * Validates and sorts a user-supplied list into decreasing order.
     * @param lambdas the values
     * @return a sorted copy
     */
    public static double[] userList(double[] lambdas) {
        if (lambdas == null || lambdas.length == 0) {
            throw new IllegalArgumentException("The λ list is empty");
        }
        double[] l = lambdas.clone();
        for (double v : l) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("lambda must be finite and >= 0, got " + v);
            }
        }
        java.util.Arrays.sort(l);
        for (int i = 0; i < l.length / 2; i++) {
            double t = l[i];
            l[i] = l[l.length - 1 - i];
            l[l.length - 1 - i] = t;
        }
        return l;
    }
}
