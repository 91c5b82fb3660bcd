package io.github.alipaystarter.autoconfigure.gateway;

import io.github.alipaystarter.core.protocol.gateway.GatewayTransport;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The gateway's requests through a Spring {@link RestClient}. A timeout or an I/O error is a
 * {@link GatewayUnavailableException} whose message names the service and the gateway's scheme, host and path,
 * never the query (it carries the request's signature); its cause is the underlying I/O exception.
 */
public final class RestClientGatewayTransport implements GatewayTransport {

    private final RestClient client;
    private final String where;

    public RestClientGatewayTransport(RestClient client, URI gateway) {
        this.client = Objects.requireNonNull(client, "client");
        this.where = gateway.getScheme() + "://" + gateway.getHost()
                + (gateway.getPort() == -1 ? "" : ":" + gateway.getPort())
                + (gateway.getRawPath() == null ? "" : gateway.getRawPath());
    }

    @Override
    public Answer get(String service, URI uri) {
        try {
            return this.client.get()
                .uri(uri)
                .header(HttpHeaders.ACCEPT, "text/xml, text/plain, */*")
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        response.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE),
                        StreamUtils.copyToByteArray(response.getBody())));
        } catch (ResourceAccessException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                throw new GatewayUnavailableException(service + ": interrupted while waiting for " + this.where, cause);
            }
            throw new GatewayUnavailableException(service + ": could not reach " + this.where + " ("
                    + cause.getClass().getSimpleName() + ")", cause);
        }
    }
}
