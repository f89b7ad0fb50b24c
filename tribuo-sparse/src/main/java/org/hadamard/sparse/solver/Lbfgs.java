package org.hadamard.sparse.solver;

/**
 * Limited-memory BFGS with a backtracking Armijo line search (cubic-free, safeguarded quadratic
 * interpolation) and curvature-skipped updates. All buffers are allocated once per instance and
 * reused across calls; it never allocates inside an iteration.
 * <p>
 * Stops when the caller's {@link Monitor} says so, when no step decreases f, or after a budget of
 * iterations.
 */
public final class Lbfgs {

    /** Decides after each accepted step whether the caller's own optimality test is met. */
    @FunctionalInterface
    public interface Monitor {
        /**
         * @param x the current point
         * @param f f(x)
         * @param grad ∇f(x)
         * @return true to stop
         */
        boolean done(double[] x, double f, double[] grad);
    }

    /** How a run ended. */
    public enum Status {
        /** The monitor was satisfied. */
        MONITOR,
        /** No descent step could be found: a numerical stationary point. */
        STALLED,
        /** The iteration budget ran out. */
        BUDGET
    }

    private final int memory;
    private double[][] s;
    private double[][] y;
    private double[] rho;
    private double[] alpha;
    private double[] g;
    private double[] gNew;
    private double[] xNew;
    private double[] d;
    private int capacity = -1;
    private int iterations;
    private int evaluations;

    /**
     * @param memory the number of correction pairs (10 is the usual choice)
     */
    public Lbfgs(int memory) {
        if (memory < 1) {
            throw new IllegalArgumentException("L-BFGS memory must be >= 1");
        }
        this.memory = memory;
    }

    private void ensure(int dim) {
        if (dim <= capacity) {
            return;
        }
        capacity = dim;
        s = new double[memory][dim];
        y = new double[memory][dim];
        rho = new double[memory];
        alpha = new double[memory];
        g = new double[dim];
        gNew = new double[dim];
        xNew = new double[dim];
        d = new double[dim];
    }

    /** @return iterations of the last run */
    public int iterations() { return iterations; }

    /** @return function evaluations of the last run */
    public int evaluations() { return evaluations; }

    /**
     * Minimizes f from x (overwritten with the result).
     * @param f the function
     * @param x start point, length ≥ dim; receives the result
     * @param dim number of variables used (a prefix of x)
     * @param maxIterations iteration budget
     * @param monitor the caller's stopping test
     * @return why it stopped
     */
    public Status minimize(DifferentiableFunction f, double[] x, int dim, int maxIterations, Monitor monitor) {
        return minimize(f, x, dim, maxIterations, monitor, null);
    }

