package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.payment.TradeClosed;
import io.github.alipaystarter.core.payment.TradeRefunded;
import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The last step of a verified delivery: the ledger's transition and the {@link PaymentHandler} call
 * with its typed event. A payment's onPaid runs inside {@link PaymentLedger#markPaid}, so that a throw
 * undoes the PAID state; closes and refunds call the handler after the ledger moved.
 */
final class TradeTransitions {

    private static final System.Logger LOG = System.getLogger(NotificationProcessor.class.getName());
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final PaymentLedger ledger;
    private final PaymentHandler handler;
    private final Clock clock;

    TradeTransitions(PaymentLedger ledger, PaymentHandler handler, Clock clock) {
        this.ledger = ledger;
        this.handler = handler;
        this.clock = clock;
    }

    /** Records a trade the ledger never saw with the notification's own amount; empty without total_fee. */
    Optional<LedgerEntry> recordUnknown(TradeNotification n) {
        if (n.totalFee() == null) {
            return Optional.empty();
        }
        try {
            ledger.record(n.outTradeNo(), n.totalFee(), n.subject());
        } catch (AlipayParameterException e) {
            // Recorded meanwhile by someone else, with another amount or no longer unpaid: the checks
            // against what the ledger now holds decide.
            LOG.log(Level.DEBUG, "recording unknown out_trade_no {0}: {1}", Texts.forLog(n.outTradeNo()), e.getMessage());
        }
        return ledger.find(n.outTradeNo());
    }

    /**
     * TRADE_SUCCESS or TRADE_FINISHED: UNPAID to PAID with onPaid inside, once. The journal is offered the
     * PAID outcome inside the ledger's transaction, after onPaid returned ({@code trace}).
     */
    ProcessingResult pay(TradeNotification n, LedgerEntry entry, DeliveryJournal.Trace trace) {
        String no = n.outTradeNo();
        if (entry.status() == LedgerStatus.CLOSED) {
            // Alipay does not pay a closed trade; if it says so, a person must look (answering fail keeps
            // the notification coming and visible in the journal).
            LOG.log(Level.ERROR, "Alipay reports out_trade_no {0} paid ({1}) but the ledger has it CLOSED;"
                    + " resolve it by hand", Texts.forLog(no), n.tradeStatus());
            return new ProcessingResult(Outcome.ERROR, n.tradeStatus().value()
                    + " for a trade CLOSED in the ledger; resolve it by hand", no);
        }
        PaidTrade trade = new PaidTrade(no, n.tradeNo(), entry.totalFee(), timeOf(n.gmtPayment(), n), n.tradeStatus(),
                n.buyerId(), n.buyerEmail(), n.subject() != null ? n.subject() : entry.subject(),
                n.extraCommonParam(), n.source());
        ProcessingResult paid = new ProcessingResult(Outcome.PAID, n.tradeStatus().value() + ": paid, onPaid called", no);
        boolean won;
        try {
            won = ledger.markPaid(trade, t -> {
                try {
                    handler.onPaid(t);
                } catch (VirtualMachineError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    throw new HandlerFailure(e);
                }
                trace.completeWithPayment(paid);
            });
        } catch (RuntimeException e) {
            HandlerFailure hf = handlerFailure(e);
            if (hf != null) {
                LOG.log(Level.ERROR, "onPaid threw for out_trade_no " + Texts.forLog(no)
                        + "; the ledger rolled back and Alipay will send again", hf.getCause());
                return new ProcessingResult(Outcome.HANDLER_FAILED, "onPaid threw "
                        + hf.getCause().getClass().getName() + "; rolled back, Alipay will send again", no);
            }
            throw e;
        }
        return won
                ? paid
                : new ProcessingResult(Outcome.DUPLICATE, n.tradeStatus().value() + ": already paid", no);
    }

