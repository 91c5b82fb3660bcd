package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.PaidTrade;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** A ledger that counts every call and can be told to fail like a database that is down. */
public class CountingLedger implements PaymentLedger {

    final PaymentLedger delegate;
    public final AtomicInteger calls = new AtomicInteger();
    public volatile RuntimeException markPaidFailure;

    public CountingLedger(PaymentLedger delegate) {
        this.delegate = delegate;
    }

    @Override
    public void record(String outTradeNo, BigDecimal totalFee, String subject) {
        calls.incrementAndGet();
        delegate.record(outTradeNo, totalFee, subject);
    }

    @Override
    public Optional<LedgerEntry> find(String outTradeNo) {
        calls.incrementAndGet();
        return delegate.find(outTradeNo);
    }

    @Override
    public boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin) {
        calls.incrementAndGet();
        RuntimeException failure = markPaidFailure;
        if (failure != null) {
            throw failure;
        }
        return delegate.markPaid(trade, onWin);
    }

    @Override
    public boolean markClosed(String outTradeNo) {
        calls.incrementAndGet();
        return delegate.markClosed(outTradeNo);
    }

    @Override
    public boolean markRefunded(String outTradeNo) {
        calls.incrementAndGet();
        return delegate.markRefunded(outTradeNo);
    }

    @Override
    public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
        calls.incrementAndGet();
        return delegate.findUnpaidOlderThan(olderThan, limit);
    }
}
