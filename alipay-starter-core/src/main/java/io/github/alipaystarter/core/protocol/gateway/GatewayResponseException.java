package io.github.alipaystarter.core.protocol.gateway;

/**
 * The gateway answered, but not in a form we understand (malformed XML, unexpected text), or answered
 * {@code <is_success>F</is_success>} where no error is expected; {@link #errorCode()} then holds the
 * gateway's {@code <error>} code (e.g. ILLEGAL_PARTNER).
 */
public class GatewayResponseException extends RuntimeException {

    private final String errorCode;

    public GatewayResponseException(String message, Throwable cause) {
        super(message, cause);
        this.errorCode = null;
    }

    public GatewayResponseException(String message) {
        super(message);
        this.errorCode = null;
    }

    /** An {@code <is_success>F</is_success>} answer with its {@code <error>} code. */
    public GatewayResponseException(String message, String errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    /** The gateway's error code, or null when the answer could not be read at all. */
    public String errorCode() {
        return errorCode;
    }
}
