package io.github.alipaystarter.core.protocol.sign;

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
 * see {@link #supports}) and {@code suffix} is ASCII. Then every part (a key, a value) is separated from
 * the next by an ASCII character ({@code =}, {@code &}, the suffix), so encoding the parts one by one
 * gives the same bytes as encoding the joined string, replacement of unencodable characters included
 * (a part that is not ASCII goes through the charset's encoder with the replacement that
 * {@link String#getBytes(Charset)} uses, or, in utf-8, an inline encoder that does the same). ASCII
 * parts, the usual case, are copied char by char.
 *
 * <p>The order is that of {@link String#compareTo} on the keys, as in {@link CanonicalContent}, from
 * {@link KeyOrder}, with the keys' bytes when they are ASCII.
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
        private int count;
        private boolean inUse;
        private MessageDigest md5;
        private final byte[] digest = new byte[16];

        private Charset encoderCharset;
        private CharsetEncoder encoder;
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
            // the whole part through the encoder: the ASCII chars before i encode to themselves anyway
            putEncoded(s, charset);
        }

        /**
         * {@code s} through the thread's encoder for {@code charset}, which replaces malformed input (lone
         * surrogates) and unmappable characters with the charset's replacement, as
         * {@link String#getBytes(Charset)} does.
         */
        private void putEncoded(String s, Charset charset) {
            int len = s.length();
            CharsetEncoder enc = encoder;
            if (enc == null || encoderCharset != charset) {
                enc = encoder = charset.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE);
                encoderCharset = charset;
            }
            if (chars == null || chars.length < len) {
                chars = new char[Math.max(len, 256)];
                charBuffer = CharBuffer.wrap(chars);
            }
            s.getChars(0, len, chars, 0);
            CharBuffer in = charBuffer;
            in.clear().limit(len);
            ensure((int) Math.ceil(len * (double) enc.maxBytesPerChar()) + 16);
            while (true) {
                ByteBuffer out = byteBuffer;
                if (out == null) {
                    out = byteBuffer = ByteBuffer.wrap(bytes);
                }
                out.clear().position(length);
                enc.reset();
                CoderResult r = enc.encode(in, out, true);
                if (r.isUnderflow()) {
                    r = enc.flush(out);
                }
                if (r.isUnderflow()) {
                    length = out.position();
                    return;
                }
                if (!r.isOverflow()) {
                    throw new IllegalStateException("the encoder reported " + r + " despite REPLACE");
                }
                // not expected (maxBytesPerChar was reserved): start this part again in a larger buffer
                in.clear().limit(len);
                ensure(bytes.length - length + len * 4 + 16);
            }
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

    private static void fill(Result out, Map<String, String> parameters, Charset charset, byte[] suffix) {
        int size = parameters.size();
        if (out.keys.length < size) {
            out.keys = new String[size];
            out.values = new String[size];
        }
        String[] keys = out.keys;
        String[] values = out.values;
        int n = 0;
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key == null || value == null || value.isEmpty() || "sign".equals(key) || "sign_type".equals(key)) {
                continue;
            }
            if (n == keys.length) { // the map grew while iterated: let it fail as it would have
                keys = out.keys = Arrays.copyOf(keys, n * 2);
                values = out.values = Arrays.copyOf(values, n * 2);
            }
            keys[n] = key;
            values[n] = value;
            out.count = ++n;
        }
        KeyOrder order = KeyOrder.of(keys, n);
        int[] index = order.order;
        byte[] fragments = order.fragments;
        for (int i = 0; i < n; i++) {
            int k = index[i];
            if (fragments != null) {
                out.put(fragments, order.fragmentStart[i], order.fragmentStart[i + 1]);
            } else {
                if (i > 0) {
                    out.put((byte) '&');
                }
                out.put(keys[k], charset);
                out.put((byte) '=');
            }
            out.put(values[k], charset);
        }
        out.put(suffix, 0, suffix.length);
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
