package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import java.time.Instant;
import java.util.Map;

/**
 * One journaled delivery.
 *
 * <p>A <b>verified</b> delivery (its signature was right, or it is the answer to our own query) keeps its
 * parameters in full; {@code outcome} and {@code reason} are null while it is being processed.
 *
 * <p>A <b>rejected</b> delivery ({@link #rejected()}: bad signature, malformed, oversized) is kept
 * compactly: {@code parameters} is empty and {@code outTradeNo}, {@code notifyId} and {@code tradeStatus}
 * are null, since anyone can send one and claim any order; {@code rawBody} holds at most
 * {@link RejectedDelivery#EXCERPT_MAX} characters of the body, {@code bodySize} its size and
 * {@code bodyDigest} the SHA-256 of the body (hex). A summary of the rejected deliveries counted but not
 * recorded beyond the volume budget is a rejected entry with {@code deliveries} above 1 and no outcome.
 *
 * @param remoteAddress the address the delivery came from, null when unknown
 * @param bodySize the size in bytes of the body (or query string), -1 when unknown
 * @param bodyDigest SHA-256 of the body, lowercase hex (rejected deliveries), else null
 * @param rejected whether this is a rejected delivery (or a summary of them)
 * @param deliveries how many deliveries this entry stands for: 1, or the count of a summary
 */
public record JournalEntry(
        long id,
        NotificationSource source,
        String outTradeNo,
        String notifyId,
        String tradeStatus,
        Map<String, String> parameters,
        String rawBody,
        Outcome outcome,
        String reason,
        Instant receivedAt,
        Instant completedAt,
        String remoteAddress,
        long bodySize,
        String bodyDigest,
        boolean rejected,
        long deliveries) {

    /** A verified entry without remote address or size (the shape before rejected entries were kept apart). */
    public JournalEntry(long id, NotificationSource source, String outTradeNo, String notifyId, String tradeStatus,
            Map<String, String> parameters, String rawBody, Outcome outcome, String reason, Instant receivedAt,
            Instant completedAt) {
        this(id, source, outTradeNo, notifyId, tradeStatus, parameters, rawBody, outcome, reason, receivedAt,
                completedAt, null, -1, null, false, 1);
    }

    /** Whether this entry summarises rejected deliveries that were counted, not recorded one by one. */
    public boolean summary() {
        return rejected && outcome == null;
    }
}
