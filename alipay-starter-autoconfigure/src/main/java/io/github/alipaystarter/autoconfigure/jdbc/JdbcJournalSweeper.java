package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.autoconfigure.AlipayPropertiesValidation;
import io.github.alipaystarter.autoconfigure.support.DaemonSchedule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Keeps the JDBC journal bounded and truthful, on a daemon thread of its own, at start-up and then every
 * {@code alipay.jdbc.journal-sweep-interval}:
 * <ol>
 *   <li>entries left without outcome for longer than {@code journal-interrupted-after} (the process
 *       handling them crashed or was killed) are closed as INTERRUPTED;</li>
 *   <li>verified entries older than {@code journal-retention} and rejected ones older than
 *       {@code journal-rejected-retention} are deleted, {@code journal-sweep-batch-size} rows per
 *       statement, at most {@value #MAX_BATCHES_PER_RUN} statements per table and run (a backlog is worked
 *       off over several runs, never in one long transaction);</li>
 * </ol>
 * An optional task also runs once a minute on the same thread (the processor's summary of the rejected
 * deliveries counted over the budget in the minute before).
 * Safe with several instances on one database: every statement is idempotent (a second instance deletes
 * or closes nothing more), and none holds locks for long. An instance closes another's entries only when
 * they are older than {@code journal-interrupted-after}, so that must exceed any real processing time.
 *
 * <p>Cost: the first sweep after start reads the journal's entries once (by primary key) to find
 * interrupted ones; later sweeps read only the entries added since (an id window kept in memory).
 * Deletion reads the oldest {@code batch-size} ids and deletes those among them past their retention:
 * ids grow with time, so no index on received_at is needed.
 */
public class JdbcJournalSweeper extends DaemonSchedule {

    private static final Log logger = LogFactory.getLog(JdbcJournalSweeper.class);

    static final int MAX_BATCHES_PER_RUN = 100;

    /** Ids below a checked mark that are still looked at, for inserts that committed late. */
    private static final long LATE_COMMIT_MARGIN = 10_000;

    private final JdbcNotificationJournal journal;
    private final Duration retention;
    private final Duration rejectedRetention;
    private final Duration interval;
    private final Duration interruptedAfter;
    private final int batchSize;
    private final Clock clock;
    private final Runnable everyMinute;

    /** Every id at or below it is closed or completed: the next runs look above it only. */
    private long checkedUpTo;
    /** (time, max id) pairs of earlier runs, oldest first. */
    private final Deque<Mark> marks = new ArrayDeque<>();

    public JdbcJournalSweeper(JdbcNotificationJournal journal, AlipayJdbcProperties properties, Clock clock,
            Runnable everyMinute) {
        super("alipay-journal-sweeper");
        this.journal = Objects.requireNonNull(journal, "journal");
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.journalSweeper(properties));
        this.retention = properties.getJournalRetention();
        this.rejectedRetention = properties.getJournalRejectedRetention();
        this.interval = properties.getJournalSweepInterval();
        this.interruptedAfter = properties.getJournalInterruptedAfter();
        this.batchSize = properties.getJournalSweepBatchSize();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.everyMinute = everyMinute;
    }

    @Override
    protected void schedule(ScheduledExecutorService executor) {
        executor.scheduleWithFixedDelay(this::runOnce, 0, this.interval.toMillis(), TimeUnit.MILLISECONDS);
        if (this.everyMinute != null) {
            executor.scheduleWithFixedDelay(this::runMinuteTask, 1, 1, TimeUnit.MINUTES);
        }
    }

    private void runMinuteTask() {
        try {
            this.everyMinute.run();
        }
        catch (RuntimeException ex) {
            logger.warn("Alipay journal minute task failed: " + ex.getMessage(), ex);
        }
    }

    /** One sweep; never throws, so the schedule continues. */
    public synchronized Result runOnce() {
        Result result = new Result(0, 0, 0);
        try {
            result = new Result(closeInterrupted(), delete(false, this.retention), delete(true, this.rejectedRetention));
            if (result.closed() > 0) {
                logger.warn("Alipay journal: " + result.closed() + " entr" + (result.closed() == 1 ? "y" : "ies")
                        + " left processing by a stopped process closed as INTERRUPTED; the ledger says whether"
                        + " each trade was paid, and Alipay resends what it was not told success for");
            }
            if (result.deleted() + result.deletedRejected() > 0 && logger.isDebugEnabled()) {
                logger.debug("Alipay journal: deleted " + result.deleted() + " verified and " + result.deletedRejected()
                        + " rejected entries past their retention");
            }
        }
        catch (RuntimeException ex) {
            logger.warn("Alipay journal sweep failed; the next one is in " + this.interval + ": " + ex.getMessage(), ex);
        }
        return result;
    }

    private int closeInterrupted() {
        Instant now = this.clock.instant();
        Instant cutoff = now.minus(this.interruptedAfter);
        long hi = this.journal.maxId();
        int closed = this.journal.closeInterrupted(this.checkedUpTo, cutoff);
        this.marks.addLast(new Mark(now, hi));
        // Every entry up to a mark taken before the cutoff was received before it, so it is closed now if it
        // was still open: later runs need not look at it again.
        long safe = -1;
        while (!this.marks.isEmpty() && !this.marks.peekFirst().time().isAfter(cutoff)) {
            safe = this.marks.pollFirst().maxId();
        }
        if (safe > 0) {
            this.checkedUpTo = Math.max(this.checkedUpTo, safe - LATE_COMMIT_MARGIN);
        }
        return closed;
    }

    private int delete(boolean rejected, Duration age) {
        Instant before = this.clock.instant().minus(age);
        int total = 0;
        for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
            int n = this.journal.deleteOldest(rejected, before, this.batchSize);
            total += n;
            if (n < this.batchSize) {
                break;
            }
        }
        return total;
    }

    /** What one sweep did: entries closed as INTERRUPTED, verified and rejected entries deleted. */
    public record Result(int closed, int deleted, int deletedRejected) {
    }

    private record Mark(Instant time, long maxId) {
    }
}
