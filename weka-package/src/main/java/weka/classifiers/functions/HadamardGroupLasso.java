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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Vector;

/**
 * Group lasso (and group Lq) linear and logistic regression by smooth Hadamard overparametrization.
 * The indicator columns of each nominal attribute form a group automatically; further groups of
 * attributes are given by name with {@code -groups "g1:a,b,c;g2:d,e"}.
 */
public class HadamardGroupLasso extends AbstractHadamardSparse {

  private static final long serialVersionUID = 7399532460961546212L;

  /** Default q (1: the group lasso). */
  public static final double DEFAULT_Q = 1.0;

  protected double m_Q = DEFAULT_Q;
  protected String m_Groups = "";

  /**
   * @return the global info
   */
  public String globalInfo() {
    return "Group lasso linear regression and logistic regression (penalty lambda * sum_g sqrt(|g|) * ||beta_g||_2^q; "
      + "q = 1 is the group lasso, q < 1 a non-convex group penalty), fitted by smooth Hadamard overparametrization: "
      + "beta_g = u_g * v with one shared scalar factor per group. The binary indicators of each nominal attribute "
      + "form one group automatically, so a nominal attribute is kept or dropped as a whole; user groups of "
      + "attributes are given by name, e.g. \"size:length,width;colour:red,green\" (an attribute listed there "
      + "brings all its indicators). Attributes in no group are penalized like the lasso. " + commonInfo();
  }

  @Override
  protected String methodName() {
    return m_Q == 1.0 ? "group lasso" : "group Lq penalty (q = " + m_Q + ")";
  }

  /**
   * Parses a group specification "name:attr,attr;name:attr".
   *
   * @param spec the text
   * @return group name → attribute names, in order
   * @throws IllegalArgumentException if malformed
   */
  public static Map<String, List<String>> parseGroups(String spec) {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    Map<String, String> owner = new LinkedHashMap<>();
    if (spec == null || spec.trim().isEmpty()) {
      return groups;
    }
    for (String part : spec.split(";")) {
      if (part.trim().isEmpty()) {
        continue;
      }
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("Group '" + part.trim() + "' must look like name:attribute1,attribute2");
      }
      String name = part.substring(0, colon).trim();
      if (name.isEmpty() || groups.containsKey(name)) {
        throw new IllegalArgumentException("Group name '" + name + "' is empty or used twice");
      }
      List<String> members = new ArrayList<>();
      for (String a : part.substring(colon + 1).split(",")) {
        String att = a.trim();
        if (att.isEmpty()) {
          throw new IllegalArgumentException("Group '" + name + "' has an empty attribute name");
        }
        String before = owner.put(att, name);
        if (before != null) {
          throw new IllegalArgumentException("Attribute '" + att + "' is in two groups: '" + before + "' and '" + name + "'");
        }
        members.add(att);
      }
      groups.put(name, members);
    }
    return groups;
  }

  @Override
  protected Penalty penalty(Instances data, String[] sourceAttribute) throws Exception {
    Map<String, List<String>> user = parseGroups(m_Groups);
    Map<String, Integer> groupOfAttribute = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : user.entrySet()) {
      for (String att : e.getValue()) {
        if (m_Header.attribute(att) == null && m_ReplaceMissing.getOutputFormat().attribute(att) == null) {
          throw new Exception(getClass().getSimpleName() + ": group '" + e.getKey() + "' names attribute '" + att
            + "', which is not in the data" + (att.equals(data.classAttribute().name()) ? " (it is the class)" : ""));
        }
        groupOfAttribute.put(att, names.size());
      }
      names.add(e.getKey());
    }
    int p = sourceAttribute.length;
    int[] groupOf = new int[p];
    Arrays.fill(groupOf, -1);
    Map<String, Integer> count = new LinkedHashMap<>();
    for (String s : sourceAttribute) {
      count.merge(s, 1, Integer::sum);
    }
    for (int j = 0; j < p; j++) {
      Integer g = groupOfAttribute.get(sourceAttribute[j]);
      if (g == null && count.get(sourceAttribute[j]) > 1) {
        // The indicators of one nominal attribute: an automatic group named after the attribute.
        g = names.size();
        groupOfAttribute.put(sourceAttribute[j], g);
        names.add(sourceAttribute[j]);
      }
      if (g != null) {
        groupOf[j] = g;
      }
    }
    // Drop groups whose attributes were all removed (RemoveUseless) and renumber.
    int[] renumber = new int[names.size()];
    Arrays.fill(renumber, -1);
    List<String> used = new ArrayList<>();
    for (int j = 0; j < p; j++) {
      if (groupOf[j] >= 0 && renumber[groupOf[j]] < 0) {
        renumber[groupOf[j]] = used.size();
        used.add(names.get(groupOf[j]));
      }
    }
    for (int j = 0; j < p; j++) {
      if (groupOf[j] >= 0) {
        groupOf[j] = renumber[groupOf[j]];
      }
    }
    m_GroupOf = groupOf;
    m_GroupNames = used.toArray(new String[0]);
    return Penalty.group(groupOf, null, m_Q);
  }

  @Override
  protected void addPenaltyOptions(Vector<Option> options) {
    options.add(new Option("\tThe exponent q of the group penalty sum_g c_g ||beta_g||^q, 0 < q <= 1 (1: group lasso).\n\t(default "
      + DEFAULT_Q + ")", "q", 1, "-q <q>"));
    options.add(new Option("\tGroups of attributes by name, e.g. \"g1:a,b,c;g2:d,e\". Nominal attributes not listed\n"
      + "\tform a group of their indicators.\n\t(default: none)", "groups", 1, "-groups <spec>"));
  }

  @Override
  protected void setPenaltyOptions(String[] options) throws Exception {
    String s = Utils.getOption("q", options);
    setQ(s.isEmpty() ? DEFAULT_Q : parseDouble("q", s));
    setGroups(Utils.getOption("groups", options));
  }

  @Override
  protected void getPenaltyOptions(List<String> options) {
    options.add("-q");
    options.add(Double.toString(m_Q));
    if (!m_Groups.isEmpty()) {
      options.add("-groups");
      options.add(m_Groups);
    }
  }

  @Override
  protected void checkOptions() throws Exception {
    super.checkOptions();
    HadamardLq.checkQ(m_Q);
    parseGroups(m_Groups);
  }

  /** @return tip text */
  public String qTipText() {
    return "The exponent q of the group penalty, in (0, 1]: 1 is the group lasso, smaller values are non-convex.";
  }

  /** @return q */
  public double getQ() { return m_Q; }

  /** @param q in (0, 1] */
  public void setQ(double q) {
    HadamardLq.checkQ(q);
    m_Q = q;
  }

  /** @return tip text */
  public String groupsTipText() {
    return "Groups of attributes by name, e.g. g1:a,b,c;g2:d,e (a nominal attribute brings all its indicators). "
      + "Nominal attributes not listed form a group of their own indicators; other attributes are singletons.";
  }

  /** @return the group specification */
  public String getGroups() { return m_Groups; }

  /** @param spec the group specification (checked for syntax) */
  public void setGroups(String spec) {
    String s = spec == null ? "" : spec.trim();
    parseGroups(s);
    m_Groups = s;
  }

  /**
   * @param args the command line
   */
  public static void main(String[] args) {
    runClassifier(new HadamardGroupLasso(), args);
  }
}
