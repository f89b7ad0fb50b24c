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
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.SparseModel;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.protos.core.ModelProto;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.regression.Regressor;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable sparse linear regression model fitted by {@link HadamardSparseRegressionTrainer}: one
 * coefficient vector and intercept per {@link Regressor} dimension, on the raw feature scale, so
 * prediction is {@code b_k + Σ_j β_kj·x_j} over the features present in the example (absent features
 * are zero, and centring is already folded into the intercept, so sparse examples are predicted
 * correctly). A model with no non-zero coefficient predicts its intercepts.
 * <p>
 * The model also carries the regularisation strength λ it was fitted at and, per dimension, the
 * {@link Certificate} of the fit (objective, KKT violation, duality gap, iterations, convergence).
 * <p>
 * Serialisation: Java serialisation (Tribuo 4.3), Tribuo protobuf ({@link #serialize()} /
 * {@link #deserializeFromProto(int, String, Any)}; see {@link ModelProtoSchema} for the payload) and
 * ONNX (a single GEMM with the raw-scale coefficients, output columns in dimension-id order).
 */
public final class HadamardSparseRegressionModel extends SparseModel<Regressor> implements ONNXExportable {

    private static final long serialVersionUID = 1L;

    /** The current protobuf serialisation version. */
    public static final int CURRENT_VERSION = 0;

    private final String[] dimensionNames;
    private final SparseVector[] weights;
    private final double[] intercepts;
    private final double lambda;
    private final Certificate[] certificates;

    /**
     * Builds a model. Arrays are indexed by output dimension id and are copied.
     * @param name the model name
     * @param provenance the provenance
     * @param featureIDMap the feature domain
     * @param outputIDInfo the output domain
     * @param dimensionNames the dimension names by id
     * @param weights the raw-scale coefficients by dimension id (sparse, p-dimensional)
     * @param intercepts the raw-scale intercepts by dimension id
     * @param lambda the regularisation strength
     * @param certificates the fit certificates by dimension id
     */
    HadamardSparseRegressionModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                                  ImmutableOutputInfo<Regressor> outputIDInfo, String[] dimensionNames,
                                  SparseVector[] weights, double[] intercepts, double lambda, Certificate[] certificates) {
        super(name, provenance, featureIDMap, outputIDInfo, false, activeFeatures(featureIDMap, dimensionNames, weights));
        int k = dimensionNames.length;
        if (weights.length != k || intercepts.length != k || certificates.length != k) {
            throw new IllegalArgumentException("Got " + k + " dimensions, " + weights.length + " weight vectors, "
                    + intercepts.length + " intercepts and " + certificates.length + " certificates");
        }
        this.dimensionNames = dimensionNames.clone();
        this.weights = ModelSupport.copyRows(weights, featureIDMap.size());
        this.intercepts = intercepts.clone();
        this.lambda = lambda;
        this.certificates = certificates.clone();
    }

    private static Map<String, List<String>> activeFeatures(ImmutableFeatureMap fmap, String[] dims, SparseVector[] weights) {
        Map<String, List<String>> active = new HashMap<>();
        for (int d = 0; d < dims.length; d++) {
            active.put(dims[d], ModelSupport.activeNames(fmap, weights[d]));
        }
        return active;
    }

    /**
     * Predicts every dimension. Features unknown to the model are ignored.
     * @param example the example
     * @return the prediction
     * @throws IllegalArgumentException if the example contains no feature known to the model
     */
    @Override
    public Prediction<Regressor> predict(Example<Regressor> example) {
        double[] scores = intercepts.clone();
        int used = ModelSupport.addScores(example, featureIDMap, weights, scores);
        if (used == 0) {
            throw new IllegalArgumentException("No features found in Example " + example);
        }
        return new Prediction<>(new Regressor(dimensionNames, scores), used, example);
    }

    /**
     * The features with the largest absolute coefficients per dimension, keyed by dimension name,
     * including {@link Model#BIAS_FEATURE} with the intercept. Zero coefficients are not listed.
     * @param n how many features per dimension (negative: all non-zero ones)
     * @return the top features
     */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        Map<String, List<Pair<String, Double>>> out = new LinkedHashMap<>();
        for (int d = 0; d < dimensionNames.length; d++) {
            out.put(dimensionNames[d], ModelSupport.topFeatures(featureIDMap, weights[d], intercepts[d], 1.0, n));
        }
        return out;
    }

    /**
     * Explains a prediction: per dimension, the contribution β_j·x_j of every present feature with a
     * non-zero coefficient, and {@link Model#BIAS_FEATURE} with the intercept, by decreasing magnitude.
     * @param example the example
     * @return the excuse
     */
    @Override
    public Optional<Excuse<Regressor>> getExcuse(Example<Regressor> example) {
        Prediction<Regressor> prediction = predict(example);
        Map<String, List<Pair<String, Double>>> contributions = new LinkedHashMap<>();
        for (int d = 0; d < dimensionNames.length; d++) {
            contributions.put(dimensionNames[d], ModelSupport.contributions(example, featureIDMap, weights[d], intercepts[d], 1.0));
        }
        return Optional.of(new Excuse<>(example, prediction, contributions));
    }

    /**
     * @return the raw-scale coefficients per dimension name (copies)
     */
    public Map<String, SparseVector> getWeights() {
        Map<String, SparseVector> out = new LinkedHashMap<>();
        for (int d = 0; d < dimensionNames.length; d++) {
            out.put(dimensionNames[d], weights[d].copy());
        }
        return out;
    }

    /**
     * @param dimension a dimension name
     * @return its raw-scale coefficients as a dense array indexed by feature id (a copy)
     * @throws IllegalArgumentException if the dimension is unknown
     */
    public double[] getWeightsArray(String dimension) {
        return weights[dimensionIndex(dimension)].toArray();
    }

    /**
     * @return the raw-scale intercepts per dimension name
     */
    public Map<String, Double> getIntercepts() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int d = 0; d < dimensionNames.length; d++) {
            out.put(dimensionNames[d], intercepts[d]);
        }
        return out;
    }

    /**
     * @return the certificate of each dimension's fit, per dimension name
     */
    public Map<String, Certificate> getCertificates() {
        Map<String, Certificate> out = new LinkedHashMap<>();
        for (int d = 0; d < dimensionNames.length; d++) {
            out.put(dimensionNames[d], certificates[d]);
        }
        return out;
    }

    /**
     * @param dimension a dimension name
     * @return the certificate of that dimension's fit
     * @throws IllegalArgumentException if the dimension is unknown
     */
    public Certificate getCertificate(String dimension) {
        return certificates[dimensionIndex(dimension)];
    }

    /** @return the regularisation strength λ this model was fitted at */
    public double getLambda() {
        return lambda;
    }

    /** @return the output dimension names, by dimension id (a copy) */
    public String[] getDimensionNames() {
        return dimensionNames.clone();
    }

    private int dimensionIndex(String dimension) {
        for (int d = 0; d < dimensionNames.length; d++) {
            if (dimensionNames[d].equals(dimension)) {
                return d;
            }
        }
        throw new IllegalArgumentException("Unknown output dimension '" + dimension + "', known: " + Arrays.toString(dimensionNames));
    }

    @Override
    protected HadamardSparseRegressionModel copy(String newName, ModelProvenance newProvenance) {
        return new HadamardSparseRegressionModel(newName, newProvenance, featureIDMap, outputIDInfo, dimensionNames,
                weights, intercepts, lambda, certificates);
    }

    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        return ModelSupport.onnxModel(this, "Hadamard-Sparse-Regression", domain, modelVersion);
    }

    /**
     * Writes one GEMM: the raw-scale coefficients as a p × K float matrix (columns in dimension-id
     * order) and the intercepts as its bias.
     * @param input the float input [batch, p]
     * @return the predictions [batch, K]
     */
    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        ONNXContext onnx = input.onnxContext();
        int p = featureIDMap.size();
        int k = dimensionNames.length;
        float[][] w = new float[p][k];
        for (int d = 0; d < k; d++) {
            for (VectorTuple t : weights[d]) {
                w[t.index][d] = (float) t.value;
            }
        }
        ONNXInitializer weightTensor = onnx.floatTensor("hadamard_weights", Arrays.asList(p, k), fb -> {
            for (int j = 0; j < p; j++) {
                fb.put(w[j]);
            }
        });
        ONNXInitializer biasTensor = onnx.floatTensor("hadamard_bias", Collections.singletonList(k), fb -> {
            for (int d = 0; d < k; d++) {
                fb.put((float) intercepts[d]);
            }
        });
        return input.apply(ONNXOperators.GEMM, Arrays.asList(weightTensor, biasTensor));
    }

    @Override
    public ModelProto serialize() {
        ModelDataCarrier<Regressor> carrier = createDataCarrier();
        DynamicMessage.Builder b = DynamicMessage.newBuilder(ModelProtoSchema.MODEL);
        b.setField(ModelProtoSchema.modelField(ModelProtoSchema.METADATA), carrier.serialize());
        for (int d = 0; d < dimensionNames.length; d++) {
            b.addRepeatedField(ModelProtoSchema.modelField(ModelProtoSchema.DIMENSION_NAMES), dimensionNames[d]);
            b.addRepeatedField(ModelProtoSchema.modelField(ModelProtoSchema.WEIGHTS), weights[d].serialize());
            b.addRepeatedField(ModelProtoSchema.modelField(ModelProtoSchema.INTERCEPTS), intercepts[d]);
            b.addRepeatedField(ModelProtoSchema.modelField(ModelProtoSchema.CERTIFICATES), ModelProtoSchema.toProto(certificates[d]));
        }
        b.setField(ModelProtoSchema.modelField(ModelProtoSchema.LAMBDA), lambda);
        return ModelSupport.modelProto(HadamardSparseRegressionModel.class, CURRENT_VERSION, b.build());
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
    public static HadamardSparseRegressionModel deserializeFromProto(int version, String className, Any message)
            throws InvalidProtocolBufferException {
        DynamicMessage proto = ModelSupport.parsePayload(version, CURRENT_VERSION, ModelProtoSchema.MODEL, message);
        ModelDataCarrier<?> carrier = ModelSupport.carrier(proto.getField(ModelProtoSchema.modelField(ModelProtoSchema.METADATA)));
        if (!carrier.outputDomain().getOutput(0).getClass().equals(Regressor.class)) {
            throw new IllegalStateException("Invalid protobuf, output domain is not a regression domain, found " + carrier.outputDomain().getClass());
        }
        ImmutableOutputInfo<Regressor> outputInfo = (ImmutableOutputInfo<Regressor>) carrier.outputDomain();
        ImmutableFeatureMap featureMap = carrier.featureDomain();
        List<?> names = (List<?>) proto.getField(ModelProtoSchema.modelField(ModelProtoSchema.DIMENSION_NAMES));
        List<?> weightMessages = (List<?>) proto.getField(ModelProtoSchema.modelField(ModelProtoSchema.WEIGHTS));
        List<?> interceptList = (List<?>) proto.getField(ModelProtoSchema.modelField(ModelProtoSchema.INTERCEPTS));
        List<?> certificateMessages = (List<?>) proto.getField(ModelProtoSchema.modelField(ModelProtoSchema.CERTIFICATES));
        int k = outputInfo.size();
        if (names.size() != k || weightMessages.size() != k || interceptList.size() != k || certificateMessages.size() != k) {
            throw new IllegalStateException("Invalid protobuf, the output domain has " + k + " dimensions but found "
                    + names.size() + " names, " + weightMessages.size() + " weight vectors, " + interceptList.size()
                    + " intercepts and " + certificateMessages.size() + " certificates");
        }
        String[] dims = new String[k];
        SparseVector[] w = new SparseVector[k];
        double[] b = new double[k];
        Certificate[] certs = new Certificate[k];
        for (int d = 0; d < k; d++) {
            dims[d] = (String) names.get(d);
            String expected = outputInfo.getOutput(d).getNames()[0];
            if (!dims[d].equals(expected)) {
                throw new IllegalStateException("Invalid protobuf, dimension " + d + " is named '" + dims[d]
                        + "' but the output domain says '" + expected + "'");
            }
            w[d] = ModelSupport.row(weightMessages.get(d), d, featureMap.size());
            b[d] = (Double) interceptList.get(d);
            certs[d] = ModelProtoSchema.certificate((DynamicMessage) certificateMessages.get(d));
        }
        double lambda = (Double) proto.getField(ModelProtoSchema.modelField(ModelProtoSchema.LAMBDA));
        return new HadamardSparseRegressionModel(carrier.name(), carrier.provenance(), featureMap, outputInfo, dims, w, b, lambda, certs);
    }

    @Override
    public String toString() {
        return "HadamardSparseRegressionModel(name=" + name + ",lambda=" + lambda + ",dimensions=" + Arrays.toString(dimensionNames)
                + ",activeFeatures=" + Collections.unmodifiableMap(getActiveFeatures()) + ")";
    }
}
