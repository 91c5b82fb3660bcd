package io.github.alipaystarter.core.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

/** One trade as the ledger knows it. {@code tradeNo} and {@code paidAt} are null until paid. */
public record LedgerEntry(
        String outTradeNo,
        BigDecimal totalFee,
        String subject,
        LedgerStatus status,
        String tradeNo,
        OffsetDateTime paidAt,
        Instant createdAt) {
}
