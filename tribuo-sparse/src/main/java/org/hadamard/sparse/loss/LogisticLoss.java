package org.hadamard.sparse.loss;

/**
 * Binary logistic loss with labels y ∈ {0, 1} and one linear predictor: ℓ(y, η) = log(1 + e^η) − y·η,
 * weighted mean over examples (glmnet's binomial family: −(1/n)Σ wᵢ log p(yᵢ|xᵢ)).
 */
public final class LogisticLoss implements Loss {

    private final double[] y;
    private final double[] omega;

    /**
     * @param y labels, each 0 or 1 (not copied)
     * @param omega normalized example weights, sum 1 (not copied)
     */
    public LogisticLoss(double[] y, double[] omega) {
        if (y.length != omega.length) {
            throw new IllegalArgumentException("Got " + y.length + " labels and " + omega.length + " weights");
        }
        double positive = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] != 0 && y[i] != 1) {
                throw new IllegalArgumentException("Example " + i + " has label " + y[i] + "; binary labels must be 0 or 1");
            }
            positive += omega[i] * y[i];
        }
        if (!(positive > 0 && positive < 1)) {
            throw new IllegalArgumentException("Only one class is present (with positive weight) in the training data; a classifier needs both");
        }
        this.y = y;
        this.omega = omega;
    }

    @Override
    public int outputs() { return 1; }

    @Override
    public int size() { return y.length; }

    @Override
    public double weight(int i) { return omega[i]; }

    /**
     * log(1 + e^η) without overflow.
     * @param eta η
     * @return softplus(η)
     */
    static double softplus(double eta) {
        return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
    }

    /**
     * @param eta η
     * @return the logistic sigmoid 1/(1 + e^−η), computed stably
     */
    public static double sigmoid(double eta) {
        if (eta >= 0) {
            return 1.0 / (1.0 + Math.exp(-eta));
        }
        double e = Math.exp(eta);
        return e / (1.0 + e);
    }

    @Override
    public double pointLoss(int i, double[] eta, double[] grad) {
        double e = eta[i];
        if (grad != null) {
            grad[i] = sigmoid(e) - y[i];
        }
        return softplus(e) - y[i] * e;
    }

    @Override
    public double evaluate(double[] eta, double[] grad) {
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double e = eta[i];
            total += omega[i] * (softplus(e) - y[i] * e);
            if (grad != null) {
                grad[i] = omega[i] * (sigmoid(e) - y[i]);
            }
        }
        return total;
    }

    @Override
    public double curvatureBound() { return 0.25; }

    @Override
    public boolean weightedSecondDerivatives(double[] eta, double[] d) {
        for (int i = 0; i < y.length; i++) {
            double s = sigmoid(eta[i]);
            d[i] = omega[i] * s * (1 - s);
        }
        return true;
    }

    @Override
    public double[] nullIntercept() {
        double m = 0;
        for (int i = 0; i < y.length; i++) {
            m += omega[i] * y[i];
        }
        return new double[]{Math.log(m / (1 - m))};
    }

    @Override
    public double dual(double[] theta) {
        // ℓ*(s) = (s + y)log(s + y) + (1 − s − y)log(1 − s − y) on s + y ∈ [0, 1]; the dual point maps to
        // the probabilities π_i = y_i − θ_i/ω_i.
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            if (omega[i] == 0) {
                continue;
            }
            double pi = y[i] - theta[i] / omega[i];
            if (pi < -1e-9 || pi > 1 + 1e-9) {
                return Double.NaN;
            }
            pi = Math.min(1, Math.max(0, pi));
            d -= omega[i] * (xlogx(pi) + xlogx(1 - pi));
        }
        return d;
    }

    static double xlogx(double x) {
        return x <= 0 ? 0 : x * Math.log(x);
    }
}
