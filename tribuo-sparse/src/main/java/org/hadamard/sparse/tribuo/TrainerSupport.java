/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.oracle.labs.mlrg.olcut.config.PropertyException;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.solver.FullBatchSolver;
import org.hadamard.sparse.solver.Solver;
import org.hadamard.sparse.solver.StochasticSolver;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.PenaltyType;
import org.hadamard.sparse.tribuo.HadamardSparseRegressionTrainer.SolverKind;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.math.la.SparseVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the Tribuo trainers share: the penalty options ({@code penalty}, {@code q}, {@code depth},
 * {@code groups}, {@code groupWeights}, {@code penaltyFactors}) — their validation in
 * {@code postConfig} and their translation, by feature and group name, into an engine
 * {@link Penalty} — and the construction of the solver from the solver options.
 */
final class TrainerSupport {

    private TrainerSupport() {}

    /**
     * Validates the family, q and depth and resolves the default q.
     * @param penalty the family
     * @param q the configured q, or NaN for the family's default
     * @param depth the Hadamard depth (0: power form)
     * @return the resolved q
     * @throws PropertyException if the combination is invalid
     */
    static double resolveQ(PenaltyType penalty, double q, int depth) {
        if (penalty == null) {
            throw new PropertyException("", "penalty", "penalty must be set");
        }
        if (depth != 0 && depth < 2) {
            throw new PropertyException("", "depth", "depth must be 0 (power form) or >= 2, found " + depth);
        }
        switch (penalty) {
            case LASSO:
                if (!Double.isNaN(q) && q != 1.0) {
                    throw new PropertyException("", "q", "q must be 1 for LASSO, found " + q + "; use LQ for q < 1");
                }
                if (depth != 0 && depth != 2) {
                    throw new PropertyException("", "depth", "LASSO has depth 2, found " + depth + "; use LQ for deeper products");
                }
                q = 1.0;
                break;
            case LQ:
                if (depth >= 2) {
                    double implied = 2.0 / depth;
                    if (!Double.isNaN(q) && Math.abs(q - implied) > 1e-12) {
                        throw new PropertyException("", "q", "depth " + depth + " implies q = 2/" + depth + " = " + implied + " but q = " + q);
                    }
                    q = implied;
                } else if (Double.isNaN(q)) {
                    q = 0.5;
                }
                break;
            case GROUP_LASSO:
                if (depth != 0) {
                    throw new PropertyException("", "depth", "depth is not used by GROUP_LASSO, found " + depth);
                }
                if (Double.isNaN(q)) {
                    q = 1.0;
                }
                break;
            default:
                throw new IllegalStateException("Unknown penalty " + penalty);
        }
        if (!(q > 0 && q <= 1)) {
            throw new PropertyException("", "q", "q must be in (0, 1], found " + q);
        }
        return q;
    }

    /**
     * Validates the group and penalty-factor maps (non-null).
     * @param penalty the family
     * @param groups feature name → group name
     * @param groupWeights group name → weight
     * @param penaltyFactors feature name → factor
     * @throws PropertyException if they are inconsistent or out of range
     */
    static void validateMaps(PenaltyType penalty, Map<String, String> groups, Map<String, Double> groupWeights,
                             Map<String, Double> penaltyFactors) {
        if (penalty != PenaltyType.GROUP_LASSO && (!groups.isEmpty() || !groupWeights.isEmpty())) {
            throw new PropertyException("", "groups", "groups and groupWeights are only used by GROUP_LASSO, penalty is " + penalty);
        }
        for (Map.Entry<String, Double> e : groupWeights.entrySet()) {
            if (!groups.containsValue(e.getKey())) {
                throw new PropertyException("", "groupWeights", "group weight given for group '" + e.getKey() + "' which has no feature in groups");
            }
            if (e.getValue() == null || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new PropertyException("", "groupWeights", "group '" + e.getKey() + "' has weight " + e.getValue() + "; weights must be finite and >= 0");
            }
        }
        for (Map.Entry<String, Double> e : penaltyFactors.entrySet()) {
            if (e.getValue() == null || !(e.getValue() >= 0) || Double.isInfinite(e.getValue())) {
                throw new PropertyException("", "penaltyFactors", "feature '" + e.getKey() + "' has penalty factor " + e.getValue() + "; factors must be finite and >= 0");
            }
        }
    }

