package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.payment.PaidTrade;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The {@link JdbcPaymentLedger} contract, run against each database by a subclass. Each subclass run
 * gets its own table prefix (tables dropped afterwards); each test its own out_trade_no.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcPaymentLedgerContract {

    private static final int CALLS = 200;
    private static final int THREADS = 16;

    private HikariDataSource dataSource;
    private String prefix;
    private String orders;
    private JdbcTemplate jdbc;
    private JdbcPaymentLedger ledger;

    /** A new connection pool on the same database: one more "application instance". */
    abstract HikariDataSource newDataSource();

    @BeforeAll
    void createTables() {
        dataSource = newDataSource();
        prefix = TestDatabases.randomPrefix();
        orders = prefix + "orders";
        assertThat(new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, prefix).initialize())
                .isTrue();
        jdbc = new JdbcTemplate(dataSource);
        // The application's own table, written by onPaid.
        jdbc.execute("CREATE TABLE " + orders + " (out_trade_no VARCHAR(64) NOT NULL, paid_by VARCHAR(64) NOT NULL)");
        ledger = ledger(dataSource, Clock.systemUTC());
    }

    @AfterAll
    void dropTables() {
        if (dataSource != null) {
            TestDatabases.dropTables(dataSource, prefix, orders);
            dataSource.close();
        }
    }

    private JdbcPaymentLedger ledger(HikariDataSource ds, Clock clock) {
        return new JdbcPaymentLedger(ds, new DataSourceTransactionManager(ds), prefix, clock);
    }

    // --- record ---

    @Test
    void recordsATradeAsUnpaid() {
        String no = newTradeNo();
        ledger.record(no, new BigDecimal("12.5"), "测试商品 Chinese subject");

        LedgerEntry e = ledger.find(no).orElseThrow();
        assertThat(e.outTradeNo()).isEqualTo(no);
        assertThat(e.totalFee()).isEqualTo(new BigDecimal("12.50"));
        assertThat(e.subject()).isEqualTo("测试商品 Chinese subject");
        assertThat(e.status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(e.tradeNo()).isNull();
        assertThat(e.paidAt()).isNull();
        assertThat(e.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void findsNothingForAnUnknownTrade() {
        assertThat(ledger.find(newTradeNo())).isEmpty();
        assertThat(ledger.find(null)).isEmpty();
    }

    @Test
    void recordIsIdempotentForTheSameAmountComparedAsMoney() {
        String no = newTradeNo();
        ledger.record(no, new BigDecimal("10.00"), "first");
        ledger.record(no, new BigDecimal("10"), "second");
        ledger.record(no, new BigDecimal("10.0"), "third");

        LedgerEntry e = ledger.find(no).orElseThrow();
        assertThat(e.totalFee()).isEqualTo(new BigDecimal("10.00"));
        assertThat(e.subject()).isEqualTo("first");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "trade WHERE out_trade_no = ?", Long.class, no))
                .isEqualTo(1);
    }

    @Test
    void recordRefusesAnotherAmountWithTradeTotalfeeNotMatch() {
        String no = newTradeNo();
        ledger.record(no, new BigDecimal("10.00"), "s");

        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger.record(no, new BigDecimal("10.01"), "s"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH))
                .withMessageContaining("10.00");
        assertThat(ledger.find(no).orElseThrow().totalFee()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void recordRefusesAPaidTradeWithTradeNotAllowedPay() {
        String no = newTrade("3.00");
        assertThat(ledger.markPaid(paid(no, "3.00", TradeStatus.TRADE_SUCCESS), t -> { })).isTrue();

        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger.record(no, new BigDecimal("3.00"), "again"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_NOT_ALLOWED_PAY));
    }

    @Test
    void recordRefusesMoreThanTwoDecimals() {
        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger.record(newTradeNo(), new BigDecimal("1.001"), "s"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_FEE_PARAM));
    }

    @Test
    void racingRecordsOfOneNewTradeAllSucceedAndStoreOneRow() throws Exception {
        String no = newTradeNo();
        List<Throwable> failures = runConcurrently(32, i -> ledger.record(no, new BigDecimal("66.60"), "race " + i));

        assertThat(failures).isEmpty();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "trade WHERE out_trade_no = ?", Long.class, no))
                .isEqualTo(1);
    }

    @Test
    void racingRecordsWithAnotherAmountAreRefused() throws Exception {
        String no = newTradeNo();
        List<Throwable> failures = runConcurrently(32,
                i -> ledger.record(no, i % 2 == 0 ? new BigDecimal("1.00") : new BigDecimal("2.00"), "race"));

        BigDecimal kept = ledger.find(no).orElseThrow().totalFee();
        assertThat(failures).isNotEmpty().allSatisfy(f -> assertThat(f).isInstanceOfSatisfying(
                AlipayParameterException.class,
                e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH)));
        assertThat(failures).hasSize(16);
        assertThat(kept).isIn(new BigDecimal("1.00"), new BigDecimal("2.00"));
    }

    @Test
    void recordJoinsTheCallersTransactionWithoutSpoilingItOnARace() {
        String no = newTrade("5.00");
        var tx = new org.springframework.transaction.support.TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            ledger.record(no, new BigDecimal("5.00"), "repeat inside a transaction");
            jdbc.update("INSERT INTO " + orders + " (out_trade_no, paid_by) VALUES (?, ?)", no, "after-record");
        });
        assertThat(orderRows(no)).containsExactly("after-record");
    }

    @Test
    void anInsertRaceInsideTheCallersTransactionIsJudgedOnTheCommittedRowAndLeavesTheTransactionUsable()
            throws Exception {
        String no = newTradeNo();
        var transactions = new DataSourceTransactionManager(dataSource);
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Instance A records the trade and keeps its transaction open.
            Future<?> a = pool.submit(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                    .executeWithoutResult(status -> {
                        ledger.record(no, new BigDecimal("5.00"), "A");
                        inserted.countDown();
                        await(commit);
                    }));
            inserted.await(30, TimeUnit.SECONDS);
            // Instance B, inside the application's own transaction, does not see A's row yet; its INSERT
            // waits for A's commit and then hits the unique key.
            Future<Throwable> b = pool.submit(() -> new org.springframework.transaction.support.TransactionTemplate(transactions)
                    .execute(status -> {
                        jdbc.update("INSERT INTO " + orders + " (out_trade_no, paid_by) VALUES (?, ?)", no, "before");
                        Throwable refused = null;
                        try {
                            ledger.record(no, new BigDecimal("6.00"), "B");
                        } catch (RuntimeException e) {
                            refused = e;
                        }
                        jdbc.update("INSERT INTO " + orders + " (out_trade_no, paid_by) VALUES (?, ?)", no, "after");
                        return refused;
                    }));
            Thread.sleep(300); // let B reach its INSERT (if it is quicker or slower, the outcome is the same)
            commit.countDown();
            a.get(30, TimeUnit.SECONDS);

            assertThat(b.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(AlipayParameterException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH));
            assertThat(orderRows(no)).containsExactlyInAnyOrder("before", "after");
            assertThat(ledger.find(no).orElseThrow().subject()).isEqualTo("A");
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- markPaid ---

    @Test
    void markPaidWinsOnceAndStoresThePayment() {
        String no = newTrade("99.99");
        OffsetDateTime paidAt = OffsetDateTime.of(2026, 11, 26, 9, 30, 15, 123_456_000, ZoneOffset.ofHours(8));
        PaidTrade trade = new PaidTrade(no, "2026112621001004010012345678", new BigDecimal("99.99"), paidAt,
                TradeStatus.TRADE_SUCCESS, "2088102122524333", "buyer@example.com", "s", null, NotificationSource.NOTIFY);
        List<PaidTrade> handled = new ArrayList<>();

        assertThat(ledger.markPaid(trade, handled::add)).isTrue();
        assertThat(ledger.markPaid(trade, handled::add)).isFalse();

        assertThat(handled).containsExactly(trade);
        LedgerEntry e = ledger.find(no).orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.PAID);
        assertThat(e.tradeNo()).isEqualTo("2026112621001004010012345678");
        assertThat(e.paidAt()).isEqualTo(paidAt);
    }

    @Test
    void tradeFinishedAfterTradeSuccessIsADuplicate() {
        String no = newTrade("1.00");
        AtomicInteger calls = new AtomicInteger();
        assertThat(ledger.markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> calls.incrementAndGet())).isTrue();
        assertThat(ledger.markPaid(paid(no, "1.00", TradeStatus.TRADE_FINISHED), t -> calls.incrementAndGet())).isFalse();
        assertThat(calls).hasValue(1);
    }

    @Test
    void markPaidThrowsForAnUnknownTrade() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ledger.markPaid(paid(newTradeNo(), "1.00", TradeStatus.TRADE_SUCCESS), t -> { }))
                .withMessageContaining("not in the ledger");
    }

    @Test
    void markPaidThrowsForAClosedTradeAndCallsNoHandler() {
        String no = newTrade("1.00");
        assertThat(ledger.markClosed(no)).isTrue();
        AtomicInteger calls = new AtomicInteger();

        assertThatIllegalStateException()
                .isThrownBy(() -> ledger.markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> calls.incrementAndGet()))
                .withMessageContaining("CLOSED");
        assertThat(calls).hasValue(0);
    }

    @Test
    void markPaidThrowsWhenThePaidAmountDiffersFromTheRecordedOne() {
        String no = newTrade("10.00");
        assertThatIllegalStateException()
                .isThrownBy(() -> ledger.markPaid(paid(no, "10.01", TradeStatus.TRADE_SUCCESS), t -> { }))
                .withMessageContaining("10.00").withMessageContaining("10.01");
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void markPaidComparesTheAmountAsMoney() {
        String no = newTrade("10.00");
        assertThat(ledger.markPaid(paid(no, "10", TradeStatus.TRADE_SUCCESS), t -> { })).isTrue();
    }

    @Test
    void markPaidReturnsFalseForARefundedTrade() {
        String no = newTrade("1.00");
        assertThat(ledger.markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> { })).isTrue();
        assertThat(ledger.markRefunded(no)).isTrue();
        assertThat(ledger.markPaid(paid(no, "1.00", TradeStatus.TRADE_FINISHED), t -> { })).isFalse();
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
    }

    @Test
    void markRefundedEndsAnUnpaidTradeSoThatALaterPaymentDoesNotWin() {
        // issue 8, defect 2: a full refund verified before the payment was recorded
        String no = newTrade("3.00");
        assertThat(ledger.markRefunded(no)).isTrue();
        assertThat(ledger.markRefunded(no)).isFalse();

        List<String> called = new ArrayList<>();
        assertThat(ledger.markPaid(paid(no, "3.00", TradeStatus.TRADE_SUCCESS), t -> called.add(t.outTradeNo())))
                .isFalse();
        assertThat(called).isEmpty();
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(ledger.findUnpaidOlderThan(Instant.now().plusSeconds(86400), 1000))
                .extracting(LedgerEntry::outTradeNo).doesNotContain(no);
    }

    @Test
    void markRefundedLeavesAClosedTradeClosed() {
        String no = newTrade("3.00");
        assertThat(ledger.markClosed(no)).isTrue();
        assertThat(ledger.markRefunded(no)).isFalse();
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);
    }

    @Test
    void onPaidWorkCommitsWithThePaidRow() {
        String no = newTrade("8.00");
        assertThat(ledger.markPaid(paid(no, "8.00", TradeStatus.TRADE_SUCCESS), t -> insertOrder(t, "winner"))).isTrue();
        assertThat(orderRows(no)).containsExactly("winner");
    }

    @Test
    void onPaidFailureRollsBackThePaidRowAndTheApplicationsRowAndIsRethrown() {
        String no = newTrade("8.00");
        IllegalStateException boom = new IllegalStateException("order service down");

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> ledger.markPaid(paid(no, "8.00", TradeStatus.TRADE_SUCCESS), t -> {
                    insertOrder(t, "rolled back");
                    // Inside the transaction the application sees its own row and the PAID status.
                    assertThat(orderRows(no)).containsExactly("rolled back");
                    assertThat(jdbc.queryForObject("SELECT status FROM " + prefix + "trade WHERE out_trade_no = ?",
                            String.class, no)).isEqualTo("PAID");
                    throw boom;
                }))
                .isSameAs(boom);

        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(orderRows(no)).isEmpty();
    }

    @Test
    void aHandlerThatThrowsOnceIsCalledAgainAndTheOrderEndsPaidOnce() {
        String no = newTrade("20.00");
        AtomicInteger attempts = new AtomicInteger();
        Consumer<PaidTrade> flaky = t -> {
            insertOrder(t, "attempt " + attempts.incrementAndGet());
            if (attempts.get() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        };

        assertThatIllegalStateException()
                .isThrownBy(() -> ledger.markPaid(paid(no, "20.00", TradeStatus.TRADE_SUCCESS), flaky));
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(ledger.markPaid(paid(no, "20.00", TradeStatus.TRADE_SUCCESS), flaky)).isTrue();
        assertThat(ledger.markPaid(paid(no, "20.00", TradeStatus.TRADE_FINISHED), flaky)).isFalse();

        assertThat(attempts).hasValue(2);
        assertThat(orderRows(no)).containsExactly("attempt 2");
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void twoHundredConcurrentDeliveriesGiveOneOnPaidAndFalseOnlyAfterItsCommit() throws Exception {
        String no = newTrade("88.88");
        AtomicInteger onPaidCalls = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());

        List<Object> results = deliverConcurrently(no, i -> ledger, (i, t) -> {
            onPaidCalls.incrementAndGet();
            insertOrder(t, "delivery " + i);
            pauseWhileOthersQueueUp();
        }, problems);

        assertThat(problems).isEmpty();
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(CALLS - 1);
        assertThat(onPaidCalls).hasValue(1);
        assertThat(orderRows(no)).hasSize(1);
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void whenTheFirstWinnerFailsUnderConcurrencyAnotherDeliveryPaysExactlyOnce() throws Exception {
        String no = newTrade("77.70");
        AtomicBoolean failedOnce = new AtomicBoolean();
        AtomicInteger onPaidCalls = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());

        List<Object> results = deliverConcurrently(no, i -> ledger, (i, t) -> {
            onPaidCalls.incrementAndGet();
            insertOrder(t, "delivery " + i);
            pauseWhileOthersQueueUp();
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("first onPaid fails");
            }
        }, problems);

        assertThat(problems).isEmpty();
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof IllegalStateException).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(CALLS - 2);
        assertThat(onPaidCalls).hasValue(2);
        assertThat(orderRows(no)).hasSize(1);
    }

    @Test
    void twoApplicationInstancesOnOneDatabaseShareTheGuarantee() throws Exception {
        try (HikariDataSource second = newDataSource()) {
            JdbcPaymentLedger other = ledger(second, Clock.systemUTC());
            JdbcTemplate otherJdbc = new JdbcTemplate(second);
            String no = newTrade("55.55");
            AtomicInteger onPaidCalls = new AtomicInteger();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());

            List<Object> results = deliverConcurrently(no, i -> i % 2 == 0 ? ledger : other, (i, t) -> {
                onPaidCalls.incrementAndGet();
                // Each instance writes through its own pool, inside its own ledger transaction.
                (i % 2 == 0 ? jdbc : otherJdbc).update("INSERT INTO " + orders + " (out_trade_no, paid_by) VALUES (?, ?)",
                        t.outTradeNo(), "instance " + (i % 2));
                pauseWhileOthersQueueUp();
            }, problems);

            assertThat(problems).isEmpty();
            assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
            assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(CALLS - 1);
            assertThat(onPaidCalls).hasValue(1);
            assertThat(orderRows(no)).hasSize(1);
        }
    }

    // --- other transitions ---

    @Test
    void markClosedMovesOnlyAnUnpaidTrade() {
        String no = newTrade("1.00");
        assertThat(ledger.markClosed(no)).isTrue();
        assertThat(ledger.markClosed(no)).isFalse();
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);

        String paidNo = newTrade("1.00");
        ledger.markPaid(paid(paidNo, "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
        assertThat(ledger.markClosed(paidNo)).isFalse();
        assertThat(ledger.markClosed(newTradeNo())).isFalse();
    }

    @Test
    void markRefundedMovesAPaidTradeOnce() {
        String no = newTrade("1.00");
        ledger.markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
        assertThat(ledger.markRefunded(no)).isTrue();
        assertThat(ledger.markRefunded(no)).isFalse();
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
    }

    @Test
    void findsUnpaidTradesOlderThanAnInstantOldestFirst() {
        Instant base = Instant.parse("2001-02-03T04:05:06.123456Z");
        List<String> nos = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String no = newTradeNo();
            nos.add(no);
            ledger(dataSource, Clock.fixed(base.plusSeconds(i * 60L), ZoneId.of("UTC")))
                    .record(no, new BigDecimal("1.00"), "old " + i);
        }
        ledger.markPaid(paid(nos.get(1), "1.00", TradeStatus.TRADE_SUCCESS), t -> { });

        List<LedgerEntry> unpaid = ledger.findUnpaidOlderThan(base.plusSeconds(150), 10);
        assertThat(unpaid).extracting(LedgerEntry::outTradeNo).containsExactly(nos.get(0), nos.get(2));
        assertThat(unpaid.get(0).createdAt()).isEqualTo(base);
        assertThat(ledger.findUnpaidOlderThan(base.plusSeconds(1000), 2)).extracting(LedgerEntry::outTradeNo)
                .containsExactly(nos.get(0), nos.get(2));
        assertThat(ledger.findUnpaidOlderThan(base, 10)).isEmpty();
        assertThat(ledger.findUnpaidOlderThan(base.plusSeconds(1000), 0)).isEmpty();
    }

    @Test
    void countsTradesByStatusWithEveryStatusPresent() {
        java.util.Map<LedgerStatus, Long> before = ledger.countByStatus();
        assertThat(before).containsOnlyKeys(LedgerStatus.values());
        String unpaid = newTradeNo();
        String paid = newTradeNo();
        String closed = newTradeNo();
        for (String no : List.of(unpaid, paid, closed)) {
            ledger.record(no, new BigDecimal("1.00"), "count");
        }
        ledger.markPaid(paid(paid, "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
        ledger.markClosed(closed);

        java.util.Map<LedgerStatus, Long> after = ledger.countByStatus();
        assertThat(after.get(LedgerStatus.UNPAID) - before.get(LedgerStatus.UNPAID)).isEqualTo(1);
        assertThat(after.get(LedgerStatus.PAID) - before.get(LedgerStatus.PAID)).isEqualTo(1);
        assertThat(after.get(LedgerStatus.CLOSED) - before.get(LedgerStatus.CLOSED)).isEqualTo(1);
        assertThat(after.get(LedgerStatus.REFUNDED)).isEqualTo(before.get(LedgerStatus.REFUNDED));
    }

    @Test
    void aReconciliationClaimGoesToOneInstanceUntilItExpires() {
        Instant base = Instant.parse("2010-02-03T04:05:06.123456Z");
        List<String> nos = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String no = newTradeNo();
            nos.add(no);
            ledger(dataSource, Clock.fixed(base.plusSeconds(i), ZoneId.of("UTC"))).record(no, new BigDecimal("1.00"), "c");
        }
        Instant cutoff = base.plusSeconds(60);
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        java.time.Duration period = java.time.Duration.ofMinutes(5);
        try (HikariDataSource other = newDataSource()) {
            JdbcPaymentLedger second = ledger(other, Clock.systemUTC());

            assertThat(mine(ledger.claimUnpaidForReconciliation(cutoff, now, period, 1000), nos)).containsExactlyElementsOf(nos);
            // the other instance, within the period: nothing of these
            assertThat(mine(second.claimUnpaidForReconciliation(cutoff, now.plusSeconds(299), period, 1000), nos)).isEmpty();
            assertThat(mine(ledger.claimUnpaidForReconciliation(cutoff, now.plusSeconds(1), period, 1000), nos)).isEmpty();
            // still listed as unpaid: the claim is not a state
            assertThat(mine(ledger.findUnpaidOlderThan(cutoff, 1000), nos)).containsExactlyElementsOf(nos);
            // once the claim expired, the next claimant gets them again, once
            assertThat(mine(second.claimUnpaidForReconciliation(cutoff, now.plus(period), period, 1000), nos))
                    .containsExactlyElementsOf(nos);
            assertThat(mine(ledger.claimUnpaidForReconciliation(cutoff, now.plus(period), period, 1000), nos)).isEmpty();
            // a paid trade is not claimed
            ledger.markPaid(paid(nos.get(0), "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
            assertThat(mine(ledger.claimUnpaidForReconciliation(cutoff, now.plus(period.multipliedBy(3)), period, 1000), nos))
                    .containsExactly(nos.get(1), nos.get(2));
        }
    }

    @Test
    void concurrentClaimsOfTheSameTradesFromTwoInstancesNeverOverlap() throws Exception {
        Instant base = Instant.parse("2011-02-03T04:05:06Z");
        List<String> nos = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String no = newTradeNo();
            nos.add(no);
            ledger(dataSource, Clock.fixed(base.plusSeconds(i), ZoneId.of("UTC"))).record(no, new BigDecimal("1.00"), "c");
        }
        Instant cutoff = base.plusSeconds(3600);
        Instant now = Instant.parse("2026-01-02T00:00:00Z");
        try (HikariDataSource other = newDataSource()) {
            JdbcPaymentLedger[] instances = {ledger, ledger(other, Clock.systemUTC())};
            List<List<String>> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                JdbcPaymentLedger instance = instances[t % 2];
                Thread thread = new Thread(() -> {
                    try {
                        together.await(30, java.util.concurrent.TimeUnit.SECONDS);
                        claimed.add(mine(instance.claimUnpaidForReconciliation(cutoff, now,
                                java.time.Duration.ofMinutes(5), 1000), nos));
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join(60_000);
            }
            assertThat(failures).isEmpty();
            List<String> all = claimed.stream().flatMap(List::stream).toList();
            assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(nos);
        }
    }

    private static List<String> mine(List<LedgerEntry> entries, List<String> nos) {
        return entries.stream().map(LedgerEntry::outTradeNo).filter(nos::contains).toList();
    }

    // --- helpers ---

    private interface Handler {
        void onPaid(int delivery, PaidTrade trade);
    }

    private interface LedgerChoice {
        JdbcPaymentLedger forDelivery(int delivery);
    }

    /**
     * {@value #CALLS} markPaid calls for one trade from {@value #THREADS} threads, alternating
     * TRADE_SUCCESS/TRADE_FINISHED and notify/return. Each result is TRUE, FALSE or the exception thrown.
     * Every caller that gets false checks, through another connection that sees committed data only, that
     * PAID is committed and the application's row is there: a false before the winner's commit is a problem.
     */
    private List<Object> deliverConcurrently(String no, LedgerChoice choice, Handler handler, List<String> problems)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                int delivery = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    PaidTrade trade = paid(no, "%s".formatted(ledger.find(no).orElseThrow().totalFee()),
                            delivery % 2 == 0 ? TradeStatus.TRADE_SUCCESS : TradeStatus.TRADE_FINISHED,
                            delivery % 3 == 0 ? NotificationSource.RETURN : NotificationSource.NOTIFY);
                    try {
                        boolean won = choice.forDelivery(delivery).markPaid(trade, t -> handler.onPaid(delivery, t));
                        if (!won) {
                            String committed = new JdbcTemplate(dataSource).queryForObject(
                                    "SELECT status FROM " + prefix + "trade WHERE out_trade_no = ?", String.class, no);
                            if (!"PAID".equals(committed)) {
                                problems.add("delivery " + delivery + " returned false while the committed status was "
                                        + committed);
                            }
                            if (orderRows(no).size() != 1) {
                                problems.add("delivery " + delivery + " returned false before onPaid's row was committed");
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

    private static List<Throwable> runConcurrently(int calls, java.util.function.IntConsumer call)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
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

    /** Keeps the winner's transaction open a while so that the other deliveries run into its row lock. */
    private static void pauseWhileOthersQueueUp() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void insertOrder(PaidTrade trade, String paidBy) {
        jdbc.update("INSERT INTO " + orders + " (out_trade_no, paid_by) VALUES (?, ?)", trade.outTradeNo(), paidBy);
    }

    private List<String> orderRows(String no) {
        return jdbc.queryForList("SELECT paid_by FROM " + orders + " WHERE out_trade_no = ?", String.class, no);
    }

    private String newTrade(String amount) {
        String no = newTradeNo();
        ledger.record(no, new BigDecimal(amount), "subject of " + no);
        return no;
    }

    private static String newTradeNo() {
        return "T" + UUID.randomUUID().toString().replace("-", "");
    }

    private static PaidTrade paid(String no, String amount, TradeStatus status) {
        return paid(no, amount, status, NotificationSource.NOTIFY);
    }

    private static PaidTrade paid(String no, String amount, TradeStatus status, NotificationSource source) {
        return new PaidTrade(no, "2026112622001" + Math.abs(no.hashCode()), new BigDecimal(amount),
                OffsetDateTime.of(2026, 11, 26, 10, 0, 0, 0, ZoneOffset.ofHours(8)), status, "2088102122524333",
                "buyer@example.com", "subject", null, source);
    }
}
