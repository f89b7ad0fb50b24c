package org.hadamard.sparse.loss;

/**
 * Squared error ½(y − η)², weighted mean over examples: F(η) = Σ_i ω_i ½(y_i − η_i)².
 */
public final class SquaredLoss implements Loss {

    private final double[] y;
    private final double[] omega;

    /**
     * @param y responses (not copied)
     * @param omega normalized example weights, sum 1 (not copied)
     */
    public SquaredLoss(double[] y, double[] omega) {
        if (y.length != omega.length) {
            throw new IllegalArgumentException("Got " + y.length + " responses and " + omega.length + " weights");
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

    @Override
    public double pointLoss(int i, double[] eta, double[] grad) {
        double r = eta[i] - y[i];
        if (grad != null) {
            grad[i] = r;
        }
        return 0.5 * r * r;
    }

    @Override
    public double evaluate(double[] eta, double[] grad) {
        double total = 0;
        for (int i = 0; i < y.length; i++) {
            double r = eta[i] - y[i];
            total += omega[i] * r * r;
            if (grad != null) {
                grad[i] = omega[i] * r;
            }
        }
        return 0.5 * total;
    }

    @Override
    public double curvatureBound() { return 1.0; }

    @Override
    public boolean weightedSecondDerivatives(double[] eta, double[] d) {
        System.arraycopy(omega, 0, d, 0, omega.length);
        return true;
    }

    @Override
    public double[] nullIntercept() {
        double m = 0;
        for (int i = 0; i < y.length; i++) {
            m += omega[i] * y[i];
        }
        return new double[]{m};
    }

    @Override
    public double dual(double[] theta) {
        // ℓ*(s) for ℓ(η) = ½(y−η)² is s·y + s²/2, so D(θ) = Σ θ_i y_i − θ_i²/(2ω_i).
        double d = 0;
        for (int i = 0; i < y.length; i++) {
            if (omega[i] > 0) {
                d += theta[i] * y[i] - theta[i] * theta[i] / (2 * omega[i]);
            }
        }
        return d;
    }
}
