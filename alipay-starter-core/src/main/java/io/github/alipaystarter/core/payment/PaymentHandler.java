package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.protocol.notify.TradeNotification;

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

    /**
     * A verified TRADE_CLOSED notification (or query answer) without refund_status: the trade was closed
     * without payment. Called on every such delivery, resends included, so make it idempotent; throwing
     * answers {@code fail} and Alipay sends again. A full refund is not reported here but to
     * {@link #onRefund} (trade_status TRADE_CLOSED with refund_status REFUND_SUCCESS).
     */
    default void onClosed(TradeNotification notification) {
    }

    /**
     * A verified refund notification (refund_status present): a partial refund carries trade_status
     * TRADE_SUCCESS or TRADE_FINISHED, a full one TRADE_CLOSED (spec 12.4). Called for every such
     * notification, resends included, so make it idempotent (gmt_refund and refund_status tell them
     * apart); throwing answers {@code fail} and Alipay sends again. Never followed by another onPaid.
     *
     * <p><b>A full refund may come before any onPaid.</b> When the first delivery of the payment failed
     * (answered {@code fail}, e.g. onPaid threw) and the full refund (TRADE_CLOSED with REFUND_SUCCESS)
     * is verified before Alipay's resend, the ledger moves the trade from UNPAID straight to REFUNDED and
     * calls this method; onPaid is then never called for that out_trade_no (the resend of the payment,
     * a return and reconciliation all find it REFUNDED). So onRefund can be the only call an order
     * gets: treat an order you still have as unpaid like a closed one (the buyer has the money back,
     * nothing to deliver), not as an error, or Alipay keeps resending.
     */
    default void onRefund(TradeNotification notification) {
    }
}
