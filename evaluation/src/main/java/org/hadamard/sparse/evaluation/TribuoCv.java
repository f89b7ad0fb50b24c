package org.hadamard.sparse.evaluation;

import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Dataset;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Output;
import org.tribuo.Trainer;
import org.tribuo.evaluation.CrossValidation;
import org.tribuo.evaluation.Evaluation;
import org.tribuo.evaluation.Evaluator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ObjIntConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Plumbing shared by the Tribuo row sources ({@link TribuoRegressionRows}, {@link TribuoClassificationRows}):
 * quiet Tribuo logging, timed cross-validation, and rebuilding a fold's training rows as a dense matrix.
 */
final class TribuoCv {

    private TribuoCv() {}

    /**
     * Runs {@code body} with the {@code org.tribuo} logger at {@link Level#WARNING}, restoring its previous
     * level afterwards.
     *
     * @param body the work to run
     * @param <R> its result type
     * @return what {@code body} returned
     */
    static <R> R quietly(Supplier<R> body) {
        Logger tribuoLog = Logger.getLogger("org.tribuo");
        Level previous = tribuoLog.getLevel();
        tribuoLog.setLevel(Level.WARNING);
        try {
            return body.get();
        } finally {
            tribuoLog.setLevel(previous);
        }
    }

    /**
     * The fold results of a cross-validation and the wall-clock time it took.
     *
     * @param folds per fold: the test-fold evaluation and the model trained on the other folds
     * @param seconds total seconds spent in {@link CrossValidation#evaluate()}
     * @param <T> the output type
     * @param <E> the evaluation type
     */
    record Timed<T extends Output<T>, E extends Evaluation<T>>(List<Pair<E, Model<T>>> folds, double seconds) {}

    /**
     * Runs Tribuo's {@link CrossValidation} and times its {@code evaluate()} call.
     *
     * @param trainer the trainer
     * @param ds the dataset
     * @param evaluator the per-fold evaluator
     * @param folds k
     * @param seed the fold seed
     * @param <T> the output type
     * @param <E> the evaluation type
     * @return the fold results and the seconds they took
     */
    static <T extends Output<T>, E extends Evaluation<T>> Timed<T, E> crossValidate(Trainer<T> trainer, Dataset<T> ds,
                                                                                     Evaluator<T, E> evaluator, int folds, long seed) {
        CrossValidation<T, E> cv = new CrossValidation<>(trainer, ds, evaluator, folds, seed);
        long t0 = System.nanoTime();
        List<Pair<E, Model<T>>> result = cv.evaluate();
        return new Timed<>(result, (System.nanoTime() - t0) * 1e-9);
    }

    /**
     * @param names feature names
     * @return each name's column index
     */
    static Map<String, Integer> columns(String[] names) {
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int j = 0; j < names.length; j++) {
            column.put(names[j], j);
        }
        return column;
    }

    /**
     * Copies a dataset's examples into a dense n×p matrix by feature name (features not in
     * {@code column} are ignored), calling {@code perRow} with each example and its row index.
     *
     * @param train the examples
     * @param column each feature name's column index
     * @param p number of columns
     * @param perRow called once per example, in order, e.g. to read its output
     * @param <T> the output type
     * @return the rows
     */
    static <T extends Output<T>> double[][] rows(Dataset<T> train, Map<String, Integer> column, int p,
                                                 ObjIntConsumer<Example<T>> perRow) {
        double[][] fx = new double[train.size()][p];
        int i = 0;
        for (Example<T> e : train) {
            for (org.tribuo.Feature feat : e) {
                Integer j = column.get(feat.getName());
                if (j != null) {
                    fx[i][j] = feat.getValue();
                }
            }
            perRow.accept(e, i);
            i++;
        }
        return fx;
    }

    /**
     * @param a group indices
     * @return max(a) + 1 (0 for an empty array), the number of groups
     */
    static int maxPlusOne(int[] a) {
        int m = -1;
        for (int v : a) {
            m = Math.max(m, v);
        }
        return m + 1;
    }
}
