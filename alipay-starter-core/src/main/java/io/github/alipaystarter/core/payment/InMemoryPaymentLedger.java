package io.github.alipaystarter.core.payment;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A {@link PaymentLedger} in this process's memory: safe for one process only. */
public final class InMemoryPaymentLedger implements PaymentLedger {

    public InMemoryPaymentLedger() {
        this(Clock.systemUTC());
    }

    public InMemoryPaymentLedger(Clock clock) {
        throw new UnsupportedOperationException("TODO core: InMemoryPaymentLedger");
    }

    @Override
    public void record(String outTradeNo, BigDecimal totalFee, String subject) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public Optional<LedgerEntry> find(String outTradeNo) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public boolean markClosed(String outTradeNo) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public boolean markRefunded(String outTradeNo) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
        throw new UnsupportedOperationException("TODO core");
    }
}
