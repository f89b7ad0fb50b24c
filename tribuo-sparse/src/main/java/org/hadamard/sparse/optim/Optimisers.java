package org.hadamard.sparse.optim;

import com.oracle.labs.mlrg.olcut.provenance.Provenance;
import com.oracle.labs.mlrg.olcut.provenance.primitives.DoubleProvenance;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Pegasos;

import java.util.Map;

/**
 * Faithful copies of Tribuo 4.3.2 optimisers. {@link StochasticGradientOptimiser#copy()} is meant to
 * return "the same configuration with independent state", but in 4.3.2:
 * <ul>
 *   <li>{@code AdaGrad.copy()} drops {@code initialValue} (the copy starts its accumulator at 0);</li>
 *   <li>{@code Pegasos.copy()} swaps {@code baseRate} and {@code lambda}.</li>
 * </ul>
 * For those two classes (exactly, not subclasses) the copy is rebuilt from the optimiser's
 * provenance, which records every {@code @Config} field. Everything else uses {@code copy()}.
 * Optimisers that wrap another ({@code ParameterAveraging}) copy their inner optimiser with its own
 * {@code copy()}, so an AdaGrad wrapped in them still loses a non-zero {@code initialValue}.
 */
public final class Optimisers {

    private Optimisers() {}

    /**
     * @param optimiser an optimiser (its state is not copied)
     * @return an optimiser with the same settings and fresh state
     */
    public static StochasticGradientOptimiser copyOf(StochasticGradientOptimiser optimiser) {
        if (optimiser.getClass() == AdaGrad.class) {
            Map<String, Provenance> conf = optimiser.getProvenance().getConfiguredParameters();
            return new AdaGrad(value(conf, "initialLearningRate"), value(conf, "epsilon"), value(conf, "initialValue"));
        }
        if (optimiser.getClass() == Pegasos.class) {
            Map<String, Provenance> conf = optimiser.getProvenance().getConfiguredParameters();
            return new Pegasos(value(conf, "baseRate"), value(conf, "lambda"));
        }
        return optimiser.copy();
    }

    private static double value(Map<String, Provenance> conf, String field) {
        Provenance p = conf.get(field);
        if (!(p instanceof DoubleProvenance)) {
            throw new IllegalStateException("Provenance has no double field '" + field + "': " + conf.keySet());
        }
        return ((DoubleProvenance) p).getValue();
    }
}
