package org.hadamard.sparse.evaluation;

import weka.classifiers.Classifier;
import weka.classifiers.functions.HadamardGroupLasso;
import weka.classifiers.functions.HadamardLasso;
import weka.classifiers.functions.HadamardLq;
import weka.classifiers.functions.LinearRegression;
import weka.classifiers.functions.Logistic;
import weka.classifiers.functions.SGD;
import weka.classifiers.meta.MultiClassClassifier;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.Range;
import weka.experiment.ClassifierSplitEvaluator;
import weka.experiment.CrossValidationResultProducer;
import weka.experiment.Experiment;
import weka.experiment.InstancesResultListener;
import weka.experiment.PairedCorrectedTTester;
import weka.experiment.PairedStats;
import weka.experiment.PropertyNode;
import weka.experiment.RegressionSplitEvaluator;
import weka.experiment.SplitEvaluator;

import javax.swing.DefaultListModel;
import java.beans.PropertyDescriptor;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Weka rows: our Weka classifiers ({@code HadamardLasso}, {@code HadamardGroupLasso}, {@code HadamardLq})
 * against Weka's own linear learners, run by Weka's Experimenter API — a {@link CrossValidationResultProducer}
 * with a {@link ClassifierSplitEvaluator} (nominal class) or {@link RegressionSplitEvaluator} (numeric
 * class), results collected by an {@link InstancesResultListener} — and compared by Weka's
 * {@link PairedCorrectedTTester} (Nadeau and Bengio's corrected resampled t-test, 5 % level), with our
 * lasso as the base scheme, exactly as the Experimenter's "Analyse" tab would.
 * <p>
 * Comparators: numeric class — {@code LinearRegression} (Weka defaults: M5 attribute selection, ridge
 * 1e-8) and {@code SGD} with squared loss; nominal class — {@code Logistic} (ridge 1e-8), {@code SGD} with
 * log loss (binary; wrapped in {@code MultiClassClassifier}, one-vs-rest, for more classes) and
 * LIBLINEAR's L1-regularised logistic regression ({@code weka.classifiers.functions.LibLINEAR -S 6}, from
 * the {@code nz.ac.waikato.cms.weka:LibLINEAR} package on Maven Central). Our classifiers choose λ by
 * their own internal cross-validation ({@code -auto min}, their default).
 */
public final class WekaRows implements Comparison.RowSource {

    private static final String HARNESS = "Weka Experimenter";

    /** Held strongly so that the level set in {@link #rows} is not lost to garbage collection. */
    private static final java.util.logging.Logger NETLIB_LOG = java.util.logging.Logger.getLogger("com.github.fommil.netlib");

    /** One scheme. */
    private record Scheme(String label, Classifier classifier, String note) {}

    private final Instances data;
    private final String groupsSpec;
    private final double q;
    private final int folds;
    private final int runs;
    private final int firstRun;

    /**
     * @param data the data set, class attribute set (it is moved to the last position if needed)
     * @param groupsSpec the group-lasso row's groups, {@code HadamardGroupLasso}'s -groups syntax ("" for none)
     * @param q the Lq row's exponent
     * @param folds folds of each cross-validation
     * @param runs repetitions of the cross-validation (runs × folds paired values per scheme)
     * @param firstRun the first run number (the Experimenter seeds each run's shuffle with its number)
     */
    public WekaRows(Instances data, String groupsSpec, double q, int folds, int runs, int firstRun) {
        this.data = classLast(data);
        this.groupsSpec = groupsSpec;
        this.q = q;
        this.folds = folds;
        this.runs = runs;
        this.firstRun = firstRun;
    }

    @Override
    public String name() { return "Weka"; }

    /**
     * @param x rows
     * @param y numeric responses
     * @param names feature names
     * @param target class name
     * @param relation the relation name
     * @return Instances with numeric attributes and a numeric class (last)
     */
    public static Instances regression(double[][] x, double[] y, String[] names, String target, String relation) {
        ArrayList<Attribute> atts = new ArrayList<>();
        for (String n : names) {
            atts.add(new Attribute(n));
        }
        atts.add(new Attribute(target));
        Instances d = new Instances(relation, atts, x.length);
        for (int i = 0; i < x.length; i++) {
            double[] v = java.util.Arrays.copyOf(x[i], names.length + 1);
            v[names.length] = y[i];
            d.add(new DenseInstance(1.0, v));
        }
        d.setClassIndex(names.length);
        return d;
    }

