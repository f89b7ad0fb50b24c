package org.hadamard.sparse.cli;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.path.RegularizationPath;
import org.hadamard.sparse.solver.Fit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code sparse path}: a warm-started regularization path, written as JSON.
 */
@Command(name = "path", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Fits a regularization path (warm-started, decreasing λ) and writes JSON.",
                "",
                "Output: {\"lambda_max\": …, \"lambdas\": […], \"fits\": [{…}, …]}, one fit",
                "object per λ with the fields of 'fit'.",
                "Default grid (glmnet's): --nlambda values log-spaced from λ_max down to",
                "--lambda-min-ratio·λ_max, stopping early like glmnet once the deviance",
                "explained exceeds 0.999 or stops changing. With --lambdas every listed",
                "value is fitted, in decreasing order, without early stop.",
                ""
        })
public final class PathCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions options;

    @Option(names = "--nlambda", paramLabel = "N", description = "Number of λ values on the default grid. Default: 100.")
    Integer nlambda;

    @Option(names = "--lambda-min-ratio", paramLabel = "R",
            description = "Smallest λ / λ_max on the default grid, in (0, 1). Default: 1e-4 if n > p, else 1e-2.")
    Double minRatio;

    @Option(names = "--lambdas", split = ",", paramLabel = "L", description = "Explicit comma-separated λ values (≥ 0), e.g. 10,1,0.1, instead of the default grid.")
    double[] lambdas;

    @Option(names = "--out", required = true, paramLabel = "PATH.json", description = "Where to write the JSON ('-' for standard output).")
    Path out;

    @Option(names = "--plot", paramLabel = "PATH.png",
            description = "Also draw the coefficient paths against log λ (λ decreasing to the right; the largest coefficients labelled at the right end) as a PNG. Coefficients are drawn as β_j·sd_j (the effect of one standard deviation of the feature) so that features on different scales are comparable.")
    Path plot;

    @Option(names = "--plot-labels", defaultValue = "10", paramLabel = "N", description = "How many of the largest coefficients to label in --plot. Default: ${DEFAULT-VALUE}.")
    int plotLabels;

    @Override
    public Integer call() {
        if (lambdas != null) {
            if (nlambda != null || minRatio != null) {
                throw new CliException("--lambdas cannot be combined with --nlambda or --lambda-min-ratio");
            }
            for (double l : lambdas) {
                if (!(l >= 0) || Double.isInfinite(l)) {
                    throw new CliException("--lambdas values must be finite and >= 0, got " + l);
                }
            }
        }
        if (nlambda != null && nlambda < 1) {
            throw new CliException("--nlambda must be >= 1, got " + nlambda);
        }
        if (minRatio != null && !(minRatio > 0 && minRatio < 1)) {
            throw new CliException("--lambda-min-ratio must be in (0, 1), got " + minRatio);
        }
        ProblemOptions.Setup s = options.setup();
        RegularizationPath path = lambdas != null
                ? HadamardEngine.path(s.problem(), s.penalty(), lambdas, false, s.solver())
                : HadamardEngine.path(s.problem(), s.penalty(), nlambda == null ? 100 : nlambda,
                        minRatio == null ? Double.NaN : minRatio, s.solver());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("penalty", s.penaltyName());
        json.put("task", options.task.name());
        if (s.levels() != null) {
            json.put("classes", java.util.List.of(s.levels()));
        }
        json.put("standardize", options.standardize);
        json.putAll(Results.path(path, s.features(), s.classes()));
        Results.write(json, out, spec.commandLine().getOut());
        if (plot != null) {
            PathPlot.write(path, s.x(), s.features(), plotLabels,
                    s.penaltyName() + " path, " + options.data.getFileName(), plot);
        }
        boolean converged = path.fits().stream().allMatch(f -> f.certificate().converged());
        if (!out.toString().equals("-")) {
            Fit last = path.fit(path.size() - 1);
            spec.commandLine().getErr().printf("path: %s, %d λ values from %.6g to %.6g, %d non-zero at the end, %s; wrote %s%n",
                    s.penaltyName(), path.size(), path.lambdas()[0], last.lambda(), last.nonzero(),
                    converged ? "all converged" : "NOT all converged", out);
            spec.commandLine().getErr().flush();
        }
        return converged ? 0 : SparseCli.EXIT_NOT_CONVERGED;
    }
}
