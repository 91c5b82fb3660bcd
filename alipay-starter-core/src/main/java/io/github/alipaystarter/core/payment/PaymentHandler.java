package io.github.alipaystarter.core.payment;

/**
 * The one callback an application implements. {@link #onPaid} is called at most once per
 * out_trade_no and, unless it keeps throwing, at least once: duplicates (resends, the return racing
 * the notify, TRADE_FINISHED after TRADE_SUCCESS, several instances) are filtered by the ledger.
 * With a JDBC ledger it runs inside the ledger's transaction: throw to roll back and make Alipay
 * send again. {@link #onClosed} and {@link #onRefund} do nothing unless overridden.
 */
@FunctionalInterface
public interface PaymentHandler {

    /** A verified payment (TRADE_SUCCESS or TRADE_FINISHED), once per out_trade_no. */
    void onPaid(PaidTrade trade);

    /**
     * A verified TRADE_CLOSED notification (or query answer) without refund_status: the trade was closed
     * without payment. Called on every such delivery, resends included, so make it idempotent; throwing
     * answers {@code fail} and Alipay sends again. A full refund is not reported here but to
     * {@link #onRefund} (trade_status TRADE_CLOSED with refund_status REFUND_SUCCESS).
     */
    default void onClosed(TradeClosed closed) {
    }

    /**
     * A verified refund notification (refund_status present): {@link TradeRefunded#full()} tells a full
     * refund (the trade is over) from a partial one. Called for every such notification, resends
     * included, so make it idempotent ({@link TradeRefunded#refundedAt()} tells resends of one refund
     * from the next refund); throwing answers {@code fail} and Alipay sends again. Never followed by
     * another onPaid.
     *
     * <p><b>A full refund may come before any onPaid.</b> When the first delivery of the payment failed
     * (answered {@code fail}, e.g. onPaid threw) and the full refund is verified before Alipay's resend,
     * the ledger moves the trade from UNPAID straight to REFUNDED and calls this method with
     * {@link TradeRefunded#beforePayment()} true; onPaid is then never called for that out_trade_no (the
     * resend of the payment, a return and reconciliation all find it REFUNDED). So onRefund can be the
     * only call an order gets: treat an order you still have as unpaid like a closed one (the buyer has
     * the money back, nothing to deliver), not as an error, or Alipay keeps resending.
     */
    default void onRefund(TradeRefunded refund) {
    }
}
