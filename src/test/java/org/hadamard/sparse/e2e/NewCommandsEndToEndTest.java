package org.hadamard.sparse.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * cv, path --plot, compare and reproduce through the command line.
 */
class NewCommandsEndToEndTest {

    static void assertPng(Path file, int width, int height) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(width, img.getWidth());
        assertEquals(height, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, file + ": " + colours.size() + " colours");
    }

    @Test
    void cvWritesJsonAndPlot(@TempDir Path dir) throws IOException {
        Path data = Cli.diabetes(dir);
        Path json = dir.resolve("cv.json");
        Path png = dir.resolve("cv.png");
        Cli.Run run = Cli.run("cv", "--data", data.toString(), "--target", "progression", "--folds", "5", "--nlambda", "30",
                "--select", "1se", "--out", json.toString(), "--plot", png.toString());
        assertEquals(0, run.code(), run.err());
        Map<String, Object> cv = Cli.readJson(json);
        double min = ((Number) cv.get("lambda_min")).doubleValue();
        double se = ((Number) cv.get("lambda_1se")).doubleValue();
        assertTrue(se >= min);
        assertEquals("1se", cv.get("select"));
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) cv.get("model");
        assertEquals(se, ((Number) model.get("lambda")).doubleValue(), 0.0);
        assertPng(png, 900, 600);
        assertTrue(run.err().contains("cv: fold 5/5"), run.err());
    }

    @Test
    void cvClassificationWithATextTarget(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(2);
        StringBuilder sb = new StringBuilder("a,b,c,label\n");
        for (int i = 0; i < 150; i++) {
            double a = rng.nextGaussian();
            double b = rng.nextGaussian();
            double c = rng.nextGaussian();
            String label = rng.nextDouble() < 1 / (1 + Math.exp(-(2 * a - b))) ? "yes" : "no";
            sb.append(a).append(',').append(b).append(',').append(c).append(',').append(label).append('\n');
        }
        Path data = dir.resolve("cls.csv");
        Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
        Cli.Run run = Cli.run("cv", "--task", "classification", "--data", data.toString(), "--target", "label", "--folds", "3",
                "--nlambda", "15", "--measure", "auc", "--out", "-");
        assertTrue(run.code() == 0 || run.code() == 4, run.err());
        Map<String, Object> cv = run.json();
        assertEquals("binary", cv.get("task"));
        assertEquals("yes", cv.get("positive_class"));
        assertEquals(List.of("no", "yes"), cv.get("classes"));
        assertEquals("auc", cv.get("measure"));
    }

    @Test
    void pathPlot(@TempDir Path dir) throws IOException {
        Path data = Cli.diabetes(dir);
        Path png = dir.resolve("path.png");
        Cli.Run run = Cli.run("path", "--data", data.toString(), "--target", "progression", "--nlambda", "40",
                "--out", dir.resolve("p.json").toString(), "--plot", png.toString());
        assertEquals(0, run.code(), run.err());
        assertPng(png, 900, 600);
    }

    @Test
    void compareHasARowPerSolverAndTheLassoPairAgrees(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(6);
        StringBuilder sb = new StringBuilder("x1,x2,x3,x4,x5,x6,y\n");
        for (int i = 0; i < 60; i++) {
            double[] x = new double[6];
            for (int j = 0; j < 6; j++) {
                x[j] = rng.nextGaussian() * (1 + j);
                sb.append(x[j]).append(',');
            }
            sb.append(3 + 2 * x[0] - x[2] + 0.5 * x[4] + rng.nextGaussian()).append('\n');
        }
        Path data = dir.resolve("small.csv");
        Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
        Path csv = dir.resolve("compare.csv");
        Path md = dir.resolve("compare.md");
        Cli.Run run = Cli.run("compare", "--data", data.toString(), "--target", "y", "--folds", "3", "--sgd-epochs", "20",
                "--weka-runs", "2", "--out-csv", csv.toString(), "--out-md", md.toString());
        assertEquals(0, run.code(), run.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 5 + 5, lines.size(), String.join("\n", lines));
        String all = String.join("\n", lines);
        for (String method : new String[]{"ours: lasso", "ours: group lasso", "ours: Lq", "Tribuo ElasticNetCDTrainer", "Tribuo LinearSGDTrainer",
                "ours: HadamardLasso", "ours: HadamardGroupLasso", "ours: HadamardLq", "Weka LinearRegression", "Weka SGD (squared loss)"}) {
            assertTrue(all.contains(method), method + " missing:\n" + all);
        }
        assertWekaRows(lines.subList(6, 11), "RMSE");
        String[] lasso = lines.get(1).split(",");
        String[] cd = lines.get(2).split(",");
        assertTrue(lasso[1].startsWith("ours: lasso") && cd[1].startsWith("Tribuo ElasticNetCDTrainer"), all);
        assertTrue(Double.parseDouble(lasso[8]) <= 1e-6, "objective gap " + lasso[8]);
        assertEquals(Double.parseDouble(lasso[2]), Double.parseDouble(cd[2]), 0.0);
        assertTrue(Files.readString(md).contains("| harness |"));
        assertTrue(run.out().contains("| Tribuo CrossValidation | ours: lasso (LBFGS)"), run.out());
    }

    /** Weka rows: the base first, a finite mean and sd, a t-test verdict (v, * or blank) for every other scheme. */
    private static void assertWekaRows(List<String> rows, String measure) {
        for (int r = 0; r < rows.size(); r++) {
            List<String> cells = csvCells(rows.get(r));
            assertEquals("Weka Experimenter", cells.get(0), rows.get(r));
            assertEquals(measure, cells.get(3), rows.get(r));
            assertTrue(Double.isFinite(Double.parseDouble(cells.get(4))) && Double.parseDouble(cells.get(5)) >= 0, rows.get(r));
            String verdict = cells.get(cells.size() - 1);
            assertTrue(r == 0 ? verdict.equals("base") : List.of("v", "*", "").contains(verdict), rows.get(r));
        }
    }

    /** Splits one CSV line (quoted cells allowed). */
    private static List<String> csvCells(String line) {
        List<String> cells = new java.util.ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    @Test
    void compareClassificationHasARowPerSolverAndWekaVerdicts(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(8);
        StringBuilder sb = new StringBuilder("x1,x2,x3,x4,x5,x6,label\n");
        for (int i = 0; i < 90; i++) {
            double[] x = new double[6];
            for (int j = 0; j < 6; j++) {
                x[j] = rng.nextGaussian() * (1 + j) + j;
                sb.append(x[j]).append(',');
            }
            double z = 1.5 * (x[0] - 0) - 0.5 * (x[2] - 2) + rng.nextGaussian();
            sb.append(z > 0 ? "yes" : "no").append('\n');
        }
        Path data = dir.resolve("small-classes.csv");
        Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
        Path csv = dir.resolve("compare.csv");
        // A text label makes it a classification task without --task.
        Cli.Run run = Cli.run("compare", "--data", data.toString(), "--target", "label", "--folds", "3", "--weka-runs", "2",
                "--lambda-fraction", "0.1", "--out-csv", csv.toString());
        assertEquals(0, run.code(), run.err());
        List<String> lines = Files.readAllLines(csv);
        String all = String.join("\n", lines);
        assertEquals(1 + 5 + 6, lines.size(), all);
        String[] methods = {"ours: lasso logistic", "LIBLINEAR L1R_LR (Tribuo)", "ours: group lasso logistic", "ours: Lq q=0.500 logistic",
                "Tribuo LogisticRegressionTrainer", "ours: HadamardLasso", "ours: HadamardGroupLasso", "ours: HadamardLq",
                "Weka Logistic", "Weka SGD (log loss)", "Weka LibLINEAR L1R_LR"};
        for (int r = 0; r < methods.length; r++) {
            assertTrue(csvCells(lines.get(1 + r)).get(1).startsWith(methods[r]), methods[r] + " expected at row " + (r + 1) + ":\n" + all);
        }
        for (int r = 1; r <= 5; r++) {
            List<String> cells = csvCells(lines.get(r));
            assertEquals("accuracy", cells.get(3), lines.get(r));
            double acc = Double.parseDouble(cells.get(4));
            double auc = Double.parseDouble(cells.get(11));
            assertTrue(acc > 0.6 && acc <= 1 && auc > 0.6 && auc <= 1, lines.get(r));
        }
        // The same-objective pair: LIBLINEAR's bias penalty makes it no better than ours on our objective.
        double gap = Double.parseDouble(csvCells(lines.get(1)).get(8));
        assertTrue(gap >= -1e-6 && gap < 0.5, "objective gap " + gap);
        assertWekaRows(lines.subList(6, 12), "accuracy [%]");
        assertTrue(run.out().contains("Classification on "), run.out());
    }

    @Test
    void compareOnAnArffWithANominalFeatureRunsTheWekaRowsOnly(@TempDir Path dir) throws IOException {
        SplittableRandom rng = new SplittableRandom(10);
        StringBuilder sb = new StringBuilder("@relation mixed\n@attribute y numeric\n@attribute x1 numeric\n@attribute colour {r,g,b}\n"
                + "@attribute x2 numeric\n@data\n");
        for (int i = 0; i < 45; i++) {
            double x1 = rng.nextGaussian();
            double x2 = rng.nextGaussian();
            String c = "rgb".substring(i % 3, i % 3 + 1);
            sb.append(2 * x1 - x2 + (c.equals("r") ? 1 : 0) + 0.3 * rng.nextGaussian()).append(',').append(x1).append(',').append(c)
                    .append(',').append(x2).append('\n');
        }
        Path data = dir.resolve("mixed.arff");
        Files.writeString(data, sb.toString(), StandardCharsets.UTF_8);
        Path csv = dir.resolve("compare.csv");
        // The class is the first attribute: --target picks it; WekaRows moves it last for the Experimenter.
        Cli.Run run = Cli.run("compare", "--data", data.toString(), "--target", "y", "--folds", "3", "--weka-runs", "2",
                "--out-csv", csv.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("Tribuo rows skipped"), run.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 5, lines.size(), String.join("\n", lines));
        assertWekaRows(lines.subList(1, 6), "RMSE");
        // y is nearly linear in the features: every scheme's RMSE is near the noise level.
        for (String line : lines.subList(1, 6)) {
            assertTrue(Double.parseDouble(csvCells(line).get(4)) < 1.0, line);
        }
    }

    @Test
    void reproduceRunsAtTinySize(@TempDir Path dir) throws IOException {
        Cli.Run run = Cli.run("reproduce", "--scale", "small", "--replicates", "1", "--snr", "3", "--threads", "1",
                "--out-dir", dir.toString());
        assertEquals(0, run.code(), run.err());
        String md = Files.readString(dir.resolve("README.md"));
        assertTrue(md.contains("## 1. The depth-2 path coincides"), md);
        assertTrue(md.contains("## 2. Group lasso"), md);
        assertTrue(md.contains("## 3. Lq versus the lasso"), md);
        for (String png : new String[]{"1-lasso-vs-cd.png", "2-group-test-mse.png", "2-group-sparsity.png", "3-lq-f1.png", "3-lq-error.png"}) {
            assertPng(dir.resolve(png), 900, 600);
        }
        assertTrue(run.err().contains("reproduce ["), run.err());
    }
}
