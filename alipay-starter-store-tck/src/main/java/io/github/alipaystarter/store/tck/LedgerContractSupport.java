package io.github.alipaystarter.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What {@link PaymentLedgerContract} is built on: the ledger under test, created once for the class
 * through {@link #createLedger}, the hooks a transactional ledger overrides, a clock the contract sets,
 * and helpers (new out_trade_nos, paid trades, concurrent calls). Extend {@link PaymentLedgerContract},
 * not this class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LedgerContractSupport {

    /** markPaid calls of the concurrency tests. */
    protected static final int CALLS = 200;
    /** Threads of the concurrency tests. */
    protected static final int THREADS = 16;

    private final SettableClock clock = new SettableClock();
    private PaymentLedger ledger;

    /**
     * The ledger under test, created once for the class. It must take the time (createdAt) from
     * {@code clock}: the contract sets it to record trades in the past.
     */
    protected abstract PaymentLedger createLedger(Clock clock);

    /**
     * The application's own work inside onPaid, done in the ledger's unit of work: e.g. an INSERT through
     * the same transaction. The default does nothing, for a ledger without transactions.
     */
    protected void writeInsideOnPaid(PaidTrade trade, String marker) {
    }

    /**
     * The markers {@link #writeInsideOnPaid} left committed for {@code outTradeNo}, read as another
     * process would (committed data only); null, the default, when there is no such work to check.
     */
    protected List<String> committedWrites(String outTradeNo) {
        return null;
    }

    /** Called once after all tests of the class: drop tables, close pools. Does nothing by default. */
    protected void cleanUp() {
    }

    /** The ledger under test. */
    protected final PaymentLedger ledger() {
        return ledger;
    }

    @BeforeAll
    final void createTheLedger() {
        ledger = createLedger(clock);
        assertThat(ledger).as("createLedger").isNotNull();
    }

    @AfterAll
    final void cleanUpAfterTheContract() {
        cleanUp();
    }

    /** The clock given to {@link #createLedger}; the contract moves it to record trades in the past. */
    final SettableClock clock() {
        return clock;
    }

    // --- helpers for subclasses ---

    /** A new out_trade_no, unique across runs: a letter and 32 hex digits. */
    protected static String newTradeNo() {
        return "T" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Records a new trade of {@code amount} and returns its out_trade_no. */
    protected final String newTrade(String amount) {
        String no = newTradeNo();
        ledger.record(no, new BigDecimal(amount), "subject of " + no);
        return no;
    }

    /** A payment of {@code no} as the processor hands it to markPaid, from a notify. */
    protected static PaidTrade paid(String no, String amount, TradeStatus status) {
        return paid(no, amount, status, NotificationSource.NOTIFY);
    }

    /** A payment of {@code no} as the processor hands it to markPaid. */
    protected static PaidTrade paid(String no, String amount, TradeStatus status, NotificationSource source) {
        return new PaidTrade(no, "2026112622001" + Math.abs(no.hashCode()), new BigDecimal(amount),
                OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.ofHours(8)), status, "2088102122524333",
                "buyer@example.com", "subject", null, source);
    }

    /** onPaid of one delivery among many. */
    protected interface Handler {
        void onPaid(int delivery, PaidTrade trade);
    }

    /** {@link #deliverConcurrently(String, IntFunction, Handler, List)} on the ledger under test alone. */
    protected final List<Object> deliverConcurrently(String no, Handler handler, List<String> problems)
            throws Exception {
        return deliverConcurrently(no, delivery -> ledger, handler, problems);
    }

    /**
     * {@value #CALLS} markPaid calls for one trade from {@value #THREADS} threads, alternating
     * TRADE_SUCCESS/TRADE_FINISHED and notify/return, each on the ledger {@code ledgerFor} gives for its
     * delivery number (several instances of one store, say). Each result is TRUE, FALSE or the exception
     * thrown. Every caller that gets false checks, through the ledger under test, that PAID is committed
     * and, where there is work to check ({@link #committedWrites}), that the winner's work is: a false
     * before the winner's commit is a problem.
     */
    protected final List<Object> deliverConcurrently(String no, IntFunction<PaymentLedger> ledgerFor, Handler handler,
            List<String> problems) throws Exception {
        BigDecimal amount = ledger.find(no).orElseThrow().totalFee();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int delivery = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    PaidTrade trade = paid(no, amount.toPlainString(),
                            delivery % 2 == 0 ? TradeStatus.TRADE_SUCCESS : TradeStatus.TRADE_FINISHED,
                            delivery % 3 == 0 ? NotificationSource.RETURN : NotificationSource.NOTIFY);
                    try {
                        boolean won = ledgerFor.apply(delivery).markPaid(trade, t -> handler.onPaid(delivery, t));
                        if (!won) {
                            LedgerStatus committed = ledger.find(no).orElseThrow().status();
                            if (committed != LedgerStatus.PAID) {
                                problems.add("delivery " + delivery + " returned false while the committed status was "
                                        + committed);
                            }
                            List<String> writes = committedWrites(no);
                            if (writes != null && writes.size() != 1) {
                                problems.add("delivery " + delivery + " returned false before onPaid's work was committed");
                            }
                        }
                        return won;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Object> results = new ArrayList<>();
            for (Future<Object> f : futures) {
                results.add(f.get(120, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Runs {@code call} {@code calls} times from {@value #THREADS} threads at once; returns what they threw. */
    protected static List<Throwable> runConcurrently(int calls, IntConsumer call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Throwable>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        call.accept(n);
                        return null;
                    } catch (RuntimeException e) {
                        return e;
                    }
                }));
            }
            start.countDown();
            List<Throwable> failures = new ArrayList<>();
            for (Future<Throwable> f : futures) {
                Throwable t = f.get(60, TimeUnit.SECONDS);
                if (t != null) {
                    failures.add(t);
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Keeps the winner's unit of work open a while so that the other deliveries run into its lock. */
    protected static void pauseWhileOthersQueueUp() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
