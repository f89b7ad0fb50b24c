package org.hadamard.sparse.cli;

import java.util.Locale;
import java.util.SplittableRandom;

/** Parsing of the {@code NxP} problem specs and the Gaussian draws shared by the {@code bench} sections. */
final class BenchData {

    private BenchData() {}

    /**
     * Parses a generated-problem spec {@code NxP} (also {@code N×P}, case-insensitive).
     *
     * @param spec the spec
     * @param option the option it came from, for error messages
     * @param example an example spec for the error message
     * @param named the name of the option's built-in data set, for the error message
     * @param minN the smallest allowed n
     * @return {n, p}
     * @throws CliException if the spec is malformed, n &lt; minN, p &lt; 1 or n·p &gt; 5e7
     */
    static int[] size(String spec, String option, String example, String named, int minN) {
        String[] parts = spec.toLowerCase(Locale.ROOT).split("[x×]");
        int n;
        int p;
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            n = Integer.parseInt(parts[0].trim());
            p = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new CliException(option + ": expected NxP (e.g. " + example + ") or '" + named + "', got '" + spec + "'");
        }
        if (n < minN || p < 1 || (long) n * p > 50_000_000L) {
            throw new CliException(option + ": need n >= " + minN + ", p >= 1 and n·p <= 5e7, got '" + spec + "'");
        }
        return new int[]{n, p};
    }

    /**
     * @param rng the source of uniforms (two are drawn)
     * @return a standard Gaussian draw (Box–Muller, cosine branch)
     */
    static double gaussian(SplittableRandom rng) {
        double u = rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }
}
