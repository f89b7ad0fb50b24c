package org.hadamard.sparse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsvReaderTest {

    private static Table read(String text) throws IOException {
        return CsvReader.read(new BufferedReader(new StringReader(text)), "t.csv");
    }

    private static String error(String text) {
        return assertThrows(CliException.class, () -> read(text)).getMessage();
    }

    @Test
    void readsHeaderAndRows() throws IOException {
        Table t = read("\uFEFFa, b ,\"c d\"\n1,2.5,-3e2\n\n  4 , .5 , +6 \n");
        assertArrayEquals(new String[]{"a", "b", "c d"}, t.columns());
        assertEquals(2, t.rowCount());
        assertEquals(-300.0, t.get(0, 2));
        assertEquals(0.5, t.get(1, 1));
        assertEquals(6.0, t.get(1, 2));
    }

    @Test
    void handlesWindowsLineEndingsAndQuotedCells() throws IOException {
        Table t = read("x,\"say \"\"hi\"\"\",y\r\n\"1\",2,3\r\n");
        assertArrayEquals(new String[]{"x", "say \"hi\"", "y"}, t.columns());
        assertEquals(1.0, t.get(0, 0));
    }

    @Test
    void splitsIntoRegressionData() throws IOException {
        Table.RegressionData d = read("a,y,b\n1,10,2\n3,30,4\n").regression("y");
        assertArrayEquals(new String[]{"a", "b"}, d.features());
        assertArrayEquals(new double[]{10, 30}, d.y());
        assertArrayEquals(new double[]{3, 4}, d.x()[1]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "non-numeric        | a,y\\n1,2\\nfoo,3          | t.csv line 3, column 'a': 'foo' is not a number",
            "NaN                | a,y\\n1,2\\nNaN,3          | t.csv line 3, column 'a': value 'NaN' is not a finite number",
            "infinity           | a,y\\n1,-Inf\\n            | t.csv line 2, column 'y': value '-Inf' is not a finite number",
            "overflow           | a,y\\n1,1e400\\n           | t.csv line 2, column 'y': value '1e400' is not a finite number",
            "empty cell         | a,y\\n1,\\n                | t.csv line 2, column 'y': empty value (missing values are not supported)",
            "java float suffix  | a,y\\n1,2f\\n              | t.csv line 2, column 'y': '2f' is not a number",
            "hex                | a,y\\n1,0x10\\n            | t.csv line 2, column 'y': '0x10' is not a number",
            "ragged row         | a,y\\n1,2,3\\n             | t.csv line 2: expected 2 values (one per header column), found 3",
            "empty file         | ''                         | t.csv is empty (expected a header row and data rows)",
            "header only        | a,y\\n                     | t.csv has a header but no data rows",
            "duplicate column   | a,a\\n1,2\\n               | t.csv line 1: header names column 'a' twice",
            "nameless column    | a,,y\\n1,2,3\\n            | t.csv line 1: header column 2 has no name",
            "unterminated quote | \"a,y\\n1,2\\n             | t.csv line 1: unterminated quote",
    })
    void rejectsBadInputWithAPreciseMessage(String what, String text, String message) {
        assertEquals(message, error(text.replace("\\n", "\n")), what);
    }

    @Test
    void unknownTargetListsTheColumns() throws IOException {
        Table t = read("a,b\n1,2\n");
        CliException e = assertThrows(CliException.class, () -> t.regression("y"));
        assertEquals("target column 'y' not found in t.csv; its columns are: a, b", e.getMessage());
        assertTrue(assertThrows(CliException.class, () -> read("y\n1\n").regression("y")).getMessage().contains("no feature columns"));
    }

    @Test
    void fileErrors(@TempDir Path dir) throws IOException {
        assertEquals("data file not found: " + dir.resolve("none.csv"),
                assertThrows(CliException.class, () -> CsvReader.read(dir.resolve("none.csv"))).getMessage());
        assertEquals("data file " + dir + " is a directory",
                assertThrows(CliException.class, () -> CsvReader.read(dir)).getMessage());
        Path latin1 = dir.resolve("latin1.csv");
        Files.write(latin1, new byte[]{'a', (byte) 0xE9, ',', 'y', '\n', '1', ',', '2', '\n'});
        assertEquals("data file " + latin1 + " is not UTF-8 text",
                assertThrows(CliException.class, () -> CsvReader.read(latin1)).getMessage());
    }

    @Test
    void bundledDataSets() {
        Table diabetes = CsvReader.readResource("/data/diabetes.csv");
        assertEquals(442, diabetes.rowCount());
        assertArrayEquals(new String[]{"age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6", "progression"}, diabetes.columns());
        assertEquals(151.0, diabetes.get(0, 10));
        Table cancer = CsvReader.readResource("/data/breast_cancer.csv");
        assertEquals(569, cancer.rowCount());
        assertEquals(31, cancer.columns().length);
        assertEquals("benign", cancer.columns()[30]);
        double benign = 0;
        for (int i = 0; i < cancer.rowCount(); i++) {
            benign += cancer.get(i, 30);
        }
        assertEquals(357.0, benign);
    }
}
