/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.oracle.labs.mlrg.olcut.util.Pair;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.Model;
import org.tribuo.impl.ModelDataCarrier;
import org.tribuo.math.la.SparseVector;
import org.tribuo.math.la.Tensor;
import org.tribuo.math.la.VectorTuple;
import org.tribuo.math.protos.TensorProto;
import org.tribuo.protos.core.ModelDataProto;
import org.tribuo.protos.core.ModelProto;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What the Tribuo models share, row by row (a row is one sparse raw-scale coefficient vector and its
 * intercept): weight validation, linear scores, active features, top features, excuse contributions
 * and the parts of protobuf deserialisation that do not depend on the payload schema. A sign lets the
 * binary classification model report a row negated; 1.0 leaves values exactly as they are.
 * <p>
 * The models keep their own fields and Java serialised form; this class holds no state.
 */
final class ModelSupport {

    private ModelSupport() {}

    /**
     * Validates and copies raw-scale rows.
     * @param weights the rows
     * @param features the size of the feature domain
     * @return copies of the rows
     * @throws IllegalArgumentException if a row's size is not {@code features}
     */
    static SparseVector[] copyRows(SparseVector[] weights, int features) {
        SparseVector[] copy = new SparseVector[weights.length];
        for (int r = 0; r < weights.length; r++) {
            if (weights[r].size() != features) {
                throw new IllegalArgumentException("Weight vector " + r + " has size " + weights[r].size() + ", expected " + features);
            }
            copy[r] = weights[r].copy();
        }
        return copy;
    }

    /**
     * Adds the linear scores Σ_j w_rj·x_j of every row to {@code z} (which the caller fills with the
     * intercepts), over the features of the example known to the model.
     * @param example the example
     * @param featureIDMap the model's feature domain
     * @param weights the rows
     * @param z the scores, one per row, updated in place
     * @return the number of known features in the example (0: none)
     */
    static int addScores(Example<?> example, ImmutableFeatureMap featureIDMap, SparseVector[] weights, double[] z) {
        int used = 0;
        for (Feature f : example) {
            int id = featureIDMap.getID(f.getName());
            if (id < 0) {
                continue;
            }
            used++;
            double v = f.getValue();
            for (int r = 0; r < z.length; r++) {
                double w = weights[r].get(id);
                if (w != 0.0) {
                    z[r] += w * v;
                }
            }
        }
        return used;
    }

    /**
     * @param featureIDMap the feature domain
     * @param row a row
     * @return the names of the features with a non-zero coefficient in the row, in id order
     */
    static List<String> activeNames(ImmutableFeatureMap featureIDMap, SparseVector row) {
        List<String> names = new ArrayList<>();
        for (VectorTuple t : row) {
            if (t.value != 0.0) {
                names.add(featureIDMap.get(t.index).getName());
            }
        }
        return names;
    }

    /**
     * The non-zero coefficients of a row and its intercept (under {@link Model#BIAS_FEATURE}), times a
     * sign, by decreasing magnitude, cut to the first {@code n}.
     * @param featureIDMap the feature domain
     * @param row the row
     * @param intercept the row's intercept
     * @param sign 1.0, or −1.0 to negate
     * @param n how many (negative: all)
     * @return the list
     */
    static List<Pair<String, Double>> topFeatures(ImmutableFeatureMap featureIDMap, SparseVector row, double intercept, double sign, int n) {
        List<Pair<String, Double>> list = new ArrayList<>();
        for (VectorTuple t : row) {
            if (t.value != 0.0) {
                list.add(new Pair<>(featureIDMap.get(t.index).getName(), sign * t.value));
            }
        }
        list.add(new Pair<>(Model.BIAS_FEATURE, sign * intercept));
        list.sort(byMagnitude());
        return n < 0 || n >= list.size() ? list : new ArrayList<>(list.subList(0, n));
    }

    /**
     * The contributions (sign·w_j)·x_j of the example's known features with a non-zero coefficient in a
     * row, and the signed intercept under {@link Model#BIAS_FEATURE}, by decreasing magnitude.
     * @param example the example
     * @param featureIDMap the feature domain
     * @param row the row
     * @param intercept the row's intercept
     * @param sign 1.0, or −1.0 to negate
     * @return the contributions
     */
    static List<Pair<String, Double>> contributions(Example<?> example, ImmutableFeatureMap featureIDMap, SparseVector row,
                                                    double intercept, double sign) {
        List<Pair<String, Double>> list = new ArrayList<>();
        for (Feature f : example) {
            int id = featureIDMap.getID(f.getName());
            if (id >= 0) {
                double w = row.get(id);
                if (w != 0.0) {
                    list.add(new Pair<>(f.getName(), sign * w * f.getValue()));
                }
            }
        }
        list.add(new Pair<>(Model.BIAS_FEATURE, sign * intercept));
        list.sort(byMagnitude());
        return list;
    }