    /**
     * @param x rows
     * @param label class index per row into {@code levels}
     * @param levels class names
     * @param names feature names
     * @param target class name
     * @param relation the relation name
     * @return Instances with numeric attributes and a nominal class (last)
     */
    public static Instances classification(double[][] x, int[] label, String[] levels, String[] names, String target, String relation) {
        ArrayList<Attribute> atts = new ArrayList<>();
        for (String n : names) {
            atts.add(new Attribute(n));
        }
        atts.add(new Attribute(target, List.of(levels)));
        Instances d = new Instances(relation, atts, x.length);
        for (int i = 0; i < x.length; i++) {
            double[] v = java.util.Arrays.copyOf(x[i], names.length + 1);
            v[names.length] = label[i];
            d.add(new DenseInstance(1.0, v));
        }
        d.setClassIndex(names.length);
        return d;
    }

    private static Instances classLast(Instances in) {
        if (in.classIndex() < 0) {
            throw new IllegalArgumentException("the Weka data set has no class attribute");
        }
        if (in.classIndex() == in.numAttributes() - 1) {
            return in;
        }
        try {
            weka.filters.unsupervised.attribute.Reorder reorder = new weka.filters.unsupervised.attribute.Reorder();
            int c = in.classIndex() + 1;
            String order = (c == 1 ? "" : "first-" + (c - 1) + ",") + (c + 1) + "-last," + c;
            reorder.setAttributeIndices(order);
            reorder.setInputFormat(in);
            Instances out = weka.filters.Filter.useFilter(in, reorder);
            out.setClassIndex(out.numAttributes() - 1);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("cannot move the class attribute last: " + e.getMessage(), e);
        }
    }

    private boolean nominal() {
        return data.classAttribute().isNominal();
    }

    private List<Scheme> schemes() throws Exception {
        List<Scheme> s = new ArrayList<>();
        s.add(new Scheme("ours: HadamardLasso", new HadamardLasso(), "base; λ by internal 5-fold CV over 30 λ (-auto min)"));
        HadamardGroupLasso g = new HadamardGroupLasso();
        if (!groupsSpec.isEmpty()) {
            g.setOptions(new String[]{"-groups", groupsSpec});
        }
        int count = groupsSpec.isEmpty() ? 0 : groupsSpec.split(";").length;
        s.add(new Scheme("ours: HadamardGroupLasso", g, count + " groups given by -groups (the same as the Tribuo rows'); -auto min"));
        HadamardLq lq = new HadamardLq();
        lq.setOptions(new String[]{"-q", Double.toString(q)});
        s.add(new Scheme(String.format(Locale.ROOT, "ours: HadamardLq q=%.3g", q), lq, "-auto min"));
        if (!nominal()) {
            s.add(new Scheme("Weka LinearRegression", new LinearRegression(), "Weka defaults: M5 attribute selection, ridge 1e-8"));
            SGD sgd = new SGD();
            sgd.setOptions(new String[]{"-F", "2"});
            s.add(new Scheme("Weka SGD (squared loss)", sgd, "-F 2; defaults: ridge 1e-4, learning rate 0.01, 500 epochs, normalized"));
        } else {
            s.add(new Scheme("Weka Logistic", new Logistic(), "Weka defaults: ridge 1e-8"));
            SGD sgd = new SGD();
            sgd.setOptions(new String[]{"-F", "1"});
            if (data.classAttribute().numValues() == 2) {
                s.add(new Scheme("Weka SGD (log loss)", sgd, "-F 1; defaults: ridge 1e-4, learning rate 0.01, 500 epochs, normalized"));
            } else {
                MultiClassClassifier m = new MultiClassClassifier();
                m.setClassifier(sgd);
                s.add(new Scheme("Weka SGD (log loss, one-vs-rest)", m, "MultiClassClassifier around SGD -F 1"));
            }
            Classifier ll = (Classifier) Class.forName("weka.classifiers.functions.LibLINEAR").getDeclaredConstructor().newInstance();
            ((weka.core.OptionHandler) ll).setOptions(new String[]{"-S", "6", "-C", "1.0", "-B", "1.0", "-Z"});
            s.add(new Scheme("Weka LibLINEAR L1R_LR", ll, "-S 6 (L1-regularized logistic), C=1 (its default), bias 1 (penalized), -Z normalized; package LibLINEAR 1.9.7"));
        }
        return s;
    }

