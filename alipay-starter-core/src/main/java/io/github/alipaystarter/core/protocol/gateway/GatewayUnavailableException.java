package io.github.alipaystarter.core.protocol.gateway;

/** The gateway could not be reached or answered with an HTTP error or a timeout: transient. */
public class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
