package org.hadamard.sparse.solver;

import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.problem.Design;

import java.io.Serializable;

/**
 * An immutable fit at one λ: coefficients and intercepts on the raw feature scale (what models
 * predict with), the same on the internal standardized scale (what warm starts and certificates use),
 * and the certificate.
 * <p>
 * Coefficients are output-major: coefficient c = k·p + j is feature j of output k.
 */
public final class Fit implements Serializable {

    private static final long serialVersionUID = 1L;

    private final double lambda;
    private final int features;
    private final double[] internalBeta;
    private final double[] internalIntercept;
    private final double[] beta;
    private final double[] intercept;
    private final Certificate certificate;
    private final double seconds;

    /**
     * Builds a fit, converting internal coefficients to the raw scale: β_j = β̃_j/s_j and
     * b = b̃ − Σ_j m_j β_j.
     * @param lambda λ
     * @param design the design that defines the standardization
     * @param internalBeta coefficients on the internal scale (copied)
     * @param internalIntercept intercepts on the internal scale (copied)
     * @param certificate the certificate
     * @param seconds the wall-clock fit time
     */
    public Fit(double lambda, Design design, double[] internalBeta, double[] internalIntercept, Certificate certificate, double seconds) {
        this.lambda = lambda;
        this.features = design.cols();
        this.internalBeta = internalBeta.clone();
        this.internalIntercept = internalIntercept.clone();
        this.certificate = certificate;
        this.seconds = seconds;
        int outputs = internalIntercept.length;
        double[] centers = design.centers();
        this.beta = new double[internalBeta.length];
        this.intercept = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            double b = internalIntercept[k];
            for (int j = 0; j < features; j++) {
                int c = k * features + j;
                double raw = internalBeta[c] * design.inverseScale(j);
                beta[c] = raw;
                b -= centers[j] * raw;
            }
            intercept[k] = b;
        }
    }

    /** @return λ */
    public double lambda() { return lambda; }

    /** @return p */
    public int features() { return features; }

    /** @return K */
    public int outputs() { return intercept.length; }

    /** @return raw-scale coefficients (a copy) */
    public double[] beta() { return beta.clone(); }

    /** @return raw-scale intercepts (a copy) */
    public double[] intercept() { return intercept.clone(); }

    /**
     * @param k output
     * @param j feature
     * @return the raw-scale coefficient
     */
    public double coefficient(int k, int j) { return beta[k * features + j]; }

    /** @return internal-scale coefficients (a copy), for warm starts */
    public double[] internalBeta() { return internalBeta.clone(); }

    /** @return internal-scale intercepts (a copy), for warm starts */
    public double[] internalIntercept() { return internalIntercept.clone(); }

    /** @return the certificate */
    public Certificate certificate() { return certificate; }

    /** @return the fit time in seconds */
    public double seconds() { return seconds; }

    /** @return the number of non-zero coefficients */
    public int nonzero() {
        int c = 0;
        for (double b : beta) {
            if (b != 0) {
                c++;
            }
        }
        return c;
    }

    /**
     * @param newCertificate a replacement certificate
     * @param newSeconds a replacement time
     * @param design the design of the original fit
     * @return a copy with these
     */
    Fit with(Certificate newCertificate, double newSeconds, Design design) {
        return new Fit(lambda, design, internalBeta, internalIntercept, newCertificate, newSeconds);
    }
}
