package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.gateway.AlipayGateway;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The guide's 5.3 (the buyer closed the page, the notification never arrived): asks the gateway
 * with single_trade_query about trades still UNPAID after {@code olderThan}; a paid answer (seller
 * and amount checked) goes through the same ledger transition, so onPaid is still called once.
 */
public final class Reconciler {

    public Reconciler(AlipayGateway gateway, NotificationProcessor processor, PaymentLedger ledger, Clock clock) {
        throw new UnsupportedOperationException("TODO core: Reconciler");
    }

    /** Reconciles one trade now. */
    public ProcessingResult reconcile(String outTradeNo) {
        throw new UnsupportedOperationException("TODO core");
    }

    /** Reconciles up to {@code limit} UNPAID trades older than {@code olderThan}; never throws. */
    public List<ProcessingResult> reconcileUnpaid(Duration olderThan, int limit) {
        throw new UnsupportedOperationException("TODO core");
    }
}
