package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A {@link PaymentLedger} in this process's memory: safe for one process only.
 *
 * <h2>How {@link #markPaid} stays exactly-once</h2>
 * Every trade has its own lock, and every state change of that trade (record, paid, closed, refunded)
 * happens while holding it. {@link #markPaid} takes the lock, and only when the committed state is
 * UNPAID does it run {@code onWin}, still holding the lock; the PAID state is published only after
 * {@code onWin} returned. If {@code onWin} throws, nothing was published, so the trade simply stays
 * UNPAID. This mirrors a JDBC ledger's row lock: a concurrent caller for the same trade waits for the
 * winner's outcome instead of guessing, then either sees PAID (a committed payment: it answers
 * {@code false}) or, after a rollback, sees UNPAID and becomes the winner itself. Hence:
 * <ul>
 *   <li>two callers never both return true;</li>
 *   <li>a caller returns false only once PAID is committed, so "already paid" is never told to
 *       Alipay for a payment that may still roll back;</li>
 *   <li>{@link #find} shows committed states only (never a PAID that may still be undone), like a
 *       READ COMMITTED read.</li>
 * </ul>
 * {@code onWin} must not call {@code markPaid} for the same trade (that would be a second payment
 * inside the first): it is refused with {@link IllegalStateException}. A waiting caller can be
 * interrupted; it then gets an {@link IllegalStateException} (and the thread keeps its interrupt flag).
 */
public final class InMemoryPaymentLedger implements PaymentLedger {

    private final Clock clock;
    private final ConcurrentHashMap<String, Slot> trades = new ConcurrentHashMap<>();

    public InMemoryPaymentLedger() {
        this(Clock.systemUTC());
    }

    public InMemoryPaymentLedger(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One trade: its lock and its committed state (written only while holding the lock). */
    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        volatile LedgerEntry entry;

        Slot(LedgerEntry entry) {
            this.entry = entry;
        }
    }

    @Override
    public void record(String outTradeNo, BigDecimal totalFee, String subject) {
        requireTradeNo(outTradeNo);
        BigDecimal amount = money(totalFee);
        Slot fresh = new Slot(new LedgerEntry(outTradeNo, amount, subject, LedgerStatus.UNPAID, null, null,
                clock.instant()));
        Slot existing = trades.putIfAbsent(outTradeNo, fresh);
        if (existing == null) {
            return;
        }
        lock(existing, outTradeNo);
        try {
            LedgerEntry e = existing.entry;
            if (e.totalFee().compareTo(amount) != 0) {
                throw new AlipayParameterException("total_fee",
                        "out_trade_no " + outTradeNo + " was already requested with total_fee " + e.totalFee()
                                + "; a new amount needs a new out_trade_no",
                        amount.toPlainString(), AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
            }
            if (e.status() != LedgerStatus.UNPAID) {
                throw new AlipayParameterException("out_trade_no",
                        "the trade is already " + e.status() + " and cannot be paid again; use a new out_trade_no",
                        outTradeNo, AlipayErrorCode.TRADE_NOT_ALLOWED_PAY);
            }
            // Same amount, still unpaid: a repeated request, allowed by the spec. The first subject stays.
        } finally {
            existing.lock.unlock();
        }
    }

    @Override
    public Optional<LedgerEntry> find(String outTradeNo) {
        if (outTradeNo == null) {
            return Optional.empty();
        }
        Slot slot = trades.get(outTradeNo);
        return slot == null ? Optional.empty() : Optional.of(slot.entry);
    }

    @Override
    public boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin) {
        Objects.requireNonNull(trade, "trade");
        Objects.requireNonNull(onWin, "onWin");
        String no = trade.outTradeNo();
        Slot slot = no == null ? null : trades.get(no);
        if (slot == null) {
            throw new IllegalStateException("out_trade_no " + no + " is not in the ledger");
        }
        if (slot.lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("markPaid for out_trade_no " + no
                    + " called again from inside its own onWin; that would pay the trade twice");
        }
        lock(slot, no);
        try {
            LedgerEntry e = slot.entry;
            switch (e.status()) {
                case PAID, REFUNDED -> {
                    return false;
                }
                case CLOSED -> throw new IllegalStateException("out_trade_no " + no
                        + " is CLOSED in the ledger but was reported paid; check the trade by hand");
                case UNPAID -> {
                    if (trade.totalFee() == null || e.totalFee().compareTo(trade.totalFee()) != 0) {
                        throw new IllegalStateException("out_trade_no " + no + " was recorded with total_fee "
                                + e.totalFee() + " but paid with " + trade.totalFee());
                    }
                    // Run the application's work first; publish PAID only once it returned. A throw leaves
                    // the committed state UNPAID: that is the rollback.
                    onWin.accept(trade);
                    slot.entry = new LedgerEntry(e.outTradeNo(), e.totalFee(), e.subject(), LedgerStatus.PAID,
                            trade.tradeNo(), trade.paidAt(), e.createdAt());
                    return true;
                }
                default -> throw new IllegalStateException("unexpected status " + e.status());
            }
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public boolean markClosed(String outTradeNo) {
        return transition(outTradeNo, LedgerStatus.CLOSED, LedgerStatus.UNPAID);
    }

    @Override
    public boolean markRefunded(String outTradeNo) {
        // From UNPAID too, under one lock: a full refund verified before the payment was recorded ends the
        // trade, so no later resend, return or reconciliation pays it.
        return transition(outTradeNo, LedgerStatus.REFUNDED, LedgerStatus.PAID, LedgerStatus.UNPAID);
    }

    private boolean transition(String outTradeNo, LedgerStatus to, LedgerStatus... from) {
        Slot slot = outTradeNo == null ? null : trades.get(outTradeNo);
        if (slot == null) {
            return false;
        }
        lock(slot, outTradeNo);
        try {
            LedgerEntry e = slot.entry;
            if (!java.util.Arrays.asList(from).contains(e.status())) {
                return false;
            }
            slot.entry = new LedgerEntry(e.outTradeNo(), e.totalFee(), e.subject(), to, e.tradeNo(), e.paidAt(),
                    e.createdAt());
            return true;
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (limit <= 0) {
            return List.of();
        }
        return trades.values().stream()
                .map(s -> s.entry)
                .filter(e -> e.status() == LedgerStatus.UNPAID && e.createdAt().isBefore(olderThan))
                .sorted(Comparator.comparing(LedgerEntry::createdAt).thenComparing(LedgerEntry::outTradeNo))
                .limit(limit)
                .toList();
    }

    @Override
    public java.util.Map<LedgerStatus, Long> countByStatus() {
        java.util.Map<LedgerStatus, Long> counts = new java.util.EnumMap<>(LedgerStatus.class);
        for (LedgerStatus status : LedgerStatus.values()) {
            counts.put(status, 0L);
        }
        trades.values().forEach(s -> counts.merge(s.entry.status(), 1L, Long::sum));
        return counts;
    }

    private static void lock(Slot slot, String outTradeNo) {
        try {
            slot.lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for out_trade_no " + outTradeNo, e);
        }
    }

    private static void requireTradeNo(String outTradeNo) {
        if (outTradeNo == null || outTradeNo.isBlank()) {
            throw new AlipayParameterException("out_trade_no", "is required", outTradeNo,
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
    }

    private static BigDecimal money(BigDecimal totalFee) {
        if (totalFee == null) {
            throw new AlipayParameterException("total_fee", "is required", null, AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        try {
            return totalFee.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new AlipayParameterException("total_fee", "must have at most 2 decimals",
                    totalFee.toPlainString(), AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
    }
}
