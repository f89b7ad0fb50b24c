package weka.classifiers.functions;

import junit.framework.Test;
import junit.framework.TestSuite;
import weka.classifiers.AbstractClassifierTest;
import weka.classifiers.Classifier;

/**
 * Weka's own classifier checks (capabilities, options, GOE, build determinism, dataset integrity,
 * serialization, regression reference in src/test/resources/wekarefs) for {@link HadamardGroupLasso}.
 */
public class HadamardGroupLassoTest extends AbstractClassifierTest {

  public HadamardGroupLassoTest(String name) {
    super(name);
  }

  @Override
  public Classifier getClassifier() {
    return new HadamardGroupLasso();
  }

  public static Test suite() {
    return new TestSuite(HadamardGroupLassoTest.class);
  }
}
