package io.github.alipaystarter.core.protocol.notify;

import io.github.alipaystarter.core.internal.FormFields;
import io.github.alipaystarter.core.internal.Texts;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Decodes and encodes {@code application/x-www-form-urlencoded} text exactly once, in a given charset
 * (never the container's default): {@code +} is a space, {@code %XX} bytes are collected and decoded
 * together in the charset, bytes that are not valid in the charset are an error rather than a silent
 * replacement character (which would break the signature later with a confusing message).
 *
 * <p>Alipay never repeats a parameter name; a repeated name is treated as malformed, because a second
 * value could otherwise slip past the signature check into the application.
 */
public final class FormData {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private FormData() {
    }

    /**
     * Decodes a body or query string given as bytes. Throws {@link MalformedNotificationException}
     * for a bad escape, bytes invalid in {@code charset}, or a repeated name. Empty pairs are skipped;
     * a name without {@code =} has the empty value. The map keeps the order of arrival and is
     * read-only (a {@link FormFields}, which also tells the signature check which values are ASCII).
     */
    public static Map<String, String> decode(byte[] body, Charset charset) {
        FormFields.Builder out = new FormFields.Builder(32);
        Decoder decoder = new Decoder(body, charset);
        int start = 0;
        int n = body.length;
        while (start <= n) {
            int end = start;
            while (end < n && body[end] != '&') {
                end++;
            }
            if (end > start) {
                int eq = start;
                while (eq < end && body[eq] != '=') {
                    eq++;
                }
                String name = decoder.component(start, eq);
                String value = eq < end ? decoder.component(eq + 1, end) : "";
                boolean asciiValue = eq >= end || decoder.ascii;
                if (name.isEmpty()) {
                    throw new MalformedNotificationException("a parameter without a name at byte " + start);
                }
                if (!out.add(name, value, asciiValue)) {
                    throw new MalformedNotificationException("parameter " + printable(name) + " appears more than once");
                }
            }
            start = end + 1;
        }
        return out.build();
    }

    /**
     * Decodes the components of one body. The usual component (ASCII, no escape) becomes a string
     * straight from the body's bytes; one with escapes is unescaped into a scratch array once; only the
     * bytes of a component that are not all ASCII go through the charset's decoder (which reports
     * invalid bytes). ASCII bytes stand for themselves in utf-8, gbk and gb2312 (and ISO-8859-1,
     * US-ASCII); for any other charset every component goes through the decoder.
     */
    private static final class Decoder {
        private final byte[] body;
        private final Charset charset;
        private final boolean asciiCompatible;
        private CharsetDecoder decoder;
        private byte[] scratch;
        /** Whether the last {@link #component} is known to be pure ASCII (false: unknown or not). */
        boolean ascii;

        Decoder(byte[] body, Charset charset) {
            this.body = body;
            this.charset = charset;
            String name = charset.name();
            this.asciiCompatible = name.equals("UTF-8") || name.equals("GBK") || name.equals("GB2312")
                    || name.equals("US-ASCII") || name.equals("ISO-8859-1");
        }

        String component(int from, int to) {
            byte[] b = body;
            int i = from;
            if (asciiCompatible) {
                // the usual case: plain ASCII without '+' or '%'
                while (i < to) {
                    byte c = b[i];
                    if (c < 0 || c == '%' || c == '+') {
                        break;
                    }
                    i++;
                }
                if (i == to) {
                    ascii = true;
                    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
                }
            }
            if (scratch == null) {
                scratch = new byte[b.length];
            }
            byte[] buf = scratch;
            int len = i - from;
            System.arraycopy(b, from, buf, 0, len);
            int high = 0;
            for (; i < to; i++) {
                byte c = b[i];
                if (c == '+') {
                    c = ' ';
                } else if (c == '%') {
                    if (i + 2 >= to) {
                        throw new MalformedNotificationException("an incomplete %-escape at byte " + i);
                    }
                    int hi = Character.digit(b[i + 1], 16);
                    int lo = Character.digit(b[i + 2], 16);
                    if (hi < 0 || lo < 0) {
                        throw new MalformedNotificationException("an invalid %-escape at byte " + i);
                    }
                    c = (byte) ((hi << 4) | lo);
                    i += 2;
                }
                high |= c;
                buf[len++] = c;
            }
            if (asciiCompatible && high >= 0) {
                ascii = true;
                return new String(buf, 0, len, StandardCharsets.ISO_8859_1);
            }
            ascii = false;
            if (decoder == null) {
                decoder = charset.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
            }
            try {
                decoder.reset();
                return decoder.decode(ByteBuffer.wrap(buf, 0, len)).toString();
            } catch (CharacterCodingException e) {
                throw new MalformedNotificationException("bytes that are not valid " + decoder.charset().name()
                        + " (was the message sent in another _input_charset?)");
            }
        }
    }

    /**
     * Decodes a query string (without the leading {@code ?}). Characters up to U+00FF stand for
     * themselves as bytes (the way servlet containers hand over a raw query); anything beyond is
     * encoded in {@code charset} first.
     */
    public static Map<String, String> decode(String query, Charset charset) {
        if (query == null || query.isEmpty()) {
            return FormFields.empty();
        }
        boolean latin1 = query.chars().allMatch(c -> c <= 0xFF);
        return decode(query.getBytes(latin1 ? StandardCharsets.ISO_8859_1 : charset), charset);
    }

    /**
     * Encodes one value for a URL or form in {@code charset}: RFC 3986 unreserved kept, everything else
     * %XX (space as %20). Throws {@link IllegalArgumentException} for a character the charset cannot
     * encode (an emoji in gbk, say).
     */
    public static String encode(String value, Charset charset) {
        StringBuilder sb = null;
        int len = value.length();
        for (int i = 0; i < len; i++) {
            if (!unreserved(value.charAt(i))) {
                sb = new StringBuilder(len + 16).append(value, 0, i);
                ByteBuffer bytes;
                try {
                    bytes = charset.newEncoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .encode(CharBuffer.wrap(value, i, len));
                } catch (CharacterCodingException e) {
                    // a '?' in its place would change what Alipay receives but not what was signed
                    throw new IllegalArgumentException("a character that " + charset.name() + " cannot encode", e);
                }
                while (bytes.hasRemaining()) {
                    int b = bytes.get() & 0xFF;
                    if (b < 0x80 && unreserved((char) b)) {
                        sb.append((char) b);
                    } else {
                        sb.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
                    }
                }
                break;
            }
        }
        return sb == null ? value : sb.toString();
    }

    /** Encodes a whole map as {@code k=v&k=v}, each name and value {@link #encode}d; null values are left out. */
    public static String encode(Map<String, String> parameters, Charset charset) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(encode(e.getKey(), charset)).append('=').append(encode(e.getValue(), charset));
        }
        return sb.toString();
    }

    private static boolean unreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String printable(String name) {
        return "\"" + Texts.forLog(name, 40) + "\"";
    }
}
