package org.hadamard.sparse.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fit --task classification}: the printed objective is recomputed here from the printed
 * per-class coefficients and the raw CSV — −(1/n)Σ log p(yᵢ|xᵢ) + λΣ_k Σ_j s_j|β_kj| with glmnet's
 * standardization (s_j the 1/n standard deviation) — and the KKT conditions are checked.
 */
class ClassificationFitEndToEndTest {

    @TempDir
    Path dir;

    private static final String CSV = """
            a,b,c,cls
            1,2,0.5,x
            2,1,0.1,y
            3,5,0.3,z
            4,3,0.9,x
            5,2,0.2,y
            1,5,0.7,z
            2,2,0.1,x
            3,3,0.5,y
            4,1,0.6,z
            2,4,0.8,x
            5,5,0.4,y
            1,1,0.3,z
            """;

    @Test
    void multinomialAndBinaryObjectivesAndKkt() throws IOException {
        Path data = dir.resolve("mc.csv");
        Files.writeString(data, CSV);
        check(data, "0.02", false);
        Path binary = dir.resolve("bin.csv");
        Files.writeString(binary, CSV.replace(",z\n", ",x\n"));
        check(binary, "0.01", true);
    }

    @SuppressWarnings("unchecked")
    private void check(Path data, String lambdaText, boolean binary) throws IOException {
        Path out = dir.resolve("fit.json");
        Cli.Run run = Cli.run("fit", "--data", data.toString(), "--target", "cls", "--task", "classification", "--lambda", lambdaText, "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Map<String, Object> fit = Cli.readJson(out);
        List<String> lines = Files.readAllLines(data);
        int n = lines.size() - 1;
        double[][] x = new double[n][3];
        String[] y = new String[n];
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int j = 0; j < 3; j++) {
                x[i][j] = Double.parseDouble(f[j]);
            }
            y[i] = f[3];
        }
        List<String> classes = new ArrayList<>(new TreeSet<>(List.of(y)));
        assertEquals(classes, fit.get("classes"));
        Map<String, Object> intercepts = (Map<String, Object>) fit.get("intercept");
        Map<String, Object> coefficients = (Map<String, Object>) fit.get("coefficients");
        List<String> rows = binary ? List.of(classes.get(1)) : classes;
        assertEquals(rows, List.copyOf(intercepts.keySet()));
        double lambda = Double.parseDouble(lambdaText);
        double[] sd = new double[3];
        for (int j = 0; j < 3; j++) {
            double m = 0;
            for (double[] r : x) {
                m += r[j] / n;
            }
            for (double[] r : x) {
                sd[j] += (r[j] - m) * (r[j] - m) / n;
            }
            sd[j] = Math.sqrt(sd[j]);
        }
        String[] names = {"a", "b", "c"};
        int k = rows.size();
        double[][] beta = new double[k][3];
        double[] b0 = new double[k];
        double penalty = 0;
        for (int c = 0; c < k; c++) {
            b0[c] = (Double) intercepts.get(rows.get(c));
            Map<String, Object> row = (Map<String, Object>) coefficients.get(rows.get(c));
            for (int j = 0; j < 3; j++) {
                Object v = row.get(names[j]);
                beta[c][j] = v == null ? 0.0 : (Double) v;
                penalty += lambda * sd[j] * Math.abs(beta[c][j]);
            }
        }
        double loss = 0;
        double[][] grad = new double[k][3];
        for (int i = 0; i < n; i++) {
            double[] eta = new double[k];
            for (int c = 0; c < k; c++) {
                eta[c] = b0[c];
                for (int j = 0; j < 3; j++) {
                    eta[c] += beta[c][j] * x[i][j];
                }
            }
            double[] prob = new double[k];
            int yi = classes.indexOf(y[i]);
            if (binary) {
                prob[0] = 1 / (1 + Math.exp(-eta[0]));
                loss -= Math.log(yi == 1 ? prob[0] : 1 - prob[0]) / n;
                for (int j = 0; j < 3; j++) {
                    grad[0][j] += (prob[0] - (yi == 1 ? 1 : 0)) * x[i][j] / n;
                }
            } else {
                double max = Double.NEGATIVE_INFINITY;
                for (double e : eta) {
                    max = Math.max(max, e);
                }
                double z = 0;
                for (int c = 0; c < k; c++) {
                    prob[c] = Math.exp(eta[c] - max);
                    z += prob[c];
                }
                for (int c = 0; c < k; c++) {
                    prob[c] /= z;
                    for (int j = 0; j < 3; j++) {
                        grad[c][j] += (prob[c] - (c == yi ? 1 : 0)) * x[i][j] / n;
                    }
                }
                loss -= Math.log(prob[yi]) / n;
            }
        }
        double objective = loss + penalty;
        assertEquals(objective, (Double) fit.get("objective"), 1e-9 * objective, "objective recomputed from the printed fit");
        // KKT on the standardized scale: |g_j|/s_j ≤ λ at zeros, g_j/s_j = −λ·sign(β_j) otherwise.
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < 3; j++) {
                double g = grad[c][j] / sd[j];
                if (beta[c][j] == 0) {
                    assertTrue(Math.abs(g) <= lambda + 1e-7, "zero coefficient violates KKT: " + g);
                } else {
                    assertEquals(-lambda * Math.signum(beta[c][j]), g, 1e-7, "stationarity of " + rows.get(c) + "/" + names[j]);
                }
            }
        }
        assertEquals(Boolean.TRUE, fit.get("converged"));
        assertTrue((Double) fit.get("duality_gap") <= 1e-8);
    }
}
