package org.hadamard.sparse.e2e;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's main job ({@code demo}) and a miniature {@code bench}.
 */
class DemoAndBenchEndToEndTest {

    @Test
    void demoReportsCertifiedFitsOnDiabetes() throws java.io.IOException {
        Cli.Run run = Cli.run("demo", "--out-dir", "target/e2e-demo");
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("442 patients, 10 features"), out);
        assertTrue(out.contains("λ_max = 45.16"), out);
        assertTrue(out.contains("Order in which features enter: bmi, s5, bp, s3"), out);
        assertTrue(out.contains("All fits converged."), out);
        // The grown demo: cv, compare and the classification section, and its PNGs.
        assertTrue(out.contains("λ_1se = "), out);
        assertTrue(out.contains("Tribuo ElasticNetCDTrainer"), out);
        assertTrue(out.contains("positive class '1'"), out);
        assertTrue(out.contains("LIBLINEAR L1R_LR (Tribuo)"), out);
        for (String png : new String[]{"diabetes-path.png", "diabetes-cv.png", "breast-cancer-cv.png", "breast-cancer-path.png"}) {
            assertTrue(java.nio.file.Files.size(java.nio.file.Path.of("target/e2e-demo", png)) > 10_000, png);
        }
    }

    @Test
    void miniatureBench() {
        Cli.Run run = Cli.run("bench", "--sizes", "40x8,30x60", "--reps", "2", "--warmup", "0", "--sections", "table");
        assertEquals(0, run.code(), run.err());
        String[] lines = run.out().strip().split("\\R");
        assertEquals(4, lines.length, run.out());
        assertTrue(lines[1].startsWith("problem"), lines[1]);
        assertTrue(lines[2].startsWith("40x8"), lines[2]);
        assertTrue(lines[3].startsWith("30x60"), lines[3]);
        assertTrue(run.err().contains("bench: 30x60: CD run 2/2"), run.err());
        // The relative objective gap (last column) is tiny: both solve the same problem.
        for (int i = 2; i < 4; i++) {
            String[] cells = lines[i].trim().split("\\s+");
            double gap = Double.parseDouble(cells[cells.length - 1]);
            assertTrue(Math.abs(gap) < 1e-6, lines[i]);
        }
    }

    @Test
    void miniatureBenchExtrasPrintTheRatios() {
        Cli.Run run = Cli.run("bench", "--sections", "path,epoch,memory", "--path-sizes", "60x8", "--epoch-size", "300x20",
                "--memory-size", "300x20", "--reps", "1", "--warmup", "0");
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("ours/warmCD"), out);
        assertTrue(out.contains("Goal: ours ≤ 1.5× a coordinate-descent path"), out);
        assertTrue(out.contains("sparse CSR (1.0% dense)"), out);
        assertTrue(out.contains("peak/data"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^60x8 .*  ([+-][0-9.]+e[+-][0-9]+)$").matcher(out);
        assertTrue(m.find(), out);
        assertTrue(Math.abs(Double.parseDouble(m.group(1))) < 1e-6, out);
    }

    @Test
    void miniatureClassificationBench() {
        Cli.Run run = Cli.run("bench", "--sections", "classification", "--class-sizes", "80x12,breast_cancer", "--class-fractions", "0.3,0.1",
                "--reps", "1", "--warmup", "0");
        assertEquals(0, run.code(), run.err());
        String out = run.out();
        assertTrue(out.contains("gap on J_LL"), out);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(80x12|breast_cancer) .*$").matcher(out);
        int rows = 0;
        while (m.find()) {
            String[] cells = m.group().trim().split("\\s+");
            // Each solver is optimal for its own objective, up to LIBLINEAR's tolerance.
            assertTrue(Double.parseDouble(cells[10]) > -1e-6 && Double.parseDouble(cells[11]) > -1e-5, m.group());
            rows++;
        }
        assertEquals(4, rows, out);
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Run run = Cli.run();
        assertEquals(2, run.code());
        assertEquals("", run.out());
        assertTrue(run.err().contains("Commands:"), run.err());
    }

    @Test
    void helpDocumentsTheDefaultLambda() {
        Cli.Run run = Cli.run("fit", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("Default: 0.1·λ_max"), run.out());
    }
}
