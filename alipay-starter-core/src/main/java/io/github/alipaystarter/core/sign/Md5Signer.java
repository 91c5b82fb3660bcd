package io.github.alipaystarter.core.sign;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;

/** spec 9.2.1: {@code md5(bytes(content + key, charset))}, 32 lower-case hex digits. */
public final class Md5Signer implements Signer {

    public Md5Signer(String key) {
        throw new UnsupportedOperationException("TODO core: Md5Signer");
    }

    @Override
    public SignType type() {
        return SignType.MD5;
    }

    @Override
    public String sign(String content, Charset charset) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public boolean matches(String content, String signature, Charset charset) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public String toString() {
        return "Md5Signer{key=******}";
    }
}
