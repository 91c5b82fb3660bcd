package io.github.alipaystarter.core.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Reads RSA keys given as PEM (any BEGIN/END label) or bare Base64, whitespace and line breaks ignored:
 * the merchant's private key as PKCS#8, Alipay's public key as X.509 SubjectPublicKeyInfo. Used by the
 * signer and by the configuration check, so that a key refused at start-up is refused for the same reason.
 */
public final class RsaKeys {

    private RsaKeys() {
    }

    /** @throws IllegalArgumentException saying what is wrong, never quoting the key */
    public static PrivateKey privateKey(String text) {
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException("the private key is PKCS#1 (BEGIN RSA PRIVATE KEY); convert it to "
                    + "PKCS#8 with openssl pkcs8 -topk8 -nocrypt -in rsa_private_key.pem");
        }
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(text)));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
        }
    }

    /** @throws IllegalArgumentException saying what is wrong, never quoting the key */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(text)));
        }
        catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an X.509 RSA public key", e);
        }
    }

    private static byte[] der(String text) {
        String body = text.replaceAll("-----(BEGIN|END)[^-]*-----", "").replaceAll("\\s", "");
        if (body.isEmpty()) {
            throw new IllegalArgumentException("empty key");
        }
        return Base64.getDecoder().decode(body);
    }
}
