package org.hadamard.sparse.evaluation;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.path.LambdaGrid;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.reference.GroupLassoBcd;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;
import org.tribuo.MutableDataset;
import org.tribuo.regression.Regressor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The paper's linear-model experiments. Each returns a Markdown section and writes PNGs.
 */
public final class Experiments {

    private Experiments() {}

    /** A named regression data set. */
    public record Data(String name, double[][] x, double[] y) {}

    // ---------------------------------------------------------------- 1. lasso path = CD path

    /**
     * The depth-2 (lasso) path against Tribuo's coordinate descent at every λ of the path.
     * @param sets the data sets
     * @param outDir where the PNG goes
     * @param progress progress lines
     * @return the Markdown section
     */
    public static String lassoPathVsCd(List<Data> sets, Path outDir, Consumer<String> progress) {
        StringBuilder md = new StringBuilder("## 1. The depth-2 path coincides with the coordinate-descent lasso path\n\n");
        md.append("Ours: `HadamardEngine.path` (glmnet grid of 100 λ, early stop), `standardize=false`. Reference: Tribuo's ")
                .append("`ElasticNetCDTrainer(λ, l1Ratio=1, tol=1e-10)`, one cold fit per λ. Gap = (F(ours) − F(CD)) / F(CD) with ")
                .append("F(β) = (1/2n)‖y − ȳ − (X − x̄)β‖² + λ‖β‖₁ recomputed from each coefficient vector on the raw data.\n\n");
        md.append("| data | n | p | λ values | max \\|gap\\| | max gap (ours worse) | λ with identical support |\n|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> names = new ArrayList<>();
        List<double[]> series = new ArrayList<>();
        double[] xs = null;
        for (Data d : sets) {
            progress.accept(String.format(Locale.ROOT, "1/3 lasso vs CD: %s (%d×%d): our path", d.name(), d.x().length, d.x()[0].length));
            Problem problem = Problems.denseRegression(d.x(), d.y(), null, false);
            RegularizationPath path = HadamardEngine.path(problem, Penalty.lasso(), 100, Double.NaN, HadamardEngine.defaultSolver());
            String[] fn = Synthetic.names(d.x()[0].length);
            MutableDataset<Regressor> ds = TribuoRegressionRows.dataset(d.x(), d.y(), fn);
            double worstAbs = 0;
            double worstPos = 0;
            int same = 0;
            double[] logGap = new double[path.size()];
            double[] logLambda = new double[path.size()];
            for (int l = 0; l < path.size(); l++) {
                if (l % 20 == 0) {
                    progress.accept(String.format(Locale.ROOT, "1/3 lasso vs CD: %s: CD fit %d/%d", d.name(), l + 1, path.size()));
                }
                double lambda = path.lambdas()[l];
                double[] ours = path.fit(l).beta();
                double[] cd = TribuoRegressionRows.cdLasso(ds, fn, lambda, 1e-10, 1);
                double a = Objectives.lasso(d.x(), d.y(), ours, lambda);
                double b = Objectives.lasso(d.x(), d.y(), cd, lambda);
                double gap = (a - b) / Math.abs(b);
                worstAbs = Math.max(worstAbs, Math.abs(gap));
                worstPos = Math.max(worstPos, gap);
                boolean eq = true;
                for (int j = 0; j < ours.length; j++) {
                    eq &= (ours[j] == 0) == (Math.abs(cd[j]) < 1e-12);
                }
                same += eq ? 1 : 0;
                logGap[l] = Math.log10(Math.abs(gap) + 1e-17);
                logLambda[l] = Math.log(lambda / path.lambdaMax());
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1e | %.1e | %d / %d |%n", d.name(), d.x().length, d.x()[0].length,
                    path.size(), worstAbs, worstPos, same, path.size()));
            if (xs == null || logLambda.length < xs.length) {
                xs = logLambda;
            }
            names.add(d.name());
            series.add(logGap);
        }
        for (int s = 0; s < series.size(); s++) {
            series.set(s, Arrays.copyOf(series.get(s), xs.length));
        }
        Charts.lines("Depth-2 path vs coordinate descent: relative objective gap", "log(λ / λ_max)",
                "log10 |F(ours) − F(CD)| / F(CD)", xs, names, series, outDir.resolve("1-lasso-vs-cd.png"));
        md.append("\n![gap](1-lasso-vs-cd.png)\n\n");
        return md.toString();
    }

    // ---------------------------------------------------------------- 2. group lasso

