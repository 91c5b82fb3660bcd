package io.github.alipaystarter.core.gateway;

import io.github.alipaystarter.core.notify.TradeStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * The answer of single_trade_query: either a trade ({@code errorCode == null}) or an error code such
 * as TRADE_NOT_EXIST. {@code fields} holds every element of the {@code <trade>} element as text.
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

    public boolean found() {
        return errorCode == null;
    }
}
