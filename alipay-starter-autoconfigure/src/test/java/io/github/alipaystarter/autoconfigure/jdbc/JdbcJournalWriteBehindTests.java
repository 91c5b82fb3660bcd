package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The journal's write-behind on H2: a full queue, a stop, a database outage. The writer's thread is held
 * or refused its connections through a DataSource that knows it by name; callers' threads are served.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcJournalWriteBehindTests {

    private static final String WRITER = "alipay-journal-writer";

    private HikariDataSource pool;
    private WriterGate dataSource;
    private String prefix;
    private JdbcNotificationJournal journal;
    private JdbcJournalWriteBehind behind;

    @BeforeEach
    void createTables() {
        pool = TestDatabases.h2("writebehind" + TestDatabases.uniqueName());
        dataSource = new WriterGate(pool);
        prefix = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(pool, DatabaseInitializationMode.ALWAYS, prefix).initialize();
        journal = new JdbcNotificationJournal(dataSource, new DataSourceTransactionManager(dataSource), prefix);
    }

    @AfterEach
    void close() {
        dataSource.open();
        if (behind != null) {
            behind.stop();
        }
        pool.close();
    }

    @Test
    void whenTheQueueIsFullCallersWriteTheirRowsThemselves() throws Exception {
        behind = started(3, Duration.ofSeconds(10));
        dataSource.hold();
        duplicate("FIRST"); // taken by the writer, which then waits for a connection
        dataSource.awaitWriterWaiting();

        for (int i = 0; i < 9; i++) {
            duplicate("N" + i);
        }

        assertThat(behind.getQueuedRows()).isEqualTo(3);
        assertThat(rows()).as("written at once by their callers").isEqualTo(6);
        dataSource.open();
        journal.flush();
        assertThat(rows()).isEqualTo(10);
        assertThat(behind.getWrittenRows()).isEqualTo(4);
    }

    @Test
    void aTinyQueueUnderSixteenThreadsKeepsTheCountExact() throws Exception {
        behind = started(2, Duration.ofSeconds(10));
        ExecutorService threads = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                int thread = t;
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        if (i % 2 == 0) {
                            duplicate("T" + thread + "-" + i);
                        } else {
                            forged();
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        journal.flush();

        assertThat(rows()).isEqualTo(4000);
        assertThat(rejectedRows()).isEqualTo(4000);
        assertThat(behind.getLostRows()).isZero();
        assertThat(behind.getQueuedRows()).isZero();
    }

    @Test
    void readsSeeTheRowsOfThisInstanceAtOnce() {
        behind = started(100, Duration.ofSeconds(10));
        duplicate("READ");
        forged();

        assertThat(journal.page("READ", 0, 10)).hasSize(1);
        assertThat(journal.rejectedPage(0, 10)).hasSize(1);
    }

    @Test
    void anOutcomeThatChangesTheLedgerIsWrittenAtOnce() {
        behind = started(100, Duration.ofSeconds(10));
        dataSource.hold();

        journal.verified(delivery("PAID1"), new ProcessingResult(Outcome.PAID, "paid", "PAID1"));

        assertThat(rows()).isEqualTo(1);
        assertThat(behind.getQueuedRows()).isZero();
    }

    @Test
    void stopWritesWhatIsQueuedAndLaterRowsAreWrittenAtOnce() throws Exception {
        behind = started(100, Duration.ofSeconds(10));
        dataSource.hold();
        duplicate("FIRST");
        dataSource.awaitWriterWaiting();
        for (int i = 0; i < 50; i++) {
            duplicate("Q" + i);
        }
        assertThat(rows()).isZero();

        Thread release = new Thread(() -> {
            sleep(300);
            dataSource.open();
        });
        release.start();
        behind.stop();

        assertThat(rows()).isEqualTo(51);
        assertThat(behind.isRunning()).isFalse();
        duplicate("AFTER");
        assertThat(rows()).isEqualTo(52);
        assertThat(behind.getLostRows()).isZero();
    }

    @Test
    void aStopWithTheDatabaseDownIsBoundedAndReportsTheRowsNotWritten(CapturedOutput output) throws Exception {
        behind = started(100, Duration.ofMillis(500));
        dataSource.hold();
        duplicate("SECRET-NO-0");
        dataSource.awaitWriterWaiting();
        for (int i = 1; i < 20; i++) {
            duplicate("SECRET-NO-" + i);
        }

        long start = System.nanoTime();
        behind.stop();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(behind.getLostRows()).isEqualTo(20);
        assertThat(output).contains("20 journal row(s) queued for writing were not written").doesNotContain("SECRET-NO");
    }

    @Test
    void aDatabaseOutageDuringABatchIsLoggedCountedAndNeverReachesTheCaller(CapturedOutput output) {
        behind = started(100, Duration.ofSeconds(10));
        dataSource.refuse();

        for (int i = 0; i < 7; i++) {
            duplicate("SECRET-NO-" + i); // must not throw
        }
        journal.flush();

        assertThat(behind.getLostRows()).isEqualTo(7);
        assertThat(output).contains("journal row(s) could not be written and are lost")
                .contains("CannotGetJdbcConnectionException").doesNotContain("SECRET-NO");
        dataSource.open();
        duplicate("BACK");
        journal.flush();
        assertThat(rows()).isEqualTo(1);
        assertThat(journal.page("BACK", 0, 1)).hasSize(1);
    }

    @Test
    void aRefusedBatchIsRetriedRowByRow(CapturedOutput output) throws Exception {
        behind = started(100, Duration.ofSeconds(10));
        dataSource.hold();
        duplicate("FIRST");
        dataSource.awaitWriterWaiting();
        for (int i = 0; i < 5; i++) {
            duplicate("R" + i);
        }
        dataSource.refuseOnce();
        dataSource.open();

        journal.flush();

        assertThat(rows()).isEqualTo(6);
        assertThat(behind.getLostRows()).isZero();
        assertThat(output).contains("was refused").contains("writing them one by one");
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JdbcJournalWriteBehind(journal, 0))
                .withMessageContaining("capacity");
    }

    private JdbcJournalWriteBehind started(int capacity, Duration drainTimeout) {
        JdbcJournalWriteBehind w = new JdbcJournalWriteBehind(journal, capacity, drainTimeout);
        w.start();
        return w;
    }

    private void duplicate(String no) {
        journal.verified(delivery(no), new ProcessingResult(Outcome.DUPLICATE, "dup", no));
    }

    private void forged() {
        journal.rejected(new RejectedDelivery(Instant.now(), NotificationSource.NOTIFY, "10.0.0.1", 10, null,
                Outcome.BAD_SIGNATURE, "forged", "x", 1));
    }

    private static VerifiedDelivery delivery(String no) {
        return new VerifiedDelivery(NotificationSource.NOTIFY, "10.0.0.1", Instant.now(),
                Map.of("out_trade_no", no, "trade_status", "TRADE_SUCCESS"), 100);
    }

    private long rows() {
        return new JdbcTemplate(pool).queryForObject("SELECT COUNT(*) FROM " + prefix + "journal", Long.class);
    }

    private long rejectedRows() {
        return new JdbcTemplate(pool).queryForObject("SELECT COUNT(*) FROM " + prefix + "journal_rejected", Long.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves every thread but the writer's, which it can hold (until opened) or refuse. */
    static final class WriterGate extends DelegatingDataSource {

        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile boolean refuse;
        private final AtomicInteger refuseNext = new AtomicInteger();
        private final CountDownLatch writerWaiting = new CountDownLatch(1);

        WriterGate(HikariDataSource target) {
            super(target);
        }

        void hold() {
            gate = new CountDownLatch(1);
        }

        void open() {
            refuse = false;
            gate.countDown();
        }

        void refuse() {
            refuse = true;
        }

        void refuseOnce() {
            refuseNext.set(1);
        }

        void awaitWriterWaiting() throws InterruptedException {
            assertThat(writerWaiting.await(10, TimeUnit.SECONDS)).as("the writer asked for a connection").isTrue();
        }

        @Override
        public Connection getConnection() throws SQLException {
            if (Thread.currentThread().getName().equals(WRITER)) {
                writerWaiting.countDown();
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLTransientConnectionException("interrupted while waiting");
                }
                if (refuse || refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new SQLTransientConnectionException("database down (test)");
                }
            }
            return super.getConnection();
        }
    }
}
