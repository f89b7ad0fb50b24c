package org.hadamard.sparse.cli;

import org.hadamard.sparse.HadamardEngine;
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
 * {@code sparse fit}: one penalized fit, written as JSON.
 */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Fits a penalized linear or logistic model at one λ and writes it as JSON.",
                "",
                "Objective (glmnet's): (1/n)·Σ_i ½(y_i − b₀ − x_iᵀβ)² + λ·pen(β) for regression,",
                "−(1/n)·Σ_i log p(y_i|x_i) + λ·pen(β) for --task classification, with pen",
                "on standardized features unless --standardize false; coefficients are",
                "reported on the raw scale.",
                "",
                "JSON fields: lambda, lambda_max, penalty, standardize, objective (base",
                "problem), intercept, coefficients (name → value, non-zeros only; for",
                "classification: class → value and class → {name → value}, the positive class",
                "only when binary), nonzero,",
                "kkt_violation, duality_gap (null if q < 1), converged, iterations, seconds.",
                "Non-finite numbers are written as null.",
                ""
        })
public final class FitCommand implements Callable<Integer> {

    /** The default λ as a fraction of λ_max when --lambda is not given. */
    static final double DEFAULT_LAMBDA_FRACTION = 0.1;

    @Spec
    CommandSpec spec;

    @Mixin
    ProblemOptions options;

    @Option(names = "--lambda", paramLabel = "L",
            description = "λ ≥ 0. Default: 0.1·λ_max, where λ_max is the smallest λ giving all-zero coefficients (of the q = 1 relaxation for q < 1).")
    Double lambda;

    @Option(names = "--out", required = true, paramLabel = "RESULT.json", description = "Where to write the JSON ('-' for standard output).")
    Path out;

    @Override
    public Integer call() {
        if (lambda != null && (!(lambda >= 0) || Double.isInfinite(lambda))) {
            throw new CliException("--lambda must be finite and >= 0, got " + lambda);
        }
        ProblemOptions.Setup s = options.setup();
        double lmax = HadamardEngine.lambdaMax(s.problem(), s.penalty());
        double l = lambda != null ? lambda : DEFAULT_LAMBDA_FRACTION * lmax;
        Fit fit = HadamardEngine.fit(s.problem(), s.penalty(), l, s.solver());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("lambda_max", lmax);
        json.put("penalty", s.penaltyName());
        json.put("task", options.task.name());
        if (s.levels() != null) {
            json.put("classes", java.util.List.of(s.levels()));
        }
        json.put("standardize", options.standardize);
        json.putAll(Results.fit(fit, s.features(), s.classes()));
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("lambda", json.remove("lambda"));
        ordered.putAll(json);
        Results.write(ordered, out, spec.commandLine().getOut());
        if (!out.toString().equals("-")) {
            spec.commandLine().getErr().printf("fit: %s, λ = %.6g (λ_max = %.6g), %d non-zero, objective %.10g, %s; wrote %s%n",
                    s.penaltyName(), l, lmax, fit.nonzero(), fit.certificate().objective(),
                    fit.certificate().converged() ? "converged" : "NOT converged", out);
            spec.commandLine().getErr().flush();
        }
        return fit.certificate().converged() ? 0 : SparseCli.EXIT_NOT_CONVERGED;
    }
}
