/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.Any;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.hadamard.sparse.certificate.Certificate;
import org.hadamard.sparse.loss.LogisticLoss;
import org.hadamard.sparse.tribuo.HadamardSparseClassificationTrainer.Mode;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.SparseModel;
import org.tribuo.classification.Label;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable sparse logistic (binary) or multinomial (softmax) classifier fitted by
 * {@link HadamardSparseClassificationTrainer}, with coefficients on the raw feature scale (centring is
 * folded into the intercepts, so sparse examples are scored correctly).
 * <ul>
 *   <li><b>Binary</b>: one row (w, b), the log-odds of the positive class; P(positive | x) = σ(b + wᵀx)
 *       and P(negative | x) = σ(−b − wᵀx).</li>
 *   <li><b>Multinomial</b>: one row per fitted class; P(c | x) = softmax_c(b + Wx) over the fitted
 *       classes. Labels of the output domain that were absent from the training data (see
 *       {@link ClassificationDataAdapter}) have no row and probability exactly 0.</li>
 * </ul>
 * Every prediction carries a probability for every label of the output domain. The predicted label is
 * the most probable one, ties going to the first in sorted name order.
 * <p>
 * Keys of {@link #getActiveFeatures()}, {@link #getTopFeatures(int)} and excuses are label names. In
 * binary mode the negative label's entries are the positive ones negated (its log-odds); absent labels
 * have empty lists.
 * <p>
 * Serialisation: Java serialisation, Tribuo protobuf (payload in {@link ModelProtoSchema}) and ONNX
 * (GEMM followed by SIGMOID in binary mode — the two GEMM columns are the positive and negated
 * log-odds, so the output holds both class probabilities — or SOFTMAX in multinomial mode; output
 * columns are in label-id order, as Tribuo's ONNX label models).
 */
public final class HadamardSparseClassificationModel extends SparseModel<Label> implements ONNXExportable {

    private static final long serialVersionUID = 1L;

    /** The current protobuf serialisation version. */
    public static final int CURRENT_VERSION = 0;

    /** The ONNX bias of a label with no row: softmax gives it probability 0 in float32. */
    private static final float ABSENT_LOGIT = -1e30f;

    private final Mode mode;
    private final String[] classNames;
    private final SparseVector[] weights;
    private final double[] intercepts;
    private final double lambda;
    private final Certificate certificate;

    /**
     * Builds a model; arrays are copied.
     * @param name the model name
     * @param provenance the provenance
     * @param featureIDMap the feature domain
     * @param outputIDInfo the output domain
     * @param mode the mode
     * @param classNames binary: {negative, positive}; multinomial: the fitted classes, sorted
     * @param weights raw-scale rows (binary: one; multinomial: one per class name)
     * @param intercepts raw-scale intercepts, one per row
     * @param lambda the regularisation strength
     * @param certificate the fit's certificate
     */
    HadamardSparseClassificationModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                                      ImmutableOutputInfo<Label> outputIDInfo, Mode mode, String[] classNames,
                                      SparseVector[] weights, double[] intercepts, double lambda, Certificate certificate) {
        super(name, provenance, featureIDMap, outputIDInfo, true, activeFeatures(featureIDMap, outputIDInfo, mode, classNames, weights));
        int rows = mode == Mode.BINARY ? 1 : classNames.length;
        if (mode == Mode.BINARY && classNames.length != 2) {
            throw new IllegalArgumentException("A binary model needs two class names, got " + Arrays.toString(classNames));
        }
        if (weights.length != rows || intercepts.length != rows) {
            throw new IllegalArgumentException("Expected " + rows + " rows, got " + weights.length + " weight vectors and "
                    + intercepts.length + " intercepts");
        }
        for (String c : classNames) {
            if (outputIDInfo.getID(new Label(c)) < 0) {
                throw new IllegalArgumentException("Class '" + c + "' is not in the output domain");
            }
        }
        this.mode = mode;
        this.classNames = classNames.clone();
        this.weights = ModelSupport.copyRows(weights, featureIDMap.size());
        this.intercepts = intercepts.clone();
        this.lambda = lambda;
        this.certificate = certificate;
    }

    private static Map<String, List<String>> activeFeatures(ImmutableFeatureMap fmap, ImmutableOutputInfo<Label> info, Mode mode,
                                                            String[] classNames, SparseVector[] weights) {
        Map<String, List<String>> active = new HashMap<>();
        for (Label l : info.getDomain()) {
            active.put(l.getLabel(), new ArrayList<>());
        }
        for (int c = 0; c < classNames.length; c++) {
            int row = mode == Mode.BINARY ? 0 : c;
            active.put(classNames[c], ModelSupport.activeNames(fmap, weights[row]));
        }
        return active;
    }

    /**
     * Linear scores of the rows for an example.
     * @return the number of known features used, or 0
     */
    private int scores(Example<Label> example, double[] z) {
        System.arraycopy(intercepts, 0, z, 0, z.length);
        return ModelSupport.addScores(example, featureIDMap, weights, z);
    }

    /**
     * @param z linear scores of the rows
     * @return the probabilities of the fitted classes, in {@link #classNames} order
     */
    private double[] probabilities(double[] z) {
        if (mode == Mode.BINARY) {
            return new double[]{LogisticLoss.sigmoid(-z[0]), LogisticLoss.sigmoid(z[0])};
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] prob = new double[z.length];
        double sum = 0;
        for (int c = 0; c < z.length; c++) {
            prob[c] = Math.exp(z[c] - max);
            sum += prob[c];
        }
        for (int c = 0; c < z.length; c++) {
            prob[c] /= sum;
        }
        return prob;
    }

    /**
     * Predicts the most probable label, with the probability of every label of the output domain.
     * Features unknown to the model are ignored.
     * @param example the example
     * @return the prediction
     * @throws IllegalArgumentException if the example contains no feature known to the model
     */
    @Override
    public Prediction<Label> predict(Example<Label> example) {
        double[] z = new double[intercepts.length];
        int used = scores(example, z);
        if (used == 0) {
            throw new IllegalArgumentException("No features found in Example " + example);
        }
        double[] prob = probabilities(z);
        Map<String, Double> byName = new HashMap<>();
        for (int c = 0; c < classNames.length; c++) {
            byName.put(classNames[c], prob[c]);
        }
        String[] all = outputIDInfo.getDomain().stream().map(Label::getLabel).sorted().toArray(String[]::new);
        Map<String, Label> scoreMap = new LinkedHashMap<>();
        String best = null;
        double bestProb = Double.NEGATIVE_INFINITY;
        for (String l : all) {
            double pr = byName.getOrDefault(l, 0.0);
            scoreMap.put(l, new Label(l, pr));
            if (pr > bestProb) {
                best = l;
                bestProb = pr;
            }
        }
        return new Prediction<>(new Label(best, bestProb), scoreMap, used, example, true);
    }

    /**
     * The per-label coefficients (log-odds for binary, softmax scores for multinomial) of largest
     * magnitude, keyed by label name, including {@link Model#BIAS_FEATURE}. Zero coefficients are not
     * listed; absent labels have empty lists.
     * @param n how many features per label (negative: all non-zero ones)
     * @return the top features
     */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        Map<String, List<Pair<String, Double>>> out = new LinkedHashMap<>();
        for (String l : sortedDomain()) {
            int c = classIndex(l);
            out.put(l, c < 0 ? new ArrayList<>() : ModelSupport.topFeatures(featureIDMap, weights[row(c)], intercepts[row(c)], sign(c), n));
        }
        return out;
    }

    /**
     * Explains a prediction: per fitted label, the contribution w_j·x_j of every present feature with a
     * non-zero coefficient and {@link Model#BIAS_FEATURE}, by decreasing magnitude; they sum to the
     * label's linear score (binary: its log-odds).
     * @param example the example
     * @return the excuse
     */
    @Override
    public Optional<Excuse<Label>> getExcuse(Example<Label> example) {
        Prediction<Label> prediction = predict(example);
        Map<String, List<Pair<String, Double>>> contributions = new LinkedHashMap<>();
        for (int c = 0; c < classNames.length; c++) {
            int row = row(c);
            contributions.put(classNames[c], ModelSupport.contributions(example, featureIDMap, weights[row], intercepts[row], sign(c)));
        }
        return Optional.of(new Excuse<>(example, prediction, contributions));
    }

    private int row(int classIdx) {
        return mode == Mode.BINARY ? 0 : classIdx;
    }

    private double sign(int classIdx) {
        return mode == Mode.BINARY && classIdx == 0 ? -1.0 : 1.0;
    }

    private int classIndex(String label) {
        for (int c = 0; c < classNames.length; c++) {
            if (classNames[c].equals(label)) {
                return c;
            }
        }
        return -1;
    }

    private String[] sortedDomain() {
        return outputIDInfo.getDomain().stream().map(Label::getLabel).sorted().toArray(String[]::new);
    }

    /** @return the mode (binary logistic or multinomial) */
    public Mode getMode() {
        return mode;
    }

    /** @return the positive label in binary mode */
    public Optional<String> getPositiveLabel() {
        return mode == Mode.BINARY ? Optional.of(classNames[1]) : Optional.empty();
    }

    /**
     * @return binary: {negative, positive}; multinomial: the fitted classes in sorted name order (a copy)
     */
    public String[] getClassNames() {
        return classNames.clone();
    }

    /**
     * The raw-scale coefficient rows, keyed by the label each row scores: binary, the positive label
     * (its log-odds); multinomial, each fitted class.
     * @return copies of the rows
     */
    public Map<String, SparseVector> getWeights() {
        Map<String, SparseVector> out = new LinkedHashMap<>();
        for (int r = 0; r < weights.length; r++) {
            out.put(classNames[mode == Mode.BINARY ? 1 : r], weights[r].copy());
        }
        return out;
    }

    /**
     * @param label a fitted label (binary: the positive one, or the negative one for the negated row)
     * @return its raw-scale coefficients as a dense array indexed by feature id (a copy)
     * @throws IllegalArgumentException if the label has no row
     */
    public double[] getWeightsArray(String label) {
        int c = classIndex(label);
        if (c < 0) {
            throw new IllegalArgumentException("Label '" + label + "' has no coefficients, fitted: " + Arrays.toString(classNames));
        }
        double[] w = weights[row(c)].toArray();
        double s = sign(c);
        for (int j = 0; j < w.length; j++) {
            w[j] = s * w[j] + 0.0;
        }
        return w;
    }

    /**
     * @return the raw-scale intercepts keyed as {@link #getWeights()}
     */
    public Map<String, Double> getIntercepts() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int r = 0; r < intercepts.length; r++) {
            out.put(classNames[mode == Mode.BINARY ? 1 : r], intercepts[r]);
        }
        return out;
    }

    /** @return the certificate of the fit (objective on the internal scale, KKT violation, duality gap) */
    public Certificate getCertificate() {
        return certificate;
    }

    /** @return the regularisation strength λ this model was fitted at */
    public double getLambda() {
        return lambda;
    }

    @Override
    protected HadamardSparseClassificationModel copy(String newName, ModelProvenance newProvenance) {
        return new HadamardSparseClassificationModel(newName, newProvenance, featureIDMap, outputIDInfo, mode, classNames,
                weights, intercepts, lambda, certificate);
    }

    // ---- ONNX ------------------------------------------------------------------------------------

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        return ModelSupport.onnxModel(this, "Hadamard-Sparse-Classification", domain, modelVersion);
    }

    /**
     * Writes GEMM (p × L weights, L = the output domain size, columns in label-id order) followed by
     * SIGMOID (binary: the positive column holds the log-odds, the negative column its negation) or
     * SOFTMAX over axis 1 (multinomial: absent labels get a zero column and a bias of −1e30).
     * @param input the float input [batch, p]
     * @return the probabilities [batch, L]
     */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        ONNXContext onnx = input.onnxContext();
        int p = featureIDMap.size();
        int labels = outputIDInfo.size();
        float[][] w = new float[p][labels];
        float[] b = new float[labels];
        Arrays.fill(b, ABSENT_LOGIT);
        for (int c = 0; c < classNames.length; c++) {
            int col = outputIDInfo.getID(new Label(classNames[c]));
            int row = row(c);
            double s = sign(c);
            b[col] = (float) (s * intercepts[row]);
            for (VectorTuple t : weights[row]) {
                w[t.index][col] = (float) (s * t.value);
            }
        }
        ONNXInitializer weightTensor = onnx.floatTensor("hadamard_weights", Arrays.asList(p, labels), fb -> {
            for (int j = 0; j < p; j++) {
                fb.put(w[j]);
            }
        });
        ONNXInitializer biasTensor = onnx.floatTensor("hadamard_bias", Collections.singletonList(labels), fb -> fb.put(b));
        ONNXNode gemm = input.apply(ONNXOperators.GEMM, Arrays.asList(weightTensor, biasTensor));
        return mode == Mode.BINARY
                ? gemm.apply(ONNXOperators.SIGMOID)
                : gemm.apply(ONNXOperators.SOFTMAX, Collections.singletonMap("axis", 1));
    }

    // ---- protobuf --------------------------------------------------------------------------------

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Label> carrier = createDataCarrier();
        DynamicMessage.Builder b = DynamicMessage.newBuilder(ModelProtoSchema.CLASSIFICATION_MODEL);
        b.setField(ModelProtoSchema.classificationField(ModelProtoSchema.METADATA), carrier.serialize());
        b.setField(ModelProtoSchema.classificationField(ModelProtoSchema.MODE), mode.name());
        for (String c : classNames) {
            b.addRepeatedField(ModelProtoSchema.classificationField(ModelProtoSchema.CLASS_NAMES), c);
        }
        for (int r = 0; r < weights.length; r++) {
            b.addRepeatedField(ModelProtoSchema.classificationField(ModelProtoSchema.WEIGHTS), weights[r].serialize());
            b.addRepeatedField(ModelProtoSchema.classificationField(ModelProtoSchema.INTERCEPTS), intercepts[r]);
        }
        b.setField(ModelProtoSchema.classificationField(ModelProtoSchema.LAMBDA), lambda);
        b.setField(ModelProtoSchema.classificationField(ModelProtoSchema.CERTIFICATE_FIELD), ModelProtoSchema.toProto(certificate));
        return ModelSupport.modelProto(HadamardSparseClassificationModel.class, CURRENT_VERSION, b.build());
    }

    /**
     * Deserialises a model from its protobuf payload; called reflectively by Tribuo's {@code ProtoUtil}.
     * @param version the serialised version
     * @param className the class name
     * @param message the payload
     * @return the model
     * @throws InvalidProtocolBufferException if the payload is not this model's message
     * @throws IllegalArgumentException if the version is unsupported
     * @throws IllegalStateException if the payload is inconsistent
     */
    @SuppressWarnings("unchecked") // guarded by the output domain class check
    public static HadamardSparseClassificationModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        DynamicMessage proto = ModelSupport.parsePayload(version, CURRENT_VERSION, ModelProtoSchema.CLASSIFICATION_MODEL, message);
        ModelDataCarrier<?> carrier = ModelSupport.carrier(proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.METADATA)));
        if (!carrier.outputDomain().getOutput(0).getClass().equals(Label.class)) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a label domain, found " + carrier.outputDomain().getClass());
        }
        ImmutableOutputInfo<Label> outputInfo = (ImmutableOutputInfo<Label>) carrier.outputDomain();
        ImmutableFeatureMap featureMap = carrier.featureDomain();
        Mode mode;
        try {
            mode = Mode.valueOf((String) proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.MODE)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid protobuf, unknown mode", e);
        }
        List<?> names = (List<?>) proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.CLASS_NAMES));
        List<?> weightMessages = (List<?>) proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.WEIGHTS));
        List<?> interceptList = (List<?>) proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.INTERCEPTS));
        int rows = mode == Mode.BINARY ? 1 : names.size();
        if ((mode == Mode.BINARY && names.size() != 2) || names.size() < 2 || weightMessages.size() != rows || interceptList.size() != rows) {
            throw new IllegalStateException("Invalid protobuf, " + mode + " model with " + names.size() + " class names, "
                    + weightMessages.size() + " weight vectors and " + interceptList.size() + " intercepts");
        }
        String[] classes = new String[names.size()];
        for (int c = 0; c < classes.length; c++) {
            classes[c] = (String) names.get(c);
            if (outputInfo.getID(new Label(classes[c])) < 0) {
                throw new IllegalStateException("Invalid protobuf, class '" + classes[c] + "' is not in the output domain");
            }
        }
        SparseVector[] w = new SparseVector[rows];
        double[] b = new double[rows];
        for (int r = 0; r < rows; r++) {
            w[r] = ModelSupport.row(weightMessages.get(r), r, featureMap.size());
            b[r] = (Double) interceptList.get(r);
        }
        double lambda = (Double) proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.LAMBDA));
        Certificate cert = ModelProtoSchema.certificate((DynamicMessage) proto.getField(ModelProtoSchema.classificationField(ModelProtoSchema.CERTIFICATE_FIELD)));
        return new HadamardSparseClassificationModel(carrier.name(), carrier.provenance(), featureMap, outputInfo, mode, classes,
                w, b, lambda, cert);
    }

    @Override
    public String toString() {
        return "HadamardSparseClassificationModel(name=" + name + ",mode=" + mode + ",lambda=" + lambda
                + ",classes=" + Arrays.toString(classNames) + ",activeFeatures=" + Collections.unmodifiableMap(getActiveFeatures()) + ")";
    }
}
