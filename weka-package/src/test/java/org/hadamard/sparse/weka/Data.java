package org.hadamard.sparse.weka;

import weka.core.Instances;
import weka.core.converters.ConverterUtils.DataSource;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The committed Weka ARFF test files (see src/test/resources/data/SOURCES.md). */
final class Data {

    private Data() {}

    static Instances load(String name) throws Exception {
        Path p = Paths.get("src/test/resources/data", name);
        Instances data = DataSource.read(p.toString());
        data.setClassIndex(data.numAttributes() - 1);
        return data;
    }
}
