package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Signs what the sandbox sends as Alipay: MD5 with the merchant's key, or RSA with "Alipay's" private key. */
final class SandboxSigner {

    private final Object lock = new Object();
    private PrivateKey alipayPrivateKey;
    private PublicKey alipayPublicKey;

    SandboxSigner(PrivateKey alipayPrivateKey, PublicKey alipayPublicKey) {
        this.alipayPrivateKey = alipayPrivateKey;
        this.alipayPublicKey = alipayPublicKey;
    }

    private void ensureKeys() {
        synchronized (lock) {
            if (alipayPrivateKey == null) {
                try {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    KeyPair kp = g.generateKeyPair();
                    alipayPrivateKey = kp.getPrivate();
                    alipayPublicKey = kp.getPublic();
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** "Alipay's" public key, X.509, bare Base64 (the form Alipay's merchant site shows it in). */
    String alipayPublicKeyBase64() {
        ensureKeys();
        return Base64.getEncoder().encodeToString(alipayPublicKey.getEncoded());
    }

    /** The public key that verifies what is sent to {@code merchant}, bare Base64. */
    String alipayPublicKeyBase64(SandboxMerchant merchant) {
        if (merchant.alipayKeyPair() != null) {
            return Base64.getEncoder().encodeToString(merchant.alipayKeyPair().getPublic().getEncoded());
        }
        return alipayPublicKeyBase64();
    }

    /** A new map: the parameters, then sign and sign_type. */
    Map<String, String> sign(SandboxMerchant merchant, Map<String, String> params, Charset charset) {
        Map<String, String> out = new LinkedHashMap<>(params);
        out.remove("sign");
        out.remove("sign_type");
        out.put("sign", signature(merchant, SandboxCodec.canonical(out), charset));
        out.put("sign_type", merchant.signType().name());
        return out;
    }

    String signature(SandboxMerchant merchant, String canonical, Charset charset) {
        if (merchant.signType() == SignType.MD5) {
            return SandboxCodec.md5(canonical, merchant.key(), charset);
        }
        if (merchant.alipayKeyPair() != null) {
            return SandboxCodec.rsaSign(canonical, merchant.alipayKeyPair().getPrivate(), charset);
        }
        ensureKeys();
        return SandboxCodec.rsaSign(canonical, alipayPrivateKey, charset);
    }

    /** Verifies a request the merchant signed (MD5 key, or the merchant's RSA public key). */
    boolean verifyFromMerchant(SandboxMerchant merchant, Map<String, String> params, Charset charset) {
        String canonical = SandboxCodec.canonical(params);
        String sign = params.get("sign");
        return merchant.signType() == SignType.MD5
                ? SandboxCodec.md5Matches(canonical, merchant.key(), charset, sign)
                : SandboxCodec.rsaMatches(canonical, merchant.merchantPublicKey(), charset, sign);
    }
}
