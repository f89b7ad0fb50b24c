package org.hadamard.sparse.solver;

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.problem.Problems;
import org.hadamard.sparse.testing.ReferenceObjectives;
import org.hadamard.sparse.testing.SyntheticData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tribuo.MutableDataset;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.slm.ElasticNetCDTrainer;
import org.tribuo.regression.slm.SparseLinearModel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full-batch Hadamard lasso against Tribuo's coordinate-descent elastic net (l1Ratio = 1), whose
 * objective is 1/(2n)‖y − ȳ − (X − x̄)w‖² + λ‖w‖₁: ours with standardize = false.
 */
class LassoAgainstCoordinateDescentTest {

    @ParameterizedTest(name = "n={0} p={1} rho={2} lambdaFraction={3}")
    @CsvSource({
            "200, 20, 0.0, 0.1",
            "200, 20, 0.8, 0.05",
            "100, 300, 0.5, 0.1",
            "60, 200, 0.9, 0.2",
            "400, 50, 0.95, 0.01",
            "300, 10, 0.9, 0.5",
    })
    void matchesCoordinateDescent(int n, int p, double rho, double lambdaFraction) {
        SyntheticData data = SyntheticData.regression(n, p, 8, rho, 1.0, 42 + n + p);
        Problem problem = Problems.denseRegression(data.x, data.y, null, false);
        double lmax = HadamardEngine.lambdaMax(problem, Penalty.lasso());
        double lambda = lambdaFraction * lmax;

        Fit ours = HadamardEngine.fit(problem, Penalty.lasso(), lambda, HadamardEngine.defaultSolver());

        MutableDataset<Regressor> ds = data.dataset();
        ElasticNetCDTrainer cd = new ElasticNetCDTrainer(lambda, 1.0, 1e-10, 100000, false, 1L);
        SparseLinearModel model = (SparseLinearModel) cd.train(ds);
        double[] w = new double[p];
        SparseVector sv = model.getWeights().get("y");
        for (VectorTuple t : sv) {
            w[t.index] = t.value;
        }
        double cdObjective = ReferenceObjectives.lassoRaw(data.x, data.y, w, lambda);
        double ourObjective = ReferenceObjectives.lassoRaw(data.x, data.y, ours.beta(), lambda);

        assertTrue(ours.certificate().converged(), "not converged: " + ours.certificate());
        assertEquals(cdObjective, ourObjective, 1e-8 * cdObjective, "objective: ours " + ourObjective + " CD " + cdObjective + " " + ours.certificate());
        assertTrue(ourObjective <= cdObjective * (1 + 1e-8));
        for (int j = 0; j < p; j++) {
            assertEquals(w[j] != 0, ours.beta()[j] != 0, "support differs at " + j + ": CD " + w[j] + " ours " + ours.beta()[j]);
        }
        // The certificate's objective is the same base objective, computed independently here.
        assertEquals(ourObjective, ours.certificate().objective(), 1e-10 * ourObjective);
    }
}