    /**
     * Builds the engine penalty for a feature domain, resolving feature and group names.
     * @param penalty the family
     * @param q the resolved q
     * @param depth the Hadamard depth (0: power form)
     * @param groups feature name → group name (GROUP_LASSO)
     * @param groupWeights group name → weight (default √ of the group's penalised size)
     * @param penaltyFactors feature name → factor (default 1)
     * @param featureMap the feature domain
     * @return the penalty
     * @throws IllegalArgumentException if a group or penalty factor names a feature not in the domain
     */
    static Penalty build(PenaltyType penalty, double q, int depth, Map<String, String> groups, Map<String, Double> groupWeights,
                         Map<String, Double> penaltyFactors, ImmutableFeatureMap featureMap) {
        int p = featureMap.size();
        double[] factors = null;
        if (!penaltyFactors.isEmpty()) {
            factors = new double[p];
            Arrays.fill(factors, 1.0);
            for (Map.Entry<String, Double> e : new TreeMap<>(penaltyFactors).entrySet()) {
                int id = featureMap.getID(e.getKey());
                if (id < 0) {
                    throw new IllegalArgumentException("penaltyFactors names feature '" + e.getKey() + "' which is not in the dataset");
                }
                factors[id] = e.getValue();
            }
        }
        Penalty pen;
        switch (penalty) {
            case LASSO:
                pen = Penalty.lasso();
                break;
            case LQ:
                pen = depth >= 2 ? Penalty.depth(depth) : Penalty.lq(q);
                break;
            case GROUP_LASSO: {
                List<String> groupNames = new ArrayList<>(new TreeSet<>(groups.values()));
                Map<String, Integer> groupIndex = new HashMap<>();
                for (int g = 0; g < groupNames.size(); g++) {
                    groupIndex.put(groupNames.get(g), g);
                }
                int[] groupOf = new int[p];
                Arrays.fill(groupOf, -1);
                int[] sizes = new int[groupNames.size()];
                for (Map.Entry<String, String> e : new TreeMap<>(groups).entrySet()) {
                    int id = featureMap.getID(e.getKey());
                    if (id < 0) {
                        throw new IllegalArgumentException("groups names feature '" + e.getKey() + "' (group '" + e.getValue()
                                + "') which is not in the dataset");
                    }
                    int g = groupIndex.get(e.getValue());
                    groupOf[id] = g;
                    if (factors == null || factors[id] != 0) {
                        sizes[g]++;
                    }
                }
                double[] gw = new double[groupNames.size()];
                for (int g = 0; g < gw.length; g++) {
                    Double w = groupWeights.get(groupNames.get(g));
                    gw[g] = w != null ? w : Math.sqrt(sizes[g]);
                }
                pen = Penalty.group(groupOf, gw, q);
                break;
            }
            default:
                throw new IllegalStateException("Unknown penalty " + penalty);
        }
        return factors == null ? pen : pen.withPenaltyFactors(factors);
    }

    /**
     * One fitted coefficient row as a sparse vector of its non-zero entries.
     * @param beta the fitted coefficients
     * @param offset where the row starts in {@code beta}
     * @param p the row length (the number of features)
     * @return the row {@code beta[offset .. offset + p)}, sparse
     */
    static SparseVector sparseRow(double[] beta, int offset, int p) {
        int nnz = 0;
        for (int j = 0; j < p; j++) {
            if (beta[offset + j] != 0.0) {
                nnz++;
            }
        }
        int[] idx = new int[nnz];
        double[] val = new double[nnz];
        int t = 0;
        for (int j = 0; j < p; j++) {
            if (beta[offset + j] != 0.0) {
                idx[t] = j;
                val[t++] = beta[offset + j];
            }
        }
        return SparseVector.createSparseVector(p, idx, val);
    }

    /**
     * Builds the solver of one training invocation.
     * @param solver the solver kind
     * @param tolerance the resolved tolerance (relative duality gap for LBFGS, relative decrease per epoch for SGD)
     * @param localOptimiser this invocation's copy of the optimiser (SGD)
     * @param epochs the SGD epoch budget
     * @param minibatchSize the SGD minibatch size
     * @param polish whether SGD finishes with a full-batch solve
     * @param solverSeed the solver's seed, drawn from this invocation's RNG
     * @return the solver
     */
    static Solver createSolver(SolverKind solver, double tolerance, StochasticGradientOptimiser localOptimiser, int epochs,
                               int minibatchSize, boolean polish, long solverSeed) {
        if (solver == SolverKind.SGD) {
            return new StochasticSolver(localOptimiser, epochs, minibatchSize, tolerance, solverSeed).withPolish(polish);
        }
        return new FullBatchSolver(tolerance, FullBatchSolver.DEFAULT_KKT_TOLERANCE, FullBatchSolver.DEFAULT_MAX_ITERATIONS);
    }
}
