package io.github.alipaystarter.sample.order;

import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
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
    public void onClosed(TradeNotification notification) {
        orders.markClosed(notification.outTradeNo(), notification.tradeNo());
    }

    /**
     * A full refund closes the trade (trade_status TRADE_CLOSED with REFUND_SUCCESS, spec 12.4): the
     * order becomes REFUNDED. A partial refund leaves the trade TRADE_SUCCESS and the order PAID (a
     * real shop would record the refunded amount here).
     */
    @Override
    public void onRefund(TradeNotification notification) {
        if (notification.refundStatus() == RefundStatus.REFUND_SUCCESS
                && TradeStatus.TRADE_CLOSED.equals(notification.tradeStatus())) {
            orders.markRefunded(notification.outTradeNo());
        }
    }
}
