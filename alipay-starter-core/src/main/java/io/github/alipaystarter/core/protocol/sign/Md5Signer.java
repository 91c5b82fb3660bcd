package io.github.alipaystarter.core.protocol.sign;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Objects;

/** spec 9.2.1: {@code md5(bytes(content + key, charset))}, 32 lower-case hex digits. */
public final class Md5Signer implements Signer {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Cloned for every digest: cheaper than {@link MessageDigest#getInstance} and thread-safe. */
    private static final MessageDigest MD5 = newMd5();

    private final String key;

    /** The key's bytes when it is ASCII (the same in every charset Alipay accepts), else null. */
    private final byte[] asciiKey;

    public Md5Signer(String key) {
        this.key = Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "MD5 key is empty");
        }
        this.asciiKey = CanonicalBytes.isAscii(key) ? key.getBytes(StandardCharsets.US_ASCII) : null;
    }

    @Override
    public SignType type() {
        return SignType.MD5;
    }

    @Override
    public String sign(String content, Charset charset) {
        byte[] bytes = (content + key).getBytes(charset);
        return hex(digest(bytes, bytes.length));
    }

    @Override
    public boolean matches(String content, String signature, Charset charset) {
        if (signature == null || signature.length() != 32) {
            return false;
        }
        byte[] bytes = (content + key).getBytes(charset);
        return matches(digest(bytes, bytes.length), signature);
    }

    /**
     * Whether the canonical content of {@code parameters} can be hashed without building it as a string
     * first (ASCII key, a charset Alipay accepts): then {@link #sign(Map, Charset)} and
     * {@link #matches(Map, String, Charset)} give exactly what the string methods give.
     */
    boolean direct(Charset charset) {
        return asciiKey != null && CanonicalBytes.supports(charset);
    }

    /** {@code sign(CanonicalContent.of(parameters), charset)}, without the strings; only when {@link #direct}. */
    String sign(Map<String, String> parameters, Charset charset) {
        CanonicalBytes.Result r = CanonicalBytes.of(parameters, charset, asciiKey);
        try {
            return hex(r.md5());
        } finally {
            r.release();
        }
    }

    /** {@code matches(CanonicalContent.of(parameters), signature, charset)}, without the strings; only when {@link #direct}. */
    boolean matches(Map<String, String> parameters, String signature, Charset charset) {
        if (signature == null || signature.length() != 32) {
            return false;
        }
        CanonicalBytes.Result r = CanonicalBytes.of(parameters, charset, asciiKey);
        try {
            return matches(r.md5(), signature);
        } finally {
            r.release();
        }
    }

    private static byte[] digest(byte[] bytes, int length) {
        MessageDigest md;
        try {
            md = (MessageDigest) MD5.clone();
        } catch (CloneNotSupportedException e) {
            md = newMd5();
        }
        md.update(bytes, 0, length);
        return md.digest();
    }

    /**
     * Compares the digest with 32 hex digits (either case, as before: upper-case signatures were
     * accepted) in constant time: every digit is compared, with no early exit, and the only branch
     * depends on the caller's signature, never on the expected one.
     */
    private static boolean matches(byte[] digest, String signature) {
        int diff = 0;
        for (int i = 0; i < 16; i++) {
            int hi = hexValue(signature.charAt(2 * i));
            int lo = hexValue(signature.charAt(2 * i + 1));
            diff |= (hi | lo) & 0x100; // not a hex digit
            diff |= ((hi << 4 | lo) ^ (digest[i] & 0xFF)) & 0xFF;
        }
        return diff == 0;
    }

    /** 0..15, or 0x100 for a char that is not a hex digit. */
    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return 0x100;
    }

    private static String hex(byte[] digest) {
        char[] c = new char[digest.length * 2];
        for (int i = 0; i < digest.length; i++) {
            c[2 * i] = HEX[(digest[i] >> 4) & 0xF];
            c[2 * i + 1] = HEX[digest[i] & 0xF];
        }
        return new String(c);
    }

    private static MessageDigest newMd5() {
        return CanonicalBytes.newMd5();
    }

    @Override
    public String toString() {
        return "Md5Signer{key=******}";
    }
}
