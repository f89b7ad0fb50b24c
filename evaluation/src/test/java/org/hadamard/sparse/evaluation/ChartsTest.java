package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChartsTest {

    static final Path OUT = Path.of("target", "test-charts");

    /**
     * Reads a PNG back and checks it is a non-trivial image of the expected size.
     * @param file the PNG
     */
    static void assertNonTrivialPng(Path file) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " missing");
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int yy = 0; yy < img.getHeight(); yy += 2) {
            for (int xx = 0; xx < img.getWidth(); xx += 2) {
                colours.add(img.getRGB(xx, yy));
            }
        }
        assertTrue(colours.size() > 20, file + " has only " + colours.size() + " colours");
    }

    @Test
    void cvCurveAndCoefficientPathsArePngs() throws IOException {
        SplittableRandom rng = new SplittableRandom(1);
        double[][] x = Synthetic.ar1(80, 6, 0.3, rng);
        double[] y = Synthetic.response(x, new double[]{2, 0, -1, 0, 0.5, 0}, 1, rng);
        CvResult cv = new CrossValidator(5, 1, 20, 1e-2, true).run(CvTasks.regression(x, y), Penalty.lasso(), HadamardEngine.defaultSolver(), null);
        Path cvPng = OUT.resolve("cv.png");
        Charts.cvCurve(cv, Measure.MSE, "test", cvPng);
        assertNonTrivialPng(cvPng);

        double[][] coef = new double[cv.lambdas().length][];
        for (int l = 0; l < coef.length; l++) {
            coef[l] = cv.path().fit(l).beta();
        }
        Path pathPng = OUT.resolve("path.png");
        Charts.coefficientPaths(cv.lambdas(), coef, Synthetic.names(6), 3, "test", "β", pathPng);
        assertNonTrivialPng(pathPng);

        Path lines = OUT.resolve("lines.png");
        Charts.lines("t", "x", "y", new double[]{1, 2, 3}, List.of("a", "b"), List.of(new double[]{1, 2, 3}, new double[]{3, 1, 2}), lines);
        assertNonTrivialPng(lines);
    }
}
