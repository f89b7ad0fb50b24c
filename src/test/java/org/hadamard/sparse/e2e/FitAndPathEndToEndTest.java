package org.hadamard.sparse.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code fit} and {@code path} through the command line, checked against the objective and the
 * optimality conditions recomputed here from the printed coefficients and the raw CSV.
 */
class FitAndPathEndToEndTest {

    private static final Set<String> FIT_FIELDS = Set.of("lambda", "objective", "intercept", "coefficients", "nonzero",
            "kkt_violation", "duality_gap", "converged", "iterations", "seconds");

    @TempDir
    Path dir;

    private Map<String, Object> fit(String... args) {
        Path out = dir.resolve("fit.json");
        String[] all = new String[args.length + 3];
        all[0] = "fit";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--out";
        all[args.length + 2] = out.toString();
        Cli.Run run = Cli.run(all);
        assertEquals(0, run.code(), "exit code; stderr: " + run.err());
        assertEquals("", run.out(), "JSON goes to the file, not stdout");
        assertTrue(run.err().startsWith("fit: "), run.err());
        return Cli.readJson(out);
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        assertTrue(v instanceof Double, key + " should be a number, got " + v);
        return (Double) v;
    }

    private static void assertFitFields(Map<String, Object> fit) {
        assertTrue(fit.keySet().containsAll(FIT_FIELDS), "fields: " + fit.keySet());
        assertEquals(Boolean.TRUE, fit.get("converged"));
        assertTrue(num(fit, "iterations") >= 0);
        assertTrue(num(fit, "seconds") >= 0);
        assertTrue(num(fit, "kkt_violation") >= 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) fit.get("coefficients");
        assertEquals(c.size(), (int) num(fit, "nonzero"), "nonzero counts the listed coefficients");
        for (Object v : c.values()) {
            assertTrue((Double) v != 0.0, "only non-zeros are listed");
        }
    }

    /** Lasso KKT on the raw scale: ∂loss/∂β_j = −λ s_j sign(β_j) if β_j ≠ 0, |∂loss/∂β_j| ≤ λ s_j otherwise. */
    private static void assertLassoOptimal(Reference ref, Map<String, Object> fit, boolean standardize, double tol) {
        double lambda = num(fit, "lambda");
        double b0 = num(fit, "intercept");
        double[] beta = ref.beta(fit);
        double[] g = ref.gradient(b0, beta);
        double[] s = ref.scales(standardize);
        for (int j = 0; j < ref.p(); j++) {
            double gs = g[j] / s[j];
            if (beta[j] != 0) {
                assertEquals(-lambda * Math.signum(beta[j]), gs, tol, "stationarity of " + ref.names[j]);
            } else {
                assertTrue(Math.abs(gs) <= lambda + tol, "zero " + ref.names[j] + " has |gradient| " + Math.abs(gs) + " > λ " + lambda);
            }
        }
        double meanResidual = 0;
        for (double r : ref.residuals(b0, beta)) {
            meanResidual += r / ref.n();
        }
        assertEquals(0, meanResidual, tol, "intercept stationarity");
    }

    @ParameterizedTest(name = "standardize={0}")
    @ValueSource(booleans = {true, false})
    void lassoOnTheFixture(boolean standardize) {
        Path csv = Cli.resource("/e2e/small.csv");
        Map<String, Object> fit = fit("--data", csv.toString(), "--target", "y", "--lambda", "0.3", "--standardize", String.valueOf(standardize));
        assertFitFields(fit);
        assertEquals(0.3, num(fit, "lambda"));
        assertEquals("lasso", fit.get("penalty"));
        assertEquals(standardize, fit.get("standardize"));
        assertNotNull(fit.get("duality_gap"), "convex: a gap is reported");
        assertTrue(num(fit, "duality_gap") <= 1e-8 * num(fit, "objective"));
        Reference ref = Reference.load(csv);
        double ours = ref.lqObjective(num(fit, "intercept"), ref.beta(fit), 0.3, 1.0, standardize);
        assertEquals(ours, num(fit, "objective"), 1e-9 * ours, "printed objective = objective recomputed from printed coefficients");
        assertLassoOptimal(ref, fit, standardize, 1e-6);
        assertEquals(ref.lassoLambdaMax(standardize), num(fit, "lambda_max"), 1e-10 * num(fit, "lambda_max"));
    }

