package org.hadamard.sparse.evaluation;

/**
 * A held-out error measure for cross-validation, with glmnet's names where glmnet has one.
 */
public enum Measure {
    /** Mean squared error (regression). */
    MSE("mse", false),
    /** Mean deviance −2·log p(y|x) per example (classification; glmnet's {@code "deviance"}). */
    DEVIANCE("deviance", false),
    /** Fraction classified correctly (1 − glmnet's {@code "class"}). */
    ACCURACY("accuracy", true),
    /** Area under the ROC curve (binary classification only; computed per fold). */
    AUC("auc", true);

    private final String label;
    private final boolean higherIsBetter;

    Measure(String label, boolean higherIsBetter) {
        this.label = label;
        this.higherIsBetter = higherIsBetter;
    }

    /** @return the name used in JSON, tables and on the command line */
    public String label() { return label; }

    /** @return whether larger values are better (accuracy, AUC) */
    public boolean higherIsBetter() { return higherIsBetter; }

    /**
     * @param name a label such as {@code mse}
     * @return the measure
     */
    public static Measure of(String name) {
        for (Measure m : values()) {
            if (m.label.equalsIgnoreCase(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown measure '" + name + "' (expected mse, deviance, accuracy or auc)");
    }
}
