package org.hadamard.sparse.weka;

import org.junit.jupiter.api.Test;
import weka.classifiers.AbstractClassifier;
import weka.classifiers.functions.AbstractHadamardSparse;
import weka.classifiers.functions.HadamardGroupLasso;
import weka.classifiers.functions.HadamardLasso;
import weka.classifiers.functions.HadamardLq;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;
import weka.core.SerializationHelper;
import weka.core.UnsupportedAttributeTypeException;
import weka.core.Utils;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad data and bad options give Weka capability errors or clear messages; options round-trip. */
class BadInputTest {

    static Instances data(List<Attribute> atts, double[][] rows) {
        Instances d = new Instances("t", new ArrayList<>(atts), rows.length);
        for (double[] r : rows) {
            d.add(new DenseInstance(1.0, r));
        }
        d.setClassIndex(d.numAttributes() - 1);
        return d;
    }

    @Test
    void stringAttributeIsACapabilityError() throws Exception {
        List<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("text", (List<String>) null));
        atts.add(new Attribute("y"));
        Instances d = new Instances("t", new ArrayList<>(atts), 2);
        for (int i = 0; i < 4; i++) {
            double[] v = {d.attribute(0).addStringValue("s" + i), i};
            d.add(new DenseInstance(1.0, v));
        }
        d.setClassIndex(1);
        Exception e = assertThrows(UnsupportedAttributeTypeException.class, () -> new HadamardLasso().buildClassifier(d));
        assertTrue(e.getMessage().contains("string"), e.getMessage());
    }

    @Test
    void allMissingAttributeIsDropped() throws Exception {
        Instances d = Data.load("cpu.arff");
        d.insertAttributeAt(new Attribute("empty"), 0);
        for (int i = 0; i < d.numInstances(); i++) {
            d.instance(i).setMissing(0);
        }
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto off -lambda 1"));
        c.buildClassifier(d);
        assertTrue(!java.util.Arrays.asList(c.getFeatureNames()).contains("empty"));
        HadamardLasso ref = new HadamardLasso();
        ref.setOptions(Utils.splitOptions("-auto off -lambda 1"));
        ref.buildClassifier(Data.load("cpu.arff"));
        assertArrayEquals(ref.getCoefficients(), c.getCoefficients(), 0.0);
        assertEquals(ref.classifyInstance(Data.load("cpu.arff").instance(3)), c.classifyInstance(d.instance(3)), 0.0);
    }

    @Test
    void oneValuedClassIsRejected() {
        List<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("c", List.of("only")));
        Instances d = data(atts, new double[][] {{1, 0}, {2, 0}, {3, 0}});
        Exception e = assertThrows(Exception.class, () -> new HadamardLasso().buildClassifier(d));
        assertTrue(e.getMessage().toLowerCase().contains("class"), e.getMessage());
    }

    @Test
    void oneClassPresentIsAClearMessage() throws Exception {
        List<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("c", List.of("a", "b")));
        Instances d = data(atts, new double[][] {{1, 0}, {2, 0}, {3, 0}, {4, 0}});
        HadamardLasso c = new HadamardLasso();
        c.setOptions(Utils.splitOptions("-auto off"));
        Exception e = assertThrows(Exception.class, () -> c.buildClassifier(d));
        assertTrue(e.getMessage().contains("Only one class"), e.getMessage());
    }

    @Test
    void emptyDatasetIsACapabilityError() {
        List<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("y"));
        Instances d = data(atts, new double[0][]);
        Exception e = assertThrows(Exception.class, () -> new HadamardLasso().buildClassifier(d));
        assertTrue(e.getMessage().contains("Not enough training instances"), e.getMessage());
    }

    @Test
    void allClassValuesMissingIsAClearMessage() {
        List<Attribute> atts = new ArrayList<>();
        atts.add(new Attribute("x"));
        atts.add(new Attribute("y"));
        Instances d = data(atts, new double[][] {{1, Double.NaN}, {2, Double.NaN}});
        Exception e = assertThrows(Exception.class, () -> new HadamardLasso().buildClassifier(d));
        assertTrue(e.getMessage().contains("Not enough training instances with class labels"), e.getMessage());
    }

    @Test
    void badOptionValuesThrow() {
        String[][] bad = {
            {"-lambda", "abc"}, {"-lambda", "-1"}, {"-auto", "sometimes"}, {"-folds", "1"}, {"-folds", "x"},
            {"-num-lambdas", "0"}, {"-solver", "newton"}, {"-optimiser", "rmsprop"}, {"-epochs", "0"},
            {"-learning-rate", "0"}, {"-minibatch", "0"}, {"-unknown", "1"},
        };
        for (String[] b : bad) {
            Exception e = assertThrows(Exception.class, () -> new HadamardLasso().setOptions(b.clone()), String.join(" ", b));
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
        assertThrows(Exception.class, () -> new HadamardLq().setOptions(new String[] {"-q", "1.5"}));
        assertThrows(Exception.class, () -> new HadamardLq().setOptions(new String[] {"-q", "0"}));
        assertThrows(Exception.class, () -> new HadamardGroupLasso().setOptions(new String[] {"-groups", "nocolon"}));
        assertThrows(Exception.class, () -> new HadamardGroupLasso().setOptions(new String[] {"-groups", "g:a,b;h:b"}));
    }

    @Test
    void unknownGroupAttributeIsAClearMessage() throws Exception {
        HadamardGroupLasso c = new HadamardGroupLasso();
        c.setOptions(new String[] {"-auto", "off", "-groups", "g:MMIN,NOPE"});
        Exception e = assertThrows(Exception.class, () -> c.buildClassifier(Data.load("cpu.arff")));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
    }

    @Test
    void optionsRoundTripAndModelsSerialize() throws Exception {
        HadamardGroupLasso c = new HadamardGroupLasso();
        String opts = "-lambda 0.5 -auto 1se -folds 4 -num-lambdas 12 -q 0.8 -groups \"a:MMIN,MMAX\" -solver SGD "
            + "-optimiser Adam -learning-rate 0.02 -epochs 50 -minibatch 16 -S 7";
        c.setOptions(Utils.splitOptions(opts));
        HadamardGroupLasso d = new HadamardGroupLasso();
        d.setOptions(c.getOptions());
        assertArrayEquals(c.getOptions(), d.getOptions());
        assertEquals("a:MMIN,MMAX", d.getGroups());
        assertEquals(7, d.getSeed());
        assertEquals(AbstractHadamardSparse.SOLVER_SGD, d.getSolver().getSelectedTag().getID());
        // absent options reset to defaults
        d.setOptions(new String[0]);
        assertArrayEquals(new HadamardGroupLasso().getOptions(), d.getOptions());

        HadamardLasso m = new HadamardLasso();
        m.buildClassifier(Data.load("iris.arff"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SerializationHelper.write(bytes, m);
        HadamardLasso back = (HadamardLasso) SerializationHelper.read(new ByteArrayInputStream(bytes.toByteArray()));
        Instances iris = Data.load("iris.arff");
        for (int i = 0; i < iris.numInstances(); i += 7) {
            assertArrayEquals(m.distributionForInstance(iris.instance(i)), back.distributionForInstance(iris.instance(i)), 0.0);
        }
        assertEquals(m.toString(), back.toString());
        assertEquals(m.toString(), ((HadamardLasso) AbstractClassifier.makeCopy(m)).toString());
    }
}
