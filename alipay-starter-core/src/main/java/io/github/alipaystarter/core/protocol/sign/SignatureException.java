package io.github.alipaystarter.core.protocol.sign;

/** A signature could not be made or did not verify; {@link #reason()} says which. */
public class SignatureException extends RuntimeException {

    public enum Reason {
        /** No {@code sign} parameter. */
        MISSING_SIGN,
        /** {@code sign_type} missing, unknown, or not the configured one. */
        UNSUPPORTED_SIGN_TYPE,
        /** The signature does not match the content. */
        MISMATCH,
        /** A key could not be parsed or used. */
        BAD_KEY
    }

    private final Reason reason;

    public SignatureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SignatureException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
