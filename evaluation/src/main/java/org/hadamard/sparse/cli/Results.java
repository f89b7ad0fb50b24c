package org.hadamard.sparse.cli;

import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.solver.Fit;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of fits and paths.
 */
public final class Results {

    private Results() {}

    /**
     * The fields of one fit: {@code lambda, objective, intercept, coefficients} (feature name →
     * raw-scale value, non-zeros only, in column order), {@code nonzero, kkt_violation,
     * duality_gap} (null for non-convex penalties), {@code converged, iterations, seconds}.
     * @param fit the fit (one output)
     * @param features the feature names
     * @return the JSON object as an ordered map
     */
    public static Map<String, Object> fit(Fit fit, String[] features) {
        return fit(fit, features, null);
    }

    /**
     * As {@link #fit(Fit, String[])}; for classification ({@code classes} non-null) {@code intercept} is an
     * object class → value and {@code coefficients} an object class → {feature → value}, one entry per
     * coefficient row (binary: the positive class only).
     * @param fit the fit
     * @param features the feature names
     * @param classes the class of each coefficient row, or null for regression
     * @return the JSON object as an ordered map
     */
    public static Map<String, Object> fit(Fit fit, String[] features, String[] classes) {
        Certificate c = fit.certificate();
        double[] beta = fit.beta();
        int p = features.length;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda", fit.lambda());
        m.put("objective", c.objective());
        if (classes == null) {
            m.put("intercept", fit.intercept()[0]);
            m.put("coefficients", row(beta, 0, features));
        } else {
            Map<String, Object> intercepts = new LinkedHashMap<>();
            Map<String, Object> rows = new LinkedHashMap<>();
            for (int k = 0; k < classes.length; k++) {
                intercepts.put(classes[k], fit.intercept()[k]);
                rows.put(classes[k], row(beta, k * p, features));
            }
            m.put("intercept", intercepts);
            m.put("coefficients", rows);
        }
        m.put("nonzero", fit.nonzero());
        m.put("kkt_violation", c.kktViolation());
        m.put("duality_gap", c.dualityGap());
        m.put("converged", c.converged());
        m.put("iterations", c.iterations());
        m.put("seconds", fit.seconds());
        return m;
    }

    /**
     * @param path the path
     * @param features the feature names
     * @return {@code {"lambda_max": …, "lambdas": […], "fits": [{…}, …]}} as an ordered map
     */
    public static Map<String, Object> path(RegularizationPath path, String[] features) {
        return path(path, features, null);
    }

    /**
     * @param path the path
     * @param features the feature names
     * @param classes the class of each coefficient row, or null for regression
     * @return the path as an ordered map
     */
    public static Map<String, Object> path(RegularizationPath path, String[] features, String[] classes) {
        List<Object> fits = new ArrayList<>();
        for (Fit f : path.fits()) {
            fits.add(fit(f, features, classes));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambda_max", path.lambdaMax());
        m.put("lambdas", path.lambdas());
        m.put("fits", fits);
        return m;
    }

    private static Map<String, Object> row(double[] beta, int offset, String[] features) {
        Map<String, Object> coefficients = new LinkedHashMap<>();
        for (int j = 0; j < features.length; j++) {
            if (beta[offset + j] != 0) {
                coefficients.put(features[j], beta[offset + j]);
            }
        }
        return coefficients;
    }

    /**
     * Writes JSON text and a newline to a file, or to {@code out} when the file is {@code -}.
     * @param json the value
     * @param file the destination
     * @param out standard output
     */
    static void write(Object json, Path file, PrintWriter out) {
        String text = Json.write(json) + "\n";
        if (file.toString().equals("-")) {
            out.print(text);
            out.flush();
            return;
        }
        if (Files.isDirectory(file)) {
            throw new CliException("cannot write " + file + ": it is a directory");
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CliException("cannot write " + file + ": its directory does not exist");
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
