/*
 *   This program is free software: you can redistribute it and/or modify
 *   it under the terms of the GNU General Public License as published by
 *   the Free Software Foundation, either version 3 of the License, or
 *   (at your option) any later version.
 *
 *   This program is distributed in the hope that it will be useful,
 *   but WITHOUT ANY WARRANTY; without even the implied warranty of
 *   MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
 *   GNU General Public License for more details.
 *
 *   You should have received a copy of the GNU General Public License
 *   along with this program.  If not, see <http://www.gnu.org/licenses/>.
 */
package weka.classifiers.functions;

import org.hadamard.sparse.parametrization.Penalty;
import weka.core.Instances;

/**
 * Lasso (L1-penalized) linear and logistic regression, fitted exactly by smooth Hadamard
 * overparametrization. See {@link AbstractHadamardSparse} for the options.
 */
public class HadamardLasso extends AbstractHadamardSparse {

  private static final long serialVersionUID = 4921764015226329718L;

  /**
   * @return the global info
   */
  public String globalInfo() {
    return "Lasso (L1-penalized) linear regression and logistic regression, fitted exactly by smooth Hadamard "
      + "overparametrization: beta = u*v with a ridge penalty on u and v is equivalent to the lasso, so smooth "
      + "solvers (L-BFGS, SGD) produce exact zeros. " + commonInfo();
  }

  @Override
  protected Penalty penalty(Instances data, String[] sourceAttribute) {
    return Penalty.lasso();
  }

  @Override
  protected String methodName() {
    return "lasso";
  }

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    runClassifier(new HadamardLasso(), args);
  }
}
