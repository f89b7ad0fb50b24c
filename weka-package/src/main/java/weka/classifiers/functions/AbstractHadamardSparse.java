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

import org.hadamard.sparse.HadamardEngine;
import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.optim.Adam;
import org.hadamard.sparse.parametrization.Penalty;
import org.hadamard.sparse.problem.Problem;
import org.hadamard.sparse.solver.Fit;
import org.hadamard.sparse.solver.Solver;
import org.hadamard.sparse.solver.StochasticSolver;
import org.hadamard.sparse.weka.LambdaCrossValidation;
import org.hadamard.sparse.weka.WekaProblems;
import org.tribuo.math.StochasticGradientOptimiser;
import org.tribuo.math.optimisers.AdaGrad;
import weka.classifiers.RandomizableClassifier;
import weka.core.AdditionalMeasureProducer;
import weka.core.Attribute;
import weka.core.Capabilities;
import weka.core.Capabilities.Capability;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Option;
import weka.core.RevisionUtils;
import weka.core.SelectedTag;
import weka.core.Tag;
import weka.core.TechnicalInformation;
import weka.core.TechnicalInformationHandler;
import weka.core.Utils;
import weka.core.WeightedInstancesHandler;
import weka.filters.Filter;
import weka.filters.unsupervised.attribute.NominalToBinary;
import weka.filters.unsupervised.attribute.RemoveUseless;
import weka.filters.unsupervised.attribute.ReplaceMissingValues;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Vector;

/**
 * Common code of the Hadamard sparse classifiers: options, Weka-style preprocessing
 * (ReplaceMissingValues, RemoveUseless, unsupervised NominalToBinary), λ selection by internal
 * cross-validation, the call into the engine, prediction and the model listing. Subclasses only
 * choose the penalty. All numerical work is the engine's ({@code org.hadamard.sparse}).
 */
