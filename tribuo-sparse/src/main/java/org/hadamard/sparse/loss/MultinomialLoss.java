package org.hadamard.sparse.loss;

/**
 * Multinomial (softmax) loss with K linear predictors per example: ℓ(c, η) = log Σ_k e^{η_k} − η_c,
 * weighted mean over examples. All K coefficient rows are penalized, as in glmnet's symmetric
 * multinomial parametrization.
 */
public final class MultinomialLoss implements Loss {

    private final int[] label;
    private final int classes;
    private final double[] omega;
    private final double[] prob;

    /**
     * @param label class index of each example, in [0, classes) (not copied)
     * @param classes K ≥ 2
     * @param omega normalized example weights, sum 1 (not copied)
     */
    public MultinomialLoss(int[] label, int classes, double[] omega) {
        if (label.length != omega.length) {
            throw new IllegalArgumentException("Got " + label.length + " labels and " + omega.length + " weights");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("A multinomial model needs at least 2 classes, got " + classes);
        }
        double[] mass = new double[classes];
        for (int i = 0; i < label.length; i++) {
            if (label[i] < 0 || label[i] >= classes) {
                throw new IllegalArgumentException("Example " + i + " has class index " + label[i] + ", expected 0.." + (classes - 1));
            }
            mass[label[i]] += omega[i];
        }
        int present = 0;
        for (double m : mass) {
            if (m > 0) {
                present++;
            }
        }
        if (present < 2) {
            throw new IllegalArgumentException("Only one class is present (with positive weight) in the training data; a classifier needs at least two");
        }
        this.label = label;
        this.classes = classes;
        this.omega = omega;
        this.prob = new double[classes];
    }

    @Override
    public int outputs() { return classes; }

    @Override
    public int size() { return label.length; }

    @Override
    public double weight(int i) { return omega[i]; }

    /**
     * Softmax of η_i into out, returning log Σ e^{η}.
     */
    private double softmax(double[] eta, int off, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < classes; k++) {
            max = Math.max(max, eta[off + k]);
        }
        double sum = 0;
        for (int k = 0; k < classes; k++) {
            double e = Math.exp(eta[off + k] - max);
            out[k] = e;
            sum += e;
        }
        for (int k = 0; k < classes; k++) {
            out[k] /= sum;
        }
        return max + Math.log(sum);
    }

    @Override
    public double pointLoss(int i, double[] eta, double[] grad) {
        int off = i * classes;
        double lse = softmax(eta, off, prob);
        if (grad != null) {
            for (int k = 0; k < classes; k++) {
                grad[off + k] = prob[k] - (k == label[i] ? 1 : 0);
            }
        }
        return lse - eta[off + label[i]];
    }

    @Override
    public double curvatureBound() { return 0.5; }

    @Override
    public double[] nullIntercept() {
        double[] mass = new double[classes];
        for (int i = 0; i < label.length; i++) {
            mass[label[i]] += omega[i];
        }
        // Absent classes get a finite, very negative intercept instead of −∞.
        double[] b = new double[classes];
        double mean = 0;
        for (int k = 0; k < classes; k++) {
            b[k] = Math.log(Math.max(mass[k], 1e-12));
            mean += b[k] / classes;
        }
        for (int k = 0; k < classes; k++) {
            b[k] -= mean;
        }
        return b;
    }

    @Override
    public double dual(double[] theta) {
        // ℓ*(s) = Σ_k (s_k + e_{c,k}) log(s_k + e_{c,k}) on the simplex; π_i = e_{c_i} − θ_i/ω_i.
        double d = 0;
        for (int i = 0; i < label.length; i++) {
            if (omega[i] == 0) {
                continue;
            }
            int off = i * classes;
            for (int k = 0; k < classes; k++) {
                double pi = (k == label[i] ? 1 : 0) - theta[off + k] / omega[i];
                if (pi < -1e-9 || pi > 1 + 1e-9) {
                    return Double.NaN;
                }
                d -= omega[i] * LogisticLoss.xlogx(Math.min(1, Math.max(0, pi)));
            }
        }
        return d;
    }
}
