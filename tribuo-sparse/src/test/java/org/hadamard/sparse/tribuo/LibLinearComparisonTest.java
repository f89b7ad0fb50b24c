/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import de.bwaldvogel.liblinear.SolverType;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.liblinear.LibLinearClassificationModel;
import org.tribuo.classification.liblinear.LibLinearClassificationTrainer;
import org.tribuo.classification.liblinear.LinearClassificationType;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.util.logging.Level;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cross-check against LIBLINEAR's L1-regularised logistic regression (Tribuo's
 * {@code LibLinearClassificationTrainer}, {@code L1R_LR}), which minimises
 * ‖w‖₁ + |b| + C·Σ_i log(1 + e^{−ỹ_i(wᵀx_i + b)}) with the bias <em>penalised</em>. With C = 1/(nλ)
 * this is n·C times J_LL = (1/n)Σ logloss + λ(‖w‖₁ + |b|), while ours (standardize=false) is
 * J = (1/n)Σ logloss + λ‖w‖₁ with a free intercept. So J_LL(x) = J(x) + λ|b(x)|.
 */
class LibLinearComparisonTest {

    static {
        Logger.getLogger(LibLinearClassificationTrainer.class.getName()).setLevel(Level.WARNING);
        Logger.getLogger("org.tribuo.common.liblinear.LibLinearTrainer").setLevel(Level.WARNING);
    }

    /** A fit in LIBLINEAR's terms: log-odds of the positive label = b + wᵀx. */
    record Linear(double[] w, double b) {
        double objective(double[][] x, int[] y, double lambda, boolean penaliseBias) {
            double loss = 0;
            for (int i = 0; i < x.length; i++) {
                double z = b;
                for (int j = 0; j < w.length; j++) {
                    z += w[j] * x[i][j];
                }
                double s = y[i] == 1 ? -z : z;
                loss += s > 0 ? s + Math.log1p(Math.exp(-s)) : Math.log1p(Math.exp(s));
            }
            double l1 = 0;
            for (double v : w) {
                l1 += Math.abs(v);
            }
            return loss / x.length + lambda * (l1 + (penaliseBias ? Math.abs(b) : 0));
        }
    }

    static Linear liblinear(MutableDataset<Label> ds, double lambda, String positive) {
        double c = 1.0 / (ds.size() * lambda);
        LibLinearClassificationTrainer trainer = new LibLinearClassificationTrainer(
                new LinearClassificationType(LinearClassificationType.LinearType.L1R_LR), c, 100_000, 1e-10);
        LibLinearClassificationModel model = (LibLinearClassificationModel) trainer.train(ds);
        de.bwaldvogel.liblinear.Model inner = model.getInnerModels().get(0);
        assertEquals(SolverType.L1R_LR, inner.getSolverType());
        int p = ds.getFeatureIDMap().size();
        double[] fw = inner.getFeatureWeights();
        assertEquals(p + 1, fw.length, "weights plus the bias feature");
        // The decision value w·x + b scores labels[0].
        int positiveId = ds.getOutputIDInfo().getID(new Label(positive));
        double sign = inner.getLabels()[0] == positiveId ? 1 : -1;
        double[] w = new double[p];
        for (int j = 0; j < p; j++) {
            w[j] = sign * fw[j];
        }
        return new Linear(w, sign * fw[p] * inner.getBias());
    }

    static Linear ours(MutableDataset<Label> ds, double lambda, String positive) {
        HadamardSparseClassificationModel m = HadamardSparseClassificationTrainer.builder(lambda).standardize(false)
                .positiveLabel(positive).build().train(ds);
        // Certified by the gap, or by KKT where saturated probabilities make the engine's gap NaN.
        double gap = m.getCertificate().relativeGap();
        assertTrue(m.getCertificate().converged() && m.getCertificate().kktViolation() < 1e-7 && (Double.isNaN(gap) || gap < 1e-8),
                m.getCertificate().toString());
        return new Linear(m.getWeightsArray(positive), m.getIntercepts().get(positive));
    }