    @Test
    void lassoOnDiabetesWithTheDefaultLambda() {
        Path csv = Cli.diabetes(dir);
        Map<String, Object> fit = fit("--data", csv.toString(), "--target", "progression");
        assertFitFields(fit);
        Reference ref = Reference.load(csv);
        double lmax = ref.lassoLambdaMax(true);
        assertEquals(lmax, num(fit, "lambda_max"), 1e-10 * lmax);
        assertEquals(0.1 * lmax, num(fit, "lambda"), 1e-10 * lmax, "default λ = 0.1·λ_max");
        double objective = ref.lqObjective(num(fit, "intercept"), ref.beta(fit), num(fit, "lambda"), 1.0, true);
        assertEquals(objective, num(fit, "objective"), 1e-9 * objective);
        assertLassoOptimal(ref, fit, true, 1e-6 * lmax);
        // glmnet/scikit-learn select exactly these five at 0.1·λ_max on standardized diabetes.
        @SuppressWarnings("unchecked")
        Map<String, Object> c = (Map<String, Object>) fit.get("coefficients");
        assertEquals(List.of("sex", "bmi", "bp", "s3", "s5"), List.copyOf(c.keySet()));
    }

    @Test
    void sgdOnDiabetesIsCloseToTheFullBatchFit() {
        Path csv = Cli.diabetes(dir);
        Map<String, Object> exact = fit("--data", csv.toString(), "--target", "progression");
        Map<String, Object> sgd = fit("--data", csv.toString(), "--target", "progression", "--solver", "sgd", "--seed", "3");
        Reference ref = Reference.load(csv);
        double objective = ref.lqObjective(num(sgd, "intercept"), ref.beta(sgd), num(sgd, "lambda"), 1.0, true);
        // The reported objective is the base objective of the returned (thresholded) coefficients.
        assertEquals(objective, num(sgd, "objective"), 1e-9 * objective);
        assertTrue(objective <= num(exact, "objective") * (1 + 1e-3), "SGD " + objective + " vs exact " + num(exact, "objective"));
        assertTrue(num(sgd, "duality_gap") >= 0, "SGD reports how far it is");
    }

    @Test
    void lqOnTheFixtureHasNoDualityGap() {
        Path csv = Cli.resource("/e2e/small.csv");
        Map<String, Object> fit = fit("--data", csv.toString(), "--target", "y", "--penalty", "lq", "--q", "0.5", "--lambda", "0.2");
        assertFitFields(fit);
        assertTrue(fit.containsKey("duality_gap"));
        assertNull(fit.get("duality_gap"), "non-convex: the gap is null");
        Reference ref = Reference.load(csv);
        double objective = ref.lqObjective(num(fit, "intercept"), ref.beta(fit), 0.2, 0.5, true);
        assertEquals(objective, num(fit, "objective"), 1e-9 * objective);
        // A local minimum of the Lq objective can be no worse than the lasso start it descends from.
        Map<String, Object> lasso = fit("--data", csv.toString(), "--target", "y", "--lambda", "0.2");
        double lassoLq = ref.lqObjective(num(lasso, "intercept"), ref.beta(lasso), 0.2, 0.5, true);
        assertTrue(objective <= lassoLq * (1 + 1e-12), "Lq fit " + objective + " vs its lasso start " + lassoLq);
    }

