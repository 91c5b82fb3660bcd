package io.github.alipaystarter.core;

/** The signature algorithms of the mapi gateway (spec 9.2). DSA is documented but unused in practice. */
public enum SignType {
    /** MD5 over the canonical content followed by the merchant's 32-character key. */
    MD5,
    /** SHA1withRSA, Base64: merchant's private key signs, Alipay's public key verifies. */
    RSA;

    /** Parses {@code MD5} or {@code RSA} (the spec says upper case); null when unknown. */
    public static SignType fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (SignType t : values()) {
            if (t.name().equals(value.trim())) {
                return t;
            }
        }
        return null;
    }
}
