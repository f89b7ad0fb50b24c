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
import weka.core.Option;
import weka.core.Utils;

import java.util.List;
import java.util.Vector;

/**
 * Lq-penalized (0 &lt; q &le; 1, non-convex below 1) linear and logistic regression by smooth Hadamard
 * overparametrization. See {@link AbstractHadamardSparse} for the common options.
 */
public class HadamardLq extends AbstractHadamardSparse {

  private static final long serialVersionUID = -6412460230551377410L;

  /** Default q. */
  public static final double DEFAULT_Q = 0.5;

  protected double m_Q = DEFAULT_Q;

  /**
   * @return the global info
   */
  public String globalInfo() {
    return "Lq-penalized linear regression and logistic regression (penalty lambda * sum |beta_j|^q, 0 < q <= 1; "
      + "non-convex and sparser than the lasso for q < 1), fitted by smooth Hadamard overparametrization: "
      + "beta = u*|v|^(k-1) with k = 2/q and a ridge penalty on the factors. For q < 1 each fit starts from the "
      + "lasso solution at the same lambda and descends to a local minimum (no duality gap exists). "
      + commonInfo();
  }

  @Override
  protected Penalty penalty(Instances data, String[] sourceAttribute) {
    return Penalty.lq(m_Q);
  }

  @Override
  protected String methodName() {
    return "Lq penalty (q = " + m_Q + ")";
  }

  @Override
  protected void addPenaltyOptions(Vector<Option> options) {
    options.add(new Option("\tThe exponent q of the penalty sum |beta_j|^q, 0 < q <= 1.\n\t(default " + DEFAULT_Q + ")",
      "q", 1, "-q <q>"));
  }

  @Override
  protected void setPenaltyOptions(String[] options) throws Exception {
    String s = Utils.getOption("q", options);
    setQ(s.isEmpty() ? DEFAULT_Q : parseDouble("q", s));
  }

  @Override
  protected void getPenaltyOptions(List<String> options) {
    options.add("-q");
    options.add(Double.toString(m_Q));
  }

  @Override
  protected void checkOptions() throws Exception {
    super.checkOptions();
    checkQ(m_Q);
  }

  static void checkQ(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in (0, 1], got " + q);
    }
  }

  /** @return tip text */
  public String qTipText() {
    return "The exponent q of the penalty sum |beta_j|^q, in (0, 1]: 1 is the lasso, smaller values are sparser (non-convex).";
  }

  /** @return q */
  public double getQ() { return m_Q; }

  /** @param q in (0, 1] */
  public void setQ(double q) {
    checkQ(q);
    m_Q = q;
  }

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    runClassifier(new HadamardLq(), args);
  }
}