    @Override
    public List<Comparison.Row> rows(Consumer<String> progress) {
        Path dir = null;
        // Some Weka schemes print to System.out (LibLINEAR: "Zero Weights processed..."); keep stdout for the table.
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        // Weka's matrix library logs that it falls back to pure-Java BLAS/LAPACK: expected, not news.
        NETLIB_LOG.setLevel(java.util.logging.Level.SEVERE);
        try {
            dir = Files.createTempDirectory("sparse-compare-weka");
            return compute(dir, progress);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Weka experiment failed: " + e, e);
        } finally {
            System.setOut(stdout);
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // a temporary directory
                }
            }
        }
    }

    private List<Comparison.Row> compute(Path dir, Consumer<String> progress) throws Exception {
        List<Scheme> schemes = schemes();
        Path arff = dir.resolve("data.arff");
        Files.writeString(arff, data.toString(), StandardCharsets.UTF_8);
        Path results = dir.resolve("results.arff");

        Classifier[] classifiers = schemes.stream().map(Scheme::classifier).toArray(Classifier[]::new);
        SplitEvaluator se;
        Class<?> seClass;
        if (nominal()) {
            ClassifierSplitEvaluator c = new ClassifierSplitEvaluator();
            c.setClassifier(classifiers[0]);
            se = c;
            seClass = ClassifierSplitEvaluator.class;
        } else {
            RegressionSplitEvaluator r = new RegressionSplitEvaluator();
            r.setClassifier(classifiers[0]);
            se = r;
            seClass = RegressionSplitEvaluator.class;
        }
        CrossValidationResultProducer cv = new CrossValidationResultProducer();
        cv.setNumFolds(folds);
        cv.setSplitEvaluator(se);
        cv.setAdditionalMeasures(new String[]{"measureNumNonZero"});

        Experiment exp = new Experiment();
        exp.setPropertyArray(new Classifier[0]);
        exp.setRunLower(firstRun);
        exp.setRunUpper(firstRun + runs - 1);
        exp.setResultProducer(cv);
        exp.setPropertyPath(new PropertyNode[]{
                new PropertyNode(se, new PropertyDescriptor("splitEvaluator", CrossValidationResultProducer.class), CrossValidationResultProducer.class),
                new PropertyNode(classifiers[0], new PropertyDescriptor("classifier", seClass), seClass)});
        exp.setUsePropertyIterator(true);
        exp.setPropertyArray(classifiers);
        DefaultListModel<File> datasets = new DefaultListModel<>();
        datasets.addElement(arff.toFile());
        exp.setDatasets(datasets);
        InstancesResultListener listener = new InstancesResultListener();
        listener.setOutputFile(results.toFile());
        exp.setResultListener(listener);

        exp.initialize();
        int last = -1;
        while (exp.hasMoreIterations()) {
            int property = exp.getCurrentPropertyNumber();
            int run = exp.getCurrentRunNumber();
            if (property != last) {
                progress.accept(String.format(Locale.ROOT, "run %d/%d: %s", run - firstRun + 1, runs, schemes.get(property).label()));
                last = property;
            }
            exp.nextIteration();
        }
        exp.postProcess();

        Instances result;
        try (BufferedReader r = Files.newBufferedReader(results, StandardCharsets.UTF_8)) {
            result = new Instances(r);
        }
        return analyse(result, schemes);
    }

    private List<Comparison.Row> analyse(Instances result, List<Scheme> schemes) throws Exception {
        PairedCorrectedTTester tester = new PairedCorrectedTTester();
        tester.setInstances(result);
        tester.setSortColumn(-1);
        tester.setRunColumn(index(result, "Key_Run"));
        tester.setFoldColumn(index(result, "Key_Fold"));
        tester.setDatasetKeyColumns(new Range(String.valueOf(index(result, "Key_Dataset") + 1)));
        tester.setResultsetKeyColumns(new Range((index(result, "Key_Scheme") + 1) + "," + (index(result, "Key_Scheme_options") + 1)
                + "," + (index(result, "Key_Scheme_version_ID") + 1)));
        tester.setSignificanceLevel(0.05);
        tester.setResultMatrix(new weka.experiment.ResultMatrixPlainText());
        tester.setDisplayedResultsets(null);

        String measure = nominal() ? "accuracy [%]" : "RMSE";
        int column = index(result, nominal() ? "Percent_correct" : "Root_mean_squared_error");
        boolean binary = nominal() && data.classAttribute().numValues() == 2;
        int aucColumn = binary ? result.attribute("Area_under_ROC").index() : -1;
        Instance specifier = result.instance(0);
        int[] resultset = new int[schemes.size()];
        for (int s = 0; s < schemes.size(); s++) {
            resultset[s] = resultsetOf(tester, schemes.get(s).classifier());
        }
        int base = resultset[0];
        int keyScheme = index(result, "Key_Scheme");
        List<Comparison.Row> rows = new ArrayList<>();
        for (int s = 0; s < schemes.size(); s++) {
            PairedStats st = tester.calculateStatistics(specifier, base, resultset[s], column);
            String verdict = s == 0 ? "base" : st.differencesSignificance < 0 ? "v" : st.differencesSignificance > 0 ? "*" : "";
            double aucMean = Double.NaN;
            double aucSd = Double.NaN;
            if (binary) {
                PairedStats a = tester.calculateStatistics(specifier, base, resultset[s], aucColumn);
                aucMean = a.yStats.mean;
                aucSd = a.yStats.stdDev;
            }
            // Time and non-zeros straight from the scheme's result rows.
            String className = schemes.get(s).classifier().getClass().getName();
            double seconds = 0;
            double nnz = 0;
            int count = 0;
            int nnzCount = 0;
            Attribute nnzAtt = result.attribute("measureNumNonZero");
            for (Instance r : result) {
                if (!r.stringValue(keyScheme).equals(className)) {
                    continue;
                }
                seconds += r.value(result.attribute("Elapsed_Time_training")) + r.value(result.attribute("Elapsed_Time_testing"));
                count++;
                if (nnzAtt != null && !r.isMissing(nnzAtt)) {
                    nnz += r.value(nnzAtt);
                    nnzCount++;
                }
            }
            rows.add(new Comparison.Row(HARNESS, schemes.get(s).label(), Double.NaN, measure, st.yStats.mean, st.yStats.stdDev,
                    nnzCount > 0 ? nnz / nnzCount : Double.NaN, count > 0 ? seconds / count : Double.NaN, Double.NaN,
                    schemes.get(s).note(), binary ? "AUC" : "", aucMean, aucSd, verdict));
        }
        return rows;
    }

    private static int resultsetOf(PairedCorrectedTTester tester, Classifier c) {
        String simple = c.getClass().getName().replaceFirst("^weka\\.classifiers\\.", "");
        for (int i = 0; i < tester.getNumResultsets(); i++) {
            String name = tester.getResultsetName(i);
            if (name.equals(simple) || name.startsWith(simple + " ") || name.startsWith(simple + "'")) {
                return i;
            }
        }
        throw new IllegalStateException("no results for " + simple);
    }

    private static int index(Instances result, String name) {
        Attribute a = result.attribute(name);
        if (a == null) {
            throw new IllegalStateException("Weka's results have no column " + name);
        }
        return a.index();
    }

    /**
     * @param names feature names
     * @param groupOf group per feature (0..G−1)
     * @return HadamardGroupLasso's -groups value for the groups with more than one feature
     */
    public static String groupsSpec(String[] names, int[] groupOf) {
        java.util.Map<Integer, List<String>> members = new java.util.TreeMap<>();
        for (int j = 0; j < names.length; j++) {
            members.computeIfAbsent(groupOf[j], k -> new ArrayList<>()).add(names[j]);
        }
        List<String> parts = new ArrayList<>();
        for (var e : members.entrySet()) {
            if (e.getValue().size() > 1) {
                parts.add("g" + e.getKey() + ":" + String.join(",", e.getValue()));
            }
        }
        return String.join(";", parts);
    }
}
