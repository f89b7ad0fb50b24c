package org.hadamard.sparse.cli;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void scalars() {
        assertEquals("null", Json.write(null));
        assertEquals("true", Json.write(true));
        assertEquals("42", Json.write(42));
        assertEquals("0.1", Json.write(0.1));
        assertEquals("1.0E-10", Json.write(1e-10));
        assertEquals("-3.5", Json.write(-3.5));
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("null", Json.write(Double.NaN));
        assertEquals("null", Json.write(Double.POSITIVE_INFINITY));
        assertEquals("[1.0, null, null]", Json.write(new double[]{1, Double.NaN, Double.NEGATIVE_INFINITY}));
    }

    @Test
    void stringsAreEscaped() {
        String nasty = "a\"b\\c\nd\te\u0001f/ü λ";
        String json = Json.write(nasty);
        assertEquals("\"a\\\"b\\\\c\\nd\\te\\u0001f/ü λ\"", json);
        assertEquals(nasty, MiniJson.parse(json));
    }

    @Test
    void nestedStructuresRoundTrip() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("x", 1.5);
        inner.put("empty", Map.of());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lambdas", new double[]{3, 2, 1});
        m.put("ints", new int[]{1, 2});
        m.put("fits", List.of(inner, inner));
        m.put("none", List.of());
        m.put("gap", Double.NaN);
        m.put("ok", false);
        String json = Json.write(m);
        Map<String, Object> back = MiniJson.object(json);
        assertEquals(List.of("lambdas", "ints", "fits", "none", "gap", "ok"), List.copyOf(back.keySet()), "key order kept");
        assertEquals(Arrays.asList(3.0, 2.0, 1.0), back.get("lambdas"));
        assertEquals(List.of(1.0, 2.0), back.get("ints"));
        assertNull(back.get("gap"));
        assertTrue(back.containsKey("gap"));
        assertEquals(false, back.get("ok"));
        assertEquals(List.of(), back.get("none"));
        @SuppressWarnings("unchecked")
        Map<String, Object> f = (Map<String, Object>) ((List<?>) back.get("fits")).get(1);
        assertEquals(1.5, f.get("x"));
        assertEquals(Map.of(), f.get("empty"));
    }

    @Test
    void doublesRoundTripExactly() {
        double[] values = {Math.PI, 1e-300, -123456789.123456789, 4.516003002046267, Double.MIN_VALUE, Double.MAX_VALUE};
        for (double v : values) {
            assertEquals(v, (Double) MiniJson.parse(Json.write(v)));
        }
    }

    @Test
    void unknownTypesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
    }
}
