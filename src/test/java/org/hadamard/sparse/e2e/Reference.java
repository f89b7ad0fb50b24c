package org.hadamard.sparse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The README's objective written out from raw data, independently of the engine and the CLI's
 * reader: (1/n)·Σ ½(y − b₀ − xᵀβ)² + λ·pen(s ⊙ β), with s the population standard deviations of
 * the columns when standardizing and 1 otherwise.
 */
final class Reference {

    final String[] names;
    final double[][] x;
    final double[] y;

    private Reference(String[] names, double[][] x, double[] y) {
        this.names = names;
        this.x = x;
        this.y = y;
    }

    /** Reads a plain numeric CSV whose last column is the target. */
    static Reference load(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv).stream().filter(l -> !l.isBlank()).toList();
            String[] header = lines.get(0).split(",");
            int p = header.length - 1;
            double[][] x = new double[lines.size() - 1][p];
            double[] y = new double[lines.size() - 1];
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",");
                for (int j = 0; j < p; j++) {
                    x[i - 1][j] = Double.parseDouble(c[j]);
                }
                y[i - 1] = Double.parseDouble(c[p]);
            }
            return new Reference(java.util.Arrays.copyOf(header, p), x, y);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int n() { return y.length; }

    int p() { return names.length; }

    /** Coefficients from a fit's JSON "coefficients" object (absent names are zero). */
    double[] beta(Map<String, Object> fit) {
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) fit.get("coefficients");
        double[] b = new double[p()];
        for (Map.Entry<String, Object> e : c.entrySet()) {
            int j = List.of(names).indexOf(e.getKey());
            if (j < 0) {
                throw new AssertionError("unknown coefficient name " + e.getKey());
            }
            b[j] = (Double) e.getValue();
        }
        return b;
    }

    /** Column scales: population standard deviations, or ones. */
    double[] scales(boolean standardize) {
        double[] s = new double[p()];
        for (int j = 0; j < p(); j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j] / n();
            }
            double v = 0;
            for (double[] row : x) {
                v += (row[j] - m) * (row[j] - m) / n();
            }
            s[j] = standardize ? Math.sqrt(v) : 1.0;
        }
        return s;
    }

    /** Residuals y − b₀ − Xβ. */
    double[] residuals(double b0, double[] beta) {
        double[] r = new double[n()];
        for (int i = 0; i < n(); i++) {
            double s = b0;
            for (int j = 0; j < p(); j++) {
                s += x[i][j] * beta[j];
            }
            r[i] = y[i] - s;
        }
        return r;
    }

    /** (1/n)·Σ ½ r². */
    double loss(double b0, double[] beta) {
        double sum = 0;
        for (double v : residuals(b0, beta)) {
            sum += 0.5 * v * v;
        }
        return sum / n();
    }

    /** ∂loss/∂β_j on the raw scale: −(1/n)·Σ x_ij r_i. */
    double[] gradient(double b0, double[] beta) {
        double[] r = residuals(b0, beta);
        double[] g = new double[p()];
        for (int i = 0; i < n(); i++) {
            for (int j = 0; j < p(); j++) {
                g[j] -= x[i][j] * r[i] / n();
            }
        }
        return g;
    }

    /** The lasso or Lq objective: loss + λ·Σ|s_j β_j|^q. */
    double lqObjective(double b0, double[] beta, double lambda, double q, boolean standardize) {
        double[] s = scales(standardize);
        double pen = 0;
        for (int j = 0; j < p(); j++) {
            pen += Math.pow(Math.abs(s[j] * beta[j]), q);
        }
        return loss(b0, beta) + lambda * pen;
    }

    /** The group lasso objective: loss + λ·Σ_g √|g|·‖s_g ⊙ β_g‖₂ (group −1: singletons). */
    double groupObjective(double b0, double[] beta, double lambda, int[] groupOf, boolean standardize) {
        double[] s = scales(standardize);
        int groups = 0;
        for (int g : groupOf) {
            groups = Math.max(groups, g + 1);
        }
        double[] sq = new double[groups];
        int[] size = new int[groups];
        double pen = 0;
        for (int j = 0; j < p(); j++) {
            double v = s[j] * beta[j];
            if (groupOf[j] < 0) {
                pen += Math.abs(v);
            } else {
                sq[groupOf[j]] += v * v;
                size[groupOf[j]]++;
            }
        }
        for (int g = 0; g < groups; g++) {
            pen += Math.sqrt(size[g]) * Math.sqrt(sq[g]);
        }
        return loss(b0, beta) + lambda * pen;
    }

    /** λ_max of the lasso: max_j |(1/n)·Σ x_ij (y_i − ȳ)| / s_j. */
    double lassoLambdaMax(boolean standardize) {
        double[] s = scales(standardize);
        double my = 0;
        for (double v : y) {
            my += v / n();
        }
        double max = 0;
        for (int j = 0; j < p(); j++) {
            double c = 0;
            for (int i = 0; i < n(); i++) {
                c += x[i][j] * (y[i] - my) / n();
            }
            max = Math.max(max, Math.abs(c) / s[j]);
        }
        return max;
    }
}
