package org.hadamard.sparse.cli;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The timing loop shared by the {@code bench} sections: warm-up runs, then timed repetitions until
 * {@code reps} are done or the time budget is spent (at least one timed run), and their median.
 */
final class BenchTimer {

    private BenchTimer() {}

    /** Progress hooks called by {@link #time}; both do nothing by default. */
    interface Listener {

        /**
         * Called before a warm-up run.
         *
         * @param index 0-based index of the warm-up run
         */
        default void warmup(int index) {}

        /**
         * Called after a timed run.
         *
         * @param done timed runs completed so far (including this one)
         * @param seconds wall-clock seconds of this run
         */
        default void timed(int done, double seconds) {}
    }

    /**
     * What {@link #time} measured.
     *
     * @param last the value returned by the last run
     * @param median median wall-clock seconds of the timed runs
     * @param runs number of timed runs
     * @param <T> the type of the runs' values
     */
    record Result<T>(T last, double median, int runs) {}

    /**
     * Runs {@code run} {@code warmup} times untimed, then times it up to {@code reps} times, stopping
     * early once {@code budget} seconds have been spent on timed runs (after at least one).
     *
     * @param warmup untimed warm-up runs
     * @param reps maximum number of timed runs
     * @param budget seconds after which no further timed run is started
     * @param collectGarbage whether to call {@link System#gc()} before each timed run
     * @param listener progress hooks
     * @param run the work to time
     * @param <T> the type of the runs' values
     * @return the last run's value, the median time and the number of timed runs
     */
    static <T> Result<T> time(int warmup, int reps, double budget, boolean collectGarbage, Listener listener, Supplier<T> run) {
        T result = null;
        for (int w = 0; w < warmup; w++) {
            listener.warmup(w);
            result = run.get();
        }
        double[] times = new double[reps];
        int done = 0;
        double spent = 0;
        while (done < reps && (done == 0 || spent < budget)) {
            if (collectGarbage) {
                System.gc();
            }
            long t0 = System.nanoTime();
            result = run.get();
            double s = (System.nanoTime() - t0) * 1e-9;
            times[done++] = s;
            spent += s;
            listener.timed(done, s);
        }
        return new Result<>(result, median(times, done), done);
    }

    /**
     * @param times measured times (only the first {@code count} are used; the array is not modified)
     * @param count number of measurements, at least 1
     * @return the median of {@code times[0, count)}
     */
    static double median(double[] times, int count) {
        double[] used = Arrays.copyOf(times, count);
        Arrays.sort(used);
        return count % 2 == 1 ? used[count / 2] : 0.5 * (used[count / 2 - 1] + used[count / 2]);
    }
}
