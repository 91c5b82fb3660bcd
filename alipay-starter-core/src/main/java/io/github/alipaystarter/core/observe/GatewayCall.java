package io.github.alipaystarter.core.observe;

import java.time.Duration;

/**
 * One call to the gateway, as {@link ObservedAlipayGateway} saw it.
 *
 * @param service {@code notify_verify}, {@code single_trade_query} or {@code query_timestamp}
 * @param result for notify_verify the answer ({@code true}, {@code false}, {@code invalid}, {@code other});
 *     for the other services {@code ok}, or for single_trade_query {@code not_found} (TRADE_NOT_EXIST) or
 *     {@code refused} (another error code); for a failure {@code timeout}, {@code unavailable} (I/O error,
 *     HTTP error status) or {@code error} (an answer that could not be read, anything else)
 * @param duration from the call to its answer or failure
 * @param problem the failure's message for {@code timeout}, {@code unavailable} and {@code error}, else
 *     null; gateway clients keep the query (and so the signature) and every key out of their messages
 */
public record GatewayCall(String service, String result, Duration duration, String problem) {

    /** Whether the gateway could not be asked or gave no readable answer. */
    public boolean failed() {
        return problem != null;
    }
}
