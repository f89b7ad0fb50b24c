package org.hadamard.sparse.parametrization;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each parametrization against first principles: the gradient against central finite differences,
 * the balanced representation reproducing β with surrogate penalty equal to the base penalty, and
 * the variational identity R(β) = min_{K(ξ)=β} R_ξ(ξ) (random representations never go below).
 */
class ParametrizationTest {

    private static List<Parametrization> all() {
        double[] pf = {1.0, 0.5, 0.0, 2.0, 1.0, 1.0};
        int[][] groups = {{0, 1}, {2}, {3, 4, 5}};
        return List.of(
                new HadamardProductParametrization(2, pf),
                new HadamardProductParametrization(3, pf),
                new HadamardProductParametrization(4, pf),
                new HadamardPowerParametrization(0.5, pf),
                new HadamardPowerParametrization(2.0 / 3, pf),
                new HadamardPowerParametrization(0.3, pf),
                new HadamardPowerParametrization(1.0, pf),
                new GroupHadamardParametrization(6, groups, new double[]{Math.sqrt(2), 0.0, Math.sqrt(3)}, 1.0),
                new GroupHadamardParametrization(6, groups, new double[]{1.5, 0.0, 0.7}, 0.5));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        for (Parametrization param : all()) {
            int m = param.coefficients();
            double lambda = 0.37;
            double[] c = new double[m];
            for (int j = 0; j < m; j++) {
                c[j] = rng.nextDouble(-1, 1);
            }
            // L(β) = ½‖β − c‖², so ∂L/∂β = β − c.
            double[] xi = new double[param.size()];
            for (int t = 0; t < xi.length; t++) {
                xi[t] = rng.nextDouble(-1.5, 1.5);
            }
            double[] gXi = new double[xi.length];
            double[] beta = new double[m];
            for (int b = 0; b < param.blocks(); b++) {
                param.beta(xi, b, beta);
            }
            double[] g = new double[m];
            for (int j = 0; j < m; j++) {
                g[j] = beta[j] - c[j];
            }
            for (int b = 0; b < param.blocks(); b++) {
                param.gradient(xi, b, g, lambda, gXi);
            }
            for (int t = 0; t < xi.length; t++) {
                double h = 1e-6;
                double save = xi[t];
                xi[t] = save + h;
                double fp = surrogate(param, xi, c, lambda);
                xi[t] = save - h;
                double fm = surrogate(param, xi, c, lambda);
                xi[t] = save;
                assertEquals((fp - fm) / (2 * h), gXi[t], 1e-6, param.describe() + " slot " + t);
            }
        }
    }

    @Test
    void hessianPiecesMatchFiniteDifferences() {
        // With L(β) = ½‖β − c‖² the surrogate Hessian of block b is J_bᵀJ_b + Σ_t g_t∇²β_t + λ∇²R_ξ.
        SplittableRandom rng = new SplittableRandom(5);
        for (Parametrization param : all()) {
            int m = param.coefficients();
            double lambda = 0.29;
            double[] c = new double[m];
            for (int j = 0; j < m; j++) {
                c[j] = rng.nextDouble(-1, 1);
            }
            double[] xi = new double[param.size()];
            for (int t = 0; t < xi.length; t++) {
                xi[t] = rng.nextDouble(0.3, 1.5) * (rng.nextBoolean() ? 1 : -1);
            }
            for (int b = 0; b < param.blocks(); b++) {
                int w = param.width(b);
                int size = param.members(b).length;
                int off = param.offset(b);
                double[] jac = new double[size * w];
                double[] term = new double[w * w];
                double[] g = gradientOfSquare(param, xi, c);
                param.jacobian(xi, b, jac);
                param.secondOrderTerm(xi, b, g, lambda, term);
                for (int s1 = 0; s1 < w; s1++) {
                    double h = 1e-6;
                    double save = xi[off + s1];
                    xi[off + s1] = save + h;
                    double[] gp = slotGradient(param, xi, c, lambda, b);
                    xi[off + s1] = save - h;
                    double[] gm = slotGradient(param, xi, c, lambda, b);
                    xi[off + s1] = save;
                    for (int s2 = 0; s2 < w; s2++) {
                        double exact = term[s2 * w + s1];
                        for (int t = 0; t < size; t++) {
                            exact += jac[t * w + s1] * jac[t * w + s2];
                        }
                        assertEquals((gp[s2] - gm[s2]) / (2 * h), exact, 1e-5, param.describe() + " block " + b + " (" + s1 + "," + s2 + ")");
                    }
                }
            }
        }
    }

