package io.github.alipaystarter.core.protocol.gateway;

import java.net.URI;
import java.util.Objects;

/**
 * How {@link HttpAlipayGateway} sends its GET requests, when not with the JDK's HttpClient (the default):
 * the Spring Boot integration plugs in a client built from Boot's HTTP client support (proxy, SSL bundle,
 * customizers). {@link HttpAlipayGateway} keeps everything else: the parameters, the charset, the status
 * rules and the parsing of the answers.
 */
@FunctionalInterface
public interface GatewayTransport {

    /**
     * Sends {@code GET uri} and returns the answer, whatever its HTTP status.
     *
     * @param service the service asked (notify_verify, query_timestamp, single_trade_query), for messages
     * @param uri the complete URI; its query carries the request's signature: never put it in a message
     * @throws GatewayUnavailableException on a timeout, an I/O error or an interrupt (restore the flag)
     */
    Answer get(String service, URI uri);

    /**
     * An HTTP answer.
     *
     * @param status the HTTP status code
     * @param contentType the Content-Type header, or null
     * @param body the body, never null
     */
    record Answer(int status, String contentType, byte[] body) {

        public Answer {
            Objects.requireNonNull(body, "body");
        }
    }
}
