package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.notify.NotificationSource;
import java.time.Instant;
import java.util.Map;

/** One journaled delivery. {@code outcome} and {@code reason} are null while it is being processed. */
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
        Instant completedAt) {
}
