package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.PaidTrade;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The single point of agreement on which trades exist and which are paid. Implementations must make
 * {@link #markPaid} atomic across threads (and, for a shared database, across processes).
 */
public interface PaymentLedger {

    /**
     * Records a requested trade. Idempotent for the same amount. Throws
     * {@link io.github.alipaystarter.core.error.AlipayParameterException} with TRADE_TOTALFEE_NOT_MATCH
     * when the out_trade_no exists with another amount, TRADE_NOT_ALLOWED_PAY when it is no longer
     * UNPAID.
     */
    void record(String outTradeNo, BigDecimal totalFee, String subject);

    Optional<LedgerEntry> find(String outTradeNo);

    /**
     * Moves the trade from UNPAID to PAID if and only if no one else has, and calls {@code onWin} with
     * it in the same unit of work: if {@code onWin} throws, the transition is undone and the exception
     * rethrown. Returns true for the one caller that won, false when the trade was already PAID (or
     * REFUNDED). Throws {@link IllegalStateException} when the trade is unknown or CLOSED.
     */
    boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin);

    /** UNPAID to CLOSED; true when this call changed it. */
    boolean markClosed(String outTradeNo);

    /**
     * PAID or UNPAID to REFUNDED (a verified full refund); true when this call changed it. From UNPAID
     * too: when the first payment notification failed and the full refund is verified before a resend,
     * the trade must end here, so that no later notification, return or reconciliation calls onPaid for
     * money that went back. Atomic with {@link #markPaid}: one of the two wins.
     */
    boolean markRefunded(String outTradeNo);

    /** UNPAID trades created before {@code olderThan}, oldest first, at most {@code limit}: for reconciliation. */
    List<LedgerEntry> findUnpaidOlderThan(java.time.Instant olderThan, int limit);

    /**
     * How many trades the ledger holds in each status, every status present (0 when none): for
     * monitoring (the actuator endpoint). May count the whole table. The default throws
     * {@link UnsupportedOperationException}, for ledgers written before this method existed.
     */
    default java.util.Map<LedgerStatus, Long> countByStatus() {
        throw new UnsupportedOperationException(getClass().getName() + " does not count trades by status");
    }

    /**
     * UNPAID trades created before {@code olderThan} that no reconciliation has claimed at {@code now}, oldest
     * first, at most {@code limit}, each now claimed by this caller until {@code now + claimFor}: for
     * reconciliation on several instances sharing one ledger, so that no two instances query the same trade
     * within that time. A trade is returned to one caller only while its claim lasts. The default, for a
     * ledger of one process, claims nothing and returns {@link #findUnpaidOlderThan}.
     */
    default List<LedgerEntry> claimUnpaidForReconciliation(java.time.Instant olderThan, java.time.Instant now,
            java.time.Duration claimFor, int limit) {
        return findUnpaidOlderThan(olderThan, limit);
    }

    /**
     * This ledger as the listener that records every validated, signed request before it is rendered
     * (before the buyer is sent to Alipay), so that re-requesting an out_trade_no with another amount fails locally.
     */
    default io.github.alipaystarter.core.pay.PaymentRequestListener requestListener() {
        return payment -> record(payment.outTradeNo(), payment.amount(), payment.subject());
    }
}
