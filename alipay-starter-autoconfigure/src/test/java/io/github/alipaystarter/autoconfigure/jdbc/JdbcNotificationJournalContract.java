package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import io.github.alipaystarter.store.tck.NotificationJournalContract;
import io.github.alipaystarter.store.tck.SettableClock;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link JdbcNotificationJournal} on each database (a subclass per database), with its write-behind
 * started as the auto-configuration does (its reads flush the queue): the store contract every journal
 * passes ({@link NotificationJournalContract}), and what is the JDBC journal's own: column sizes, the
 * caller's transaction, a database that refuses writes, the sweeps, a burst written behind.
 */
abstract class JdbcNotificationJournalContract extends NotificationJournalContract {

    private HikariDataSource dataSource;
    private String prefix;
    private JdbcJournalWriteBehind writeBehind;

    abstract HikariDataSource newDataSource();

    @Override
    protected NotificationJournal createJournal(Clock clock) {
        dataSource = newDataSource();
        prefix = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, prefix).initialize();
        JdbcNotificationJournal journal = new JdbcNotificationJournal(dataSource,
                new DataSourceTransactionManager(dataSource), prefix, clock);
        writeBehind = new JdbcJournalWriteBehind(journal, new AlipayJdbcProperties().getJournalWriteBehindCapacity());
        writeBehind.start();
        return journal;
    }

    @Override
    protected void cleanUp() {
        if (writeBehind != null) {
            writeBehind.stop();
        }
        if (dataSource != null) {
            TestDatabases.dropTables(dataSource, prefix);
            dataSource.close();
        }
    }

    @Test
    void theContractRunsWithTheWriteBehindStarted() {
        assertThat(writeBehind.isRunning()).isTrue();
        String no = newTradeNo();
        journal().verified(delivery(no), new ProcessingResult(Outcome.DUPLICATE, "dup", no));

        assertThat(journal().page(no, 0, 10)).hasSize(1);
        assertThat(writeBehind.getWrittenRows()).isPositive();
        assertThat(writeBehind.getLostRows()).isZero();
    }

    @Test
    void aBurstOfTenThousandRowsFromSixteenThreadsIsWrittenBehindExactly() throws Exception {
        String own = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, own).initialize();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        JdbcNotificationJournal j = new JdbcNotificationJournal(dataSource, new DataSourceTransactionManager(dataSource), own);
        JdbcJournalWriteBehind behind = new JdbcJournalWriteBehind(j, 2000);
        behind.start();
        try {
            List<Future<?>> threads = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                threads.add(pool.submit(() -> {
                    for (int i = thread; i < 10_000; i += 16) {
                        String no = "B" + i;
                        j.verified(delivery(no), new ProcessingResult(Outcome.DUPLICATE, "dup", no));
                    }
                }));
            }
            for (Future<?> f : threads) {
                f.get(120, TimeUnit.SECONDS);
            }
            j.flush();

            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + own + "journal", Long.class)).isEqualTo(10_000L);
            assertThat(jdbc.queryForObject("SELECT COUNT(DISTINCT out_trade_no) FROM " + own + "journal", Long.class))
                    .isEqualTo(10_000L);
            assertThat(behind.getLostRows()).isZero();
        } finally {
            behind.stop();
            pool.shutdownNow();
            TestDatabases.dropTables(dataSource, own);
        }
    }

    @Test
    void aLongReasonIsCutToTheColumn() {
        String no = newTradeNo();
        long id = journal().started(delivery(no));

        journal().completed(id, new ProcessingResult(Outcome.MALFORMED, "out_trade_no missing; 原因 " + "r".repeat(2000), no));

        assertThat(single(journal().page(no, 0, 10)).reason()).startsWith("out_trade_no missing; 原因 rrr").hasSize(1000);
    }

    @Test
    void keepsOddParameterValuesCompleteAndCutsOnlyTheSearchColumns() {
        String longNo = "N" + "号".repeat(70) + "\u0000tail";
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("out_trade_no", longNo);
        parameters.put("notify_id", "x".repeat(500));
        parameters.put("trade_status", "\u0000\u0001WAIT\uD800BUYER😀PAY".repeat(5));
        parameters.put("\u0000weird key\uDC00", oddText(1500));
        parameters.put("emoji", "😀😃 4-byte characters");

        long id = journal().started(new VerifiedDelivery(NotificationSource.RETURN, null, Instant.now(), parameters, -1));

        JournalEntry e = single(journal().page(longNo, 0, 10));
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.parameters()).containsExactlyEntriesOf(parameters);
        assertThat(e.bodySize()).isEqualTo(-1);
        assertThat(e.remoteAddress()).isNull();
        assertThat(e.outTradeNo()).hasSize(64).startsWith("N号号").doesNotContain("\u0000");
        assertThat(e.notifyId()).hasSize(128);
        assertThat(e.tradeStatus()).hasSizeLessThanOrEqualTo(32).startsWith("??WAIT?BUYER😀PAY");
    }

    @Test
    void parametersTooLargeForTheBoundedColumnAreCutNotLost() {
        String no = newTradeNo();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("out_trade_no", no);
        parameters.put("extra_common_param", "长".repeat(20_000));

        journal().verified(delivery(parameters), new ProcessingResult(Outcome.IGNORED, "odd", no));

        JournalEntry e = single(journal().page(no, 0, 10));
        assertThat(e.parameters()).containsEntry("out_trade_no", no);
        assertThat(e.parameters().get("extra_common_param")).startsWith("长长长").endsWith("[cut: 20000 characters]");
        assertThat(JdbcNotificationJournal.parametersJson(parameters)).hasSizeLessThanOrEqualTo(JdbcNotificationJournal.PARAMETERS_MAX);
    }

    @Test
    void anEntryStaysWhenTheCallersTransactionRollsBack() {
        String no = newTradeNo();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        tx.executeWithoutResult(status -> {
            journal().verified(delivery(no), new ProcessingResult(Outcome.DUPLICATE, "dup", no));
            status.setRollbackOnly();
        });

        assertThat(journal().page(no, 0, 10)).hasSize(1);
    }

    @Test
    void aPaymentsOutcomeOfferedInsideTheLedgersTransactionCommitsWithThePaidStateAndRollsBackWithIt() {
        JdbcNotificationJournal journal = (JdbcNotificationJournal) journal();
        JdbcPaymentLedger ledger = new JdbcPaymentLedger(dataSource, new DataSourceTransactionManager(dataSource), prefix,
                Clock.systemUTC());

        String paidNo = newTradeNo();
        ledger.record(paidNo, new BigDecimal("12.34"), "subject");
        long paidId = journal.started(delivery(paidNo));
        ProcessingResult paid = new ProcessingResult(Outcome.PAID, "TRADE_SUCCESS: paid, onPaid called", paidNo);
        AtomicBoolean taken = new AtomicBoolean();
        assertThat(ledger.markPaid(paidTrade(paidNo), t -> taken.set(journal.completedWithPayment(paidId, paid)))).isTrue();
        assertThat(taken).isTrue();
        assertThat(journal.page(paidNo, 0, 10)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.PAID);
            assertThat(e.completedAt()).isNotNull();
        });

        String failedNo = newTradeNo();
        ledger.record(failedNo, new BigDecimal("12.34"), "subject");
        long failedId = journal.started(delivery(failedNo));
        assertThatThrownBy(() -> ledger.markPaid(paidTrade(failedNo), t -> {
            assertThat(journal.completedWithPayment(failedId, new ProcessingResult(Outcome.PAID, "paid", failedNo))).isTrue();
            throw new IllegalStateException("the order's own update failed after");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(ledger.find(failedNo).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(journal.page(failedNo, 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).as("rolled back with the payment").isNull());
    }

    @Test
    void aFailedOfferIsUndoneAloneAndThePaymentStillCommits() {
        JdbcNotificationJournal journal = (JdbcNotificationJournal) journal();
        JdbcNotificationJournal missingTables = new JdbcNotificationJournal(dataSource,
                new DataSourceTransactionManager(dataSource), "no_such_tables_", Clock.systemUTC());
        JdbcPaymentLedger ledger = new JdbcPaymentLedger(dataSource, new DataSourceTransactionManager(dataSource), prefix,
                Clock.systemUTC());
        String no = newTradeNo();
        ledger.record(no, new BigDecimal("12.34"), "subject");
        long id = journal.started(delivery(no));
        ProcessingResult paid = new ProcessingResult(Outcome.PAID, "paid", no);

        // A statement that fails inside a PostgreSQL transaction aborts it unless it ran in a savepoint.
        AtomicBoolean missingTaken = new AtomicBoolean(true);
        AtomicBoolean taken = new AtomicBoolean();
        assertThat(ledger.markPaid(paidTrade(no), t -> {
            missingTaken.set(missingTables.completedWithPayment(id, paid));
            taken.set(journal.completedWithPayment(id, paid));
        })).isTrue();

        assertThat(missingTaken).isFalse();
        assertThat(taken).isTrue();
        assertThat(ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
        assertThat(journal.page(no, 0, 10)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.PAID));
    }

    @Test
    void withoutATransactionNothingIsWrittenWithThePayment() {
        JdbcNotificationJournal journal = (JdbcNotificationJournal) journal();
        String no = newTradeNo();
        long id = journal.started(delivery(no));

        assertThat(journal.completedWithPayment(id, new ProcessingResult(Outcome.PAID, "paid", no))).isFalse();

        assertThat(journal.page(no, 0, 10)).singleElement().satisfies(e -> assertThat(e.outcome()).isNull());
    }

    private static PaidTrade paidTrade(String no) {
        return new PaidTrade(no, "2026120122001" + Math.abs(no.hashCode() % 1000), new BigDecimal("12.34"),
                OffsetDateTime.of(2026, 12, 1, 20, 0, 0, 0, ZoneOffset.ofHours(8)), TradeStatus.TRADE_SUCCESS, null,
                null, "subject", null, NotificationSource.NOTIFY);
    }

    @Test
    void writesNeverThrowEvenWhenTheDatabaseRefusesThem() {
        JdbcNotificationJournal missingTables = new JdbcNotificationJournal(dataSource,
                new DataSourceTransactionManager(dataSource), "no_such_tables_", Clock.fixed(Instant.EPOCH, ZoneId.of("UTC")));

        long id = missingTables.started(delivery("x"));
        missingTables.completed(id, new ProcessingResult(Outcome.ERROR, "db", "x"));
        missingTables.verified(delivery("x"), new ProcessingResult(Outcome.ERROR, "db", "x"));
        missingTables.rejected(new RejectedDelivery(Instant.EPOCH, null, null, 1, null, Outcome.MALFORMED, "x", "x", 1));

        assertThat(id).isZero();
    }

    @Test
    void aSweepClosesEntriesLeftProcessingByACrashAsInterruptedButNotRecentOnes() {
        String crashed = newTradeNo();
        String running = newTradeNo();
        Instant now = Instant.now();
        long crashedId = journal().started(new VerifiedDelivery(NotificationSource.NOTIFY, null,
                now.minus(Duration.ofMinutes(30)), Map.of("out_trade_no", crashed), 10));
        long runningId = journal().started(delivery(running));
        String done = newTradeNo();
        long doneId = journal().started(new VerifiedDelivery(NotificationSource.NOTIFY, null,
                now.minus(Duration.ofMinutes(30)), Map.of("out_trade_no", done), 10));
        journal().completed(doneId, new ProcessingResult(Outcome.PAID, "paid", done));

        JdbcJournalSweeper.Result result = sweeper(Clock.fixed(now, ZoneOffset.UTC)).runOnce();

        assertThat(result.closed()).isGreaterThanOrEqualTo(1);
        assertThat(single(journal().page(crashed, 0, 1))).satisfies(e -> {
            assertThat(e.id()).isEqualTo(crashedId);
            assertThat(e.outcome()).isEqualTo(Outcome.INTERRUPTED);
            assertThat(e.reason()).contains("ledger");
            assertThat(e.completedAt()).isNotNull();
        });
        assertThat(single(journal().page(running, 0, 1))).satisfies(e -> {
            assertThat(e.id()).isEqualTo(runningId);
            assertThat(e.outcome()).isNull();
        });
        assertThat(single(journal().page(done, 0, 1)).outcome()).isEqualTo(Outcome.PAID);
    }

    @Test
    void laterSweepsStillCloseAnEntryThatWasRecentAtTheFirstOne() {
        Instant t0 = Instant.now();
        String no = newTradeNo();
        long id = journal().started(new VerifiedDelivery(NotificationSource.NOTIFY, null, t0, Map.of("out_trade_no", no), 1));
        SettableClock clock = new SettableClock(t0.plusSeconds(1));
        JdbcJournalSweeper sweeper = sweeper(clock);

        sweeper.runOnce();
        assertThat(single(journal().page(no, 0, 1)).outcome()).isNull();
        clock.set(t0.plus(Duration.ofMinutes(11)));
        sweeper.runOnce();
        clock.set(t0.plus(Duration.ofMinutes(22)));
        sweeper.runOnce();

        assertThat(single(journal().page(no, 0, 1))).satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.outcome()).isEqualTo(Outcome.INTERRUPTED);
        });
    }

    @Test
    void aSweepDeletesOldEntriesInBoundedBatchesVerifiedAndRejectedByTheirOwnRetention() {
        // Its own tables: what is old here must not depend on the other tests' rows.
        String own = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, own).initialize();
        try {
            JdbcNotificationJournal j = new JdbcNotificationJournal(dataSource, new DataSourceTransactionManager(dataSource), own);
            Instant now = Instant.now();
            for (int i = 0; i < 25; i++) {
                j.verified(new VerifiedDelivery(NotificationSource.NOTIFY, null, now.minus(Duration.ofDays(100)),
                        Map.of("out_trade_no", "OLD" + i), 1), new ProcessingResult(Outcome.DUPLICATE, "d", "OLD" + i));
                j.rejected(new RejectedDelivery(now.minus(Duration.ofDays(8)), NotificationSource.NOTIFY, null, 1, null,
                        Outcome.BAD_SIGNATURE, "old forged", "x", 1));
            }
            for (int i = 0; i < 5; i++) {
                j.verified(new VerifiedDelivery(NotificationSource.NOTIFY, null, now.minus(Duration.ofDays(30)),
                        Map.of("out_trade_no", "KEEP" + i), 1), new ProcessingResult(Outcome.PAID, "p", "KEEP" + i));
                j.rejected(new RejectedDelivery(now.minus(Duration.ofDays(2)), NotificationSource.NOTIFY, null, 1, null,
                        Outcome.BAD_SIGNATURE, "recent forged", "x", 1));
            }

            assertThat(j.deleteOldest(false, now.minus(Duration.ofDays(90)), 10)).as("one bounded statement").isEqualTo(10);
            AlipayJdbcProperties properties = new AlipayJdbcProperties();
            properties.setJournalSweepBatchSize(4);
            JdbcJournalSweeper.Result result = new JdbcJournalSweeper(j, properties, Clock.fixed(now, ZoneOffset.UTC),
                    null).runOnce();

            assertThat(result.deleted()).isEqualTo(15);
            assertThat(result.deletedRejected()).isEqualTo(25);
            assertThat(j.page(null, 0, 100)).extracting(JournalEntry::outTradeNo).allMatch(no -> no.startsWith("KEEP")).hasSize(5);
            assertThat(j.rejectedPage(0, 100)).extracting(JournalEntry::reason).containsOnly("recent forged").hasSize(5);
        } finally {
            TestDatabases.dropTables(dataSource, own);
        }
    }

    @Test
    void twoInstancesSweepingAtOnceDeleteEachOldEntryOnceWithoutError() throws Exception {
        String own = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(dataSource, DatabaseInitializationMode.ALWAYS, own).initialize();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            JdbcNotificationJournal j = new JdbcNotificationJournal(dataSource, new DataSourceTransactionManager(dataSource), own);
            Instant now = Instant.now();
            new JdbcTemplate(dataSource).batchUpdate("INSERT INTO " + own + "journal_rejected (received_at, source,"
                    + " body_size, outcome, reason, deliveries) VALUES (?, 'NOTIFY', 1, 'BAD_SIGNATURE', 'old', 1)",
                    java.util.stream.IntStream.range(0, 3000).mapToObj(i -> new Object[] {
                        DbValues.utc(now.minus(Duration.ofDays(10)))}).toList());
            AlipayJdbcProperties properties = new AlipayJdbcProperties();
            properties.setJournalSweepBatchSize(100);
            List<Future<JdbcJournalSweeper.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                JdbcJournalSweeper s = new JdbcJournalSweeper(j, properties, Clock.fixed(now, ZoneOffset.UTC), null);
                runs.add(pool.submit(s::runOnce));
            }
            int deleted = 0;
            for (Future<JdbcJournalSweeper.Result> run : runs) {
                deleted += run.get(60, TimeUnit.SECONDS).deletedRejected();
            }

            assertThat(deleted).isEqualTo(3000);
            assertThat(j.rejectedPage(0, 10)).isEmpty();
        } finally {
            pool.shutdownNow();
            TestDatabases.dropTables(dataSource, own);
        }
    }

    private JdbcJournalSweeper sweeper(Clock clock) {
        return new JdbcJournalSweeper((JdbcNotificationJournal) journal(), new AlipayJdbcProperties(), clock, null);
    }

    /** Every char from U+0000 to U+00FF, Chinese, an emoji, lone surrogates, quotes and backslashes, repeated to {@code length}. */
    static String oddText(int length) {
        StringBuilder unit = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            unit.append(c);
        }
        unit.append("支付宝即时到账，中文。😀\uD800x\uDFFF\"\\u0041\\\"");
        StringBuilder out = new StringBuilder(length);
        while (out.length() < length) {
            out.append(unit);
        }
        out.setLength(length);
        return out.toString();
    }
}
