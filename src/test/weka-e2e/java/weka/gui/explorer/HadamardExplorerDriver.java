/*
 * GPL-3.0-or-later. Test helper of the end-to-end test org.hadamard.sparse.e2e.weka.WekaPackageIT.
 */
package weka.gui.explorer;

import weka.classifiers.Classifier;
import weka.core.Instances;
import weka.core.PluginManager;
import weka.core.Utils;
import weka.core.WekaPackageManager;
import weka.core.converters.ConverterUtils.DataSource;
import weka.gui.GenericObjectEditor;

import javax.imageio.ImageIO;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.io.File;

/**
 * Runs in a child JVM on an X display (Xvfb) with a plain Weka classpath and the package installed in
 * WEKA_HOME: checks that the classifier is listed in the GenericObjectEditor tree, opens the Explorer,
 * loads an ARFF, selects the classifier on the Classify tab, runs it (the Start button's code path,
 * 10-fold cross-validation by default), prints the output area and saves a screenshot.
 * It lives in package weka.gui.explorer for access to ClassifierPanel's protected members (Weka 3.8.6).
 * <p>
 * Arguments: ARFF file, classifier class name, classifier options (one string), PNG file.
 * Exit codes: 0 ok, 3 classifier not in the GOE tree, 4 classifier run did not finish, 5 no output.
 */
public final class HadamardExplorerDriver {

  private HadamardExplorerDriver() {}

  public static void main(String[] args) throws Exception {
    String arff = args[0];
    String name = args[1];
    String options = args[2];
    File png = new File(args[3]);

    WekaPackageManager.loadPackages(false);
    GenericObjectEditor.determineClasses();
    boolean listed = PluginManager.getPluginNamesOfType("weka.classifiers.Classifier").contains(name);
    System.out.println("GOE-LISTED " + name + " " + listed);
    if (!listed) {
      System.exit(3);
    }

    Instances data = DataSource.read(arff);
    data.setClassIndex(data.numAttributes() - 1);
    Classifier classifier = (Classifier) Utils.forName(Classifier.class, name, Utils.splitOptions(options));

    final Explorer[] explorer = new Explorer[1];
    final JFrame[] frame = new JFrame[1];
    SwingUtilities.invokeAndWait(() -> {
      explorer[0] = new Explorer();
      frame[0] = new JFrame("Weka Explorer");
      frame[0].getContentPane().add(explorer[0]);
      frame[0].setSize(1280, 900);
      frame[0].setLocation(0, 0);
      frame[0].setVisible(true);
      explorer[0].getPreprocessPanel().setInstances(data);
    });
    ClassifierPanel cp = null;
    for (Explorer.ExplorerPanel p : explorer[0].getPanels()) {
      if (p instanceof ClassifierPanel) {
        cp = (ClassifierPanel) p;
      }
    }
    final ClassifierPanel panel = cp;
    // Let the Preprocess panel hand the data to the other tabs.
    Thread.sleep(1500);
    SwingUtilities.invokeAndWait(() -> {
      explorer[0].getTabbedPane().setSelectedComponent(panel);
      panel.m_ClassifierEditor.setValue(classifier);
      panel.m_CVBut.setSelected(true);
      panel.startClassifier();
    });
    long deadline = System.currentTimeMillis() + 600_000;
    Thread.sleep(500);
    while (panel.m_RunThread != null && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    if (panel.m_RunThread != null) {
      System.out.println("RUN-DID-NOT-FINISH");
      System.exit(4);
    }
    Thread.sleep(1500);
    final String[] text = new String[1];
    SwingUtilities.invokeAndWait(() -> {
      text[0] = panel.m_OutText.getText();
      panel.m_OutText.setCaretPosition(0);
    });
    Thread.sleep(1000);
    System.out.println("=== EXPLORER OUTPUT ===");
    System.out.println(text[0]);
    System.out.println("=== END EXPLORER OUTPUT ===");
    BufferedImage shot = new Robot().createScreenCapture(new Rectangle(0, 0, 1280, 900));
    png.getParentFile().mkdirs();
    ImageIO.write(shot, "png", png);
    System.out.println("SCREENSHOT " + png.getAbsolutePath());
    SwingUtilities.invokeAndWait(() -> frame[0].dispose());
    System.exit(text[0] == null || text[0].isEmpty() ? 5 : 0);
  }
}