    /**
     * Group lasso: the depth-2 group path against an exact BCD solver, and deeper group
     * parametrizations (q = 2/3, 1/2) for sparsity and test error.
     * @param n training rows (paper: 200)
     * @param groups number of groups (40)
     * @param size group size (5)
     * @param informative informative groups (7)
     * @param nTest test rows (2000)
     * @param nLambda λ values (30)
     * @param seed seed
     * @param outDir PNG directory
     * @param progress progress
     * @return the Markdown section
     */
    public static String groupLasso(int n, int groups, int size, int informative, int nTest, int nLambda, long seed,
                                    Path outDir, Consumer<String> progress) {
        int p = groups * size;
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = Synthetic.ar1(n, p, 0, rng);
        double[][] xt = Synthetic.ar1(nTest, p, 0, rng);
        double[] beta = new double[p];
        int[] groupOf = new int[p];
        for (int j = 0; j < p; j++) {
            groupOf[j] = j / size;
        }
        int[] chosen = sample(groups, informative, rng);
        boolean[] truth = new boolean[groups];
        for (int g : chosen) {
            truth[g] = true;
            for (int a = 0; a < size; a++) {
                beta[g * size + a] = rng.nextGaussian();
            }
        }
        double[] y = Synthetic.response(x, beta, 1.0, rng);
        double[] yt = Synthetic.response(xt, beta, 1.0, rng);
        Problem problem = Problems.denseRegression(x, y, null, false);
        Penalty lasso = Penalty.group(groupOf, null, 1.0);
        GroupLassoBcd bcd = new GroupLassoBcd(x, y, groupOf, null);
        double lmax = bcd.lambdaMax();
        double[] grid = LambdaGrid.logSpaced(lmax, nLambda, 0.01);
        Solver solver = HadamardEngine.defaultSolver();
        progress.accept(String.format(Locale.ROOT, "2/3 group lasso: n=%d, p=%d (%d groups of %d), our q=1 path over %d λ", n, p, groups, size, nLambda));
        RegularizationPath ours = HadamardEngine.path(problem, lasso, grid, false, solver);
        progress.accept("2/3 group lasso: BCD reference path");
        double[] warm = null;
        double worstGap = 0;
        double worstKkt = 0;
        int sameSupport = 0;
        for (int l = 0; l < grid.length; l++) {
            GroupLassoBcd.Result r = bcd.solve(grid[l], warm, 1e-10, 100_000);
            warm = r.beta();
            worstKkt = Math.max(worstKkt, r.kktViolation());
            double a = Objectives.group(x, y, ours.fit(l).beta(), groupOf, weights(groups, size), grid[l], 1.0);
            double b = Objectives.group(x, y, r.beta(), groupOf, weights(groups, size), grid[l], 1.0);
            worstGap = Math.max(worstGap, Math.abs(a - b) / Math.abs(b));
            sameSupport += Arrays.equals(groupSupport(ours.fit(l).beta(), groups, size), groupSupport(r.beta(), groups, size)) ? 1 : 0;
        }
        StringBuilder md = new StringBuilder("## 2. Group lasso and deeper group parametrizations\n\n");
        md.append(String.format(Locale.ROOT, "n = %d, p = %d in %d groups of %d, %d informative groups, N(0,1) design, informative weights N(0,1), "
                + "noise N(0,1), %d λ log-spaced from λ_max to 0.01·λ_max, `standardize=false`, group weights √5; test set n = %d; seed %d.%n%n",
                n, p, groups, size, informative, nLambda, nTest, seed));
        md.append(String.format(Locale.ROOT, "Depth-2 group path (q = 1) vs the exact block-coordinate-descent reference (`GroupLassoBcd`, KKT ≤ 1e-10): "
                + "max relative objective gap over the path **%.1e**; same selected groups at %d / %d λ; worst reference KKT violation %.1e.%n%n",
                worstGap, sameSupport, grid.length, worstKkt));
        md.append("| q | best test MSE over the path | at λ/λ_max | groups selected there | true groups among them | groups at the q=1 optimum's λ | test MSE there |\n|---|---:|---:|---:|---:|---:|---:|\n");
        double[] qs = {1.0, 2.0 / 3, 0.5};
        List<String> names = new ArrayList<>();
        List<double[]> mse = new ArrayList<>();
        List<double[]> nnz = new ArrayList<>();
        double[] logL = new double[grid.length];
        for (int l = 0; l < grid.length; l++) {
            logL[l] = Math.log(grid[l] / lmax);
        }
        int bestIndexQ1 = -1;
        for (double q : qs) {
            progress.accept(String.format(Locale.ROOT, "2/3 group lasso: q = %.3g path", q));
            RegularizationPath path = q == 1.0 ? ours : HadamardEngine.path(problem, Penalty.group(groupOf, null, q), grid, false, solver);
            double[] m = new double[grid.length];
            double[] k = new double[grid.length];
            int best = 0;
            for (int l = 0; l < grid.length; l++) {
                Fit f = path.fit(l);
                m[l] = Synthetic.mse(xt, yt, f.beta(), f.intercept()[0]);
                k[l] = count(groupSupport(f.beta(), groups, size));
                if (m[l] < m[best]) {
                    best = l;
                }
            }
            if (q == 1.0) {
                bestIndexQ1 = best;
            }
            boolean[] sel = groupSupport(path.fit(best).beta(), groups, size);
            int hits = 0;
            for (int g = 0; g < groups; g++) {
                hits += sel[g] && truth[g] ? 1 : 0;
            }
            md.append(String.format(Locale.ROOT, "| %.3g | %.4f | %.3g | %d | %d / %d | %d | %.4f |%n", q, m[best], grid[best] / lmax, count(sel), hits,
                    informative, (int) k[bestIndexQ1], m[bestIndexQ1]));
            names.add(String.format(Locale.ROOT, "q = %.3g", q));
            mse.add(m);
            nnz.add(k);
        }
        md.append(String.format(Locale.ROOT, "%nNoise variance (the best achievable test MSE) is 1. Test MSE of the all-zero model: %.3f.%n%n",
                Synthetic.mse(xt, yt, new double[p], mean(y))));
        Charts.lines("Group penalties: test MSE along the path (n_test = " + nTest + ")", "log(λ / λ_max)", "test MSE", logL, names, mse,
                outDir.resolve("2-group-test-mse.png"));
        Charts.lines("Group penalties: selected groups along the path (" + informative + " true)", "log(λ / λ_max)", "non-zero groups", logL,
                names, nnz, outDir.resolve("2-group-sparsity.png"));
        md.append("![test MSE](2-group-test-mse.png)\n![groups](2-group-sparsity.png)\n\n");
        return md.toString();
    }

