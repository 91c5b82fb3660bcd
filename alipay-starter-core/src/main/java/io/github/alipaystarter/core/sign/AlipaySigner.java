package io.github.alipaystarter.core.sign;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * Signs and verifies parameter maps for one merchant: canonical content, then the configured
 * {@link Signer}, in the configured charset. Public so that users' own tests can make valid
 * notifications. Never mutates the caller's map.
 */
public final class AlipaySigner {

    public AlipaySigner(Signer signer, Charset charset) {
        throw new UnsupportedOperationException("TODO core: AlipaySigner");
    }

    /** The signer the configuration calls for (MD5 with the key, or RSA with the keys). */
    public static AlipaySigner forConfig(AlipayConfig config) {
        throw new UnsupportedOperationException("TODO core: AlipaySigner.forConfig");
    }

    public SignType signType() {
        throw new UnsupportedOperationException("TODO core");
    }

    public Charset charset() {
        throw new UnsupportedOperationException("TODO core");
    }

    /** The signature of the canonical content of {@code parameters}. */
    public String sign(Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core");
    }

    /**
     * A new ordered map: {@code parameters} plus {@code sign} and {@code sign_type} (any stale ones
     * replaced). The argument is not changed.
     */
    public Map<String, String> signParameters(Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core");
    }

    /**
     * Verifies {@code sign} (and {@code sign_type}, which must equal this signer's type) over every
     * other parameter of {@code parameters}, known or not. Throws {@link SignatureException} with
     * the precise reason; returns normally only when the signature is right.
     */
    public void verify(Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core");
    }
}
