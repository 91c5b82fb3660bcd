package io.github.alipaystarter.core.sign;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;

/**
 * SHA1withRSA, Base64 (legacy mapi). Signs with the merchant's private key (PKCS#8), verifies with
 * Alipay's public key (X.509). Keys as PEM or bare Base64. Either key may be null when only the
 * other direction is needed (the sandbox verifies with the merchant's public key).
 */
public final class RsaSigner implements Signer {

    public RsaSigner(String privateKeyPemOrBase64, String publicKeyPemOrBase64) {
        throw new UnsupportedOperationException("TODO core: RsaSigner");
    }

    @Override
    public SignType type() {
        return SignType.RSA;
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
        return "RsaSigner{privateKey=******}";
    }
}
