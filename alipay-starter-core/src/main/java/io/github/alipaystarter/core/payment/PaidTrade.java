package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A verified payment, handed to {@link PaymentHandler#onPaid(PaidTrade)} once per out_trade_no.
 *
 * @param outTradeNo the merchant's order number
 * @param tradeNo Alipay's trade number
 * @param totalFee the amount paid, scale 2 (checked against the amount the ledger recorded)
 * @param paidAt gmt_payment in China time, or the notification time when Alipay did not send it
 * @param status TRADE_SUCCESS or TRADE_FINISHED
 * @param source what delivered the payment first: the notify, the return or a query
 */
public record PaidTrade(
        String outTradeNo,
        String tradeNo,
        BigDecimal totalFee,
        OffsetDateTime paidAt,
        TradeStatus status,
        String buyerId,
        String buyerEmail,
        String subject,
        String extraCommonParam,
        NotificationSource source) implements TradeEvent {
}
