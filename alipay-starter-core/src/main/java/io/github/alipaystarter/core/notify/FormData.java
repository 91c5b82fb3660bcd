package io.github.alipaystarter.core.notify;

import java.nio.charset.Charset;
import java.util.Map;

/**
 * Decodes {@code application/x-www-form-urlencoded} text exactly once in a given charset (never the
 * container's default): {@code +} is a space, {@code %XX} bytes are collected and decoded together in
 * the charset. Returns an ordered map; a repeated name keeps its first value... TODO core: decide and
 * document (Alipay never repeats a name; a repeat is suspicious and should be malformed).
 */
public final class FormData {

    private FormData() {
    }

    /** Decodes a body or query string given as bytes (ASCII on the wire). */
    public static Map<String, String> decode(byte[] body, Charset charset) {
        throw new UnsupportedOperationException("TODO core: FormData.decode");
    }

    /** Decodes a query string (without the leading {@code ?}). */
    public static Map<String, String> decode(String query, Charset charset) {
        throw new UnsupportedOperationException("TODO core: FormData.decode");
    }

    /** Encodes one value for a URL or form in {@code charset}: RFC 3986 unreserved kept, space as %20. */
    public static String encode(String value, Charset charset) {
        throw new UnsupportedOperationException("TODO core: FormData.encode");
    }

    /** Encodes a whole map as {@code k=v&k=v}, each name and value {@link #encode}d. */
    public static String encode(Map<String, String> parameters, Charset charset) {
        throw new UnsupportedOperationException("TODO core: FormData.encode");
    }
}
