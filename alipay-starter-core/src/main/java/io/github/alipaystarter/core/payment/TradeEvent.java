package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;

/**
 * What a {@link PaymentHandler} is told about a trade: a payment ({@link PaidTrade}), a close without
 * payment ({@link TradeClosed}) or a refund ({@link TradeRefunded}). Immutable values; the parts every
 * event has are here, for code that logs or stores events alike.
 */
public sealed interface TradeEvent permits PaidTrade, TradeClosed, TradeRefunded {

    /** The merchant's order number. */
    String outTradeNo();

    /** Alipay's trade number; null when the delivery did not carry it. */
    String tradeNo();

    /** What delivered the event: the notify, the return or a query. */
    NotificationSource source();
}
