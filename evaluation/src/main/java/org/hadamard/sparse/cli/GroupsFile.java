package org.hadamard.sparse.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a group file: CSV with the header {@code feature,group} and one row per grouped feature.
 * Group labels are arbitrary text; groups are numbered in order of first appearance. Features not
 * listed form singleton groups (index −1, as {@link org.hadamard.sparse.parametrization.Penalty#group}
 * expects).
 */
public final class GroupsFile {

    private GroupsFile() {}

    /**
     * @param file the group file
     * @param features the data's feature names, in order
     * @param target the target column's name (for a clearer message if it is listed)
     * @return per feature its group index, or −1
     */
    public static int[] read(Path file, String[] features, String target) {
        String source = file.toString();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, source, features, target);
        } catch (NoSuchFileException e) {
            throw new CliException("groups file not found: " + source);
        } catch (CharacterCodingException e) {
            throw new CliException("groups file " + source + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CliException("cannot read groups file " + source + ": " + e.getMessage());
        }
    }

    /**
     * @param reader the text
     * @param source its name for messages
     * @param features the feature names
     * @param target the target column's name
     * @return per feature its group index, or −1
     * @throws IOException if reading fails
     */
    public static int[] read(BufferedReader reader, String source, String[] features, String target) throws IOException {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int j = 0; j < features.length; j++) {
            index.put(features[j], j);
        }
        int[] groupOf = new int[features.length];
        Arrays.fill(groupOf, -1);
        Map<String, Integer> groups = new LinkedHashMap<>();
        String line;
        int lineNo = 0;
        boolean header = false;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (lineNo == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = CsvReader.split(line, source, lineNo);
            if (!header) {
                if (cells.size() != 2 || !cells.get(0).equalsIgnoreCase("feature") || !cells.get(1).equalsIgnoreCase("group")) {
                    throw new CliException("groups file " + source + " line " + lineNo + ": expected the header 'feature,group', found '" + line.trim() + "'");
                }
                header = true;
                continue;
            }
            if (cells.size() != 2) {
                throw new CliException("groups file " + source + " line " + lineNo + ": expected 2 values (feature,group), found " + cells.size());
            }
            String feature = cells.get(0);
            String group = cells.get(1);
            if (group.isEmpty()) {
                throw new CliException("groups file " + source + " line " + lineNo + ": feature '" + feature + "' has an empty group");
            }
            Integer j = index.get(feature);
            if (j == null) {
                String why = feature.equals(target) ? "is the target column, not a feature" : "is not a feature of the data";
                throw new CliException("groups file " + source + " line " + lineNo + ": '" + feature + "' " + why);
            }
            if (groupOf[j] >= 0) {
                throw new CliException("groups file " + source + " line " + lineNo + ": feature '" + feature + "' is listed twice");
            }
            groupOf[j] = groups.computeIfAbsent(group, g -> groups.size());
        }
        if (!header) {
            throw new CliException("groups file " + source + " is empty (expected the header 'feature,group')");
        }
        return groupOf;
    }
}
