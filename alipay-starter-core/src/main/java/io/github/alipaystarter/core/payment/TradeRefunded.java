package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * A verified refund notification (one carrying refund_status, spec 12.4), handed to
 * {@link PaymentHandler#onRefund(TradeRefunded)} on every delivery, resends included.
 *
 * @param outTradeNo the merchant's order number
 * @param tradeNo Alipay's trade number; null when the notification did not carry it
 * @param full whether the whole amount went back and the trade is over: trade_status TRADE_CLOSED with
 *     refund_status REFUND_SUCCESS; false for a partial refund (trade_status TRADE_SUCCESS or
 *     TRADE_FINISHED: the trade stays paid) and for a refund that did not succeed
 * @param refundStatus REFUND_SUCCESS or REFUND_CLOSED (a refund that was closed without money moving);
 *     null when Alipay sent a value this version does not know
 * @param totalFee the trade's amount as the ledger recorded it, scale 2
 * @param refundFee the amount refunded, scale 2, when known: the whole {@code totalFee} for a full refund,
 *     the notification's refund_fee for a partial one when Alipay sends it, else null (the notification of
 *     create_direct_pay_by_user does not carry the amount of a partial refund)
 * @param refundedAt gmt_refund in China time; null when the notification did not carry it (it tells
 *     resends of one refund apart from the next refund of the same trade)
 * @param beforePayment whether the ledger had not recorded the payment of this trade: onPaid was not
 *     called for it; after a full refund it never will be (a payment whose first delivery failed and
 *     was refunded before Alipay's resend). Treat such an order like a closed one: nothing to deliver
 * @param source what delivered the refund (the notify)
 */
public record TradeRefunded(
        String outTradeNo,
        String tradeNo,
        boolean full,
        RefundStatus refundStatus,
        BigDecimal totalFee,
        BigDecimal refundFee,
        OffsetDateTime refundedAt,
        boolean beforePayment,
        NotificationSource source) implements TradeEvent {
}
