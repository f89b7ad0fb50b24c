package org.hadamard.sparse.cli;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A tiny JSON writer for the command line's results (a JSON library would be the largest dependency
 * of the jar for a few dozen lines of output).
 * <p>
 * Values: {@link Map} (keys as strings, in iteration order: use a LinkedHashMap), {@link Collection},
 * {@code double[]}, {@code int[]}, {@link Number}, {@link Boolean}, {@link CharSequence} and null.
 * Non-finite numbers (NaN, ±∞) are written as {@code null}; doubles use Java's shortest round-trip
 * form ({@code 0.1}, {@code 1.0E-10}), which JSON accepts. Objects and arrays that hold objects or
 * arrays are indented by two spaces; arrays of scalars stay on one line.
 */
public final class Json {

    private Json() {}

    /**
     * @param value the value
     * @return its JSON text, ending without a newline
     */
    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb, 0);
        return sb.toString();
    }

    private static void write(Object value, StringBuilder sb, int indent) {
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Map<?, ?> map) {
            writeObject(map, sb, indent);
        } else if (value instanceof double[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ");
                number(a[i], sb);
            }
            sb.append(']');
        } else if (value instanceof int[] a) {
            sb.append('[');
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(a[i]);
            }
            sb.append(']');
        } else if (value instanceof Collection<?> c) {
            writeArray(c, sb, indent);
        } else if (value instanceof Double || value instanceof Float) {
            number(((Number) value).doubleValue(), sb);
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else if (value instanceof CharSequence s) {
            string(s, sb);
        } else {
            throw new IllegalArgumentException("Cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeObject(Map<?, ?> map, StringBuilder sb, int indent) {
        if (map.isEmpty()) {
            sb.append("{}");
            return;
        }
        sb.append("{\n");
        Iterator<? extends Map.Entry<?, ?>> it = map.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<?, ?> e = it.next();
            pad(sb, indent + 1);
            string(String.valueOf(e.getKey()), sb);
            sb.append(": ");
            write(e.getValue(), sb, indent + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append('}');
    }

    private static void writeArray(Collection<?> c, StringBuilder sb, int indent) {
        boolean nested = false;
        for (Object o : c) {
            nested |= o instanceof Map || o instanceof Collection || o instanceof double[] || o instanceof int[];
        }
        if (!nested) {
            sb.append('[');
            boolean first = true;
            for (Object o : c) {
                sb.append(first ? "" : ", ");
                write(o, sb, indent);
                first = false;
            }
            sb.append(']');
            return;
        }
        sb.append("[\n");
        Iterator<?> it = c.iterator();
        while (it.hasNext()) {
            pad(sb, indent + 1);
            write(it.next(), sb, indent + 1);
            sb.append(it.hasNext() ? ",\n" : "\n");
        }
        pad(sb, indent);
        sb.append(']');
    }

    private static void number(double v, StringBuilder sb) {
        if (Double.isFinite(v)) {
            sb.append(v);
        } else {
            sb.append("null");
        }
    }

    private static void pad(StringBuilder sb, int indent) {
        sb.append("  ".repeat(indent));
    }

    private static void string(CharSequence s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
