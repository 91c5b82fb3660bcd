package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * What the journal keeps of a delivery whose origin is established (its signature was right, or it is
 * the answer to the merchant's own single_trade_query): every parameter, as received.
 *
 * @param remoteAddress the sender's address as the endpoint saw it, null when unknown
 * @param bodySize the body's size in bytes (or query string's), -1 when unknown
 */
public record VerifiedDelivery(NotificationSource source, String remoteAddress, Instant receivedAt,
        Map<String, String> parameters, long bodySize) {

    public VerifiedDelivery {
        Objects.requireNonNull(receivedAt, "receivedAt");
        parameters = parameters == null ? Map.of() : parameters;
        remoteAddress = Texts.forColumn(remoteAddress, RejectedDelivery.ADDRESS_MAX);
    }

    /** The out_trade_no the delivery names (trusted: the signature covers it), or null. */
    public String outTradeNo() {
        return parameters.get("out_trade_no");
    }
}