    private static Comparator<Pair<String, Double>> byMagnitude() {
        return Comparator.comparingDouble((Pair<String, Double> pr) -> -Math.abs(pr.getB())).thenComparing(Pair::getA);
    }

    /**
     * Wraps a model's protobuf payload in Tribuo's {@link ModelProto}.
     * @param modelClass the model class (recorded for {@code ProtoUtil})
     * @param version the serialisation version
     * @param payload the payload
     * @return the model proto
     */
    /**
     * The ONNX model of a linear model whose graph {@code writeONNXGraph} writes: float input [batch, p],
     * float output [batch, outputs].
     * @param model the model
     * @param name the graph name
     * @param domain the ONNX domain
     * @param modelVersion the model version
     * @return the ONNX model
     */
    static <M extends Model<?> & org.tribuo.ONNXExportable> ai.onnx.proto.OnnxMl.ModelProto onnxModel(M model, String name, String domain, long modelVersion) {
        org.tribuo.util.onnx.ONNXContext onnx = new org.tribuo.util.onnx.ONNXContext();
        onnx.setName(name);
        org.tribuo.util.onnx.ONNXPlaceholder input = onnx.floatInput(model.getFeatureIDMap().size());
        org.tribuo.util.onnx.ONNXPlaceholder output = onnx.floatOutput(model.getOutputIDInfo().size());
        model.writeONNXGraph(input).assignTo(output);
        return org.tribuo.ONNXExportable.buildModel(onnx, domain, modelVersion, model);
    }

    static ModelProto modelProto(Class<?> modelClass, int version, DynamicMessage payload) {
        return ModelProto.newBuilder()
                .setVersion(version)
                .setClassName(modelClass.getName())
                .setSerializedData(Any.pack(payload))
                .build();
    }

    /**
     * Checks the version and type of a protobuf payload and parses it.
     * @param version the serialised version
     * @param currentVersion the newest version the model class reads
     * @param schema the payload's message type
     * @param message the payload
     * @return the parsed payload
     * @throws IllegalArgumentException if the version is unsupported
     * @throws InvalidProtocolBufferException if the payload is not of that type
     */
    static DynamicMessage parsePayload(int version, int currentVersion, Descriptor schema, Any message)
            throws InvalidProtocolBufferException {
        if (version < 0 || version > currentVersion) {
            throw new IllegalArgumentException("Unknown version " + version + ", this class supports at most version " + currentVersion);
        }
        String expectedUrl = "type.googleapis.com/" + schema.getFullName();
        if (!message.getTypeUrl().equals(expectedUrl)) {
            throw new InvalidProtocolBufferException("Invalid protobuf, expected " + expectedUrl + " but found " + message.getTypeUrl());
        }
        return DynamicMessage.parseFrom(schema, message.getValue());
    }

    /**
     * @param metadataMessage the payload's metadata field
     * @return Tribuo's model data carrier (name, provenance, domains)
     * @throws InvalidProtocolBufferException if the metadata cannot be parsed
     */
    static ModelDataCarrier<?> carrier(Object metadataMessage) throws InvalidProtocolBufferException {
        return ModelDataCarrier.deserialize(ModelDataProto.parseFrom(((DynamicMessage) metadataMessage).toByteString()));
    }

    /**
     * Parses one serialised row.
     * @param tensorMessage the row's tensor message
     * @param r the row index (for the error message)
     * @param features the size of the feature domain
     * @return the row
     * @throws InvalidProtocolBufferException if the tensor cannot be parsed
     * @throws IllegalStateException if it is not a sparse vector of the domain's size
     */
    static SparseVector row(Object tensorMessage, int r, int features) throws InvalidProtocolBufferException {
        Tensor t = Tensor.deserialize(TensorProto.parseFrom(((DynamicMessage) tensorMessage).toByteString()));
        if (!(t instanceof SparseVector) || ((SparseVector) t).size() != features) {
            throw new IllegalStateException("Invalid protobuf, weight vector " + r + " is not a SparseVector of size " + features);
        }
        return (SparseVector) t;
    }
}
