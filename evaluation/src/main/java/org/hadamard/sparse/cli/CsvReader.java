package org.hadamard.sparse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads comma-separated UTF-8 files with a header row into a numeric {@link Table}.
 * <p>
 * Cells are trimmed; a cell may be wrapped in double quotes (a doubled quote inside stands for one)
 * but may not span lines. Blank lines are skipped. Every data cell must be a finite decimal number
 * ({@code 12}, {@code -0.5}, {@code 1e-3}); empty cells, {@code NaN}, {@code Inf} and anything else
 * are rejected with the file, line and column in the message.
 */
public final class CsvReader {

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> NON_FINITE = Set.of("nan", "inf", "infinity", "-inf", "+inf", "-infinity", "+infinity", "-nan", "+nan");

    private CsvReader() {}

    /**
     * @param file a CSV file
     * @return its table
     * @throws CliException if the file cannot be read or is not a numeric CSV with a header
     */
    public static Table read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a CSV file whose column {@code textColumn} may hold text (class labels); every other
     * column must be numeric.
     * @param file a CSV file
     * @param textColumn the column kept as text, or null
     * @return its table
     * @throws CliException if the file cannot be read or is malformed
     */
    public static Table read(Path file, String textColumn) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new CliException("data file " + source + " is a directory");
        }
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, source, textColumn);
        } catch (NoSuchFileException e) {
            throw new CliException("data file not found: " + source);
        } catch (AccessDeniedException e) {
            throw new CliException("cannot read data file " + source + ": permission denied");
        } catch (CharacterCodingException e) {
            throw new CliException("data file " + source + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliException("cannot read data file " + source + ": " + e.getMessage());
        }
    }

    /**
     * @param resource a class-path resource, e.g. {@code /data/diabetes.csv}
     * @return its table
     */
    public static Table readResource(String resource) {
        InputStream in = CsvReader.class.getResourceAsStream(resource);
        if (in == null) {
            throw new CliException("bundled data " + resource + " is missing from the class path");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return read(r, resource.substring(resource.lastIndexOf('/') + 1));
        } catch (IOException e) {
            throw new CliException("cannot read bundled data " + resource + ": " + e.getMessage());
        }
    }

    /**
     * @param reader the text
     * @param source its name, for messages
     * @return the table
     * @throws IOException if reading fails
     */
    public static Table read(BufferedReader reader, String source) throws IOException {
        return read(reader, source, null);
    }

    /**
     * @param reader the text
     * @param source its name, for messages
     * @param textColumn the column kept as text (its numeric values are NaN), or null
     * @return the table
     * @throws IOException if reading fails
     */
    public static Table read(BufferedReader reader, String source, String textColumn) throws IOException {
        String line;
        int textIndex = -1;
        List<String> text = new ArrayList<>();
        int lineNo = 0;
        String[] header = null;
        List<double[]> rows = new ArrayList<>();
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, source, lineNo);
            if (header == null) {
                header = header(cells, source, lineNo);
                if (textColumn != null) {
                    textIndex = java.util.Arrays.asList(header).indexOf(textColumn);
                }
                continue;
            }
            if (cells.size() != header.length) {
                throw new CliException(source + " line " + lineNo + ": expected " + header.length + " values (one per header column), found " + cells.size());
            }
            double[] row = new double[header.length];
            for (int j = 0; j < row.length; j++) {
                if (j == textIndex) {
                    String cell = cells.get(j);
                    if (cell.isEmpty()) {
                        throw new CliException(source + " line " + lineNo + ", column '" + header[j] + "': empty value (missing values are not supported)");
                    }
                    text.add(cell);
                    row[j] = Double.NaN;
                } else {
                    row[j] = parse(cells.get(j), source, lineNo, header[j]);
                }
            }
            rows.add(row);
        }
        if (header == null) {
            throw new CliException(source + " is empty (expected a header row and data rows)");
        }
        if (rows.isEmpty()) {
            throw new CliException(source + " has a header but no data rows");
        }
        return new Table(source, header, rows.toArray(new double[0][]), textIndex, textIndex < 0 ? null : text.toArray(new String[0]));
    }

    private static String[] header(List<String> cells, String source, int lineNo) {
        String[] header = cells.toArray(new String[0]);
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < header.length; j++) {
            if (header[j].isEmpty()) {
                throw new CliException(source + " line " + lineNo + ": header column " + (j + 1) + " has no name");
            }
            if (!seen.add(header[j])) {
                throw new CliException(source + " line " + lineNo + ": header names column '" + header[j] + "' twice");
            }
        }
        return header;
    }

    /**
     * Parses one cell as a finite decimal number.
     * @param cell the trimmed cell
     * @param source file name
     * @param lineNo line number
     * @param column column name
     * @return the value
     */
    static double parse(String cell, String source, int lineNo, String column) {
        String where = source + " line " + lineNo + ", column '" + column + "'";
        if (cell.isEmpty()) {
            throw new CliException(where + ": empty value (missing values are not supported)");
        }
        if (NON_FINITE.contains(cell.toLowerCase(Locale.ROOT))) {
            throw new CliException(where + ": value '" + cell + "' is not a finite number");
        }
        if (!NUMBER.matcher(cell).matches()) {
            throw new CliException(where + ": '" + cell + "' is not a number");
        }
        double v = Double.parseDouble(cell);
        if (!Double.isFinite(v)) {
            throw new CliException(where + ": value '" + cell + "' is not a finite number");
        }
        return v;
    }

    /**
     * Splits one line at commas, honouring double quotes.
     * @param line the line
     * @param source file name
     * @param lineNo line number
     * @return the trimmed cells
     */
    static List<String> split(String line, String source, int lineNo) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '"') {
                    if (k + 1 < line.length() && line.charAt(k + 1) == '"') {
                        cell.append('"');
                        k++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else if (c == ',') {
                cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted) {
                if (!Character.isWhitespace(c)) {
                    throw new CliException(source + " line " + lineNo + ": unexpected text after a closing quote");
                }
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            throw new CliException(source + " line " + lineNo + ": unterminated quote");
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        return cells;
    }
}
