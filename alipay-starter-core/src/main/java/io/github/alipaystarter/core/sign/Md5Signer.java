package io.github.alipaystarter.core.sign;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.codec.binary.Hex;
import org.apache.commons.codec.digest.DigestUtils;

/** spec 9.2.1: {@code md5(bytes(content + key, charset))}, 32 lower-case hex digits. */
public final class Md5Signer implements Signer {

    private final String key;

    public Md5Signer(String key) {
        this.key = Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "MD5 key is empty");
        }
    }

    @Override
    public SignType type() {
        return SignType.MD5;
    }

    @Override
    public String sign(String content, Charset charset) {
        return Hex.encodeHexString(digest(content, charset));
    }

    private byte[] digest(String content, Charset charset) {
        // the key is appended to the content and both are encoded together in the request's charset
        return DigestUtils.md5((content + key).getBytes(charset));
    }

    @Override
    public boolean matches(String content, String signature, Charset charset) {
        if (signature == null || signature.length() != 32) {
            return false;
        }
        byte[] expected = sign(content, charset).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual); // constant time
    }

    @Override
    public String toString() {
        return "Md5Signer{key=******}";
    }
}
