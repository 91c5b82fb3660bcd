package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;

/**
 * Where one delivery came from: its {@link NotificationSource} and the remote address the endpoint saw
 * (null when unknown, e.g. a call from the application's own code). The address is kept in the journal
 * as it arrived at this process: behind a reverse proxy it is the proxy's, unless the container is
 * told to use a forwarded header (Spring Boot's {@code server.forward-headers-strategy}).
 */
public record DeliveryContext(NotificationSource source, String remoteAddress) {

    /** A delivery of {@code source} with no known remote address. */
    public static DeliveryContext of(NotificationSource source) {
        return new DeliveryContext(source, null);
    }
}