    private static double[] gradientOfSquare(Parametrization param, double[] xi, double[] c) {
        double[] beta = new double[param.coefficients()];
        for (int b = 0; b < param.blocks(); b++) {
            param.beta(xi, b, beta);
        }
        for (int j = 0; j < beta.length; j++) {
            beta[j] -= c[j];
        }
        return beta;
    }

    private static double[] slotGradient(Parametrization param, double[] xi, double[] c, double lambda, int b) {
        double[] gXi = new double[param.size()];
        param.gradient(xi, b, gradientOfSquare(param, xi, c), lambda, gXi);
        return java.util.Arrays.copyOfRange(gXi, param.offset(b), param.offset(b) + param.width(b));
    }

    private static double surrogate(Parametrization param, double[] xi, double[] c, double lambda) {
        double[] beta = new double[param.coefficients()];
        double pen = 0;
        for (int b = 0; b < param.blocks(); b++) {
            param.beta(xi, b, beta);
            pen += param.surrogatePenalty(xi, b);
        }
        double loss = 0;
        for (int j = 0; j < beta.length; j++) {
            loss += 0.5 * (beta[j] - c[j]) * (beta[j] - c[j]);
        }
        return loss + lambda * pen;
    }

    @Test
    void balancedRepresentationIsExactAndOptimal() {
        SplittableRandom rng = new SplittableRandom(11);
        for (Parametrization param : all()) {
            int m = param.coefficients();
            double[] beta = new double[m];
            for (int j = 0; j < m; j++) {
                beta[j] = j == 4 ? 0.0 : rng.nextDouble(-3, 3);
            }
            double[] xi = new double[param.size()];
            double[] back = new double[m];
            for (int b = 0; b < param.blocks(); b++) {
                param.balanced(beta, b, xi);
                param.beta(xi, b, back);
                assertEquals(param.basePenalty(beta, b), param.surrogatePenalty(xi, b), 1e-12, param.describe() + " block " + b);
            }
            for (int j = 0; j < m; j++) {
                assertEquals(beta[j], back[j], 1e-12, param.describe() + " coefficient " + j);
            }
            // Any other representation of the same β costs at least as much (the variational form).
            for (int trial = 0; trial < 200; trial++) {
                double[] other = xi.clone();
                for (int b = 0; b < param.blocks(); b++) {
                    if (!param.penalized(b)) {
                        continue;
                    }
                    perturbWithinFibre(param, b, other, rng);
                    double[] check = new double[m];
                    param.beta(other, b, check);
                    for (int j : param.members(b)) {
                        assertEquals(beta[j], check[j], 1e-9 * Math.max(1, Math.abs(beta[j])));
                    }
                    assertTrue(param.surrogatePenalty(other, b) >= param.basePenalty(beta, b) - 1e-12);
                }
            }
        }
    }

    /** Moves along the fibre K⁻¹(β_b): rescale factors so their product (the map) is unchanged. */
    private static void perturbWithinFibre(Parametrization param, int b, double[] xi, SplittableRandom rng) {
        int off = param.offset(b);
        int w = param.width(b);
        double s = Math.exp(rng.nextDouble(-1, 1));
        if (param instanceof HadamardProductParametrization) {
            xi[off] *= s;
            xi[off + 1] /= s;
        } else {
            // β_g = u_g·φ(ν): scale ν by s and u by s^{−(k−1)}.
            double k = 2.0 / param.q();
            xi[off + w - 1] *= s;
            double f = Math.pow(s, -(k - 1));
            for (int t = 0; t < w - 1; t++) {
                xi[off + t] *= f;
            }
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new HadamardProductParametrization(1, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new HadamardPowerParametrization(0.0, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new HadamardPowerParametrization(1.5, new double[]{1}));
        assertThrows(IllegalArgumentException.class, () -> new HadamardProductParametrization(2, new double[]{-1}));
        assertThrows(IllegalArgumentException.class, () -> new GroupHadamardParametrization(3, new int[][]{{0, 1}}, new double[]{1}, 1.0));
    }
}
