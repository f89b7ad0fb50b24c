package org.hadamard.sparse.e2e;

import org.hadamard.sparse.cli.MiniJson;
import org.hadamard.sparse.cli.SparseCli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the command line in-process, as {@code java -jar sparse.jar ARGS} would, capturing the exit
 * code and both streams.
 */
final class Cli {

    /** One run's outcome. */
    record Run(int code, String out, String err) {

        /** @return stdout parsed as a JSON object */
        Map<String, Object> json() {
            return MiniJson.object(out);
        }
    }

    private Cli() {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparseCli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    /** A test resource as a file path. */
    static Path resource(String name) {
        URL url = Cli.class.getResource(name);
        if (url == null) {
            throw new IllegalStateException("missing test resource " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The bundled diabetes data copied to a file, as a user would pass it. */
    static Path diabetes(Path dir) {
        Path p = dir.resolve("diabetes.csv");
        try (var in = SparseCli.class.getResourceAsStream("/data/diabetes.csv")) {
            Files.copy(in, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    static Map<String, Object> readJson(Path file) {
        try {
            return MiniJson.object(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
