package org.hadamard.sparse.optim;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.junit.jupiter.api.Test;
import org.tribuo.math.LinearParameters;
import org.tribuo.math.Parameters;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.la.DenseMatrix;
import org.tribuo.math.la.DenseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.math.optimisers.Pegasos;
import org.tribuo.math.protos.ParametersProto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link Adam} against a two-step update computed by hand, on both tensor types Tribuo's linear
 * models use, and the copy semantics of {@link Adam} and {@link Optimisers#copyOf}.
 */
class AdamTest {

    /*
     * η = 0.1, β₁ = 0.9, β₂ = 0.999, ε = 1e-8, example weight 2, gradients g₁ = (1, −2), g₂ = (0.5, 1):
     * step 1: g = (2, −4), m = (0.2, −0.4), v = (0.004, 0.016), m̂ = (2, −4), v̂ = (4, 16),
     *         out = 0.1·m̂/(√v̂ + ε) = (0.2/2.00000001, −0.4/4.00000001).
     * step 2: g = (1, 2), m = (0.28, −0.16), v = (0.004996, 0.019984), m̂ = m/0.19, v̂ = v/0.001999,
     *         out = 0.1·m̂/(√v̂ + ε) = (0.0932179632914..., −0.0266337038818...).
     */
    private static final double[] STEP1 = {0.2 / 2.00000001, -0.4 / 4.00000001};
    private static final double[] STEP2 = {0.1 * (0.28 / 0.19) / (Math.sqrt(0.004996 / 0.001999) + 1e-8),
            0.1 * (-0.16 / 0.19) / (Math.sqrt(0.019984 / 0.001999) + 1e-8)};

    @Test
    void twoStepsOnDenseVector() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        adam.initialise(new VectorParameters(2));
        Tensor[] out = adam.step(new Tensor[]{DenseVector.createDenseVector(new double[]{1, -2})}, 2.0);
        DenseVector s1 = (DenseVector) out[0];
        assertEquals(STEP1[0], s1.get(0), 1e-15);
        assertEquals(STEP1[1], s1.get(1), 1e-15);
        out = adam.step(new Tensor[]{DenseVector.createDenseVector(new double[]{0.5, 1})}, 2.0);
        DenseVector s2 = (DenseVector) out[0];
        assertEquals(0.09321796329148956, s2.get(0), 1e-14);
        assertEquals(-0.02663370388180426, s2.get(1), 1e-14);
        assertEquals(STEP2[0], s2.get(0), 1e-14);
        assertEquals(STEP2[1], s2.get(1), 1e-14);
        assertEquals(2, adam.iterations());
    }

    @Test
    void twoStepsOnDenseMatrix() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        // LinearParameters(2 features, 1 output) holds a 1 × 2 DenseMatrix.
        adam.initialise(new LinearParameters(2, 1));
        DenseMatrix g1 = new DenseMatrix(1, 2);
        g1.set(0, 0, 1);
        g1.set(0, 1, -2);
        DenseMatrix s1 = (DenseMatrix) adam.step(new Tensor[]{g1}, 2.0)[0];
        assertEquals(STEP1[0], s1.get(0, 0), 1e-15);
        assertEquals(STEP1[1], s1.get(0, 1), 1e-15);
        DenseMatrix g2 = new DenseMatrix(1, 2);
        g2.set(0, 0, 0.5);
        g2.set(0, 1, 1);
        DenseMatrix s2 = (DenseMatrix) adam.step(new Tensor[]{g2}, 2.0)[0];
        assertEquals(STEP2[0], s2.get(0, 0), 1e-14);
        assertEquals(STEP2[1], s2.get(0, 1), 1e-14);
    }

    @Test
    void resetRestartsTheBiasCorrection() {
        Adam adam = new Adam(0.1, 0.9, 0.999, 1e-8);
        VectorParameters params = new VectorParameters(2);
        adam.initialise(params);
        adam.step(new Tensor[]{DenseVector.createDenseVector(new double[]{3, 3})}, 1.0);
        adam.reset();
        assertEquals(0, adam.iterations());
        adam.initialise(params);
        DenseVector s1 = (DenseVector) adam.step(new Tensor[]{DenseVector.createDenseVector(new double[]{1, -2})}, 2.0)[0];
        assertEquals(STEP1[0], s1.get(0), 1e-15);
        assertEquals(STEP1[1], s1.get(1), 1e-15);
    }

    @Test
    void copyKeepsSettingsWithFreshState() {
        Adam adam = new Adam(0.1, 0.8, 0.99, 1e-7);
        adam.initialise(new VectorParameters(2));
        adam.step(new Tensor[]{DenseVector.createDenseVector(new double[]{1, 1})}, 1.0);
        Adam copy = adam.copy();
        assertNotSame(adam, copy);
        assertEquals(adam.getProvenance(), copy.getProvenance());
        assertEquals(adam.toString(), copy.toString());
        assertEquals(0, copy.iterations());
        assertEquals(adam.getProvenance(), Optimisers.copyOf(adam).getProvenance());
        // And a copy behaves like a fresh original.
        Adam fresh = new Adam(0.1, 0.8, 0.99, 1e-7);
        fresh.initialise(new VectorParameters(1));
        copy.initialise(new VectorParameters(1));
        double a = ((DenseVector) fresh.step(new Tensor[]{DenseVector.createDenseVector(new double[]{0.3})}, 1.0)[0]).get(0);
        double b = ((DenseVector) copy.step(new Tensor[]{DenseVector.createDenseVector(new double[]{0.3})}, 1.0)[0]).get(0);
        assertEquals(a, b, 0.0);
    }

    @Test
    void rejectsInvalidSettings() {
        assertThrows(PropertyException.class, () -> new Adam(0.0));
        assertThrows(PropertyException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8));
        assertThrows(PropertyException.class, () -> new Adam(0.1, 0.9, -0.1, 1e-8));
        assertThrows(PropertyException.class, () -> new Adam(0.1, 0.9, 0.999, 0.0));
    }

    @Test
    void adaGradCopyKeepsInitialValue() {
        AdaGrad adaGrad = new AdaGrad(0.3, 1e-5, 0.25);
        // Tribuo 4.3.2's own copy drops initialValue (the reason Optimisers.copyOf exists).
        assertNotEquals(adaGrad.getProvenance(), adaGrad.copy().getProvenance());
        StochasticGradientOptimiser copy = Optimisers.copyOf(adaGrad);
        assertEquals(adaGrad.getProvenance(), copy.getProvenance());
        assertEquals(adaGrad.toString(), copy.toString());
        // Same first step: the accumulator starts at initialValue in both.
        adaGrad.initialise(new VectorParameters(1));
        copy.initialise(new VectorParameters(1));
        double a = ((DenseVector) adaGrad.step(new Tensor[]{DenseVector.createDenseVector(new double[]{0.5})}, 1.0)[0]).get(0);
        double b = ((DenseVector) copy.step(new Tensor[]{DenseVector.createDenseVector(new double[]{0.5})}, 1.0)[0]).get(0);
        assertEquals(0.3 * 0.5 / (1e-5 + Math.sqrt(0.25 + 0.25)), a, 1e-15);
        assertEquals(a, b, 0.0);
    }

    @Test
    void pegasosCopyKeepsItsArgumentsInOrder() {
        Pegasos pegasos = new Pegasos(0.5, 0.01);
        assertNotEquals(pegasos.getProvenance(), pegasos.copy().getProvenance());
        assertEquals(pegasos.getProvenance(), Optimisers.copyOf(pegasos).getProvenance());
    }

    /** One DenseVector tensor. */
    static final class VectorParameters implements Parameters {
        private static final long serialVersionUID = 1L;
        private Tensor[] tensors;

        VectorParameters(int size) {
            tensors = new Tensor[]{new DenseVector(size)};
        }

        @Override
        public Tensor[] getEmptyCopy() {
            return new Tensor[]{new DenseVector(((DenseVector) tensors[0]).size())};
        }

        @Override
        public Tensor[] get() { return tensors; }

        @Override
        public void set(Tensor[] newWeights) { tensors = newWeights; }

        @Override
        public void update(Tensor[] gradients) { tensors[0].intersectAndAddInPlace(gradients[0]); }

        @Override
        public Tensor[] merge(Tensor[][] gradients, int size) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ParametersProto serialize() {
            throw new UnsupportedOperationException();
        }
    }
}
