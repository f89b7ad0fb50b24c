package org.hadamard.sparse.cli;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.evaluation.Objectives;
import org.hadamard.sparse.evaluation.TribuoRegressionRows;
import org.hadamard.sparse.loss.SquaredLoss;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.DenseDesign;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.problem.SparseDesign;
import org.hadamard.sparse.reference.CdLassoPath;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.StochasticSolver;
import org.tribuo.MutableDataset;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;

/**
 * The grown parts of {@code bench}: path time against coordinate descent, SGD epoch time against one
 * bare pass over the data, and peak heap against the data's size. All in one JVM, with warm-up runs
 * and medians; every ratio printed is measured in the same run.
 */
final class BenchExtras {

    private final PrintWriter out;
    private final PrintWriter err;
    private final int reps;
    private final int warmup;
    private final double warmupSeconds;
    private final long seed;

    BenchExtras(PrintWriter out, PrintWriter err, int reps, int warmup, double warmupSeconds, long seed) {
        this.out = out;
        this.err = err;
        this.reps = reps;
        this.warmup = warmup;
        this.warmupSeconds = warmupSeconds;
        this.seed = seed;
    }

    private void progress(String format, Object... args) {
        err.printf(Locale.ROOT, "bench: " + format + "%n", args);
        err.flush();
    }

