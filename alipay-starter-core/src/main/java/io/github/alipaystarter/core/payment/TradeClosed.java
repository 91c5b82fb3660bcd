package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import java.time.OffsetDateTime;

/**
 * A verified TRADE_CLOSED without refund_status, handed to {@link PaymentHandler#onClosed(TradeClosed)}:
 * the trade was closed without payment (the buyer never paid before the time-out, or the merchant closed
 * it). A full refund is not a close: it comes as a {@link TradeRefunded}.
 *
 * @param outTradeNo the merchant's order number
 * @param tradeNo Alipay's trade number; null when the delivery did not carry it
 * @param closedAt gmt_close in China time, else the notification time, else the time it was processed
 * @param source what delivered the close: the notify, the return or a query
 */
public record TradeClosed(String outTradeNo, String tradeNo, OffsetDateTime closedAt, NotificationSource source)
        implements TradeEvent {
}
