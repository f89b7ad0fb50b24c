package org.hadamard.sparse.cli;

import org.hadamard.sparse.evaluation.Charts;
import org.hadamard.sparse.path.RegularizationPath;

import java.nio.file.Path;

/**
 * Draws a regression path's coefficients (first output) as β_j·sd_j against log λ.
 */
public final class PathPlot {

    private PathPlot() {}

    /**
     * @param path the path
     * @param x the raw rows (for the features' standard deviations)
     * @param names the feature names
     * @param labels how many to label
     * @param title the chart title
     * @param file the PNG
     */
    public static void write(RegularizationPath path, double[][] x, String[] names, int labels, String title, Path file) {
        int p = names.length;
        double[] sd = standardDeviations(x);
        double[][] coef = new double[path.size()][p];
        for (int l = 0; l < path.size(); l++) {
            double[] b = path.fit(l).beta();
            for (int j = 0; j < p; j++) {
                coef[l][j] = b[j] * sd[j];
            }
        }
        Charts.coefficientPaths(path.lambdas(), coef, names, labels, title, "coefficient × feature SD  (β_j·sd_j)", file);
    }

    /**
     * @param x rows
     * @return each column's (1/n) standard deviation (1 for a constant column)
     */
    public static double[] standardDeviations(double[][] x) {
        int n = x.length;
        int p = x[0].length;
        double[] sd = new double[p];
        for (int j = 0; j < p; j++) {
            double m = 0;
            for (double[] row : x) {
                m += row[j];
            }
            m /= n;
            double v = 0;
            for (double[] row : x) {
                v += (row[j] - m) * (row[j] - m);
            }
            sd[j] = v > 0 ? Math.sqrt(v / n) : 1.0;
        }
        return sd;
    }
}
