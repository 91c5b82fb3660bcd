package io.github.alipaystarter.sample.order;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.TradeClosed;
import io.github.alipaystarter.core.payment.TradeRefunded;
import java.time.LocalDateTime;
import org.springframework.stereotype.Component;

/**
 * The shop's callback, and all it has to do: update its own order. No signature checks, no
 * "was it processed already?" query, no {@code success} to print: the starter verified the
 * notification and calls {@link #onPaid} once per order. With the JDBC ledger (the default when
 * there is a DataSource) this runs inside the ledger's transaction, so the UPDATE below commits or
 * rolls back together with the ledger's PAID row.
 */
@Component
public class OrderPayments implements PaymentHandler {

    private final Orders orders;

    public OrderPayments(Orders orders) {
        this.orders = orders;
    }

    @Override
    public void onPaid(PaidTrade trade) {
        String buyer = trade.buyerEmail() != null ? trade.buyerEmail() : trade.buyerId();
        LocalDateTime paidAt = trade.paidAt() == null ? null
                : trade.paidAt().atZoneSameInstant(Orders.CHINA).toLocalDateTime();
        if (!orders.markPaid(trade.outTradeNo(), trade.tradeNo(), buyer, paidAt)) {
            // Throwing rolls the ledger back and answers "fail", so Alipay sends the notification
            // again: a payment for an order we cannot find is kept, never silently dropped.
            throw new IllegalStateException("Paid trade " + trade.tradeNo() + " names out_trade_no "
                    + trade.outTradeNo() + ", which is not in the orders table");
        }
    }

    @Override
    public void onClosed(TradeClosed closed) {
        orders.markClosed(closed.outTradeNo(), closed.tradeNo());
    }

    /**
     * A full refund ends the trade: the order becomes REFUNDED, also when it was never marked paid
     * ({@link TradeRefunded#beforePayment()}: nothing to deliver). A partial refund leaves the order PAID
     * (a real shop would record {@link TradeRefunded#refundFee()} here when Alipay sends it).
     */
    @Override
    public void onRefund(TradeRefunded refund) {
        if (refund.full()) {
            orders.markRefunded(refund.outTradeNo());
        }
    }
}
