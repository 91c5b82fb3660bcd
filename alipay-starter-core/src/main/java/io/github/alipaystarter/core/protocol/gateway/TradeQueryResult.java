package io.github.alipaystarter.core.protocol.gateway;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of single_trade_query: either a trade ({@code errorCode == null}) or an error code such
 * as TRADE_NOT_EXIST. {@code fields} holds every element of the {@code <trade>} element as text, in
 * document order (unmodifiable; empty for an error). Money is scale 2, times China time (+08:00).
 */
public record TradeQueryResult(
        String errorCode,
        String outTradeNo,
        String tradeNo,
        TradeStatus tradeStatus,
        BigDecimal totalFee,
        String sellerId,
        String buyerId,
        String buyerEmail,
        OffsetDateTime gmtPayment,
        Map<String, String> fields) {

    public TradeQueryResult {
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An {@code <is_success>F</is_success>} answer, e.g. {@code TRADE_NOT_EXIST}. */
    public static TradeQueryResult error(String errorCode) {
        return new TradeQueryResult(errorCode, null, null, null, null, null, null, null, null, Map.of());
    }

    public boolean found() {
        return errorCode == null;
    }

    /** A field of {@code <trade>} by element name, null when absent. */
    public String field(String name) {
        return fields.get(name);
    }
}