    private static double[] weights(int groups, int size) {
        double[] w = new double[groups];
        Arrays.fill(w, Math.sqrt(size));
        return w;
    }

    private static boolean[] groupSupport(double[] beta, int groups, int size) {
        boolean[] s = new boolean[groups];
        for (int j = 0; j < beta.length; j++) {
            s[j / size] |= beta[j] != 0;
        }
        return s;
    }

    private static int count(boolean[] b) {
        int c = 0;
        for (boolean v : b) {
            c += v ? 1 : 0;
        }
        return c;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double t : v) {
            s += t;
        }
        return s / v.length;
    }

    private static int[] sample(int range, int k, SplittableRandom rng) {
        int[] out = Arrays.copyOf(Folds.permutation(range, rng), k);
        Arrays.sort(out);
        return out;
    }

    // ---------------------------------------------------------------- 3. Lq vs lasso

    /** One replicate's numbers for one q. */
    private record Outcome(double f1, double error, int nonzero) {}

    /**
     * Lq against the lasso in high dimensions at the CV-chosen λ (λ_min).
     * @param n rows (100)
     * @param p columns (1000)
     * @param k true non-zeros (10)
     * @param rho AR(1) correlation (0.5)
     * @param snrs signal-to-noise ratios Var(xᵀβ)/σ²
     * @param qs exponents
     * @param replicates replicates per SNR
     * @param folds CV folds
     * @param nLambda λ values per path
     * @param minRatio smallest λ / λ_max of the CV grid
     * @param seed seed
     * @param threads worker threads
     * @param outDir PNG directory
     * @param progress progress
     * @return the Markdown section
     */
    public static String lqVsLasso(int n, int p, int k, double rho, double[] snrs, double[] qs, int replicates, int folds, int nLambda,
                                   double minRatio, long seed, int threads, Path outDir, Consumer<String> progress) {
        StringBuilder md = new StringBuilder("## 3. Lq versus the lasso in high dimensions\n\n");
        md.append(String.format(Locale.ROOT, "n = %d, p = %d, %d true non-zeros (±1, evenly spaced), AR(1) design ρ = %.2g; σ² = βᵀΣβ / SNR; "
                + "%d replicates per SNR; λ = λ_min of %d-fold CV (`sparse cv`'s logic; %d λ down to %s·λ_max; standardize=true); "
                + "F1 of the recovered support and ‖β̂ − β‖₂ (mean ± standard error over replicates).%n%n",
                n, p, k, rho, replicates, folds, nLambda, minRatio));
        md.append("| SNR | q | F1 | ‖β̂ − β‖₂ | non-zeros |\n|---:|---:|---:|---:|---:|\n");
        List<String> names = new ArrayList<>();
        List<double[]> f1Series = new ArrayList<>();
        List<double[]> errSeries = new ArrayList<>();
        double[][] f1Mean = new double[qs.length][snrs.length];
        double[][] errMean = new double[qs.length][snrs.length];
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            for (int s = 0; s < snrs.length; s++) {
                double snr = snrs[s];
                List<Future<Outcome[]>> jobs = new ArrayList<>();
                for (int r = 0; r < replicates; r++) {
                    final int rep = r;
                    final long repSeed = seed * 1_000_003L + s * 1009L + r;
                    jobs.add(pool.submit(() -> {
                        Outcome[] o = replicate(n, p, k, rho, snr, qs, folds, nLambda, minRatio, repSeed);
                        progress.accept(String.format(Locale.ROOT, "3/3 Lq vs lasso: SNR %.3g, replicate %d/%d done", snr, rep + 1, replicates));
                        return o;
                    }));
                }
                Outcome[][] all = new Outcome[replicates][];
                for (int r = 0; r < replicates; r++) {
                    all[r] = jobs.get(r).get();
                }
                for (int a = 0; a < qs.length; a++) {
                    double[] f1 = new double[replicates];
                    double[] err = new double[replicates];
                    double[] nz = new double[replicates];
                    for (int r = 0; r < replicates; r++) {
                        f1[r] = all[r][a].f1();
                        err[r] = all[r][a].error();
                        nz[r] = all[r][a].nonzero();
                    }
                    f1Mean[a][s] = mean(f1);
                    errMean[a][s] = mean(err);
                    md.append(String.format(Locale.ROOT, "| %.3g | %.3g | %.3f ± %.3f | %.3f ± %.3f | %.1f |%n", snr, qs[a], mean(f1), se(f1),
                            mean(err), se(err), mean(nz)));
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("experiment 3 failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        double[] logSnr = new double[snrs.length];
        for (int s = 0; s < snrs.length; s++) {
            logSnr[s] = Math.log10(snrs[s]);
        }
        for (int a = 0; a < qs.length; a++) {
            names.add(String.format(Locale.ROOT, "q = %.3g", qs[a]));
            f1Series.add(f1Mean[a]);
            errSeries.add(errMean[a]);
        }
        Charts.lines("Support recovery at the CV-chosen λ", "log10(SNR)", "F1 (mean over replicates)", logSnr, names, f1Series,
                outDir.resolve("3-lq-f1.png"));
        Charts.lines("Estimation error at the CV-chosen λ", "log10(SNR)", "‖β̂ − β‖₂ (mean over replicates)", logSnr, names, errSeries,
                outDir.resolve("3-lq-error.png"));
        md.append("\n![F1](3-lq-f1.png)\n![error](3-lq-error.png)\n\n");
        return md.toString();
    }

    private static Outcome[] replicate(int n, int p, int k, double rho, double snr, double[] qs, int folds, int nLambda, double minRatio, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[][] x = Synthetic.ar1(n, p, rho, rng);
        double[] beta = new double[p];
        int step = p / k;
        for (int a = 0; a < k; a++) {
            beta[a * step] = a % 2 == 0 ? 1 : -1;
        }
        // βᵀΣβ with Σ_jl = ρ^|j−l|.
        double signal = 0;
        for (int a = 0; a < p; a++) {
            if (beta[a] == 0) {
                continue;
            }
            for (int b = 0; b < p; b++) {
                if (beta[b] != 0) {
                    signal += beta[a] * beta[b] * Math.pow(rho, Math.abs(a - b));
                }
            }
        }
        double sigma = Math.sqrt(signal / snr);
        double[] y = Synthetic.response(x, beta, sigma, rng);
        CvTask task = CvTasks.regression(x, y);
        Outcome[] out = new Outcome[qs.length];
        for (int a = 0; a < qs.length; a++) {
            Penalty pen = qs[a] == 1.0 ? Penalty.lasso() : Penalty.lq(qs[a]);
            CvResult cv = new CrossValidator(folds, seed, nLambda, minRatio, true).run(task, pen, HadamardEngine.defaultSolver(), null);
            Fit fit = cv.selected(Measure.MSE, false);
            double[] b = fit.beta();
            int tp = 0;
            int selected = 0;
            double err = 0;
            for (int j = 0; j < p; j++) {
                boolean s = b[j] != 0;
                selected += s ? 1 : 0;
                tp += s && beta[j] != 0 ? 1 : 0;
                err += (b[j] - beta[j]) * (b[j] - beta[j]);
            }
            double precision = selected == 0 ? 0 : (double) tp / selected;
            double recall = (double) tp / k;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            out[a] = new Outcome(f1, Math.sqrt(err), selected);
        }
        return out;
    }

    private static double se(double[] v) {
        if (v.length < 2) {
            return Double.NaN;
        }
        double m = mean(v);
        double s = 0;
        for (double t : v) {
            s += (t - m) * (t - m);
        }
        return Math.sqrt(s / (v.length - 1) / v.length);
    }
}
