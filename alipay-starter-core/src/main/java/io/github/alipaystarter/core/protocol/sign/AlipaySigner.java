package io.github.alipaystarter.core.protocol.sign;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.internal.Texts;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs and verifies parameter maps for one merchant: canonical content, then the configured
 * {@link Signer}, in the configured charset. Public so that users' own tests can make valid
 * notifications. Never mutates the caller's map. Thread-safe.
 */
public final class AlipaySigner {

    private final Signer signer;
    private final Charset charset;

    /** MD5 straight over the canonical bytes, without the intermediate strings (same result, less garbage on the hot path). */
    private final boolean direct;

    public AlipaySigner(Signer signer, Charset charset) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.charset = Objects.requireNonNull(charset, "charset");
        this.direct = signer instanceof Md5Signer md5 && md5.direct(charset);
    }

    /** The signer the configuration calls for (MD5 with the key, or RSA with the keys). */
    public static AlipaySigner forConfig(AlipayConfig config) {
        Signer signer = switch (config.signType()) {
            case MD5 -> new Md5Signer(config.key());
            case RSA -> new RsaSigner(config.privateKey(), config.alipayPublicKey());
        };
        return new AlipaySigner(signer, config.inputCharset());
    }

    public SignType signType() {
        return signer.type();
    }

    public Charset charset() {
        return charset;
    }

    /** The signature of the canonical content of {@code parameters}. */
    public String sign(Map<String, String> parameters) {
        if (direct) {
            return ((Md5Signer) signer).sign(parameters, charset);
        }
        return signer.sign(CanonicalContent.of(parameters), charset);
    }

    /**
     * A new ordered map: {@code parameters} plus {@code sign} and {@code sign_type} (any stale ones
     * replaced). The argument is not changed.
     */
    public Map<String, String> signParameters(Map<String, String> parameters) {
        Map<String, String> signed = new LinkedHashMap<>(parameters);
        signed.remove("sign");
        signed.remove("sign_type");
        signed.put("sign", sign(signed));
        signed.put("sign_type", signer.type().name());
        return signed;
    }

    /**
     * Verifies {@code sign} (and {@code sign_type}, which must equal this signer's type) over every
     * other parameter of {@code parameters}, known or not (spec 9.1.1: every parameter that came back
     * is signed). Throws {@link SignatureException} with the precise reason; returns normally only
     * when the signature is right.
     */
    public void verify(Map<String, String> parameters) {
        String sign = parameters.get("sign");
        if (sign == null || sign.isEmpty()) {
            throw new SignatureException(SignatureException.Reason.MISSING_SIGN, "no sign parameter");
        }
        String signType = parameters.get("sign_type");
        if (signType == null || signType.isEmpty()) {
            throw new SignatureException(SignatureException.Reason.UNSUPPORTED_SIGN_TYPE, "no sign_type parameter");
        }
        // spec 5.2 / 6.2: sign_type is required and upper case; only the configured algorithm is accepted
        if (!signType.equals(signer.type().name())) {
            throw new SignatureException(SignatureException.Reason.UNSUPPORTED_SIGN_TYPE,
                    "sign_type is " + Texts.forLog(signType, 20) + " but this merchant is configured for " + signer.type());
        }
        boolean matches = direct
                ? ((Md5Signer) signer).matches(parameters, sign, charset)
                : signer.matches(CanonicalContent.of(parameters), sign, charset);
        if (!matches) {
            throw new SignatureException(SignatureException.Reason.MISMATCH,
                    "sign does not match the signed parameters in "
                            + io.github.alipaystarter.core.Charsets.wireName(charset)
                            + " (wrong key, a parameter changed, or the body decoded in another charset)");
        }
    }

    @Override
    public String toString() {
        return "AlipaySigner{" + signer + ", charset=" + charset + "}";
    }
}
