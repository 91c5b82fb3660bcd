package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import java.time.Instant;
import java.util.Objects;

/**
 * What the journal keeps of a delivery refused before its origin was established (a wrong or missing
 * signature, a body that is not a notification, a body over the size limit): a compact record of a
 * bounded size, never filed under the out_trade_no it claims. The constructor cuts {@code reason},
 * {@code excerpt} and {@code remoteAddress} to their limits and replaces control characters, so a
 * journal can store the values as they are.
 *
 * @param receivedAt when it arrived (a summary: the start of the minute it covers)
 * @param source NOTIFY or RETURN; null for a summary
 * @param remoteAddress the sender's address as the endpoint saw it, null when unknown
 * @param size the body's size in bytes (or, for an oversized body, what was declared or read), -1 unknown
 * @param sha256 SHA-256 of the body, lowercase hex; null when the body was not read
 * @param outcome MALFORMED, BAD_SIGNATURE or ERROR; null for a summary
 * @param reason why it was refused, at most {@link #REASON_MAX} characters
 * @param excerpt the start of the body as text, at most {@link #EXCERPT_MAX} characters; null when not read
 * @param deliveries 1, or for a summary the number of deliveries counted but not recorded
 */
public record RejectedDelivery(Instant receivedAt, NotificationSource source, String remoteAddress, long size,
        String sha256, Outcome outcome, String reason, String excerpt, long deliveries) {

    /** The longest excerpt of a body that is kept. */
    public static final int EXCERPT_MAX = 256;

    /** The longest reason that is kept. */
    public static final int REASON_MAX = 300;

    /** The longest remote address that is kept (an IPv6 address with a zone fits). */
    public static final int ADDRESS_MAX = 64;

    public RejectedDelivery {
        Objects.requireNonNull(receivedAt, "receivedAt");
        remoteAddress = Texts.forColumn(remoteAddress, ADDRESS_MAX);
        reason = Texts.forColumn(reason, REASON_MAX);
        excerpt = Texts.forColumn(excerpt, EXCERPT_MAX);
        if (deliveries < 1) {
            throw new IllegalArgumentException("deliveries must be at least 1, was " + deliveries);
        }
    }

    /** A summary: {@code count} rejected deliveries ({@code bytes} in all) over the budget between {@code from} and {@code to}. */
    public static RejectedDelivery summary(Instant from, Instant to, long count, long bytes, int budgetPerMinute) {
        return new RejectedDelivery(from, null, null, bytes, null, null, count
                + " more rejected deliveries counted, not recorded one by one, from " + from + " to " + to
                + " (budget: " + budgetPerMinute + " recorded per minute)", null, count);
    }

    /** Whether this summarises deliveries over the budget rather than recording one. */
    public boolean summary() {
        return outcome == null;
    }
}
