package org.hadamard.sparse.optim;

import com.oracle.labs.mlrg.olcut.config.Config;
import com.oracle.labs.mlrg.olcut.config.PropertyException;
import com.oracle.labs.mlrg.olcut.provenance.ConfiguredObjectProvenance;
import com.oracle.labs.mlrg.olcut.provenance.impl.ConfiguredObjectProvenanceImpl;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.Tensor;

import java.util.function.DoubleUnaryOperator;

/**
 * Adam (Kingma and Ba, "Adam: A Method for Stochastic Optimization", ICLR 2015, Algorithm 1), as a
 * Tribuo {@link StochasticGradientOptimiser}.
 * <p>
 * <b>Why this class exists.</b> {@code org.tribuo.math.optimisers.Adam} in Tribuo 4.3.2
 * <em>multiplies</em> the first moment by √v + ε instead of dividing by it (fixed upstream only on
 * {@code main}, PR #401), so it diverges; it also ignores the example weight. This class is a drop-in
 * replacement for 4.3.2:
 * <pre>
 *   g   = weight · gradient                 (the example weight multiplies the gradient, as in AdaGrad)
 *   m  ← β₁ m + (1 − β₁) g
 *   v  ← β₂ v + (1 − β₂) g²
 *   m̂  = m / (1 − β₁ᵗ),   v̂ = v / (1 − β₂ᵗ)
 *   out = η · m̂ / (√v̂ + ε)
 * </pre>
 * Tribuo's sign convention holds: the tensors passed to {@link #step} are the directions that
 * {@link Parameters#update} adds (the negative gradient), and the output keeps their sign.
 * <p>
 * Works on any tensor type whose element-wise operations Tribuo implements ({@code DenseVector},
 * {@code DenseMatrix}, and sparse update tensors). With a sparse update only the present entries are
 * changed, while both moments decay everywhere (the moment tensors have the parameters' shape).
 * <p>
 * {@link #copy()} keeps every setting; {@link #reset()} clears the moments and the step count.
 */
public final class Adam implements StochasticGradientOptimiser {

    @Config(description = "Learning rate η that scales the bias-corrected update.")
    private double initialLearningRate = 0.001;

    @Config(description = "Exponential decay rate β₁ of the first moment, in [0, 1).")
    private double betaOne = 0.9;

    @Config(description = "Exponential decay rate β₂ of the second moment, in [0, 1).")
    private double betaTwo = 0.999;

    @Config(description = "ε added to √v̂ for numerical stability.")
    private double epsilon = 1e-8;

    private int iterations;
    private Tensor[] firstMoment;
    private Tensor[] secondMoment;

    /**
     * @param initialLearningRate the learning rate η &gt; 0
     * @param betaOne β₁ ∈ [0, 1)
     * @param betaTwo β₂ ∈ [0, 1)
     * @param epsilon ε &gt; 0
     */
    public Adam(double initialLearningRate, double betaOne, double betaTwo, double epsilon) {
        this.initialLearningRate = initialLearningRate;
        this.betaOne = betaOne;
        this.betaTwo = betaTwo;
        this.epsilon = epsilon;
        postConfig();
    }

    /**
     * The paper's settings β₁ = 0.9, β₂ = 0.999, ε = 1e-8 with the given learning rate.
     * @param initialLearningRate the learning rate η &gt; 0
     */
    public Adam(double initialLearningRate) {
        this(initialLearningRate, 0.9, 0.999, 1e-8);
    }

    /** The paper's settings: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 1e-8 (also used by OLCUT). */
    public Adam() {
        this(0.001);
    }

    @Override
    public void postConfig() {
        if (!(initialLearningRate > 0) || Double.isInfinite(initialLearningRate)) {
            throw new PropertyException("", "initialLearningRate", "must be finite and > 0, got " + initialLearningRate);
        }
        if (!(betaOne >= 0 && betaOne < 1)) {
            throw new PropertyException("", "betaOne", "must be in [0, 1), got " + betaOne);
        }
        if (!(betaTwo >= 0 && betaTwo < 1)) {
            throw new PropertyException("", "betaTwo", "must be in [0, 1), got " + betaTwo);
        }
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new PropertyException("", "epsilon", "must be finite and > 0, got " + epsilon);
        }
    }

    @Override
    public void initialise(Parameters parameters) {
        firstMoment = parameters.getEmptyCopy();
        secondMoment = parameters.getEmptyCopy();
        iterations = 0;
    }

    @Override
    public Tensor[] step(Tensor[] updates, double weight) {
        if (firstMoment == null) {
            throw new IllegalStateException("Adam.step called before initialise");
        }
        iterations++;
        final double b1 = betaOne;
        final double b2 = betaTwo;
        final double firstCorrection = initialLearningRate / (1.0 - Math.pow(b1, iterations));
        final double secondCorrection = 1.0 / (1.0 - Math.pow(b2, iterations));
        final double eps = epsilon;
        // Lambdas lifted out of the loop (JDK-8183316), as Tribuo does.
        DoubleUnaryOperator addFirst = (double a) -> (1.0 - b1) * weight * a;
        DoubleUnaryOperator addSecond = (double a) -> (1.0 - b2) * weight * weight * a * a;
        DoubleUnaryOperator scaleFirst = (double a) -> firstCorrection * a;
        DoubleUnaryOperator divideSecond = (double a) -> 1.0 / (Math.sqrt(secondCorrection * a) + eps);
        for (int i = 0; i < updates.length; i++) {
            firstMoment[i].scaleInPlace(b1);
            firstMoment[i].intersectAndAddInPlace(updates[i], addFirst);
            secondMoment[i].scaleInPlace(b2);
            secondMoment[i].intersectAndAddInPlace(updates[i], addSecond);
            // Keep the update's sparsity pattern, replace its values by η·m̂/(√v̂ + ε).
            updates[i].scaleInPlace(0.0);
            updates[i].intersectAndAddInPlace(firstMoment[i], scaleFirst);
            updates[i].hadamardProductInPlace(secondMoment[i], divideSecond);
        }
        return updates;
    }

    @Override
    public void reset() {
        firstMoment = null;
        secondMoment = null;
        iterations = 0;
    }

    @Override
    public Adam copy() {
        return new Adam(initialLearningRate, betaOne, betaTwo, epsilon);
    }

    /** @return the number of steps taken since {@link #initialise} */
    public int iterations() { return iterations; }

    @Override
    public String toString() {
        return "Adam(initialLearningRate=" + initialLearningRate + ",betaOne=" + betaOne + ",betaTwo=" + betaTwo + ",epsilon=" + epsilon + ")";
    }

    @Override
    public ConfiguredObjectProvenance getProvenance() {
        return new ConfiguredObjectProvenanceImpl(this, "StochasticGradientOptimiser");
    }
}
