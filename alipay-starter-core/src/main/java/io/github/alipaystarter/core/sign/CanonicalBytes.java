package io.github.alipaystarter.core.sign;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Map;

/**
 * The bytes of {@code CanonicalContent.of(parameters) + suffix} in a charset, built without the
 * intermediate strings: the hot path of MD5 signing and verifying (issue 12).
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
 * first sorted by their first six characters packed into a long (when those are all below U+0100,
 * which keeps the order of {@code compareTo}), then runs with equal packed prefixes are sorted with
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
            byte[] encoded = s.getBytes(charset);
            ensure(encoded.length);
            System.arraycopy(encoded, 0, bytes, at, encoded.length);
            length = at + encoded.length;
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
        sort(keys, values, n);
        Result out = new Result(chars);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.put((byte) '&');
            }
            out.put(keys[i], charset);
            out.put((byte) '=');
            out.put(values[i], charset);
        }
        out.put(suffix);
        return out;
    }

    /** Sorts {@code keys[0..n)} by {@link String#compareTo}, moving {@code values} along. */
    static void sort(String[] keys, String[] values, int n) {
        if (n < 2) {
            return;
        }
        if (n > 0xFFFF) {
            sortByCompareTo(keys, values, 0, n);
            return;
        }
        long[] packed = new long[n];
        for (int i = 0; i < n; i++) {
            long p = prefix(keys[i]);
            if (p < 0) {
                sortByCompareTo(keys, values, 0, n);
                return;
            }
            packed[i] = p << 16 | i;
        }
        Arrays.sort(packed);
        String[] k = keys.clone();
        String[] v = values.clone();
        for (int i = 0; i < n; i++) {
            int from = (int) (packed[i] & 0xFFFF);
            keys[i] = k[from];
            values[i] = v[from];
        }
        // runs with an equal 6-char prefix: order them by the whole key
        int start = 0;
        for (int i = 1; i <= n; i++) {
            if (i == n || (packed[i] >>> 16) != (packed[start] >>> 16)) {
                if (i - start > 1) {
                    sortByCompareTo(keys, values, start, i);
                }
                start = i;
            }
        }
    }

    /**
     * The first six chars as 8-bit values in the high 48 bits (shorter keys padded with 0), shifted
     * right by 16 so that the result is non-negative and leaves 16 bits for the index; -1 when one of
     * those chars is U+0100 or above (then the packed order would not be that of compareTo).
     */
    private static long prefix(String key) {
        long p = 0;
        int len = key.length();
        for (int i = 0; i < 6; i++) {
            int c = i < len ? key.charAt(i) : 0;
            if (c > 0xFF) {
                return -1;
            }
            p = p << 8 | c;
        }
        // 48 bits: non-negative, and p << 16 stays non-negative as long as the top bit is 0
        return (p & 0x8000_0000_0000L) != 0 ? -1 : p;
    }

    /** Insertion sort of {@code [from, to)} by compareTo (small runs). */
    private static void sortByCompareTo(String[] keys, String[] values, int from, int to) {
        if (to - from > 32) {
            Integer[] idx = new Integer[to - from];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = from + i;
            }
            Arrays.sort(idx, (a, b) -> keys[a].compareTo(keys[b]));
            String[] k = new String[idx.length];
            String[] v = new String[idx.length];
            for (int i = 0; i < idx.length; i++) {
                k[i] = keys[idx[i]];
                v[i] = values[idx[i]];
            }
            System.arraycopy(k, 0, keys, from, k.length);
            System.arraycopy(v, 0, values, from, v.length);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            String key = keys[i];
            String value = values[i];
            int j = i - 1;
            while (j >= from && keys[j].compareTo(key) > 0) {
                keys[j + 1] = keys[j];
                values[j + 1] = values[j];
                j--;
            }
            keys[j + 1] = key;
            values[j + 1] = value;
        }
    }
}
