package io.github.alipaystarter.core;

import java.net.URI;

/**
 * The guide's 5.2 checks (A–D) on a configuration: partner {@code 2088} + 12 digits, a 32-character
 * key of letters and digits, no stray spaces, absolute http(s) URLs without custom query parameters,
 * a supported charset, RSA keys present and parseable when sign type is RSA.
 */
final class ConfigValidation {

    private ConfigValidation() {
    }

    /** Parses a URL, or throws {@link AlipayConfigException} naming the property; null or blank gives null. */
    static URI uri(String property, String value) {
        throw new UnsupportedOperationException("TODO core: ConfigValidation.uri");
    }

    static void validate(AlipayConfig.Builder b) {
        throw new UnsupportedOperationException("TODO core: ConfigValidation.validate");
    }
}
