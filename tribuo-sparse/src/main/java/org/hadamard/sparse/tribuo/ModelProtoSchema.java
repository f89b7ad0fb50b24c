/*
 * Copyright (c) 2025 The hadamard-sparse authors.
 * Licensed under the Apache License, Version 2.0: https://www.apache.org/licenses/LICENSE-2.0
 */
package org.hadamard.sparse.tribuo;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import org.hadamard.sparse.certificate.Certificate;
import org.tribuo.math.protos.TribuoMath;
import org.tribuo.protos.core.TribuoCore;

/**
 * The protobuf schema of the payloads of {@link HadamardSparseRegressionModel} and
 * {@link HadamardSparseClassificationModel}, built at class-load time
 * from a {@link FileDescriptorProto} so that no protoc step (and no generated code) is needed. It is
 * exactly the schema of {@code src/main/resources/protos/hadamard-sparse-tribuo.proto}:
 * <pre>
 * package hadamard.sparse.tribuo;
 * import "tribuo-core.proto";
 * import "tribuo-math.proto";
 * message CertificateProto {
 *   double objective = 1; double loss = 2; double penalty = 3; double kkt_violation = 4;
 *   double duality_gap = 5; int32 iterations = 6; bool converged = 7; int32 nonzero = 8;
 * }
 * message HadamardSparseRegressionModelProto {
 *   tribuo.core.ModelDataProto metadata = 1;
 *   repeated string dimension_names = 2;
 *   repeated tribuo.math.TensorProto weights = 3;   // one SparseVector per dimension, raw scale
 *   repeated double intercepts = 4;
 *   double lambda = 5;
 *   repeated CertificateProto certificates = 6;
 * }
 * message HadamardSparseClassificationModelProto {
 *   tribuo.core.ModelDataProto metadata = 1;
 *   string mode = 2;                                 // BINARY or MULTINOMIAL
 *   repeated string class_names = 3;                 // binary: negative, positive; else fitted classes
 *   repeated tribuo.math.TensorProto weights = 4;    // one SparseVector per row, raw scale
 *   repeated double intercepts = 5;
 *   double lambda = 6;
 *   CertificateProto certificate = 7;
 * }
 * </pre>
 * Messages are {@link com.google.protobuf.DynamicMessage}s; their wire format is the same as that of
 * classes generated from the file above, so the format can later move to generated code unchanged.
 */
final class ModelProtoSchema {

    /** The proto file name. */
    static final String FILE_NAME = "hadamard-sparse-tribuo.proto";
    /** The proto package. */
    static final String PACKAGE = "hadamard.sparse.tribuo";

    /** The model payload message. */
    static final Descriptors.Descriptor MODEL;
    /** The classification model payload message. */
    static final Descriptors.Descriptor CLASSIFICATION_MODEL;
    /** The certificate message. */
    static final Descriptors.Descriptor CERTIFICATE;

    static final String METADATA = "metadata";
    static final String DIMENSION_NAMES = "dimension_names";
    static final String WEIGHTS = "weights";
    static final String INTERCEPTS = "intercepts";
    static final String LAMBDA = "lambda";
    static final String CERTIFICATES = "certificates";
    static final String MODE = "mode";
    static final String CLASS_NAMES = "class_names";
    static final String CERTIFICATE_FIELD = "certificate";

    static final String OBJECTIVE = "objective";
    static final String LOSS = "loss";
    static final String PENALTY = "penalty";
    static final String KKT_VIOLATION = "kkt_violation";
    static final String DUALITY_GAP = "duality_gap";
    static final String ITERATIONS = "iterations";
    static final String CONVERGED = "converged";
    static final String NONZERO = "nonzero";

