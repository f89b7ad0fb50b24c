package org.hadamard.sparse.evaluation;

import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * PNG charts drawn with XChart, headless (no display needed): the cross-validation curve and
 * coefficient paths in the style of glmnet's {@code plot.cv.glmnet} and {@code plot.glmnet}, and
 * plain line charts for the experiments.
 */
public final class Charts {

    /** Default image width in pixels. */
    public static final int WIDTH = 900;
    /** Default image height in pixels. */
    public static final int HEIGHT = 600;

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private Charts() {}

    /**
     * The CV curve: mean held-out score against log λ with ±1 SE bars, dashed vertical lines at
     * λ_min and λ_1se, and the number of non-zeros in the title strip.
     * @param cv the result
     * @param m the measure
     * @param title the title
     * @param file the PNG to write
     */
    public static void cvCurve(CvResult cv, Measure m, String title, Path file) {
        int r = cv.index(m);
        int L = cv.lambdas().length;
        double[] x = new double[L];
        for (int l = 0; l < L; l++) {
            x[l] = Math.log(cv.lambdas()[l]);
        }
        int min = cv.minIndex(m);
        int se = cv.oneSeIndex(m);
        XYChart chart = chart(title, "log(λ)", m.label() + " (mean over folds ± 1 SE)");
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideN);
        chart.getStyler().setErrorBarsColorSeriesColor(false);
        chart.getStyler().setErrorBarsColor(new Color(150, 150, 150));
        XYSeries s = chart.addSeries(String.format(Locale.ROOT, "CV %s (%d folds)", m.label(), cv.foldScores().length),
                x, cv.cvm()[r], cv.cvsd()[r]);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(new Color(200, 30, 30));
        s.setLineColor(new Color(200, 30, 30));
        s.setLineWidth(0.5f);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int l = 0; l < L; l++) {
            lo = Math.min(lo, cv.cvm()[r][l] - cv.cvsd()[r][l]);
            hi = Math.max(hi, cv.cvm()[r][l] + cv.cvsd()[r][l]);
        }
        addVertical(chart, x[min], String.format(Locale.ROOT, "λ_min = %.4g (%d non-zero)", cv.lambdas()[min], cv.nonzero()[min]),
                hi, new Color(40, 40, 200));
        addVertical(chart, x[se], String.format(Locale.ROOT, "λ_1se = %.4g (%d non-zero)", cv.lambdas()[se], cv.nonzero()[se]),
                hi - 0.06 * (hi - lo), new Color(40, 140, 40));
        write(chart, file);
    }

    private static void addVertical(XYChart chart, double x, String label, double y, Color color) {
        AnnotationLine line = new AnnotationLine(x, true, false);
        chart.addAnnotation(line);
        chart.getStyler().setAnnotationLineColor(Color.DARK_GRAY);
        chart.getStyler().setAnnotationLineStroke(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 10f, new float[]{6f, 4f}, 0f));
        // A tiny invisible series so that the label shows in the legend with its colour.
        XYSeries marker = chart.addSeries(label, new double[]{x}, new double[]{y});
        marker.setMarker(SeriesMarkers.DIAMOND);
        marker.setMarkerColor(color);
        marker.setLineColor(color);
    }

    /**
     * Coefficient paths against log λ, with λ decreasing to the right so that the full model ends at
     * the right edge, where the largest coefficients are labelled with their feature names.
     * @param lambdas the λ values (decreasing)
     * @param coefficients per λ, the coefficients to draw (e.g. β_j·s_j)
     * @param names feature names
     * @param labelled how many of the largest (at the smallest λ) to label
     * @param title the title
     * @param yTitle the y-axis title
     * @param file the PNG
     */
    public static void coefficientPaths(double[] lambdas, double[][] coefficients, String[] names, int labelled,
                                        String title, String yTitle, Path file) {
        int L = lambdas.length;
        int p = names.length;
        double[] x = new double[L];
        for (int l = 0; l < L; l++) {
            x[l] = -Math.log(lambdas[l]);
        }
        XYChart chart = chart(title, "log(λ)  (decreasing →)", yTitle);
        chart.getStyler().setxAxisTickLabelsFormattingFunction(v -> String.format(Locale.ROOT, "%.3g", -v + 0.0));
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setMarkerSize(0);
        double hi = Double.NEGATIVE_INFINITY;
        double lo = Double.POSITIVE_INFINITY;
        int drawn = 0;
        for (int j = 0; j < p; j++) {
            double[] y = new double[L];
            boolean any = false;
            for (int l = 0; l < L; l++) {
                y[l] = coefficients[l][j];
                any |= y[l] != 0;
                hi = Math.max(hi, y[l]);
                lo = Math.min(lo, y[l]);
            }
            if (!any) {
                continue;
            }
            XYSeries s = chart.addSeries(names[j] + "#" + j, x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(1.6f);
            drawn++;
        }
        if (drawn == 0) {
            chart.addSeries("all zero", x, new double[L]).setMarker(SeriesMarkers.NONE);
            hi = 1;
            lo = -1;
        }
        chart.addSeries("zero", new double[]{x[0], x[L - 1]}, new double[]{0, 0}).setMarker(SeriesMarkers.NONE);
        chart.getSeriesMap().get("zero").setLineColor(Color.GRAY);
        chart.getSeriesMap().get("zero").setLineWidth(0.6f);
        double[] last = coefficients[L - 1];
        Integer[] order = new Integer[p];
        for (int j = 0; j < p; j++) {
            order[j] = j;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -Math.abs(last[j])));
        // Leave room on the right for the labels.
        double span = x[L - 1] - x[0];
        int longest = 4;
        for (int t = 0; t < Math.min(labelled, p); t++) {
            longest = Math.max(longest, names[order[t]].length());
        }
        double room = Math.min(0.6, 0.04 + 0.0125 * longest);
        chart.getStyler().setXAxisMin(x[0]);
        chart.getStyler().setXAxisMax(x[L - 1] + room * span);
        double minGap = 0.035 * (hi - lo);
        List<Double> used = new ArrayList<>();
        for (int t = 0; t < Math.min(labelled, p); t++) {
            int j = order[t];
            if (last[j] == 0) {
                break;
            }
            double y = last[j];
            for (int guard = 0; guard < 50 && tooClose(used, y, minGap); guard++) {
                y += (last[j] >= 0 ? 1 : -1) * minGap * 0.5;
                if (y > hi || y < lo) {
                    y = last[j] - (last[j] >= 0 ? 1 : -1) * minGap * (guard + 1) * 0.5;
                }
            }
            y = Math.max(lo, Math.min(hi, y));
            used.add(y);
            chart.addAnnotation(new AnnotationText(names[j], x[L - 1] + (0.01 + room / 2) * span, y, false));
        }
        write(chart, file);
    }

    private static boolean tooClose(List<Double> used, double y, double gap) {
        for (double u : used) {
            if (Math.abs(u - y) < gap) {
                return true;
            }
        }
        return false;
    }

    /**
     * A line chart with one series per name (markers on the points).
     * @param title title
     * @param xTitle x-axis title
     * @param yTitle y-axis title
     * @param x shared x values
     * @param names series names
     * @param ys per series, the y values
     * @param file the PNG
     */
    public static void lines(String title, String xTitle, String yTitle, double[] x, List<String> names, List<double[]> ys, Path file) {
        XYChart chart = chart(title, xTitle, yTitle);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(5);
        for (int s = 0; s < names.size(); s++) {
            chart.addSeries(names.get(s), x, ys.get(s));
        }
        write(chart, file);
    }

    private static XYChart chart(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderColor(Color.DARK_GRAY);
        st.setChartTitleBoxVisible(false);
        st.setLegendBorderColor(Color.LIGHT_GRAY);
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAnnotationTextFontColor(Color.BLACK);
        chart.getStyler().setPlotGridLinesColor(new Color(225, 225, 225));
        chart.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        chart.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        chart.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        return chart;
    }

    private static void write(XYChart chart, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            BufferedImage image = BitmapEncoder.getBufferedImage(chart);
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
