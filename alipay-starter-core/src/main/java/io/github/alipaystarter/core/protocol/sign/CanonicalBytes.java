package io.github.alipaystarter.core.protocol.sign;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * The bytes of {@code CanonicalContent.of(parameters) + suffix} in a charset, built without the
 * intermediate strings: the hot path of MD5 signing and verifying.
 *
 * <p>Exactly the bytes of {@code (CanonicalContent.of(parameters) + suffix).getBytes(charset)}, provided
 * that the charset is stateless and ASCII-compatible (utf-8, gbk, gb2312: the only ones Alipay accepts,
 * see {@link #supports}) and {@code suffix} is ASCII. Then every part (a key, a value) is separated from
 * the next by an ASCII character ({@code =}, {@code &}, the suffix), so encoding the parts one by one
 * gives the same bytes as encoding the joined string, replacement of unencodable characters included
 * ({@link String#getBytes(Charset)} is used for any part that is not ASCII). ASCII parts, the usual
 * case, are copied char by char into one array.
 *
 * <p>The order is that of {@link String#compareTo} on the keys, as in {@link CanonicalContent}: keys are
 * first sorted by their first seven characters packed into a long (when those are all below U+0100,
 * which keeps the order of {@code compareTo}), and only keys with equal packed prefixes are compared with
 * {@code compareTo}.
 */
final class CanonicalBytes {

    private CanonicalBytes() {
    }

    /** Whether {@link #of} gives the exact bytes for this charset. */
    static boolean supports(Charset charset) {
        String name = charset.name();
        return name.equals("UTF-8") || name.equals("GBK") || name.equals("GB2312") || name.equals("US-ASCII")
                || name.equals("ISO-8859-1");
    }

    /** Whether every char of {@code s} is below U+0080. */
    static boolean isAscii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The content's bytes and the suffix after them in {@code bytes[0, length)}. */
    static final class Result {
        byte[] bytes;
        int length;

        private Result(int capacity) {
            this.bytes = new byte[capacity];
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }

        /** Appends {@code s} in {@code charset}: a char-by-char copy while ASCII, else the charset's encoder. */
        private void put(String s, Charset charset) {
            int len = s.length();
            ensure(len);
            byte[] b = bytes;
            int at = length;
            int i = 0;
            for (; i < len; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    break;
                }
                b[at + i] = (byte) c;
            }
            if (i == len) {
                length = at + len;
                return;
            }
            if (charset == StandardCharsets.UTF_8) {
                length = at + i;
                putUtf8(s, i);
                return;
            }
            byte[] encoded = s.getBytes(charset);
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, at, encoded.length);
            length = at + encoded.length;
        }

        /**
         * {@code s} from {@code from} in UTF-8, as {@link String#getBytes(Charset)} encodes it: a surrogate
         * that is not part of a pair becomes {@code '?'}.
         */
        private void putUtf8(String s, int from) {
            int len = s.length();
            ensure((len - from) * 3); // enough: 3 bytes at most per char (4 only for a pair of 2 chars)
            byte[] b = bytes;
            int at = length;
            for (int i = from; i < len; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[at++] = (byte) c;
                } else if (c < 0x800) {
                    b[at++] = (byte) (0xC0 | (c >> 6));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isSurrogate(c)) {
                    char d = i + 1 < len ? s.charAt(i + 1) : 0;
                    if (Character.isHighSurrogate(c) && Character.isLowSurrogate(d)) {
                        int cp = Character.toCodePoint(c, d);
                        b[at++] = (byte) (0xF0 | (cp >> 18));
                        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        b[at++] = (byte) (0x80 | (cp & 0x3F));
                        i++;
                    } else {
                        b[at++] = '?';
                    }
                } else {
                    b[at++] = (byte) (0xE0 | (c >> 12));
                    b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (c & 0x3F));
                }
            }
            length = at;
        }

        private void put(byte b) {
            ensure(1);
            bytes[length++] = b;
        }

        private void put(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, bytes, length, b.length);
            length += b.length;
        }
    }

    /** The canonical bytes of {@code parameters} in {@code charset}, followed by {@code suffix} (ASCII bytes). */
    static Result of(Map<String, String> parameters, Charset charset, byte[] suffix) {
        int size = parameters.size();
        String[] keys = new String[size];
        String[] values = new String[size];
        int n = 0;
        int chars = suffix.length;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || value == null || value.isEmpty() || "sign".equals(key) || "sign_type".equals(key)) {
                continue;
            }
            keys[n] = key;
            values[n] = value;
            chars += key.length() + value.length() + 2;
            n++;
        }
        int[] order = order(keys, n);
        Result out = new Result(chars);
        for (int i = 0; i < n; i++) {
            int k = order[i];
            if (i > 0) {
                out.put((byte) '&');
            }
            out.put(keys[k], charset);
            out.put((byte) '=');
            out.put(values[k], charset);
        }
        out.put(suffix);
        return out;
    }

    /**
     * The indexes of {@code keys[0..n)} in {@link String#compareTo} order. Up to 256 keys whose first
     * seven chars are below U+0100 (every real parameter set): those chars packed into a long with the
     * index in the low byte, sorted as primitives, then only keys with equal prefixes compared with
     * compareTo. Otherwise a comparator sort. The result is shared with later calls for the same key
     * sequence: callers must not change it.
     */
    static int[] order(String[] keys, int n) {
        // Alipay sends the same parameters in the same order: reuse the last order for the same key sequence
        LastOrder last = lastOrder;
        if (last != null && last.matches(keys, n)) {
            return last.order;
        }
        int[] order = sortedOrder(keys, n);
        lastOrder = new LastOrder(Arrays.copyOf(keys, n), order);
        return order;
    }

    /** The last key sequence (in arrival order) and its canonical order; immutable, never changed once published. */
    private static final class LastOrder {
        private final String[] keys;
        private final int[] order;

        LastOrder(String[] keys, int[] order) {
            this.keys = keys;
            this.order = order;
        }

        boolean matches(String[] other, int n) {
            if (n != keys.length) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (!keys[i].equals(other[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The last order computed, for {@link #order}; read and written without locking (a stale value is only a miss). */
    private static volatile LastOrder lastOrder;

    private static int[] sortedOrder(String[] keys, int n) {
        int[] order = new int[n];
        long[] packed = n <= 256 ? new long[n] : null;
        for (int i = 0; i < n && packed != null; i++) {
            long p = prefix(keys[i]);
            if (p < 0) {
                packed = null;
            } else {
                // the sign bit flipped, so that signed order is the unsigned order of the packed chars
                packed[i] = (p << 8 | i) ^ Long.MIN_VALUE;
            }
        }
        if (packed == null) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> keys[a].compareTo(keys[b]));
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        Arrays.sort(packed);
        for (int i = 0; i < n; i++) {
            order[i] = (int) (packed[i] & 0xFF);
        }
        // runs of equal prefixes (notify_id, notify_time, notify_type): insertion sort by the whole key
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || (packed[i] >>> 8) != (packed[start] >>> 8)) {
                for (int a = start + 1; a < i; a++) {
                    int x = order[a];
                    int b = a - 1;
                    while (b >= start && keys[order[b]].compareTo(keys[x]) > 0) {
                        order[b + 1] = order[b];
                        b--;
                    }
                    order[b + 1] = x;
                }
                start = i;
            }
        }
        return order;
    }

    /**
     * The first seven chars as 8-bit values (shorter keys padded with 0): a non-negative long whose order
     * is that of compareTo on those chars; -1 when one of them is U+0100 or above.
     */
    private static long prefix(String key) {
        long p = 0;
        int len = key.length();
        for (int i = 0; i < 7; i++) {
            int c = i < len ? key.charAt(i) : 0;
            if (c > 0xFF) {
                return -1;
            }
            p = p << 8 | c;
        }
        return p;
    }
}