public abstract class AbstractHadamardSparse extends RandomizableClassifier
    implements WeightedInstancesHandler, TechnicalInformationHandler, AdditionalMeasureProducer {

  private static final long serialVersionUID = -3163725061738436590L;

  /** Automatic λ: off (use -lambda). */
  public static final int AUTO_OFF = 0;
  /** Automatic λ: minimum mean CV loss. */
  public static final int AUTO_MIN = 1;
  /** Automatic λ: one-standard-error rule. */
  public static final int AUTO_1SE = 2;
  /** The automatic-λ modes. */
  public static final Tag[] TAGS_AUTO = {
    new Tag(AUTO_OFF, "off", "off: use the given lambda", false),
    new Tag(AUTO_MIN, "min", "min: lambda with the smallest CV loss", false),
    new Tag(AUTO_1SE, "1se", "1se: largest lambda within one standard error of the smallest CV loss", false),
  };

  /** Solver: full-batch L-BFGS (certified). */
  public static final int SOLVER_LBFGS = 0;
  /** Solver: minibatch SGD. */
  public static final int SOLVER_SGD = 1;
  /** The solvers. */
  public static final Tag[] TAGS_SOLVER = {
    new Tag(SOLVER_LBFGS, "LBFGS", "L-BFGS (full batch)", false),
    new Tag(SOLVER_SGD, "SGD", "SGD (minibatch)", false),
  };

  /** SGD optimiser: AdaGrad. */
  public static final int OPT_ADAGRAD = 0;
  /** SGD optimiser: Adam. */
  public static final int OPT_ADAM = 1;
  /** The SGD optimisers. */
  public static final Tag[] TAGS_OPTIMISER = {
    new Tag(OPT_ADAGRAD, "AdaGrad", "AdaGrad", false),
    new Tag(OPT_ADAM, "Adam", "Adam", false),
  };

  /** Default λ (used only with -auto off). */
  public static final double DEFAULT_LAMBDA = 0.01;
  /** Default automatic-λ mode. */
  public static final int DEFAULT_AUTO = AUTO_MIN;
  /** Default number of internal CV folds. */
  public static final int DEFAULT_FOLDS = 5;
  /** Default number of λ values on the CV path. */
  public static final int DEFAULT_NUM_LAMBDAS = 30;
  /** Default SGD epochs. */
  public static final int DEFAULT_EPOCHS = StochasticSolver.DEFAULT_EPOCHS;
  /** Default SGD minibatch size. */
  public static final int DEFAULT_MINIBATCH = StochasticSolver.DEFAULT_MINIBATCH;
  /** Default SGD learning rate. */
  public static final double DEFAULT_LEARNING_RATE = StochasticSolver.DEFAULT_LEARNING_RATE;

  // ---- options
  protected double m_Lambda = DEFAULT_LAMBDA;
  protected int m_Auto = DEFAULT_AUTO;
  protected int m_Folds = DEFAULT_FOLDS;
  protected int m_NumLambdas = DEFAULT_NUM_LAMBDAS;
  protected int m_Solver = SOLVER_LBFGS;
  protected int m_Optimiser = OPT_ADAGRAD;
  protected double m_LearningRate = DEFAULT_LEARNING_RATE;
  protected int m_Epochs = DEFAULT_EPOCHS;
  protected int m_MinibatchSize = DEFAULT_MINIBATCH;

  // ---- model
  protected ReplaceMissingValues m_ReplaceMissing;
  protected RemoveUseless m_RemoveUseless;
  protected NominalToBinary m_NominalToBinary;
  protected Instances m_Header;
  protected int[] m_Columns;
  protected String[] m_FeatureNames;
  protected double[] m_Beta;
  protected double[] m_Intercept;
  protected double m_FittedLambda;
  protected Certificate m_Certificate;
  protected LambdaCrossValidation m_CV;
  protected String m_PenaltyDescription;
  protected int[] m_GroupOf;
  protected String[] m_GroupNames;
  protected boolean m_ConvexPenalty;

  /** Sets Weka's usual 4 decimals for the model listing. */
  protected AbstractHadamardSparse() {
    setNumDecimalPlaces(4);
  }

  /**
   * The penalty for these preprocessed data.
   *
   * @param data the data after NominalToBinary
   * @param sourceAttribute per feature column, the name of the attribute it came from
   * @return the penalty
   * @throws Exception if the penalty options do not fit the data
   */
  protected abstract Penalty penalty(Instances data, String[] sourceAttribute) throws Exception;

  /** @return a short name of the method for the model listing, e.g. "lasso" */
  protected abstract String methodName();

  // ------------------------------------------------------------------ info

  @Override
  public TechnicalInformation getTechnicalInformation() {
    TechnicalInformation result = new TechnicalInformation(TechnicalInformation.Type.ARTICLE);
    result.setValue(TechnicalInformation.Field.AUTHOR, "Chris Kolb and Christian L. M\u00fcller and Bernd Bischl and David R\u00fcgamer");
    result.setValue(TechnicalInformation.Field.TITLE, "Smoothing the Edges: Smooth Optimization for Sparse Regularization using Hadamard Overparametrization");
    result.setValue(TechnicalInformation.Field.JOURNAL, "arXiv preprint arXiv:2307.03571");
    result.setValue(TechnicalInformation.Field.YEAR, "2023");
    result.setValue(TechnicalInformation.Field.URL, "https://arxiv.org/abs/2307.03571");
    return result;
  }

  /**
   * @return the part of the global info shared by all Hadamard classifiers
   */
  protected String commonInfo() {
    return "A numeric class gives squared-error regression, a nominal class logistic regression "
      + "(binary for two class values, multinomial otherwise). Missing values are replaced by means/modes, "
      + "useless attributes removed and nominal attributes turned into binary indicators; the features are "
      + "standardized internally and the intercept is not penalized; coefficients are reported on the "
      + "original scale. The objective is the weighted mean loss plus lambda times the penalty (glmnet's "
      + "convention). With -auto min|1se, lambda is chosen by internal k-fold cross-validation over a path "
      + "of lambda values from lambda_max down. Every fit is certified on the original non-smooth problem "
      + "(objective, KKT violation, duality gap for convex penalties).\n\n"
      + "For more information see:\n\n" + getTechnicalInformation().toString();
  }

  @Override
  public String getRevision() {
    return RevisionUtils.extract("$Revision: 1.0 $");
  }

  // ------------------------------------------------------------------ capabilities

  @Override
  public Capabilities getCapabilities() {
    Capabilities result = super.getCapabilities();
    result.disableAll();
    result.enable(Capability.NOMINAL_ATTRIBUTES);
    result.enable(Capability.NUMERIC_ATTRIBUTES);
    result.enable(Capability.DATE_ATTRIBUTES);
    result.enable(Capability.MISSING_VALUES);
    result.enable(Capability.NOMINAL_CLASS);
    result.enable(Capability.NUMERIC_CLASS);
    result.enable(Capability.MISSING_CLASS_VALUES);
    return result;
  }

  // ------------------------------------------------------------------ training

  @Override
  public void buildClassifier(Instances data) throws Exception {
    getCapabilities().testWithFail(data);
    checkOptions();
    data = new Instances(data);
    data.deleteWithMissingClass();
    if (data.numInstances() == 0) {
      throw new Exception(getClass().getSimpleName() + ": no training instances with a class value");
    }
    if (data.classAttribute().isNominal() && data.numClasses() < 2) {
      throw new Exception(getClass().getSimpleName() + ": the class attribute '" + data.classAttribute().name()
        + "' has only one value; a classifier needs at least two classes");
    }
    double sumWeights = data.sumOfWeights();
    if (!(sumWeights > 0)) {
      throw new Exception(getClass().getSimpleName() + ": the training instances' weights sum to " + sumWeights);
    }

    m_ReplaceMissing = new ReplaceMissingValues();
    m_ReplaceMissing.setInputFormat(data);
    data = Filter.useFilter(data, m_ReplaceMissing);
    m_RemoveUseless = new RemoveUseless();
    m_RemoveUseless.setInputFormat(data);
    data = Filter.useFilter(data, m_RemoveUseless);
    Instances beforeN2B = data;
    m_NominalToBinary = new NominalToBinary();
    m_NominalToBinary.setInputFormat(data);
    data = Filter.useFilter(data, m_NominalToBinary);
    m_Header = new Instances(data, 0);
    m_Columns = WekaProblems.featureColumns(data);
    m_FeatureNames = new String[m_Columns.length];
    for (int j = 0; j < m_Columns.length; j++) {
      m_FeatureNames[j] = data.attribute(m_Columns[j]).name();
    }
    String[] source = sourceAttributes(beforeN2B, m_Columns.length);

    m_GroupOf = null;
    m_GroupNames = null;
    Penalty penalty = penalty(data, source);
    m_PenaltyDescription = describe(penalty);
    m_ConvexPenalty = penalty.convex();
    Solver solver = solver();
    m_CV = null;
    if (m_Auto != AUTO_OFF) {
      m_CV = LambdaCrossValidation.run(data, penalty, solver, m_NumLambdas, m_Folds,
        m_Auto == AUTO_MIN ? LambdaCrossValidation.Rule.MIN : LambdaCrossValidation.Rule.ONE_SE, getSeed());
      m_FittedLambda = m_CV.lambda();
    } else {
      m_FittedLambda = m_Lambda;
    }
    Problem problem = WekaProblems.problem(data);
    Fit fit = HadamardEngine.fit(problem, penalty, m_FittedLambda, solver);
    m_Beta = fit.beta();
    m_Intercept = fit.intercept();
    m_Certificate = fit.certificate();
  }

  private String describe(Penalty penalty) {
    StringBuilder d = new StringBuilder(penalty.kind().toString().toLowerCase(Locale.ROOT)).append(", q = ").append(penalty.q());
    if (m_GroupNames != null) {
      int singletons = 0;
      for (int g : m_GroupOf) {
        if (g < 0) {
          singletons++;
        }
      }
      d.append(", ").append(m_GroupNames.length).append(" groups (weights sqrt(group size)) and ")
        .append(singletons).append(" ungrouped columns");
    }
    return d.toString();
  }

  /**
   * Per column after unsupervised NominalToBinary, the attribute it came from: a nominal attribute with
   * k &gt; 2 values gives k indicator columns, any other attribute one column, in attribute order.
   */
  private static String[] sourceAttributes(Instances beforeN2B, int columns) {
    List<String> names = new ArrayList<>();
    for (int a = 0; a < beforeN2B.numAttributes(); a++) {
      if (a == beforeN2B.classIndex()) {
        continue;
      }
      Attribute att = beforeN2B.attribute(a);
      int count = att.isNominal() && att.numValues() > 2 ? att.numValues() : 1;
      for (int c = 0; c < count; c++) {
        names.add(att.name());
      }
    }
    if (names.size() != columns) {
      throw new IllegalStateException("NominalToBinary produced " + columns + " columns, expected " + names.size());
    }
    return names.toArray(new String[0]);
  }

  /**
   * The solver configured by the options.
   *
   * @return the solver
   */
  protected Solver solver() {
    if (m_Solver == SOLVER_LBFGS) {
      return HadamardEngine.defaultSolver();
    }
    StochasticGradientOptimiser opt = m_Optimiser == OPT_ADAM ? new Adam(m_LearningRate) : new AdaGrad(m_LearningRate, 1e-6);
    return new StochasticSolver(opt, m_Epochs, m_MinibatchSize, StochasticSolver.DEFAULT_TOLERANCE, getSeed());
  }

  /** Re-checks option ranges (setters check them too; this catches subclasses and deserialized objects). */
  protected void checkOptions() throws Exception {
    checkLambda(m_Lambda);
    checkAtLeast("folds", m_Folds, 2);
    checkAtLeast("numLambdas", m_NumLambdas, 1);
    checkAtLeast("epochs", m_Epochs, 1);
    checkAtLeast("minibatchSize", m_MinibatchSize, 1);
    checkLearningRate(m_LearningRate);
  }

  // ------------------------------------------------------------------ prediction

  @Override
  public double[] distributionForInstance(Instance instance) throws Exception {
    if (m_Beta == null) {
      throw new Exception(getClass().getSimpleName() + ": no model built yet");
    }
    m_ReplaceMissing.input(instance);
    Instance inst = m_ReplaceMissing.output();
    m_RemoveUseless.input(inst);
    inst = m_RemoveUseless.output();
    m_NominalToBinary.input(inst);
    inst = m_NominalToBinary.output();
    double[] eta = WekaProblems.predictors(inst, m_Columns, m_Beta, m_Intercept);
    boolean numeric = m_Header.classAttribute().isNumeric();
    return WekaProblems.distribution(eta, numeric ? 1 : m_Header.numClasses(), numeric);
  }

  // ------------------------------------------------------------------ model access

  /** @return the raw-scale coefficients (after NominalToBinary), output-major, or null before training */
  public double[] getCoefficients() {
    return m_Beta == null ? null : m_Beta.clone();
  }

  /** @return the raw-scale intercepts, or null before training */
  public double[] getIntercepts() {
    return m_Intercept == null ? null : m_Intercept.clone();
  }

  /** @return the names of the feature columns after preprocessing, or null before training */
  public String[] getFeatureNames() {
    return m_FeatureNames == null ? null : m_FeatureNames.clone();
  }

  /** @return the λ of the final fit (NaN before training) */
  public double getFittedLambda() {
    return m_Beta == null ? Double.NaN : m_FittedLambda;
  }

  /** @return the certificate of the final fit, or null before training */
  public Certificate getCertificate() {
    return m_Certificate;
  }

  /** @return the internal cross-validation result, or null if λ was fixed */
  public LambdaCrossValidation getCrossValidation() {
    return m_CV;
  }

  /** @return the number of non-zero coefficients (0 before training) */
  public int numNonZero() {
    int c = 0;
    if (m_Beta != null) {
      for (double b : m_Beta) {
        if (b != 0) {
          c++;
        }
      }
    }
    return c;
  }

  @Override
  public Enumeration<String> enumerateMeasures() {
    Vector<String> v = new Vector<>();
    v.add("measureNumNonZero");
    v.add("measureLambda");
    return v.elements();
  }

  @Override
  public double getMeasure(String measureName) {
    if ("measureNumNonZero".equalsIgnoreCase(measureName)) {
      return numNonZero();
    }
    if ("measureLambda".equalsIgnoreCase(measureName)) {
      return getFittedLambda();
    }
    throw new IllegalArgumentException(measureName + " not supported (" + getClass().getSimpleName() + ")");
  }

  // ------------------------------------------------------------------ toString

  @Override
  public String toString() {
    String title = getClass().getSimpleName() + ": " + methodName() + " by smooth Hadamard overparametrization";
    if (m_Beta == null) {
      return title + "\n" + title.replaceAll(".", "=") + "\n\nNo model built yet.";
    }
    StringBuilder sb = new StringBuilder(title).append('\n').append(title.replaceAll(".", "=")).append("\n\n");
    Attribute cls = m_Header.classAttribute();
    boolean numeric = cls.isNumeric();
    sb.append("Loss: ").append(numeric ? "squared error (regression)"
      : m_Intercept.length == 1 ? "binary logistic (log-odds of " + cls.name() + " = " + cls.value(1) + ")"
      : "multinomial logistic (" + m_Intercept.length + " classes)").append('\n');
    sb.append("Penalty: ").append(m_PenaltyDescription).append('\n');
    sb.append("lambda = ").append(num(m_FittedLambda));
    if (m_CV != null) {
      int c = m_CV.chosenIndex();
      sb.append(" (chosen by internal ").append(m_CV.folds()).append("-fold cross-validation, ")
        .append(m_CV.rule() == LambdaCrossValidation.Rule.MIN ? "minimum CV loss" : "1-SE rule")
        .append("; lambda_max = ").append(num(m_CV.lambdaMax()))
        .append(", CV loss = ").append(num(m_CV.meanLoss()[c])).append(" +- ").append(num(m_CV.standardError()[c]))
        .append(", minimum ").append(num(m_CV.meanLoss()[m_CV.bestIndex()]))
        .append(" at lambda = ").append(num(m_CV.lambdas()[m_CV.bestIndex()])).append(')');
    }
    sb.append("\n\n");
    int p = m_Columns.length;
    int width = 1;
    for (String f : m_FeatureNames) {
      width = Math.max(width, f.length());
    }
    for (int k = 0; k < m_Intercept.length; k++) {
      if (numeric) {
        sb.append(cls.name()).append(" =\n\n");
      } else if (m_Intercept.length == 1) {
        sb.append("log-odds(").append(cls.name()).append(" = ").append(cls.value(1)).append(") =\n\n");
      } else {
        sb.append("Class ").append(cls.value(k)).append(" (linear predictor) =\n\n");
      }
      int shown = 0;
      for (int j = 0; j < p; j++) {
        double b = m_Beta[k * p + j];
        if (b != 0) {
          sb.append(String.format(Locale.ROOT, "  %15s * %-" + width + "s +%n",
            Utils.doubleToString(b, getNumDecimalPlaces()), m_FeatureNames[j]));
          shown++;
        }
      }
      sb.append(String.format(Locale.ROOT, "  %15s%n", Utils.doubleToString(m_Intercept[k], getNumDecimalPlaces())));
      sb.append("\n  (").append(shown).append(" of ").append(p).append(" coefficients non-zero)\n\n");
    }
    if (m_GroupNames != null && m_GroupNames.length > 0) {
      sb.append("Groups:\n");
      for (int g = 0; g < m_GroupNames.length; g++) {
        StringBuilder members = new StringBuilder();
        boolean selected = false;
        for (int j = 0; j < p; j++) {
          if (m_GroupOf[j] == g) {
            members.append(members.length() == 0 ? "" : ", ").append(m_FeatureNames[j]);
            for (int k = 0; k < m_Intercept.length; k++) {
              selected |= m_Beta[k * p + j] != 0;
            }
          }
        }
        sb.append("  ").append(m_GroupNames[g]).append(selected ? " (selected): " : " (zero): ").append(members).append('\n');
      }
      sb.append('\n');
    }
    Certificate c = m_Certificate;
    sb.append("Certificate (internal standardized scale): objective = ").append(num(c.objective()))
      .append(", KKT violation = ").append(num(c.kktViolation()))
      .append(", duality gap = ").append(Double.isNaN(c.dualityGap()) ? (m_ConvexPenalty ? "n/a" : "n/a (non-convex)") : num(c.dualityGap()))
      .append(", converged = ").append(c.converged())
      .append(", iterations = ").append(c.iterations()).append('\n');
    return sb.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }

  // ------------------------------------------------------------------ options

  @Override
  public Enumeration<Option> listOptions() {
    Vector<Option> result = new Vector<>();
    result.add(new Option("\tThe regularization strength lambda >= 0, used with -auto off.\n\t(default "
      + DEFAULT_LAMBDA + ")", "lambda", 1, "-lambda <lambda>"));
    result.add(new Option("\tAutomatic lambda by internal cross-validation: off, min or 1se.\n\t(default min)",
      "auto", 1, "-auto <off|min|1se>"));
    result.add(new Option("\tNumber of folds of the internal cross-validation (>= 2).\n\t(default " + DEFAULT_FOLDS + ")",
      "folds", 1, "-folds <k>"));
    result.add(new Option("\tNumber of lambda values on the cross-validation path (>= 1).\n\t(default " + DEFAULT_NUM_LAMBDAS + ")",
      "num-lambdas", 1, "-num-lambdas <n>"));
    addPenaltyOptions(result);
    result.add(new Option("\tSolver: LBFGS (full batch) or SGD (minibatch).\n\t(default LBFGS)",
      "solver", 1, "-solver <LBFGS|SGD>"));
    result.add(new Option("\tSGD optimiser: AdaGrad or Adam.\n\t(default AdaGrad)",
      "optimiser", 1, "-optimiser <AdaGrad|Adam>"));
    result.add(new Option("\tSGD learning rate (> 0).\n\t(default " + DEFAULT_LEARNING_RATE + ")",
      "learning-rate", 1, "-learning-rate <rate>"));
    result.add(new Option("\tSGD epoch budget (>= 1).\n\t(default " + DEFAULT_EPOCHS + ")",
      "epochs", 1, "-epochs <n>"));
    result.add(new Option("\tSGD minibatch size (>= 1).\n\t(default " + DEFAULT_MINIBATCH + ")",
      "minibatch", 1, "-minibatch <m>"));
    result.addAll(Collections.list(super.listOptions()));
    return result.elements();
  }

  /**
   * Adds the penalty-specific options.
   *
   * @param options the list
   */
  protected void addPenaltyOptions(Vector<Option> options) {
  }

  /**
   * Parses the penalty-specific options (absent options reset to defaults).
   *
   * @param options the options
   * @throws Exception on a bad value
   */
  protected void setPenaltyOptions(String[] options) throws Exception {
  }

  /**
   * @param options receives the penalty-specific options
   */
  protected void getPenaltyOptions(List<String> options) {
  }

  @Override
  public void setOptions(String[] options) throws Exception {
    String s = Utils.getOption("lambda", options);
    setLambda(s.isEmpty() ? DEFAULT_LAMBDA : parseDouble("lambda", s));
    s = Utils.getOption("auto", options);
    setAutoLambda(new SelectedTag(s.isEmpty() ? DEFAULT_AUTO : tagId("auto", s, TAGS_AUTO), TAGS_AUTO));
    s = Utils.getOption("folds", options);
    setFolds(s.isEmpty() ? DEFAULT_FOLDS : parseInt("folds", s));
    s = Utils.getOption("num-lambdas", options);
    setNumLambdas(s.isEmpty() ? DEFAULT_NUM_LAMBDAS : parseInt("num-lambdas", s));
    setPenaltyOptions(options);
    s = Utils.getOption("solver", options);
    setSolver(new SelectedTag(s.isEmpty() ? SOLVER_LBFGS : tagId("solver", s, TAGS_SOLVER), TAGS_SOLVER));
    s = Utils.getOption("optimiser", options);
    setOptimiser(new SelectedTag(s.isEmpty() ? OPT_ADAGRAD : tagId("optimiser", s, TAGS_OPTIMISER), TAGS_OPTIMISER));
    s = Utils.getOption("learning-rate", options);
    setLearningRate(s.isEmpty() ? DEFAULT_LEARNING_RATE : parseDouble("learning-rate", s));
    s = Utils.getOption("epochs", options);
    setEpochs(s.isEmpty() ? DEFAULT_EPOCHS : parseInt("epochs", s));
    s = Utils.getOption("minibatch", options);
    setMinibatchSize(s.isEmpty() ? DEFAULT_MINIBATCH : parseInt("minibatch", s));
    super.setOptions(options);
    Utils.checkForRemainingOptions(options);
  }

  @Override
  public String[] getOptions() {
    List<String> result = new ArrayList<>();
    result.add("-lambda");
    result.add(Double.toString(m_Lambda));
    result.add("-auto");
    result.add(TAGS_AUTO[m_Auto].getIDStr());
    result.add("-folds");
    result.add(Integer.toString(m_Folds));
    result.add("-num-lambdas");
    result.add(Integer.toString(m_NumLambdas));
    getPenaltyOptions(result);
    result.add("-solver");
    result.add(TAGS_SOLVER[m_Solver].getIDStr());
    result.add("-optimiser");
    result.add(TAGS_OPTIMISER[m_Optimiser].getIDStr());
    result.add("-learning-rate");
    result.add(Double.toString(m_LearningRate));
    result.add("-epochs");
    result.add(Integer.toString(m_Epochs));
    result.add("-minibatch");
    result.add(Integer.toString(m_MinibatchSize));
    Collections.addAll(result, super.getOptions());
    return result.toArray(new String[0]);
  }

  /**
   * @param option the option name (for the message)
   * @param value the text
   * @return the number
   * @throws Exception if it is not a number
   */
  protected static double parseDouble(String option, String value) throws Exception {
    try {
      return Double.parseDouble(value.trim());
    } catch (NumberFormatException e) {
      throw new Exception("Option -" + option + ": '" + value + "' is not a number");
    }
  }

  /**
   * @param option the option name (for the message)
   * @param value the text
   * @return the integer
   * @throws Exception if it is not an integer
   */
  protected static int parseInt(String option, String value) throws Exception {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new Exception("Option -" + option + ": '" + value + "' is not an integer");
    }
  }

  private static int tagId(String option, String value, Tag[] tags) throws Exception {
    StringBuilder allowed = new StringBuilder();
    for (Tag t : tags) {
      if (t.getIDStr().equalsIgnoreCase(value.trim())) {
        return t.getID();
      }
      allowed.append(allowed.length() == 0 ? "" : ", ").append(t.getIDStr());
    }
    throw new Exception("Option -" + option + ": '" + value + "' is not one of " + allowed);
  }

  private static void checkLambda(double lambda) {
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
  }

  private static void checkAtLeast(String name, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
    }
  }

  private static void checkLearningRate(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("learning rate must be finite and > 0, got " + rate);
    }
  }

  private static int checkTag(SelectedTag tag, Tag[] tags, String name) {
    if (tag.getTags() != tags) {
      throw new IllegalArgumentException("Not a " + name + " tag");
    }
    return tag.getSelectedTag().getID();
  }

  // ------------------------------------------------------------------ bean properties

  /** @return tip text */
  public String lambdaTipText() {
    return "The regularization strength lambda >= 0 (used only when autoLambda is off); the scale is glmnet's "
      + "(mean loss on standardized features).";
  }

  /** @return λ */
  public double getLambda() { return m_Lambda; }

  /** @param lambda λ ≥ 0 */
  public void setLambda(double lambda) {
    checkLambda(lambda);
    m_Lambda = lambda;
  }

  /** @return tip text */
  public String autoLambdaTipText() {
    return "Choose lambda by internal cross-validation over a lambda path: off (use lambda), min (smallest CV loss) "
      + "or 1se (largest lambda within one standard error of the smallest CV loss).";
  }

  /** @return the mode */
  public SelectedTag getAutoLambda() { return new SelectedTag(m_Auto, TAGS_AUTO); }

  /** @param mode the mode */
  public void setAutoLambda(SelectedTag mode) { m_Auto = checkTag(mode, TAGS_AUTO, "autoLambda"); }

  /** @return tip text */
  public String foldsTipText() { return "Number of folds of the internal cross-validation that chooses lambda (>= 2)."; }

  /** @return k */
  public int getFolds() { return m_Folds; }

  /** @param folds k ≥ 2 */
  public void setFolds(int folds) {
    checkAtLeast("folds", folds, 2);
    m_Folds = folds;
  }

  /** @return tip text */
  public String numLambdasTipText() {
    return "Number of lambda values on the cross-validation path, log-spaced from lambda_max down (>= 1).";
  }

  /** @return the grid size */
  public int getNumLambdas() { return m_NumLambdas; }

  /** @param n the grid size ≥ 1 */
  public void setNumLambdas(int n) {
    checkAtLeast("numLambdas", n, 1);
    m_NumLambdas = n;
  }

  /** @return tip text */
  public String solverTipText() {
    return "The solver: LBFGS (full-batch L-BFGS, certified to tight tolerances) or SGD (minibatch stochastic gradient).";
  }

  /** @return the solver */
  public SelectedTag getSolver() { return new SelectedTag(m_Solver, TAGS_SOLVER); }

  /** @param solver the solver */
  public void setSolver(SelectedTag solver) { m_Solver = checkTag(solver, TAGS_SOLVER, "solver"); }

  /** @return tip text */
  public String optimiserTipText() { return "The optimiser of the SGD solver: AdaGrad or Adam."; }

  /** @return the optimiser */
  public SelectedTag getOptimiser() { return new SelectedTag(m_Optimiser, TAGS_OPTIMISER); }

  /** @param opt the optimiser */
  public void setOptimiser(SelectedTag opt) { m_Optimiser = checkTag(opt, TAGS_OPTIMISER, "optimiser"); }

  /** @return tip text */
  public String learningRateTipText() { return "The learning rate of the SGD optimiser (> 0)."; }

  /** @return the learning rate */
  public double getLearningRate() { return m_LearningRate; }

  /** @param rate the learning rate &gt; 0 */
  public void setLearningRate(double rate) {
    checkLearningRate(rate);
    m_LearningRate = rate;
  }

  /** @return tip text */
  public String epochsTipText() { return "The epoch budget of the SGD solver (>= 1)."; }

  /** @return the epochs */
  public int getEpochs() { return m_Epochs; }

  /** @param epochs ≥ 1 */
  public void setEpochs(int epochs) {
    checkAtLeast("epochs", epochs, 1);
    m_Epochs = epochs;
  }

  /** @return tip text */
  public String minibatchSizeTipText() { return "The minibatch size of the SGD solver (>= 1)."; }

  /** @return the minibatch size */
  public int getMinibatchSize() { return m_MinibatchSize; }

  /** @param size ≥ 1 */
  public void setMinibatchSize(int size) {
    checkAtLeast("minibatchSize", size, 1);
    m_MinibatchSize = size;
  }

  @Override
  public String seedTipText() {
    return "The random seed of the internal cross-validation folds and of the SGD solver.";
  }
}