    private double median(String what, int repetitions, DoubleSupplier run) {
        // Warm up until both the run count and the time are reached: the JIT compiles a long method
        // (a Newton solver) later than a short loop (coordinate descent), and a fixed small count
        // would time the first against its interpreter.
        double spent = 0;
        for (int w = 0; w < warmup || spent < warmupSeconds; w++) {
            spent += run.getAsDouble();
        }
        double[] t = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            t[r] = run.getAsDouble();
        }
        Arrays.sort(t);
        double m = repetitions % 2 == 1 ? t[repetitions / 2] : 0.5 * (t[repetitions / 2 - 1] + t[repetitions / 2]);
        progress("%s: median %.4f s of %d", what, m, repetitions);
        return m;
    }

    /** Medians and minima of two methods timed alternately (after the same warm-up rule as {@link #median}). */
    private double[] interleavedMedians(String what, DoubleSupplier a, DoubleSupplier b) {
        double spent = 0;
        for (int w = 0; w < warmup || spent < 2 * warmupSeconds; w++) {
            spent += a.getAsDouble() + b.getAsDouble();
        }
        int r = Math.max(5, reps);
        double[] ta = new double[r];
        double[] tb = new double[r];
        for (int i = 0; i < r; i++) {
            ta[i] = a.getAsDouble();
            tb[i] = b.getAsDouble();
        }
        double[] m = {medianOf(ta), medianOf(tb), Arrays.stream(ta).min().orElse(Double.NaN), Arrays.stream(tb).min().orElse(Double.NaN)};
        progress("%s: medians %.4f s and %.4f s, minima %.4f s and %.4f s of %d", what, m[0], m[1], m[2], m[3], r);
        return m;
    }

    private static double seconds(Runnable r) {
        long t0 = System.nanoTime();
        r.run();
        return (System.nanoTime() - t0) * 1e-9;
    }

    /** Path: 100 λ (glmnet grid), warm starts, ours vs Tribuo CD (cold per λ) vs a warm-started CD. */
    void paths(java.util.List<String> specs, java.util.function.Function<String, double[][][]> data) {
        out.println();
        out.println("Lasso PATH, 100 λ on glmnet's grid (λ_max down to 1e-4·λ_max if n > p, else 1e-2·λ_max), no early stop, standardize = false.");
        out.println("ours = HadamardEngine.path (warm starts); Tribuo CD = ElasticNetCDTrainer(tol 1e-8) trained cold at each λ (it has no warm");
        out.println("start); warm CD = the reference cyclic coordinate descent in evaluation (reference.CdLassoPath: warm starts, active-set");
        out.println("cycling, tol 1e-10 of the null deviance); ours and warm CD run alternately after a warm-up of at least --warmup runs and");
        out.println("--warmup-seconds each; times are medians, 'min ratio' is the ratio of the two methods' fastest runs (on a shared");
        out.println("machine the least disturbed). Goal: ours ≤ 1.5× a coordinate-descent path.");
        out.printf(Locale.ROOT, "%-10s %6s %6s %10s %13s %10s %13s %12s %12s  %s%n", "problem", "n", "p", "ours [s]", "Tribuo CD [s]", "warm CD [s]",
                "ours/TribuoCD", "ours/warmCD", "min ratio", "max rel. objective gap ours vs warm CD");
        for (String spec : specs) {
            double[][][] xy = data.apply(spec);
            double[][] x = xy[0];
            double[] y = xy[1][0];
            int n = x.length;
            int p = x[0].length;
            Problem reference = Problems.denseRegression(x, y, null, false);
            double lmax = HadamardEngine.lambdaMax(reference, Penalty.lasso());
            double[] grid = LambdaGrid.logSpaced(lmax, 100, LambdaGrid.defaultMinRatio(n, p));
            RegularizationPath[] ours = new RegularizationPath[1];
            double[][][] warm = new double[1][][];
            DoubleSupplier runOurs = () -> seconds(() ->
                    ours[0] = HadamardEngine.path(Problems.denseRegression(x, y, null, false), Penalty.lasso(), grid, false,
                            HadamardEngine.defaultSolver()));
            DoubleSupplier runWarm = () -> seconds(() -> warm[0] = new CdLassoPath(x, y).path(grid, 1e-10));
            // Ours and the warm CD path alternate, so that load from other processes hits both alike.
            double[] pair = interleavedMedians(spec + " path ours / warm CD", runOurs, runWarm);
            double tOurs = pair[0];
            double tWarm = pair[1];
            double minRatio = pair[2] / pair[3];
            String[] names = org.hadamard.sparse.evaluation.Synthetic.names(p);
            MutableDataset<Regressor> ds = TribuoRegressionRows.dataset(x, y, names);
            double tCd = median(spec + " path Tribuo CD (cold)", Math.max(1, Math.min(reps, 3)), () -> seconds(() -> {
                for (double l : grid) {
                    TribuoRegressionRows.cdLasso(ds, names, l, 1e-8, seed);
                }
            }));
            double gap = 0;
            for (int l = 0; l < grid.length; l++) {
                double a = Objectives.lasso(x, y, ours[0].fit(l).beta(), grid[l]);
                double b = Objectives.lasso(x, y, warm[0][l], grid[l]);
                gap = Math.max(gap, (a - b) / Math.abs(b));
            }
            out.printf(Locale.ROOT, "%-10s %6d %6d %10.4f %13.4f %10.4f %13.3f %12.3f %12.3f  %+.1e%n", spec, n, p, tOurs, tCd, tWarm,
                    tOurs / tCd, tOurs / tWarm, minRatio, gap);
            out.flush();
        }
    }

    /** SGD epoch time vs one bare pass (Xβ and Xᵀr), dense and CSR. */
    void epochs(int n, int p, double density) {
        out.println();
        out.println("SGD time per epoch vs one bare pass over the same data. StochasticSolver: AdaGrad 0.1, minibatch 32, lasso at 0.1·λ_max,");
        out.println("tolerance 0 (every epoch runs; each epoch also computes the previous epoch's full-data objective for the stopping");
        out.println("rule, on the rows it reads anyway). epoch = marginal cost (T(15 epochs) − T(5 epochs)) / 10, which leaves out the");
        out.println("once-per-fit work (setup, last epoch's objective, zeroing and the exact final certificate); 'amort.' = T(5 epochs) / 5,");
        out.println("the old definition, which spreads that work over 5 epochs. Bare pass = plain sequential loops over the stored entries");
        out.println("computing Xβ (dense rows with the engine's 4-accumulator dot) and then Xᵀr. SGD visits rows in random order, which");
        out.println("on data larger than the caches costs about 2× a sequential pass by itself (dense batches read 4 rows at once to hide");
        out.println("part of it). Fits and bare passes are interleaved and the medians are shown. Goal: epoch ≤ 2× a bare pass.");
        out.println("AdaGrad floor = the optimizer work no AdaGrad-on-factors epoch can skip, timed alone: per minibatch of the same");
        out.println("shuffled rows, find the distinct columns the batch touches and take one AdaGrad step on both factors of each (2 square");
        out.println("roots, 2 divisions), with no data products at all. Where the floor alone exceeds 2 bare passes, the goal is out of reach.");
        out.printf(Locale.ROOT, "%-24s %8s %6s %10s %12s %14s %8s %14s %8s %18s %11s%n", "input", "n", "p", "stored", "epoch [s]", "bare pass [s]",
                "ratio", "amort. [s]", "ratio", "AdaGrad floor [s]", "floor/bare");
        SplittableRandom rng = new SplittableRandom(seed);
        // Dense.
        double[] flat = new double[n * p];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = rng.nextGaussian();
        }
        double[] beta = new double[p];
        for (int j = 0; j < Math.min(10, p); j++) {
            beta[j * (p / Math.min(10, p))] = 1;
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                s += flat[i * p + j] * beta[j];
            }
            y[i] = s + rng.nextGaussian();
        }
        epochRow("dense", n, p, (long) n * p, () -> {
            double[] omega = Problems.normalizedWeights(null, n);
            return new Problem(new DenseDesign(n, p, flat, omega, false), new SquaredLoss(y, omega));
        }, () -> barePassDense(flat, n, p, y), floorRng -> adaGradFloor(null, null, null, n, p, floorRng));
        // CSR: ten times the columns, 1% of them stored per row.
        final int ps = 10 * p;
        double[] betaS = new double[ps];
        for (int j = 0; j < 10; j++) {
            betaS[j * (ps / 10)] = 1;
        }
        int[] rowStart = new int[n + 1];
        java.util.List<int[]> cols = new java.util.ArrayList<>();
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            int[] c = rng.ints(0, ps).distinct().limit(Math.max(1, Math.round(density * ps))).sorted().toArray();
            cols.add(c);
            nnz += c.length;
            rowStart[i + 1] = nnz;
        }
        int[] colIndex = new int[nnz];
        double[] values = new double[nnz];
        double[] ys = new double[n];
        for (int i = 0, k = 0; i < n; i++) {
            double s = 0;
            for (int c : cols.get(i)) {
                colIndex[k] = c;
                values[k] = rng.nextGaussian();
                s += values[k] * betaS[c];
                k++;
            }
            ys[i] = s + 0.1 * rng.nextGaussian();
        }
        final int stored = nnz;
        epochRow(String.format(Locale.ROOT, "sparse CSR (%.1f%% dense)", 100 * density), n, ps, stored, () -> {
            double[] omega = Problems.normalizedWeights(null, n);
            return new Problem(new SparseDesign(n, ps, rowStart, colIndex, values, omega, false), new SquaredLoss(ys, omega));
        }, () -> barePassSparse(rowStart, colIndex, values, n, ps, ys), floorRng -> adaGradFloor(rowStart, colIndex, values, n, ps, floorRng));
    }

    private void epochRow(String label, int n, int p, long stored, java.util.function.Supplier<Problem> problem, DoubleSupplier bare,
                          java.util.function.ToDoubleFunction<SplittableRandom> floor) {
        SplittableRandom floorRng = new SplittableRandom(seed);
        Problem first = problem.get();
        double lambda = 0.1 * HadamardEngine.lambdaMax(first, Penalty.lasso());
        StochasticSolver few = new StochasticSolver(new AdaGrad(0.1, 1e-6), EPOCHS_FEW, 32, 0.0, seed);
        StochasticSolver many = new StochasticSolver(new AdaGrad(0.1, 1e-6), EPOCHS_MANY, 32, 0.0, seed);
        java.util.function.ToDoubleFunction<StochasticSolver> fitTime = sgd -> {
            Problem pr = problem.get();
            long t0 = System.nanoTime();
            Fit f = HadamardEngine.fit(pr, Penalty.lasso(), lambda, sgd);
            if (f.certificate().iterations() != sgd.epochs()) {
                throw new IllegalStateException("expected " + sgd.epochs() + " epochs, got " + f.certificate().iterations());
            }
            return (System.nanoTime() - t0) * 1e-9;
        };
        double spent = 0;
        for (int w = 0; w < warmup || spent < warmupSeconds; w++) {
            spent += fitTime.applyAsDouble(few);
            spent += fitTime.applyAsDouble(many);
            spent += bare.getAsDouble();
            spent += floor.applyAsDouble(floorRng);
        }
        // Interleaved so that load from other processes hits all of them alike.
        int r = Math.max(5, reps);
        double[] tFew = new double[r];
        double[] tMany = new double[r];
        double[] tBare = new double[r];
        double[] tFloor = new double[r];
        for (int i = 0; i < r; i++) {
            tFew[i] = fitTime.applyAsDouble(few);
            tMany[i] = fitTime.applyAsDouble(many);
            tBare[i] = bare.getAsDouble();
            tFloor[i] = floor.applyAsDouble(floorRng);
        }
        double fl = medianOf(tFloor);
        double few5 = medianOf(tFew);
        double many15 = medianOf(tMany);
        double b = medianOf(tBare);
        double marginal = (many15 - few5) / (EPOCHS_MANY - EPOCHS_FEW);
        double amortized = few5 / EPOCHS_FEW;
        progress("%s: fit %d epochs %.4f s, %d epochs %.4f s, bare pass %.4f s (medians of %d)", label, EPOCHS_FEW, few5,
                EPOCHS_MANY, many15, b, r);
        out.printf(Locale.ROOT, "%-24s %8d %6d %10d %12.5f %14.5f %8.2f %14.5f %8.2f %18.5f %11.2f%n", label, n, p, stored, marginal, b,
                marginal / b, amortized, amortized / b, fl, fl / b);
        out.flush();
    }

    private static final int EPOCHS_FEW = 5;
    private static final int EPOCHS_MANY = 15;

    private static double medianOf(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        int m = s.length;
        return m % 2 == 1 ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }

    private static volatile double sink;

    private static double barePassDense(double[] x, int n, int p, double[] y) {
        double[] b = new double[p];
        Arrays.fill(b, 0.01);
        double[] r = new double[n];
        double[] g = new double[p];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            // The engine's own dense dot-product kernel (a fair floor).
            r[i] = org.hadamard.sparse.problem.DenseKernels.dot(x, i * p, b, 0, p) - y[i];
        }
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            int off = i * p;
            for (int j = 0; j < p; j++) {
                g[j] += x[off + j] * ri;
            }
        }
        double t = (System.nanoTime() - t0) * 1e-9;
        sink = g[0] + g[p - 1];
        return t;
    }

    /**
     * One epoch's unavoidable AdaGrad work on the factors (u_j, v_j), timed alone: minibatches of 32
     * shuffled rows; per batch the distinct columns its nonzero entries touch (all columns if rowStart
     * is null: a dense design), and for each one AdaGrad step on u_j and on v_j with a synthetic gradient.
     */
    private static double adaGradFloor(int[] rowStart, int[] col, double[] v, int n, int p, SplittableRandom rng) {
        int[] perm = org.hadamard.sparse.evaluation.Folds.permutation(n, rng);
        double[] u = new double[p];
        double[] w = new double[p];
        double[] gu = new double[p];
        double[] gw = new double[p];
        Arrays.fill(u, 0.1);
        Arrays.fill(w, 0.1);
        int[] stamp = new int[p];
        int[] touched = new int[p];
        long t0 = System.nanoTime();
        int mark = 0;
        for (int from = 0; from < n; from += 32) {
            int to = Math.min(n, from + 32);
            int nb = 0;
            if (rowStart == null) {
                for (int j = 0; j < p; j++) {
                    touched[nb++] = j;
                }
            } else {
                mark++;
                for (int t = from; t < to; t++) {
                    int i = perm[t];
                    for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                        int j = col[k];
                        if (v[k] != 0.0 && stamp[j] != mark) {
                            stamp[j] = mark;
                            touched[nb++] = j;
                        }
                    }
                }
            }
            for (int q = 0; q < nb; q++) {
                int j = touched[q];
                double g = 1e-3 * ((q & 7) - 3.5);
                double du = -(g * w[j] + 1e-4 * u[j]);
                double dw = -(g * u[j] + 1e-4 * w[j]);
                gu[j] += du * du;
                gw[j] += dw * dw;
                u[j] += du * (0.1 / (1e-6 + Math.sqrt(gu[j])));
                w[j] += dw * (0.1 / (1e-6 + Math.sqrt(gw[j])));
            }
        }
        double t = (System.nanoTime() - t0) * 1e-9;
        sink = u[0] + w[p - 1];
        return t;
    }

    private static double barePassSparse(int[] rowStart, int[] col, double[] v, int n, int p, double[] y) {
        double[] b = new double[p];
        Arrays.fill(b, 0.01);
        double[] r = new double[n];
        double[] g = new double[p];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                s += v[k] * b[col[k]];
            }
            r[i] = s - y[i];
        }
        for (int i = 0; i < n; i++) {
            double ri = r[i];
            for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
                g[col[k]] += v[k] * ri;
            }
        }
        double t = (System.nanoTime() - t0) * 1e-9;
        sink = g[0] + g[p - 1];
        return t;
    }

    /** Peak heap during a full-batch fit and a 100-λ path against the data's size. */
    void memory(int n, int p) {
        out.println();
        out.println("Peak heap vs data size (dense n×p doubles + y). Method: System.gc() twice, baseline = heap used (data already");
        out.println("allocated); reset every heap pool's peak (MemoryPoolMXBean.resetPeakUsage); run; peak = Σ pools' peak used − baseline.");
        out.println("This is an UPPER bound on the live overhead: it includes garbage not yet collected (young generation). 'retained' = heap");
        out.println("used after GC with the result still referenced − baseline. G1 accounts young-generation use by region, so");
        out.println("small transients may not show in 'peak'; 'allocated' (ThreadMXBean.getThreadAllocatedBytes of the running thread)");
        out.println("is the total allocated during the run, an upper bound on any transient peak. Goal: peak overhead ≤ 2× data.");
        out.printf(Locale.ROOT, "%-28s %8s %6s %11s %11s %13s %15s %8s %14s%n", "run", "n", "p", "data [MB]", "peak [MB]", "retained [MB]",
                "allocated [MB]", "peak/data", "allocated/data");
        SplittableRandom rng = new SplittableRandom(seed + 7);
        double[] flat = new double[n * p];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = rng.nextGaussian();
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = flat[i * p] - flat[i * p + 1] + rng.nextGaussian();
        }
        double dataMb = (8.0 * n * p + 8.0 * n) / 1e6;
        double lmax = HadamardEngine.lambdaMax(Problems.denseRegression(n, p, flat, y, null, false), Penalty.lasso());
        memoryRow("fit at 0.1·λ_max", n, p, dataMb, () -> HadamardEngine.fit(Problems.denseRegression(n, p, flat, y, null, false),
                Penalty.lasso(), 0.1 * lmax, HadamardEngine.defaultSolver()));
        memoryRow("path, 100 λ (all fits kept)", n, p, dataMb, () -> HadamardEngine.path(Problems.denseRegression(n, p, flat, y, null, false),
                Penalty.lasso(), 100, Double.NaN, HadamardEngine.defaultSolver()));
    }

    private void memoryRow(String label, int n, int p, double dataMb, java.util.function.Supplier<Object> run) {
        run.get();  // warm-up (class loading, JIT)
        java.util.List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(b -> b.getType() == MemoryType.HEAP).toList();
        System.gc();
        System.gc();
        long base = used(pools);
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long alloc0 = threads.getThreadAllocatedBytes(tid);
        Object result = run.get();
        double allocatedMb = (threads.getThreadAllocatedBytes(tid) - alloc0) / 1e6;
        long peak = pools.stream().mapToLong(b -> b.getPeakUsage().getUsed()).sum();
        System.gc();
        System.gc();
        long retained = used(pools);
        sink = result.hashCode();
        double peakMb = (peak - base) / 1e6;
        double retainedMb = (retained - base) / 1e6;
        progress("memory %s: peak %.1f MB, retained %.1f MB, allocated %.1f MB", label, peakMb, retainedMb, allocatedMb);
        out.printf(Locale.ROOT, "%-28s %8d %6d %11.1f %11.1f %13.1f %15.1f %8.2f %14.2f%n", label, n, p, dataMb, peakMb, retainedMb,
                allocatedMb, peakMb / dataMb, allocatedMb / dataMb);
        out.flush();
    }

    private static long used(java.util.List<MemoryPoolMXBean> pools) {
        return pools.stream().mapToLong(b -> b.getUsage().getUsed()).sum();
    }
}
