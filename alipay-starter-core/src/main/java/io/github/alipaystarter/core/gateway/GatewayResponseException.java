package io.github.alipaystarter.core.gateway;

/** The gateway answered, but not in a form we understand (malformed XML, unexpected text). */
public class GatewayResponseException extends RuntimeException {

    public GatewayResponseException(String message, Throwable cause) {
        super(message, cause);
    }

    public GatewayResponseException(String message) {
        super(message);
    }
}
