package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The guide's 5.3 (the buyer closed the page, the notification never arrived): asks the gateway
 * with single_trade_query about trades still UNPAID after {@code olderThan}; a paid answer (seller
 * and amount checked) goes through the same ledger transition, so onPaid is still called once.
 *
 * <p>Outcomes of {@link #reconcile}: what {@link NotificationProcessor#processQueryResult} gives for the
 * answer (PAID, DUPLICATE, CLOSED, WRONG_SELLER, WRONG_AMOUNT, UNKNOWN_TRADE when the ledger does not
 * know the trade, ...); {@link Outcome#IGNORED} when Alipay answers TRADE_NOT_EXIST (the buyer never
 * paid: the trade stays UNPAID, nothing is closed), or when Alipay still waits for the buyer;
 * {@link Outcome#GATEWAY_UNAVAILABLE} when the gateway could not be asked; {@link Outcome#ERROR} for an
 * unreadable answer or another error code. Nothing here throws.
 */
public final class Reconciler {

    private static final System.Logger LOG = System.getLogger(Reconciler.class.getName());

    private final AlipayGateway gateway;
    private final NotificationProcessor processor;
    private final PaymentLedger ledger;
    private final Clock clock;

    public Reconciler(AlipayGateway gateway, NotificationProcessor processor, PaymentLedger ledger, Clock clock) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.processor = Objects.requireNonNull(processor, "processor");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reconciles one trade now; never throws. */
    public ProcessingResult reconcile(String outTradeNo) {
        if (outTradeNo == null || outTradeNo.isBlank()) {
            return new ProcessingResult(Outcome.MALFORMED, "out_trade_no is required", outTradeNo);
        }
        TradeQueryResult answer;
        try {
            answer = gateway.singleTradeQuery(outTradeNo);
        } catch (GatewayUnavailableException e) {
            LOG.log(Level.WARNING, "single_trade_query for out_trade_no {0} could not be sent: {1}", outTradeNo,
                    e.getMessage());
            return new ProcessingResult(Outcome.GATEWAY_UNAVAILABLE,
                    "single_trade_query could not be sent: " + e.getMessage(), outTradeNo);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "single_trade_query for out_trade_no " + outTradeNo + " failed", e);
            return new ProcessingResult(Outcome.ERROR,
                    "single_trade_query failed: " + e.getClass().getName(), outTradeNo);
        }
        return processor.processQueryResult(outTradeNo, answer);
    }

    /**
     * Reconciles up to {@code limit} UNPAID trades created more than {@code olderThan} ago, oldest first;
     * one result per trade. Never throws: when the ledger cannot be read the list holds one ERROR result
     * without an out_trade_no.
     */
    public List<ProcessingResult> reconcileUnpaid(Duration olderThan, int limit) {
        return reconcileUnpaid(olderThan, limit, Duration.ZERO);
    }

    /**
     * As {@link #reconcileUnpaid(Duration, int)}, for several instances sharing one ledger: each trade asked
     * about is first claimed in the ledger for {@code claimFor} (typically the interval between runs), so that
     * no other instance asks about it within that time
     * ({@link PaymentLedger#claimUnpaidForReconciliation}).
     */
    public List<ProcessingResult> reconcileUnpaid(Duration olderThan, int limit, Duration claimFor) {
        List<LedgerEntry> unpaid;
        try {
            Instant now = clock.instant();
            Instant cutoff = now.minus(olderThan == null ? Duration.ZERO : olderThan);
            unpaid = ledger.claimUnpaidForReconciliation(cutoff, now,
                    claimFor == null || claimFor.isNegative() ? Duration.ZERO : claimFor, limit);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "reconciliation could not read the unpaid trades from the ledger", e);
            return List.of(new ProcessingResult(Outcome.ERROR,
                    "the ledger could not list unpaid trades: " + e.getClass().getName(), null));
        }
        List<ProcessingResult> results = new ArrayList<>(unpaid.size());
        for (LedgerEntry entry : unpaid) {
            ProcessingResult r;
            try {
                r = reconcile(entry.outTradeNo());
            } catch (RuntimeException e) { // reconcile does not throw; belt and braces for a loop over many trades
                LOG.log(Level.ERROR, "reconciliation of out_trade_no " + entry.outTradeNo() + " failed", e);
                r = new ProcessingResult(Outcome.ERROR, e.getClass().getName(), entry.outTradeNo());
            }
            results.add(r);
        }
        return List.copyOf(results);
    }
}
