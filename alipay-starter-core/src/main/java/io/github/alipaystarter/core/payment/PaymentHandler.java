package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.notify.TradeNotification;

/**
 * The one callback an application implements. {@link #onPaid} is called at most once per
 * out_trade_no and, unless it keeps throwing, at least once: duplicates (resends, the return racing
 * the notify, TRADE_FINISHED after TRADE_SUCCESS, several instances) are filtered by the ledger.
 * With a JDBC ledger it runs inside the ledger's transaction: throw to roll back and make Alipay
 * send again.
 */
@FunctionalInterface
public interface PaymentHandler {

    void onPaid(PaidTrade trade);

    /** A verified notification that the trade was closed without payment (or fully refunded). */
    default void onClosed(TradeNotification notification) {
    }

    /** A verified refund notification (refund_status present). Called for every such notification. */
    default void onRefund(TradeNotification notification) {
    }
}