    /** TRADE_CLOSED without refund_status: UNPAID to CLOSED, onClosed on every delivery. */
    ProcessingResult close(TradeNotification n, LedgerEntry entry) {
        String no = n.outTradeNo();
        if (entry.status() == LedgerStatus.PAID || entry.status() == LedgerStatus.REFUNDED) {
            LOG.log(Level.WARNING, "TRADE_CLOSED without refund_status for out_trade_no {0}, which the ledger has as {1};"
                    + " nothing changed", Texts.forLog(no), entry.status());
            return new ProcessingResult(Outcome.IGNORED,
                    "TRADE_CLOSED without refund_status for a trade " + entry.status() + " in the ledger", no);
        }
        ledger.markClosed(no);
        TradeClosed closed = new TradeClosed(no, n.tradeNo(), timeOf(n.gmtClose(), n), n.source());
        try {
            handler.onClosed(closed);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "onClosed threw for out_trade_no " + Texts.forLog(no) + "; Alipay will send again", e);
            return new ProcessingResult(Outcome.HANDLER_FAILED,
                    "onClosed threw " + e.getClass().getName() + "; Alipay will send again", no);
        }
        return new ProcessingResult(Outcome.CLOSED, "TRADE_CLOSED: closed without payment", no);
    }

    /**
     * A refund notification: for a full refund (TRADE_CLOSED with REFUND_SUCCESS) PAID or UNPAID to
     * REFUNDED; onRefund on every delivery, never onPaid.
     */
    ProcessingResult refund(TradeNotification n, LedgerEntry entry) {
        String no = n.outTradeNo();
        String refundStatus = n.refundStatus() != null ? n.refundStatus().name()
                : DeliveryChecks.shorten(n.parameter("refund_status"));
        boolean full = n.refundStatus() == RefundStatus.REFUND_SUCCESS
                && TradeStatus.TRADE_CLOSED.equals(n.tradeStatus());
        boolean moved = full && ledger.markRefunded(no);
        boolean beforePayment = beforePayment(entry);
        if (beforePayment && moved) {
            // The payment was never recorded (its first delivery failed): the trade ends REFUNDED here, so
            // a resend of that payment, a return or reconciliation never calls onPaid.
            LOG.log(Level.WARNING, "full refund for out_trade_no {0}, which the ledger never saw paid: marked"
                    + " REFUNDED, onRefund called, onPaid will not be called for it", Texts.forLog(no));
        }
        TradeRefunded refund = new TradeRefunded(no, n.tradeNo(), full, n.refundStatus(), entry.totalFee(),
                full ? entry.totalFee() : money(n.parameter("refund_fee")), n.gmtRefund(), beforePayment, n.source());
        try {
            handler.onRefund(refund);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "onRefund threw for out_trade_no " + Texts.forLog(no) + "; Alipay will send again", e);
            return new ProcessingResult(Outcome.HANDLER_FAILED,
                    "onRefund threw " + e.getClass().getName() + "; Alipay will send again", no);
        }
        return new ProcessingResult(Outcome.REFUNDED, "refund_status=" + refundStatus + " ("
                + (full ? "full refund" : "trade_status " + n.tradeStatus()) + ")", no);
    }

    /**
     * Whether the ledger has no payment for the trade: never PAID (a trade refunded from PAID keeps its
     * paidAt). Read again when the first read says so, since a payment may have been committed since.
     */
    private boolean beforePayment(LedgerEntry read) {
        if (!unpaid(read)) {
            return false;
        }
        return ledger.find(read.outTradeNo()).map(TradeTransitions::unpaid).orElse(true);
    }

    private static boolean unpaid(LedgerEntry e) {
        return e.paidAt() == null && e.status() != LedgerStatus.PAID;
    }

    /** An amount parameter as money, scale 2; null when absent or not money. */
    private static BigDecimal money(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal amount = new BigDecimal(value.trim()).setScale(2, RoundingMode.UNNECESSARY);
            return amount.signum() > 0 ? amount : null;
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /** The time a notification gives for an event, else its notify_time, else now (China time). */
    private OffsetDateTime timeOf(OffsetDateTime given, TradeNotification n) {
        if (given != null) {
            return given;
        }
        if (n.notifyTime() != null) {
            return n.notifyTime();
        }
        return OffsetDateTime.ofInstant(clock.instant(), CHINA);
    }

    private static HandlerFailure handlerFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HandlerFailure hf) {
                return hf;
            }
        }
        return null;
    }

    /** Marks an exception of the application's handler, so it is told apart from a failing ledger. */
    private static final class HandlerFailure extends RuntimeException {
        HandlerFailure(Throwable cause) {
            super("the payment handler threw", cause, false, false);
        }
    }
}