    static {
        Descriptors.FileDescriptor core = TribuoCore.getDescriptor();
        Descriptors.FileDescriptor math = TribuoMath.getDescriptor();
        DescriptorProto certificate = DescriptorProto.newBuilder().setName("CertificateProto")
                .addField(scalar(OBJECTIVE, 1, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(scalar(LOSS, 2, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(scalar(PENALTY, 3, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(scalar(KKT_VIOLATION, 4, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(scalar(DUALITY_GAP, 5, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(scalar(ITERATIONS, 6, FieldDescriptorProto.Type.TYPE_INT32))
                .addField(scalar(CONVERGED, 7, FieldDescriptorProto.Type.TYPE_BOOL))
                .addField(scalar(NONZERO, 8, FieldDescriptorProto.Type.TYPE_INT32))
                .build();
        DescriptorProto model = DescriptorProto.newBuilder().setName("HadamardSparseRegressionModelProto")
                .addField(message(METADATA, 1, ".tribuo.core.ModelDataProto", false))
                .addField(FieldDescriptorProto.newBuilder().setName(DIMENSION_NAMES).setNumber(2)
                        .setType(FieldDescriptorProto.Type.TYPE_STRING).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(message(WEIGHTS, 3, ".tribuo.math.TensorProto", true))
                .addField(FieldDescriptorProto.newBuilder().setName(INTERCEPTS).setNumber(4)
                        .setType(FieldDescriptorProto.Type.TYPE_DOUBLE).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(scalar(LAMBDA, 5, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(message(CERTIFICATES, 6, "." + PACKAGE + ".CertificateProto", true))
                .build();
        DescriptorProto classification = DescriptorProto.newBuilder().setName("HadamardSparseClassificationModelProto")
                .addField(message(METADATA, 1, ".tribuo.core.ModelDataProto", false))
                .addField(scalar(MODE, 2, FieldDescriptorProto.Type.TYPE_STRING))
                .addField(FieldDescriptorProto.newBuilder().setName(CLASS_NAMES).setNumber(3)
                        .setType(FieldDescriptorProto.Type.TYPE_STRING).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(message(WEIGHTS, 4, ".tribuo.math.TensorProto", true))
                .addField(FieldDescriptorProto.newBuilder().setName(INTERCEPTS).setNumber(5)
                        .setType(FieldDescriptorProto.Type.TYPE_DOUBLE).setLabel(FieldDescriptorProto.Label.LABEL_REPEATED))
                .addField(scalar(LAMBDA, 6, FieldDescriptorProto.Type.TYPE_DOUBLE))
                .addField(message(CERTIFICATE_FIELD, 7, "." + PACKAGE + ".CertificateProto", false))
                .build();
        FileDescriptorProto file = FileDescriptorProto.newBuilder()
                .setName(FILE_NAME)
                .setPackage(PACKAGE)
                .setSyntax("proto3")
                .addDependency(core.getName())
                .addDependency(math.getName())
                .addMessageType(certificate)
                .addMessageType(model)
                .addMessageType(classification)
                .build();
        try {
            Descriptors.FileDescriptor fd = Descriptors.FileDescriptor.buildFrom(file, new Descriptors.FileDescriptor[]{core, math});
            MODEL = fd.findMessageTypeByName("HadamardSparseRegressionModelProto");
            CLASSIFICATION_MODEL = fd.findMessageTypeByName("HadamardSparseClassificationModelProto");
            CERTIFICATE = fd.findMessageTypeByName("CertificateProto");
        } catch (Descriptors.DescriptorValidationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ModelProtoSchema() {}

    private static FieldDescriptorProto scalar(String name, int number, FieldDescriptorProto.Type type) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number).setType(type)
                .setLabel(FieldDescriptorProto.Label.LABEL_OPTIONAL).build();
    }

    private static FieldDescriptorProto message(String name, int number, String typeName, boolean repeated) {
        return FieldDescriptorProto.newBuilder().setName(name).setNumber(number)
                .setType(FieldDescriptorProto.Type.TYPE_MESSAGE).setTypeName(typeName)
                .setLabel(repeated ? FieldDescriptorProto.Label.LABEL_REPEATED : FieldDescriptorProto.Label.LABEL_OPTIONAL)
                .build();
    }

    /**
     * @param name a field name of the model message
     * @return its descriptor
     */
    static Descriptors.FieldDescriptor modelField(String name) {
        return MODEL.findFieldByName(name);
    }

    /**
     * @param name a field name of the classification model message
     * @return its descriptor
     */
    static Descriptors.FieldDescriptor classificationField(String name) {
        return CLASSIFICATION_MODEL.findFieldByName(name);
    }

    /**
     * @param name a field name of the certificate message
     * @return its descriptor
     */
    static Descriptors.FieldDescriptor certificateField(String name) {
        return CERTIFICATE.findFieldByName(name);
    }

    /**
     * @param c a certificate
     * @return its message
     */
    static DynamicMessage toProto(Certificate c) {
        return DynamicMessage.newBuilder(CERTIFICATE)
                .setField(certificateField(OBJECTIVE), c.objective())
                .setField(certificateField(LOSS), c.loss())
                .setField(certificateField(PENALTY), c.penalty())
                .setField(certificateField(KKT_VIOLATION), c.kktViolation())
                .setField(certificateField(DUALITY_GAP), c.dualityGap())
                .setField(certificateField(ITERATIONS), c.iterations())
                .setField(certificateField(CONVERGED), c.converged())
                .setField(certificateField(NONZERO), c.nonzero())
                .build();
    }

    /**
     * @param m a certificate message
     * @return the certificate
     */
    static Certificate certificate(DynamicMessage m) {
        return new Certificate(
                (Double) m.getField(certificateField(OBJECTIVE)),
                (Double) m.getField(certificateField(LOSS)),
                (Double) m.getField(certificateField(PENALTY)),
                (Double) m.getField(certificateField(KKT_VIOLATION)),
                (Double) m.getField(certificateField(DUALITY_GAP)),
                (Integer) m.getField(certificateField(ITERATIONS)),
                (Boolean) m.getField(certificateField(CONVERGED)),
                (Integer) m.getField(certificateField(NONZERO)));
    }
}
