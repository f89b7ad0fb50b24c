package org.hadamard.sparse.cli;

import java.util.Arrays;

/**
 * A numeric table read from a CSV file: column names from the header and the rows, all finite.
 */
public final class Table {

    private final String source;
    private final String[] columns;
    private final double[][] rows;

    /**
     * @param source where the table came from (for messages)
     * @param columns the column names
     * @param rows the rows, each of the header's length
     */
    public Table(String source, String[] columns, double[][] rows) {
        this.source = source;
        this.columns = columns.clone();
        this.rows = rows;
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
}
