package org.hadamard.sparse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code sparse} command line: {@code fit}, {@code path}, {@code bench}, {@code demo}.
 * <p>
 * Exit codes: 0 success; 1 bad input (one line on stderr saying what is wrong); 2 bad usage
 * (unknown option, unparsable value); 3 an internal error; 4 results written but the solver did not
 * meet its stopping rule.
 */
@Command(name = "sparse", mixinStandardHelpOptions = true, version = "hadamard-sparse 0.1.0-SNAPSHOT",
        description = {
                "Exact sparse regularization (lasso, group lasso, Lq) by smooth",
                "Hadamard overparametrization.",
                "Objective (glmnet's): (1/n)·Σ_i ½(y_i − b₀ − x_iᵀβ)² + λ·pen(β), on",
                "standardized features by default; coefficients reported on the raw scale."
        },
        footer = {
                "",
                "Exit codes: 0 success; 1 bad input (one line on stderr says what is wrong);",
                "2 bad usage; 3 internal error; 4 results written but a fit did not converge.",
                "Examples:",
                "  java -jar sparse.jar demo",
                "  java -jar sparse.jar fit --data d.csv --target y --lambda 0.5 --out fit.json",
                "  java -jar sparse.jar path --data d.csv --target y --penalty group \\",
                "      --groups g.csv --out path.json"
        },
        subcommands = {FitCommand.class, PathCommand.class, CvCommand.class, CompareCommand.class, BenchCommand.class, DemoCommand.class, ReproduceCommand.class, CommandLine.HelpCommand.class})
public final class SparseCli implements java.util.concurrent.Callable<Integer> {

    /** Bad input: data, files or option values. */
    public static final int EXIT_INPUT = 1;
    /** Bad usage: picocli could not parse the command line. */
    public static final int EXIT_USAGE = 2;
    /** An unexpected internal error. */
    public static final int EXIT_INTERNAL = 3;
    /** Results were written but some fit did not converge. */
    public static final int EXIT_NOT_CONVERGED = 4;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    /**
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Runs the command line in-process with the given streams (for tests and embedding).
     * @param out standard output
     * @param err standard error
     * @param args the arguments
     * @return the exit code
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * @return the configured command line: errors print one line on stderr, never a stack trace
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SparseCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            c.getErr().println(name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')");
            c.getErr().flush();
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            String name = c.getCommandSpec().qualifiedName();
            if (ex instanceof CliException || ex instanceof IllegalArgumentException) {
                c.getErr().println(name + ": error: " + oneLine(ex.getMessage()));
                c.getErr().flush();
                return EXIT_INPUT;
            }
            if (System.getenv("SPARSE_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            }
            c.getErr().println(name + ": internal error: " + oneLine(String.valueOf(ex))
                    + " (set SPARSE_DEBUG=1 for the stack trace)");
            c.getErr().flush();
            return EXIT_INTERNAL;
        });
        return cl;
    }

    private static String oneLine(String message) {
        return message == null ? "(no message)" : message.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