    /**
     * Minimizes f from x with a diagonal preconditioner: the initial inverse Hessian of the two-loop
     * recursion is γ·diag(precond) instead of γ·I, where γ is fitted to the latest pair in that metric.
     * @param f the function
     * @param x start point, length ≥ dim; receives the result
     * @param dim number of variables used (a prefix of x)
     * @param maxIterations iteration budget
     * @param monitor the caller's stopping test
     * @param precond positive inverse-curvature estimates per variable, or null
     * @return why it stopped
     */
    public Status minimize(DifferentiableFunction f, double[] x, int dim, int maxIterations, Monitor monitor, double[] precond) {
        ensure(Math.max(dim, 1));
        iterations = 0;
        evaluations = 1;
        double[] xv = dim == x.length ? x : java.util.Arrays.copyOf(x, dim);
        double fx = f.valueAndGradient(xv, g);
        if (monitor.done(xv, fx, g)) {
            copyBack(xv, x, dim);
            return Status.MONITOR;
        }
        int stored = 0;
        int head = 0;
        boolean fresh = true;
        Status status = Status.BUDGET;
        while (iterations < maxIterations) {
            // Two-loop recursion: d = −H·g.
            for (int i = 0; i < dim; i++) {
                d[i] = -g[i];
            }
            for (int t = 0; t < stored; t++) {
                int idx = (head - 1 - t + memory) % memory;
                double a = rho[idx] * dot(s[idx], d, dim);
                alpha[idx] = a;
                axpy(-a, y[idx], d, dim);
            }
            double gamma = 1.0;
            if (stored > 0) {
                int last = (head - 1 + memory) % memory;
                double yPy = 0;
                for (int i = 0; i < dim; i++) {
                    double yi = y[last][i];
                    yPy += yi * yi * (precond == null ? 1.0 : precond[i]);
                }
                gamma = dot(s[last], y[last], dim) / yPy;
            }
            for (int i = 0; i < dim; i++) {
                d[i] *= precond == null ? gamma : gamma * precond[i];
            }
            for (int t = stored - 1; t >= 0; t--) {
                int idx = (head - 1 - t + memory) % memory;
                double b = rho[idx] * dot(y[idx], d, dim);
                axpy(alpha[idx] - b, s[idx], d, dim);
            }
            double slope = dot(g, d, dim);
            if (!(slope < 0)) {
                // Not a descent direction (lost positive definiteness): restart from steepest descent.
                for (int i = 0; i < dim; i++) {
                    d[i] = -g[i];
                }
                slope = dot(g, d, dim);
                stored = 0;
                fresh = true;
                if (!(slope < 0)) {
                    status = Status.STALLED;
                    break;
                }
            }
            double step = 1.0;
            if (fresh && (precond == null || stored == 0 && slope == -dot(g, g, dim))) {
                double dn = Math.sqrt(dot(d, d, dim));
                step = Math.min(1.0, 1.0 / Math.max(dn, 1e-300));
            }
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < dim; i++) {
                    xNew[i] = xv[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                evaluations++;
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                // Hager and Zhang's approximate Wolfe test: once f changes at rounding level, judge the
                // step by the directional derivative, which stays accurate where f differences do not.
                if (Double.isFinite(fNew) && fNew <= fx + 1e-13 * Math.abs(fx)) {
                    double slopeNew = dot(gNew, d, dim);
                    if (slopeNew >= 0.9 * slope && slopeNew <= -0.8 * slope) {
                        accepted = true;
                        break;
                    }
                }
                // Safeguarded minimizer of the quadratic through f(x), f'(x) and f(x + step·d).
                double next = Double.isFinite(fNew) ? -slope * step * step / (2 * (fNew - fx - slope * step)) : 0.1 * step;
                step = Math.min(0.5 * step, Math.max(0.1 * step, next));
            }
            if (!accepted) {
                if (fresh) {
                    status = Status.STALLED;
                    break;
                }
                stored = 0;
                fresh = true;
                continue;
            }
            // Correction pair.
            double sy = 0;
            double yy = 0;
            double[] sv = s[head];
            double[] yv = y[head];
            for (int i = 0; i < dim; i++) {
                sv[i] = xNew[i] - xv[i];
                yv[i] = gNew[i] - g[i];
                sy += sv[i] * yv[i];
                yy += yv[i] * yv[i];
            }
            if (sy > 1e-12 * yy && sy > 0) {
                rho[head] = 1.0 / sy;
                head = (head + 1) % memory;
                stored = Math.min(stored + 1, memory);
            }
            System.arraycopy(xNew, 0, xv, 0, dim);
            System.arraycopy(gNew, 0, g, 0, dim);
            double decrease = fx - fNew;
            fx = fNew;
            fresh = false;
            iterations++;
            if (monitor.done(xv, fx, g)) {
                status = Status.MONITOR;
                break;
            }
            if (Math.abs(decrease) <= 1e-16 * Math.max(1.0, Math.abs(fx)) && step * Math.sqrt(dot(d, d, dim)) < 1e-15 * Math.max(1.0, Math.sqrt(dot(xv, xv, dim)))) {
                status = Status.STALLED;
                break;
            }
        }
        copyBack(xv, x, dim);
        return status;
    }

    private static void copyBack(double[] from, double[] to, int dim) {
        if (from != to) {
            System.arraycopy(from, 0, to, 0, dim);
        }
    }

    private static double dot(double[] a, double[] b, int dim) {
        double r = 0;
        for (int i = 0; i < dim; i++) {
            r += a[i] * b[i];
        }
        return r;
    }

    private static void axpy(double a, double[] x, double[] y, int dim) {
        for (int i = 0; i < dim; i++) {
            y[i] += a * x[i];
        }
    }
}
