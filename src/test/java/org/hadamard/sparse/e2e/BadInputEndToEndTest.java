package org.hadamard.sparse.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalogue of bad input: each exits non-zero with exactly one line on stderr that says what is
 * wrong, and writes no output file.
 */
class BadInputEndToEndTest {

    @TempDir
    static Path dir;

    private static Path good;
    private static Path groups;

    @BeforeAll
    static void files() throws IOException {
        good = Cli.resource("/e2e/small.csv");
        groups = Cli.resource("/e2e/small-groups.csv");
        write("nonnumeric.csv", "a,b,y\n1,2,3\n4,five,6\n");
        write("nan.csv", "a,b,y\n1,2,3\n4,NaN,6\n");
        write("inf.csv", "a,b,y\n1,2,3\n4,5,Infinity\n");
        write("empty.csv", "");
        write("header-only.csv", "a,b,y\n");
        write("ragged.csv", "a,b,y\n1,2,3\n4,5\n");
        write("unknown-feature-groups.csv", "feature,group\na,1\nzzz,1\n");
        write("bad-header-groups.csv", "name,grp\na,1\n");
    }

    private static void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private static String f(String name) {
        return dir.resolve(name).toString();
    }

    static Stream<Arguments> catalogue() {
        String g = good.toString();
        return Stream.of(
                bad(1, "data file not found: " + f("missing.csv"), "fit", "--data", f("missing.csv"), "--target", "y"),
                bad(1, "target column 'nope' not found in " + g + "; its columns are: a, b, c, d, y", "fit", "--data", g, "--target", "nope"),
                bad(1, f("nonnumeric.csv") + " line 3, column 'b': 'five' is not a number", "fit", "--data", f("nonnumeric.csv"), "--target", "y"),
                bad(1, f("nan.csv") + " line 3, column 'b': value 'NaN' is not a finite number", "fit", "--data", f("nan.csv"), "--target", "y"),
                bad(1, f("inf.csv") + " line 3, column 'y': value 'Infinity' is not a finite number", "path", "--data", f("inf.csv"), "--target", "y"),
                bad(1, f("empty.csv") + " is empty (expected a header row and data rows)", "fit", "--data", f("empty.csv"), "--target", "y"),
                bad(1, f("header-only.csv") + " has a header but no data rows", "fit", "--data", f("header-only.csv"), "--target", "y"),
                bad(1, f("ragged.csv") + " line 3: expected 3 values (one per header column), found 2", "fit", "--data", f("ragged.csv"), "--target", "y"),
                bad(1, "--lambda must be finite and >= 0, got -1.0", "fit", "--data", g, "--target", "y", "--lambda", "-1"),
                bad(1, "--lambdas values must be finite and >= 0, got -0.5", "path", "--data", g, "--target", "y", "--lambdas", "1,-0.5"),
                bad(1, "--q must be in (0, 1], got 1.5", "fit", "--data", g, "--target", "y", "--penalty", "lq", "--q", "1.5"),
                bad(1, "--q must be in (0, 1], got 0.0", "path", "--data", g, "--target", "y", "--penalty", "group", "--groups", groups.toString(), "--q", "0"),
                bad(1, "--q applies to --penalty lq or group, not lasso", "fit", "--data", g, "--target", "y", "--q", "0.5"),
                bad(2, "Invalid value for option '--penalty': expected one of [lasso, group, lq] (case-insensitive) but was 'ridge'",
                        "fit", "--data", g, "--target", "y", "--penalty", "ridge"),
                bad(1, "groups file " + f("unknown-feature-groups.csv") + " line 3: 'zzz' is not a feature of the data",
                        "fit", "--data", g, "--target", "y", "--penalty", "group", "--groups", f("unknown-feature-groups.csv")),
                bad(1, "groups file " + f("bad-header-groups.csv") + " line 1: expected the header 'feature,group', found 'name,grp'",
                        "fit", "--data", g, "--target", "y", "--penalty", "group", "--groups", f("bad-header-groups.csv")),
                bad(1, "groups file not found: " + f("nogroups.csv"), "fit", "--data", g, "--target", "y", "--penalty", "group", "--groups", f("nogroups.csv")),
                bad(1, "--penalty group needs --groups GROUPS.csv", "fit", "--data", g, "--target", "y", "--penalty", "group"),
                bad(1, "--groups applies to --penalty group only", "fit", "--data", g, "--target", "y", "--groups", groups.toString()),
                bad(1, "--nlambda must be >= 1, got 0", "path", "--data", g, "--target", "y", "--nlambda", "0"),
                bad(1, "--lambda-min-ratio must be in (0, 1), got 1.5", "path", "--data", g, "--target", "y", "--lambda-min-ratio", "1.5"),
                bad(1, "--lambdas cannot be combined with --nlambda or --lambda-min-ratio", "path", "--data", g, "--target", "y", "--lambdas", "1", "--nlambda", "5"),
                bad(2, "Invalid value for option '--standardize': 'maybe' is not a boolean", "fit", "--data", g, "--target", "y", "--standardize", "maybe"),
                bad(2, "Invalid value for option '--lambda': 'abc' is not a double", "fit", "--data", g, "--target", "y", "--lambda", "abc"),
                bad(2, "Missing required option: '--target=COLUMN'", "fit", "--data", g),
                bad(2, "Unknown option: '--bogus'", "fit", "--data", g, "--target", "y", "--bogus"),
                bad(1, "cannot write " + f("no/such/dir/out.json") + ": its directory does not exist", "fit", "--data", g, "--target", "y"),
                bad(1, "cannot write " + dir + ": it is a directory", "path", "--data", g, "--target", "y", "--out", dir.toString()));
    }

    private static Arguments bad(int code, String message, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (!all.contains("--out")) {
            all.add("--out");
            all.add(message.startsWith("cannot write") ? f("no/such/dir/out.json") : f("out.json"));
        }
        return Arguments.of(String.join(" ", args), code, message, all.toArray(new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void exitsNonZeroWithOneClearLine(String name, int code, String message, String[] args) {
        Cli.Run run = Cli.run(args);
        assertEquals(code, run.code(), "exit code; stderr: " + run.err());
        String[] lines = run.err().strip().split("\\R");
        assertEquals(1, lines.length, "exactly one line on stderr: " + run.err());
        assertTrue(lines[0].contains(message), "stderr '" + lines[0] + "' should contain '" + message + "'");
        assertTrue(lines[0].startsWith("sparse " + args[0] + ": "), "names the command: " + lines[0]);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), "no stack trace: " + run.err());
        assertEquals("", run.out(), "nothing on stdout");
        assertFalse(Files.exists(dir.resolve("out.json")), "no output file is written");
    }
}
