package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.store.tck.PaymentLedgerContract;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The {@link JdbcPaymentLedger} on each database (a subclass per database): the store contract every
 * ledger passes ({@link PaymentLedgerContract}, with onPaid's own row written in the ledger's
 * transaction), and what only a shared database has: the caller's transaction, several application
 * instances on one table, reconciliation claims, one row per trade. Each subclass run gets its own table
 * prefix (tables dropped afterwards); each test its own out_trade_no.
 */
abstract class JdbcPaymentLedgerContract extends PaymentLedgerContract {

    private HikariDataSource dataSource;
    private String prefix;
    private String orders;
    private JdbcTemplate jdbc;

    /** A new connection pool on the same database: one more "application instance". */
    abstract HikariDataSource newDataSource();

    @Override
    protected PaymentLedger createLedger(Clock clock) {
        dataSource = newDataSource();
        prefix = TestDatabases.randomPrefix();
        orders = prefix + "orders";
        assertThat(new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, prefix).initialize())
                .isTrue();
        jdbc = new JdbcTemplate(dataSource);
        // The application's own table, written by onPaid.
        jdbc.execute("CREATE TABLE " + orders + " (out_trade_no VARCHAR(64) NOT NULL, paid_by VARCHAR(64) NOT NULL)");
        return ledger(dataSource, clock);
    }

    /** onPaid's own row, through the ledger's transaction (JdbcTemplate on the same DataSource). */
    @Override
    protected void writeInsideOnPaid(PaidTrade trade, String marker) {
        insertOrder(trade, marker);
    }

    @Override
    protected List<String> committedWrites(String outTradeNo) {
        return orderRows(outTradeNo);
    }

    @Override
    protected void cleanUp() {
        if (dataSource != null) {
            TestDatabases.dropTables(dataSource, prefix, orders);
            dataSource.close();
        }
    }

    private JdbcPaymentLedger ledger(HikariDataSource ds, Clock clock) {
        return new JdbcPaymentLedger(ds, new DataSourceTransactionManager(ds), prefix, clock);
    }

    @Test
    void repeatedAndRacingRecordsOfOneTradeStoreOneRow() throws Exception {
        String no = newTradeNo();
        ledger().record(no, new BigDecimal("10.00"), "first");
        ledger().record(no, new BigDecimal("10"), "second");
        String raced = newTradeNo();
        List<Throwable> failures = runConcurrently(32, i -> ledger().record(raced, new BigDecimal("66.60"), "race " + i));

        assertThat(failures).isEmpty();
        assertThat(rows(no)).isEqualTo(1);
        assertThat(rows(raced)).isEqualTo(1);
    }

    private long rows(String no) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM " + prefix + "trade WHERE out_trade_no = ?", Long.class, no);
    }

    @Test
    void onPaidSeesItsOwnRowAndThePaidStatusInsideTheTransaction() {
        String no = newTrade("8.00");
        IllegalStateException boom = new IllegalStateException("order service down");

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> ledger().markPaid(paid(no, "8.00", TradeStatus.TRADE_SUCCESS), t -> {
                    insertOrder(t, "rolled back");
                    assertThat(orderRows(no)).containsExactly("rolled back");
                    assertThat(jdbc.queryForObject("SELECT status FROM " + prefix + "trade WHERE out_trade_no = ?",
                            String.class, no)).isEqualTo("PAID");
                    throw boom;
                }))
                .isSameAs(boom);

        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(orderRows(no)).isEmpty();
    }

    @Test
    void recordJoinsTheCallersTransactionWithoutSpoilingItOnARace() {
        String no = newTrade("5.00");
        var tx = new org.springframework.transaction.support.TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            ledger().record(no, new BigDecimal("5.00"), "repeat inside a transaction");
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
                        ledger().record(no, new BigDecimal("5.00"), "A");
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
                            ledger().record(no, new BigDecimal("6.00"), "B");
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
            assertThat(ledger().find(no).orElseThrow().subject()).isEqualTo("A");
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

    @Test
    void twoApplicationInstancesOnOneDatabaseShareTheGuarantee() throws Exception {
        try (HikariDataSource second = newDataSource()) {
            JdbcPaymentLedger other = ledger(second, Clock.systemUTC());
            JdbcTemplate otherJdbc = new JdbcTemplate(second);
            String no = newTrade("55.55");
            AtomicInteger onPaidCalls = new AtomicInteger();
            List<String> problems = Collections.synchronizedList(new ArrayList<>());

            List<Object> results = deliverConcurrently(no, i -> i % 2 == 0 ? ledger() : other, (i, t) -> {
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

            assertThat(mine(ledger().claimUnpaidForReconciliation(cutoff, now, period, 1000), nos)).containsExactlyElementsOf(nos);
            // the other instance, within the period: nothing of these
            assertThat(mine(second.claimUnpaidForReconciliation(cutoff, now.plusSeconds(299), period, 1000), nos)).isEmpty();
            assertThat(mine(ledger().claimUnpaidForReconciliation(cutoff, now.plusSeconds(1), period, 1000), nos)).isEmpty();
            // still listed as unpaid: the claim is not a state
            assertThat(mine(ledger().findUnpaidOlderThan(cutoff, 1000), nos)).containsExactlyElementsOf(nos);
            // once the claim expired, the next claimant gets them again, once
            assertThat(mine(second.claimUnpaidForReconciliation(cutoff, now.plus(period), period, 1000), nos))
                    .containsExactlyElementsOf(nos);
            assertThat(mine(ledger().claimUnpaidForReconciliation(cutoff, now.plus(period), period, 1000), nos)).isEmpty();
            // a paid trade is not claimed
            ledger().markPaid(paid(nos.get(0), "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
            assertThat(mine(ledger().claimUnpaidForReconciliation(cutoff, now.plus(period.multipliedBy(3)), period, 1000), nos))
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
            PaymentLedger[] instances = {ledger(), ledger(other, Clock.systemUTC())};
            List<List<String>> claimed = java.util.Collections.synchronizedList(new ArrayList<>());
            java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(4);
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int t = 0; t < 4; t++) {
                PaymentLedger instance = instances[t % 2];
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

    private void insertOrder(PaidTrade trade, String paidBy) {
        jdbc.update("INSERT INTO " + orders + " (out_trade_no, paid_by) VALUES (?, ?)", trade.outTradeNo(), paidBy);
    }

    private List<String> orderRows(String no) {
        return jdbc.queryForList("SELECT paid_by FROM " + orders + " WHERE out_trade_no = ?", String.class, no);
    }
}
