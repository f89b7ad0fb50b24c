package org.hadamard.sparse.cli;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GroupsFileTest {

    private static final String[] FEATURES = {"a", "b", "c", "d", "e"};

    private static int[] read(String text) throws IOException {
        return GroupsFile.read(new BufferedReader(new StringReader(text)), "g.csv", FEATURES, "y");
    }

    private static String error(String text) {
        return assertThrows(CliException.class, () -> read(text)).getMessage();
    }

    @Test
    void groupsNumberedInOrderOfAppearanceAndUnlistedAreSingletons() throws IOException {
        assertArrayEquals(new int[]{1, -1, 0, 1, -1}, read("Feature,Group\nc,serum\na,body\n\nd,body\n"));
        assertArrayEquals(new int[]{-1, -1, -1, -1, -1}, read("feature,group\n"));
    }

    @Test
    void rejectsBadFiles() {
        assertEquals("groups file g.csv line 2: 'zz' is not a feature of the data", error("feature,group\nzz,1\n"));
        assertEquals("groups file g.csv line 2: 'y' is the target column, not a feature", error("feature,group\ny,1\n"));
        assertEquals("groups file g.csv line 3: feature 'a' is listed twice", error("feature,group\na,1\na,2\n"));
        assertEquals("groups file g.csv line 1: expected the header 'feature,group', found 'a,1'", error("a,1\n"));
        assertEquals("groups file g.csv line 2: expected 2 values (feature,group), found 3", error("feature,group\na,1,2\n"));
        assertEquals("groups file g.csv line 2: feature 'a' has an empty group", error("feature,group\na,\n"));
        assertEquals("groups file g.csv is empty (expected the header 'feature,group')", error(""));
    }
}
