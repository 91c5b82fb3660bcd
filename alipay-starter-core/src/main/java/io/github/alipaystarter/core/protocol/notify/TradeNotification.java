package io.github.alipaystarter.core.protocol.notify;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed notify (spec 6.2) or return (spec 5.2): typed fields, and {@link #raw()} with every
 * parameter exactly as received (unknown ones included). Money is scale 2; times are China time
 * (+08:00). Built by {@link NotificationParser}; fields absent (or empty) in the message are null.
 */
public record TradeNotification(
        NotificationSource source,
        Map<String, String> raw,
        String notifyId,
        OffsetDateTime notifyTime,
        String notifyType,
        String signType,
        /** Return only: {@code T} when the call succeeded. */
        String isSuccess,
        String outTradeNo,
        String tradeNo,
        String subject,
        String body,
        String paymentType,
        TradeStatus tradeStatus,
        BigDecimal totalFee,
        BigDecimal price,
        BigDecimal quantity,
        BigDecimal discount,
        String sellerId,
        String sellerEmail,
        String buyerId,
        String buyerEmail,
        OffsetDateTime gmtCreate,
        OffsetDateTime gmtPayment,
        OffsetDateTime gmtClose,
        RefundStatus refundStatus,
        OffsetDateTime gmtRefund,
        String extraCommonParam) {

    /** Copies {@code raw} into an unmodifiable map that keeps the order in which the parameters arrived. */
    public TradeNotification {
        Objects.requireNonNull(source, "source");
        raw = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(raw, "raw")));
    }

    /** A raw parameter by name, null when absent. */
    public String parameter(String name) {
        return raw.get(name);
    }
}