    static MutableDataset<Label> dataset(double[][] x, int[] y) {
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("ll", ClassificationData.FACTORY), ClassificationData.FACTORY);
        String[] names = new String[x[0].length];
        for (int j = 0; j < names.length; j++) {
            names[j] = SyntheticData.name(j);
        }
        for (int i = 0; i < x.length; i++) {
            ds.add(new ArrayExample<>(new Label(y[i] == 1 ? "pos" : "neg"), names, x[i]));
        }
        return ds;
    }

    /**
     * Symmetric data, (x, y) and (−x, 1 − y) for every generated example: both objectives are invariant
     * under (w, b) → (w, −b), so both unique minimisers have b = 0 and coincide. The solutions agree to
     * LIBLINEAR's precision.
     */
    @Test
    void symmetricDataGivesTheSameSolution() {
        ClassificationData g = ClassificationData.generate(150, 12, new String[]{"neg", "pos"}, 4, 1.5, 71);
        int n = g.x.length;
        double[][] x = new double[2 * n][];
        int[] y = new int[2 * n];
        for (int i = 0; i < n; i++) {
            x[i] = g.x[i].clone();
            y[i] = g.y[i];
            x[n + i] = new double[g.x[i].length];
            for (int j = 0; j < g.x[i].length; j++) {
                x[n + i][j] = -g.x[i][j];
            }
            y[n + i] = 1 - g.y[i];
        }
        MutableDataset<Label> ds = dataset(x, y);
        double lambda = 0.02;
        Linear ll = liblinear(ds, lambda, "pos");
        Linear us = ours(ds, lambda, "pos");
        assertEquals(0.0, us.b(), 1e-7);
        assertEquals(0.0, ll.b(), 1e-5);
        double jUs = us.objective(x, y, lambda, false);
        double jLl = ll.objective(x, y, lambda, false);
        // Ours is certified to a 1e-9 relative gap: LIBLINEAR cannot be better than that.
        assertTrue(jUs <= jLl * (1 + 1e-9), "ours " + jUs + " liblinear " + jLl);
        assertEquals(jUs, jLl, 1e-6 * jUs, "objectives");
        int support = 0;
        for (int j = 0; j < us.w().length; j++) {
            assertEquals(us.w()[j], ll.w()[j], 1e-4 * (1 + Math.abs(us.w()[j])), "coefficient " + j);
            assertEquals(us.w()[j] != 0, Math.abs(ll.w()[j]) > 1e-6, "support of " + j + ": " + us.w()[j] + " vs " + ll.w()[j]);
            support += us.w()[j] != 0 ? 1 : 0;
        }
        assertTrue(support > 0 && support < us.w().length, "support " + support);
        System.out.printf("LIBLINEAR symmetric: J ours %.12f, J liblinear %.12f, rel diff %.2e%n", jUs, jLl, (jLl - jUs) / jUs);
    }

    /**
     * General data: the optima differ by the bias penalty. Each solver is at least as good on its own
     * objective (up to LIBLINEAR's tolerance), and J(LL) − J(ours) ≤ λ(|b_ours| − |b_LL|) + ε.
     */
    @Test
    void generalDataBoundsTheBiasPenaltyEffect() {
        ClassificationData g = ClassificationData.generate(300, 12, new String[]{"neg", "pos"}, 4, 1.5, 73);
        MutableDataset<Label> ds = dataset(g.x, g.y);
        double lambda = 0.02;
        Linear ll = liblinear(ds, lambda, "pos");
        Linear us = ours(ds, lambda, "pos");
        double eps = 1e-7;
        double jUsUs = us.objective(g.x, g.y, lambda, false);
        double jUsLl = ll.objective(g.x, g.y, lambda, false);
        double jLlUs = us.objective(g.x, g.y, lambda, true);
        double jLlLl = ll.objective(g.x, g.y, lambda, true);
        assertTrue(jUsUs <= jUsLl + 1e-9 * jUsUs, "ours is optimal for ours: " + jUsUs + " vs " + jUsLl);
        assertTrue(jLlLl <= jLlUs + eps, "liblinear is optimal for liblinear: " + jLlLl + " vs " + jLlUs);
        double bound = lambda * (Math.abs(us.b()) - Math.abs(ll.b())) + eps;
        assertTrue(jUsLl - jUsUs <= bound, "J(LL) - J(ours) = " + (jUsLl - jUsUs) + " > " + bound);
        System.out.printf("LIBLINEAR general: b ours %.6f b LL %.6f; J: ours %.10f LL %.10f; J_LL: ours %.10f LL %.10f%n",
                us.b(), ll.b(), jUsUs, jUsLl, jLlUs, jLlLl);
    }
}
