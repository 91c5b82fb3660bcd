package io.github.alipaystarter.autoconfigure.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The journal's text encoding of raw input: a JSON object of strings for the parameters and a JSON
 * string for the raw body. Lossless for every Java string: control characters (NUL, which PostgreSQL
 * refuses in text) and unpaired surrogates are written as {@code \}{@code uXXXX} escapes; everything
 * else, Chinese included, is kept as it is, so the column stays readable. Only what {@link #object} and
 * {@link #string} write needs to be read back; the reader is nevertheless a correct JSON reader for
 * objects of strings.
 */
final class JsonText {

    private JsonText() {
    }

    /** {@code {"k":"v",...}} in the map's iteration order; a null key or value is written as "" (as the in-memory journal keeps it). */
    static String object(Map<String, String> map) {
        StringBuilder out = new StringBuilder(64 + map.size() * 24);
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            appendString(out, e.getKey() == null ? "" : e.getKey());
            out.append(':');
            appendString(out, e.getValue() == null ? "" : e.getValue());
        }
        return out.append('}').toString();
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        appendString(out, value);
        return out.toString();
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        escape(out, c);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                            out.append(c).append(s.charAt(++i));
                        } else {
                            escape(out, c);
                        }
                    } else if (Character.isLowSurrogate(c)) {
                        escape(out, c);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u");
        String hex = Integer.toHexString(c);
        out.append("0".repeat(4 - hex.length())).append(hex);
    }

    /** Reads what {@link #object} wrote; an unmodifiable map in the written order. */
    static Map<String, String> parseObject(String json) {
        Reader r = new Reader(json);
        Map<String, String> map = new LinkedHashMap<>();
        r.skipSpace();
        r.expect('{');
        r.skipSpace();
        if (r.peek() == '}') {
            r.pos++;
        } else {
            while (true) {
                r.skipSpace();
                String key = r.readString();
                r.skipSpace();
                r.expect(':');
                r.skipSpace();
                map.put(key, r.readString());
                r.skipSpace();
                char c = r.next();
                if (c == '}') {
                    break;
                }
                if (c != ',') {
                    throw r.error("',' or '}'");
                }
            }
        }
        r.end();
        return Collections.unmodifiableMap(map);
    }

    /** Reads what {@link #string} wrote. */
    static String parseString(String json) {
        Reader r = new Reader(json);
        r.skipSpace();
        String value = r.readString();
        r.end();
        return value;
    }

    private static final class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        char peek() {
            if (pos >= s.length()) {
                throw error("more input");
            }
            return s.charAt(pos);
        }

        char next() {
            char c = peek();
            pos++;
            return c;
        }

        void expect(char c) {
            if (next() != c) {
                pos--;
                throw error("'" + c + "'");
            }
        }

        void skipSpace() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r'
                    || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        void end() {
            skipSpace();
            if (pos != s.length()) {
                throw error("end of input");
            }
        }

        String readString() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> out.append(e);
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("four hex digits");
                        }
                        try {
                            out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("four hex digits");
                        }
                        pos += 4;
                    }
                    default -> throw error("an escape character");
                }
            }
        }

        IllegalArgumentException error(String expected) {
            return new IllegalArgumentException("not journal JSON: expected " + expected + " at offset " + pos);
        }
    }
}