    @Test
    void groupLassoOnTheFixture() {
        Path csv = Cli.resource("/e2e/small.csv");
        Path groups = Cli.resource("/e2e/small-groups.csv");
        Map<String, Object> fit = fit("--data", csv.toString(), "--target", "y", "--penalty", "group", "--groups", groups.toString(), "--lambda", "0.4");
        assertFitFields(fit);
        Reference ref = Reference.load(csv);
        // small-groups.csv: {a, c} and {b, d}.
        int[] groupOf = {0, 1, 0, 1};
        double[] beta = ref.beta(fit);
        double objective = ref.groupObjective(num(fit, "intercept"), beta, 0.4, groupOf, true);
        assertEquals(objective, num(fit, "objective"), 1e-9 * objective);
        assertTrue(num(fit, "duality_gap") <= 1e-8 * objective);
        assertEquals(beta[0] == 0, beta[2] == 0, "a group enters or leaves as a whole");
        assertEquals(beta[1] == 0, beta[3] == 0, "a group enters or leaves as a whole");
    }

    @Test
    void jsonToStandardOutput() {
        Path csv = Cli.resource("/e2e/small.csv");
        Cli.Run run = Cli.run("fit", "--data", csv.toString(), "--target", "y", "--out", "-");
        assertEquals(0, run.code(), run.err());
        assertEquals("", run.err());
        assertFitFields(run.json());
    }

    @Test
    void defaultPathOnDiabetes() {
        Path csv = Cli.diabetes(dir);
        Path out = dir.resolve("path.json");
        Cli.Run run = Cli.run("path", "--data", csv.toString(), "--target", "progression", "--nlambda", "30", "--out", out.toString());
        assertEquals(0, run.code(), run.err());
        Map<String, Object> json = Cli.readJson(out);
        @SuppressWarnings("unchecked")
        List<Double> lambdas = (List<Double>) json.get("lambdas");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fits = (List<Map<String, Object>>) json.get("fits");
        assertEquals(lambdas.size(), fits.size());
        assertTrue(lambdas.size() >= 2 && lambdas.size() <= 30);
        Reference ref = Reference.load(csv);
        double lmax = ref.lassoLambdaMax(true);
        assertEquals(lmax, lambdas.get(0), 1e-10 * lmax, "the grid starts at λ_max");
        assertEquals(0, (int) num(fits.get(0), "nonzero"), "nothing is selected at λ_max");
        for (int i = 0; i < fits.size(); i++) {
            Map<String, Object> f = fits.get(i);
            assertFitFields(f);
            assertEquals(lambdas.get(i), num(f, "lambda"));
            if (i > 0) {
                assertTrue(lambdas.get(i) < lambdas.get(i - 1), "decreasing λ");
                assertEquals(lmax * Math.pow(1e-4, i / 29.0), lambdas.get(i), 1e-9 * lambdas.get(i), "glmnet's log grid, ratio 1e-4 for n > p");
            }
            double objective = ref.lqObjective(num(f, "intercept"), ref.beta(f), num(f, "lambda"), 1.0, true);
            assertEquals(objective, num(f, "objective"), 1e-9 * objective);
            assertLassoOptimal(ref, f, true, 1e-6 * lmax);
        }
    }

    @Test
    void pathOverGivenLambdasOnTheFixture() {
        Path csv = Cli.resource("/e2e/small.csv");
        Cli.Run run = Cli.run("path", "--data", csv.toString(), "--target", "y", "--standardize", "false",
                "--lambdas", "0.01,1,0.1", "--out", "-");
        assertEquals(0, run.code(), run.err());
        Map<String, Object> json = run.json();
        assertEquals(List.of(1.0, 0.1, 0.01), json.get("lambdas"), "sorted into decreasing order, none dropped");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> fits = (List<Map<String, Object>>) json.get("fits");
        Reference ref = Reference.load(csv);
        for (Map<String, Object> f : fits) {
            assertFitFields(f);
            double objective = ref.lqObjective(num(f, "intercept"), ref.beta(f), num(f, "lambda"), 1.0, false);
            assertEquals(objective, num(f, "objective"), 1e-9 * objective);
            assertLassoOptimal(ref, f, false, 1e-6);
        }
    }
}
