package org.hadamard.sparse.path;

import org.hadamard.sparse.solver.Fit;

import java.io.Serializable;
import java.util.List;

/**
 * A regularization path: the λ values actually fitted (decreasing) and one certified {@link Fit} per λ.
 * The path may stop before the requested grid ends (glmnet's early stop), so {@code lambdas()} may be
 * shorter than the grid asked for.
 *
 * @param lambdaMax the smallest λ giving the null model (for the convex relaxation)
 * @param lambdas the fitted λ values
 * @param fits the fits, one per λ
 */
public record RegularizationPath(double lambdaMax, double[] lambdas, List<Fit> fits) implements Serializable {

    /**
     * @param i index along the path
     * @return the fit at lambdas()[i]
     */
    public Fit fit(int i) { return fits.get(i); }

    /** @return the number of fitted λ values */
    public int size() { return fits.size(); }
}
