package io.github.alipaystarter.core.protocol.sign;

import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.internal.RsaKeys;
import java.nio.charset.Charset;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SHA1withRSA, Base64 (legacy mapi, spec 9.2.2). Signs with the merchant's private key (PKCS#8),
 * verifies with Alipay's public key (X.509). Keys as PEM or bare Base64. Either key may be null when
 * only the other direction is needed (the sandbox verifies with the merchant's public key).
 */
public final class RsaSigner implements Signer {

    private static final String ALGORITHM = "SHA1withRSA";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    public RsaSigner(String privateKeyPemOrBase64, String publicKeyPemOrBase64) {
        this.privateKey = privateKeyPemOrBase64 == null ? null : parsePrivate(privateKeyPemOrBase64);
        this.publicKey = publicKeyPemOrBase64 == null ? null : parsePublic(publicKeyPemOrBase64);
    }

    public RsaSigner(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    @Override
    public SignType type() {
        return SignType.RSA;
    }

    @Override
    public String sign(String content, Charset charset) {
        if (privateKey == null) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "no RSA private key to sign with");
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initSign(privateKey);
            s.update(content.getBytes(charset));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "RSA signing failed: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public boolean matches(String content, String signature, Charset charset) {
        if (publicKey == null) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "no RSA public key to verify with");
        }
        if (signature == null || signature.isEmpty()) {
            return false;
        }
        byte[] raw;
        try {
            raw = Base64.getMimeDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(ALGORITHM);
            s.initVerify(publicKey);
            s.update(content.getBytes(charset));
            return s.verify(raw);
        } catch (java.security.SignatureException e) {
            return false; // a malformed signature is a mismatch
        } catch (GeneralSecurityException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, "RSA verification failed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static PrivateKey parsePrivate(String text) {
        try {
            return RsaKeys.privateKey(text);
        }
        catch (IllegalArgumentException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, e.getMessage(), e);
        }
    }

    private static PublicKey parsePublic(String text) {
        try {
            return RsaKeys.publicKey(text);
        }
        catch (IllegalArgumentException e) {
            throw new SignatureException(SignatureException.Reason.BAD_KEY, e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "RsaSigner{privateKey=" + (privateKey == null ? "none" : "******") + ", publicKey=" + (publicKey == null ? "none" : "set") + "}";
    }
}
