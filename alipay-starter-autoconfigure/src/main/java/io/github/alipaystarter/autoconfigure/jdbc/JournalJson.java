package io.github.alipaystarter.autoconfigure.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonParser;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;

/**
 * The journal's text form of a delivery's parameters: a JSON object of strings, in the parameters'
 * order, written with Spring Boot's {@link JsonWriter} and read with the parser of
 * {@link JsonParserFactory#getJsonParser()} (Jackson or Gson when present).
 *
 * <p>Lossless for every Java string: control characters (NUL, which PostgreSQL refuses in text) and
 * unpaired surrogates (which UTF-8 cannot encode) are written as {@code \}{@code uXXXX} escapes;
 * everything else, Chinese included, is kept as it is, so that the column stays readable. Rows
 * written by earlier versions of the starter (the same JSON, with lower-case escapes) read the same.
 */
final class JournalJson {

    private static final JsonWriter<Object> WRITER = JsonWriter.standard();

    private static final JsonParser PARSER = JsonParserFactory.getJsonParser();

    private JournalJson() {
    }

    /**
     * {@link #write} within {@code max} characters. Alipay's own parameters fit many times over; should a
     * verified delivery not fit, the longest values are cut (marked) rather than the entry lost.
     */
    static String bounded(Map<String, String> parameters, int max) {
        String json = write(parameters);
        if (json.length() <= max) {
            return json;
        }
        for (int keep = 1000; keep >= 10; keep /= 4) {
            Map<String, String> cut = new LinkedHashMap<>();
            for (Map.Entry<String, String> e : parameters.entrySet()) {
                String v = e.getValue() == null ? "" : e.getValue();
                cut.put(e.getKey(), v.length() <= keep ? v : v.substring(0, keep) + "…[cut: " + v.length() + " characters]");
            }
            json = write(cut);
            if (json.length() <= max) {
                return json;
            }
        }
        return write(Map.of("_journal", "the parameters (" + parameters.size()
                + ") were too large to keep in " + max + " characters"));
    }

    /**
     * {@code {"k":"v",...}} in the map's iteration order; a null key or value is written as "" (as the
     * in-memory journal keeps it).
     */
    static String write(Map<String, String> map) {
        // Each name and value is a JSON string written by JsonWriter; the object around them is written
        // here, because Spring Boot 3.5's writer of a map fails on an empty first name.
        StringBuilder out = new StringBuilder(64 + map.size() * 48).append('{');
        boolean escaped = false;
        for (Map.Entry<String, String> e : map.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            escaped |= string(out, e.getKey());
            out.append(':');
            escaped |= string(out, e.getValue());
        }
        out.append('}');
        return escaped ? escapeLoneSurrogates(out.toString()) : out.toString();
    }

    /**
     * Appends one JSON string; returns whether JsonWriter wrote it. A text of {@linkplain #asItIs plain
     * characters only} (Alipay's parameters nearly always) is what JsonWriter would write between quotes,
     * and is appended so without it: the writer's per-call cost was most of the journal's.
     */
    private static boolean string(StringBuilder out, String text) {
        String s = (text != null) ? text : "";
        for (int i = 0; i < s.length(); i++) {
            if (!asItIs(s.charAt(i))) {
                out.append(WRITER.writeToString(s));
                return true;
            }
        }
        out.append('"').append(s).append('"');
        return false;
    }

    /**
     * Whether JsonWriter writes the character unchanged inside a string (checked for every character of
     * the basic plane in the tests): printable ASCII but the quote, the backslash and the slash, and from
     * U+00A0 on everything but surrogates, the line and paragraph separators and the last two of the plane.
     */
    static boolean asItIs(char c) {
        if (c < 0x80) {
            return c >= 0x20 && c != '"' && c != '\\' && c != '/' && c != 0x7F;
        }
        return c >= 0xA0 && !Character.isSurrogate(c) && c != '\u2028' && c != '\u2029' && c < 0xFFFE;
    }

    /**
     * Reads what {@link #write} wrote; an unmodifiable map in the written order. Throws an
     * {@link IllegalArgumentException} for text that is not a JSON object of strings.
     */
    static Map<String, String> read(String json) {
        if (PARSER instanceof BasicJsonParser && json.indexOf('\\') >= 0) {
            // Spring Boot's fallback parser does not read escapes: refuse rather than return altered values
            throw new IllegalStateException("Reading the Alipay journal's parameters needs Jackson or Gson on the"
                    + " class path (JsonParserFactory found neither): they contain JSON escapes");
        }
        Map<String, Object> parsed = PARSER.parseMap(json);
        Map<String, String> map = new LinkedHashMap<>(parsed.size() * 2);
        parsed.forEach((key, value) -> {
            if (!(value instanceof String text)) {
                throw new IllegalArgumentException("not journal JSON: the value of \"" + key + "\" is not a string");
            }
            map.put(key, text);
        });
        return Collections.unmodifiableMap(map);
    }

    /**
     * An unpaired surrogate can only stand inside a JSON string (the syntax is ASCII), where its
     * {@code \}{@code uXXXX} escape means the same character and survives UTF-8.
     */
    static String escapeLoneSurrogates(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < json.length()
                    && Character.isLowSurrogate(json.charAt(i + 1));
            if (!pair && Character.isSurrogate(c)) {
                if (out == null) {
                    out = new StringBuilder(json.length() + 16).append(json, 0, i);
                }
                out.append(String.format("\\u%04x", (int) c));
                continue;
            }
            if (out != null) {
                out.append(c);
                if (pair) {
                    out.append(json.charAt(i + 1));
                }
            }
            if (pair) {
                i++;
            }
        }
        return (out != null) ? out.toString() : json;
    }
}
