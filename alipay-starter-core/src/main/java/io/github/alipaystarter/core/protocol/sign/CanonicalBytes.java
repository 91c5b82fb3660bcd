package io.github.alipaystarter.core.protocol.sign;

import io.github.alipaystarter.core.internal.FormFields;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;

/**
 * The bytes of {@code CanonicalContent.of(parameters) + suffix} in a charset, built without the
 * intermediate strings, and their MD5: the hot path of MD5 signing and verifying.
 *
 * <p>Exactly the bytes of {@code (CanonicalContent.of(parameters) + suffix).getBytes(charset)}, provided
 * that the charset is stateless and ASCII-compatible (utf-8, gbk, gb2312: the only ones Alipay accepts,
 * see {@link #supports}) and {@code suffix} is ASCII. The content is first copied as chars into one
 * array (the {@code key=} chars from {@link KeyOrder}, the values by {@link String#getChars}, both bulk
 * copies), then encoded: runs of ASCII chars, the usual case, by a US-ASCII encoder whose array loop
 * the JDK vectorises, and each run of other chars on its own (inline for utf-8, else by the charset's
 * encoder with the replacement that {@link String#getBytes(Charset)} uses). Every run of non-ASCII chars
 * is bounded by ASCII chars or the ends of the content, so encoding it alone gives the same bytes as
 * encoding the whole string, replacement of unencodable characters and lone surrogates included.
 *
 * <p>A {@link FormFields} (the map {@code FormData.decode} gives) is read by position and, its signed keys
 * being ASCII, written straight as bytes: the {@code key=} bytes from {@link KeyOrder}, the values the
 * decoder saw to be ASCII copied as bytes, the others encoded one by one as above.
 *
 * <p>The order is that of {@link String#compareTo} on the keys, as in {@link CanonicalContent}, from
 * {@link KeyOrder}, remembered for the next map with the same keys in the same arrival order.
 *
 * <p>The work buffers, the digest and the encoder are kept per thread ({@link Result}) and reused.
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

    /** Buffers larger than this are not kept for the thread's next call. */
    private static final int KEPT_CAPACITY = 64 * 1024;

    private static final ThreadLocal<Result> PER_THREAD = ThreadLocal.withInitial(Result::new);

    /**
     * The content's bytes and the suffix after them in {@code bytes[0, length)}, and the thread's work
     * state. Obtained from {@link #of}; valid until {@link #release()}.
     */
    static final class Result {
        byte[] bytes = new byte[1024];
        int length;

        private String[] keys = new String[32];
        private String[] values = new String[32];
        /** For a {@link FormFields}: whether {@code values[i]} is ASCII. */
        private boolean[] asciiValues = new boolean[32];
        private int count;
        private boolean inUse;
        private MessageDigest md5;
        private final byte[] digest = new byte[16];

        private Charset encoderCharset;
        private CharsetEncoder encoder;
        private CharsetEncoder asciiEncoder;
        private char[] chars;
        private CharBuffer charBuffer;
        private ByteBuffer byteBuffer;

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
                byteBuffer = null;
            }
        }

        /** The MD5 of {@code bytes[0, length)}, in an array reused by the thread's next call. */
        byte[] md5() {
            MessageDigest md = md5;
            if (md == null) {
                md = md5 = newMd5();
            }
            md.reset();
            md.update(bytes, 0, length);
            try {
                md.digest(digest, 0, 16);
            } catch (java.security.DigestException e) {
                throw new IllegalStateException("MD5 gave no 16-byte digest", e);
            }
            return digest;
        }

        /** Gives the buffers back to the thread (a no-op for a result made for a nested call). */
        void release() {
            Arrays.fill(keys, 0, count, null);
            Arrays.fill(values, 0, count, null);
            count = 0;
            inUse = false;
            if (bytes.length > KEPT_CAPACITY) {
                bytes = new byte[1024];
                byteBuffer = null;
            }
            if (chars != null && chars.length > KEPT_CAPACITY) {
                chars = null;
                charBuffer = null;
            }
        }

        /** Room for {@code more} chars after the first {@code used} of {@link #chars}. */
        private char[] chars(int used, int more) {
            char[] c = chars;
            if (c == null || used + more > c.length) {
                c = Arrays.copyOf(c == null ? new char[0] : c, Math.max(Math.max(used + more, 256), used * 2));
                chars = c;
                charBuffer = null;
            }
            return c;
        }

        /**
         * Appends {@code chars[0, total)} in {@code charset}. Runs of ASCII chars, the usual case, go
         * through a US-ASCII encoder, whose array loop is a vectorised copy in the JDK; it stops at the
         * first char that is not ASCII. Each run of non-ASCII chars (up to the next ASCII char) is
         * encoded on its own: inline for utf-8, else by the thread's encoder for {@code charset}. In a
         * stateless ASCII-compatible charset an ASCII char encodes to itself whatever surrounds it, and a
         * surrogate pair is never cut (both halves are above U+007F), so the bytes are those of the
         * whole text, replacements included.
         */
        /** {@link #chars} as a buffer, made again after the array grew. */
        private CharBuffer charBuffer() {
            if (charBuffer == null) {
                charBuffer = CharBuffer.wrap(chars);
            }
            return charBuffer;
        }

        /** {@link #bytes} as a buffer, made again after the array grew. */
        private ByteBuffer byteBuffer() {
            if (byteBuffer == null) {
                byteBuffer = ByteBuffer.wrap(bytes);
            }
            return byteBuffer;
        }

        private void encode(int total, Charset charset) {
            ensure(total * 3 + 16); // 3 bytes per char at most (utf-8; gbk and gb2312 take 2, '?' 1)
            CharBuffer in = charBuffer();
            ByteBuffer out = byteBuffer();
            CharsetEncoder ascii = asciiEncoder;
            if (ascii == null) {
                ascii = asciiEncoder = StandardCharsets.US_ASCII.newEncoder(); // REPORT: stops at non-ASCII
            }
            ascii.reset();
            char[] c = chars;
            int p = 0;
            while (true) {
                in.limit(total).position(p);
                out.limit(out.capacity()).position(length);
                ascii.encode(in, out, false); // only the position matters: where the ASCII run ends
                p = in.position();
                length = out.position();
                if (p == total) {
                    return;
                }
                int q = p + 1;
                while (q < total && c[q] >= 0x80) {
                    q++;
                }
                if (charset == StandardCharsets.UTF_8) {
                    putUtf8(c, p, q);
                } else {
                    putEncoded(in, out, p, q, charset);
                }
                p = q;
            }
        }

        /**
         * {@code chars[from, to)} through the thread's encoder for {@code charset}, which replaces
         * malformed input (lone surrogates) and unmappable characters with the charset's replacement, as
         * {@link String#getBytes(Charset)} does.
         */
        private void putEncoded(CharBuffer in, ByteBuffer out, int from, int to, Charset charset) {
            CharsetEncoder enc = encoder;
            if (enc == null || encoderCharset != charset) {
                enc = encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
                encoderCharset = charset;
            }
            in.limit(to).position(from);
            out.limit(out.capacity()).position(length);
            enc.reset();
            CoderResult r = enc.encode(in, out, true);
            if (r.isUnderflow()) {
                r = enc.flush(out);
            }
            if (!r.isUnderflow()) { // room for 3 bytes per char was made, and REPLACE reports nothing else
                throw new IllegalStateException("the encoder reported " + r + " despite REPLACE");
            }
            length = out.position();
        }

        /**
         * {@code chars[from, to)} in UTF-8, as {@link String#getBytes(Charset)} encodes it: a surrogate
         * that is not part of a pair becomes {@code '?'}.
         */
        private void putUtf8(char[] c, int from, int to) {
            byte[] b = bytes;
            int at = length;
            for (int i = from; i < to; i++) {
                char ch = c[i];
                if (ch < 0x80) {
                    b[at++] = (byte) ch;
                } else if (ch < 0x800) {
                    b[at++] = (byte) (0xC0 | (ch >> 6));
                    b[at++] = (byte) (0x80 | (ch & 0x3F));
                } else if (Character.isSurrogate(ch)) {
                    char d = i + 1 < to ? c[i + 1] : 0;
                    if (Character.isHighSurrogate(ch) && Character.isLowSurrogate(d)) {
                        int cp = Character.toCodePoint(ch, d);
                        b[at++] = (byte) (0xF0 | (cp >> 18));
                        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                        b[at++] = (byte) (0x80 | (cp & 0x3F));
                        i++;
                    } else {
                        b[at++] = '?';
                    }
                } else {
                    b[at++] = (byte) (0xE0 | (ch >> 12));
                    b[at++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                    b[at++] = (byte) (0x80 | (ch & 0x3F));
                }
            }
            length = at;
        }

        /**
         * Appends {@code value} in {@code charset}, in one go: inline for utf-8, else by the thread's
         * encoder for {@code charset} (ASCII chars, which encode to themselves in these charsets, included).
         * Gives the bytes {@link #encode} would give for the value's chars.
         */
        private void encodeValue(String value, Charset charset) {
            int n = value.length();
            char[] c = chars(0, n);
            value.getChars(0, n, c, 0);
            ensure(n * 3 + 16);
            if (charset == StandardCharsets.UTF_8) {
                putUtf8(c, 0, n);
                return;
            }
            CharBuffer in = charBuffer();
            ByteBuffer out = byteBuffer();
            putEncoded(in, out, 0, n, charset);
        }

        private void put(byte[] b, int from, int to) {
            int n = to - from;
            ensure(n);
            System.arraycopy(b, from, bytes, length, n);
            length += n;
        }
    }

    /**
     * The canonical bytes of {@code parameters} in {@code charset}, followed by {@code suffix} (ASCII
     * bytes), in the calling thread's {@link Result}; the caller must {@link Result#release()} it.
     */
    static Result of(Map<String, String> parameters, Charset charset, byte[] suffix) {
        Result out = PER_THREAD.get();
        if (out.inUse) {
            out = new Result(); // a call from within the map's own methods: leave the outer call's buffers alone
        }
        out.inUse = true;
        out.length = 0;
        try {
            fill(out, parameters, charset, suffix);
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
        return out;
    }

    private static final String[] NO_KEYS = {};

    private static void fill(Result out, Map<String, String> parameters, Charset charset, byte[] suffix) {
        int size = parameters.size();
        if (out.keys.length < size) {
            out.keys = new String[size];
            out.values = new String[size];
            out.asciiValues = new boolean[size];
        }
        if (parameters instanceof FormFields form) {
            KeyOrder order = rememberedFor(form);
            FormFields byPosition = order != null ? form : null; // else the fields are collected into out
            order = order != null ? order : collect(out, form);
            if (order.fragmentBytes != null) {
                fillBytes(out, order, byPosition, charset);
            } else {
                fillChars(out, order, charset); // a key that is not ASCII: never in practice
            }
        } else {
            fillChars(out, collect(out, parameters), charset);
        }
        out.put(suffix, 0, suffix.length);
    }

    /**
     * The signed entries of {@code parameters} (non-null key, non-empty value; sign and sign_type stay
     * in, {@link KeyOrder} leaves them out of the order) into {@code out.keys} and {@code out.values},
     * and their order: the remembered one if the keys are the same, in the same arrival order.
     */
    private static KeyOrder collect(Result out, Map<String, String> parameters) {
        int size = parameters.size();
        String[] keys = out.keys;
        String[] values = out.values;
        KeyOrder last = KeyOrder.remembered(size);
        String[] expected = last == null ? NO_KEYS : last.keys;
        boolean same = true;
        int n = 0;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || value == null || value.isEmpty()) {
                continue;
            }
            if (n == keys.length) { // the map grew while iterated: let it fail as it would have
                keys = out.keys = Arrays.copyOf(keys, n * 2);
                values = out.values = Arrays.copyOf(values, n * 2);
                out.asciiValues = Arrays.copyOf(out.asciiValues, n * 2);
            }
            same = same && n < expected.length && key.equals(expected[n]);
            keys[n] = key;
            values[n] = value;
            out.count = ++n;
        }
        return last != null && same && n == expected.length ? last : KeyOrder.of(keys, n, size);
    }

    /**
     * The remembered order if it is {@code form}'s as it is (no empty value, the same keys in the same
     * order, the keys ASCII), found without collecting anything; else null.
     */
    private static KeyOrder rememberedFor(FormFields form) {
        int size = form.size();
        KeyOrder last = KeyOrder.remembered(size);
        if (last == null || last.fragmentBytes == null || last.keys.length != size || form.hasEmptyValue()) {
            return null;
        }
        String[] expected = last.keys;
        for (int i = 0; i < size; i++) {
            if (!form.key(i).equals(expected[i])) {
                return null;
            }
        }
        return last;
    }

    /**
     * As {@link #collect(Result, Map)}, read by position (no entry objects; no nulls, no changes while
     * read), with whether each value is ASCII into {@code out.asciiValues}.
     */
    private static KeyOrder collect(Result out, FormFields form) {
        int size = form.size();
        String[] keys = out.keys;
        String[] values = out.values;
        boolean[] ascii = out.asciiValues;
        KeyOrder last = KeyOrder.remembered(size);
        String[] expected = last == null ? NO_KEYS : last.keys;
        boolean same = true;
        int n = 0;
        for (int i = 0; i < size; i++) {
            String value = form.value(i);
            if (value.isEmpty()) {
                continue;
            }
            String key = form.key(i);
            same = same && n < expected.length && key.equals(expected[n]);
            keys[n] = key;
            values[n] = value;
            ascii[n] = form.isAscii(i);
            out.count = ++n;
        }
        return last != null && same && n == expected.length ? last : KeyOrder.of(keys, n, size);
    }

    /** The content as chars (bulk copies), then encoded in one pass. */
    private static void fillChars(Result out, KeyOrder order, Charset charset) {
        String[] keys = out.keys;
        String[] values = out.values;
        int[] index = order.order;
        char[] fragments = order.fragments;
        int at = 0;
        for (int i = 0; i < index.length; i++) {
            int k = index[i];
            String value = values[k];
            int valueLength = value.length();
            char[] c;
            if (fragments != null) {
                int from = order.fragmentStart[i];
                int length = order.fragmentStart[i + 1] - from;
                c = out.chars(at, length + valueLength);
                System.arraycopy(fragments, from, c, at, length);
                at += length;
            } else {
                String key = keys[k];
                c = out.chars(at, key.length() + valueLength + 2);
                if (i > 0) {
                    c[at++] = '&';
                }
                key.getChars(0, key.length(), c, at);
                at += key.length();
                c[at++] = '=';
            }
            value.getChars(0, valueLength, c, at);
            at += valueLength;
        }
        out.encode(at, charset);
    }

    /**
     * The content straight as bytes when the signed keys are ASCII: {@code key=} from {@link KeyOrder}, an
     * ASCII value by {@link String#getBytes(int, int, byte[], int)} (exact below U+0080, an array copy for a
     * Latin-1 string; used only as the decoder saw the value is ASCII), another by {@link Result#encodeValue}
     * (bounded by ASCII bytes, {@code =} and {@code &} or the suffix, a value alone encodes as in the whole
     * text). The values are {@code form}'s by position if given (see {@link #rememberedFor}), else in out.
     */
    @SuppressWarnings("deprecation")
    private static void fillBytes(Result out, KeyOrder order, FormFields form, Charset charset) {
        String[] values = out.values;
        boolean[] ascii = out.asciiValues;
        int[] index = order.order;
        byte[] fragments = order.fragmentBytes;
        int[] start = order.fragmentStart;
        byte[] b = out.bytes;
        int at = out.length;
        for (int i = 0; i < index.length; i++) {
            int k = index[i];
            String value = form != null ? form.value(k) : values[k];
            int from = start[i];
            int length = start[i + 1] - from;
            int valueLength = value.length();
            if (at + length + valueLength > b.length) {
                out.length = at;
                out.ensure(length + valueLength);
                b = out.bytes;
            }
            System.arraycopy(fragments, from, b, at, length);
            at += length;
            if (form != null ? form.isAscii(k) : ascii[k]) {
                value.getBytes(0, valueLength, b, at);
                at += valueLength;
            } else {
                out.length = at;
                out.encodeValue(value, charset);
                b = out.bytes;
                at = out.length;
            }
        }
        out.length = at;
    }

    /** {@link #of} copied out, the thread's buffers released. */
    static byte[] bytesOf(Map<String, String> parameters, Charset charset, byte[] suffix) {
        Result r = of(parameters, charset, suffix);
        try {
            return Arrays.copyOf(r.bytes, r.length);
        } finally {
            r.release();
        }
    }

    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }
}
