package org.hadamard.sparse.cli;

import java.util.Arrays;

/**
 * A numeric table read from a CSV file: column names from the header and the rows, all finite.
 */
public final class Table {

    private final String source;
    private final String[] columns;
    private final double[][] rows;
    private final int textIndex;
    private final String[] text;

    /**
     * @param source where the table came from (for messages)
     * @param columns the column names
     * @param rows the rows, each of the header's length
     */
    public Table(String source, String[] columns, double[][] rows) {
        this(source, columns, rows, -1, null);
    }

    /**
     * @param source where the table came from (for messages)
     * @param columns the column names
     * @param rows the rows, each of the header's length (NaN in the text column)
     * @param textIndex the column kept as text, or −1
     * @param text that column's cells, one per row, or null
     */
    public Table(String source, String[] columns, double[][] rows, int textIndex, String[] text) {
        this.source = source;
        this.columns = columns.clone();
        this.rows = rows;
        this.textIndex = textIndex;
        this.text = text;
    }

    /** @return where the table came from */
    public String source() { return source; }

    /** @return a copy of the column names */
    public String[] columns() { return columns.clone(); }

    /** @return the number of rows */
    public int rowCount() { return rows.length; }

    /**
     * @param i row
     * @param j column
     * @return the value
     */
    public double get(int i, int j) { return rows[i][j]; }

    /**
     * @param name a column name
     * @return its index
     * @throws CliException if there is no such column
     */
    public int column(String name) {
        for (int j = 0; j < columns.length; j++) {
            if (columns[j].equals(name)) {
                return j;
            }
        }
        throw new CliException("target column '" + name + "' not found in " + source + "; its columns are: " + String.join(", ", columns));
    }

    /**
     * Splits the table into a target column and the features (all other columns, in file order).
     * @param target the target column's name
     * @return the regression data
     */
    public RegressionData regression(String target) {
        if (column(target) == textIndex) {
            throw new CliException("target column '" + target + "' holds text; regression needs numbers");
        }
        return split(target);
    }

    private RegressionData split(String target) {
        int t = column(target);
        if (columns.length < 2) {
            throw new CliException(source + " has no feature columns besides the target '" + target + "'");
        }
        int p = columns.length - 1;
        String[] names = new String[p];
        for (int j = 0, k = 0; j < columns.length; j++) {
            if (j != t) {
                names[k++] = columns[j];
            }
        }
        double[][] x = new double[rows.length][p];
        double[] y = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = rows[i][t];
            for (int j = 0, k = 0; j < columns.length; j++) {
                if (j != t) {
                    x[i][k++] = rows[i][j];
                }
            }
        }
        return new RegressionData(source, target, names, x, y);
    }

    /**
     * Splits the table into a class-label column and the features. Labels are the column's text (or
     * its numbers); the classes ("levels") are sorted — numerically when every label is a number,
     * else as text — so that, as in glmnet, the positive class of a binary problem is the second level.
     * @param target the label column's name
     * @return the classification data
     * @throws CliException if there are fewer than two classes
     */
    public ClassificationData classification(String target) {
        int t = column(target);
        RegressionData r = split(target);
        String[] raw = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (t == textIndex) {
                raw[i] = text[i];
            } else {
                double v = rows[i][t];
                raw[i] = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
            }
        }
        java.util.TreeSet<String> distinct = new java.util.TreeSet<>(java.util.Arrays.asList(raw));
        String[] levels = distinct.toArray(new String[0]);
        boolean numeric = true;
        for (String l : levels) {
            try {
                Double.parseDouble(l);
            } catch (NumberFormatException e) {
                numeric = false;
                break;
            }
        }
        if (numeric) {
            java.util.Arrays.sort(levels, java.util.Comparator.comparingDouble(Double::parseDouble));
        }
        if (levels.length < 2) {
            throw new CliException("target column '" + target + "' of " + source + " has only one class ('" + levels[0] + "'); classification needs at least two");
        }
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int k = 0; k < levels.length; k++) {
            index.put(levels[k], k);
        }
        int[] label = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            label[i] = index.get(raw[i]);
        }
        return new ClassificationData(source, target, r.features(), r.x(), label, levels);
    }

    @Override
    public String toString() {
        return "Table(" + source + ", " + rows.length + " rows, columns " + Arrays.toString(columns) + ")";
    }

    /**
     * Features and target of a regression problem.
     * @param source where the data came from
     * @param target the target column's name
     * @param features the feature names, in file order
     * @param x the rows
     * @param y the target values
     */
    public record RegressionData(String source, String target, String[] features, double[][] x, double[] y) {

        /** @return the number of examples */
        public int examples() { return y.length; }

        /** @return the number of features */
        public int featureCount() { return features.length; }
    }

    /**
     * Features and class labels of a classification problem.
     * @param source where the data came from
     * @param target the label column's name
     * @param features the feature names, in file order
     * @param x the rows
     * @param label each row's class index into {@code levels}
     * @param levels the class names, sorted (binary: the positive class is levels[1])
     */
    public record ClassificationData(String source, String target, String[] features, double[][] x, int[] label, String[] levels) {

        /** @return the number of examples */
        public int examples() { return label.length; }
    }
}
