package io.github.alipaystarter.autoconfigure.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Writes the {@link JdbcNotificationJournal}'s rows whose outcome is known at once (duplicates, refusals,
 * rejected deliveries) behind the caller's back: queued in memory and written by one daemon thread in
 * JDBC batches of up to {@value #BATCH_MAX} rows, one transaction per batch, so that a burst of
 * deliveries costs one commit per batch instead of one per delivery.
 *
 * <ul>
 *   <li><b>Bounded</b>: at most {@code capacity} rows wait; when the queue is full the caller writes its
 *       row itself, at once, so memory stays bounded and no row is dropped for want of room.</li>
 *   <li><b>Read your writes</b>: every read of the journal first waits for the rows this instance queued
 *       before it ({@link JdbcNotificationJournal#flush()}).</li>
 *   <li><b>Never silent</b>: a batch the database refuses is retried row by row; rows that still cannot
 *       be written are counted ({@link #getLostRows()}) and logged at ERROR with their number (never
 *       their values). The caller never sees the failure.</li>
 *   <li><b>Stop</b>: the queue is drained within the drain timeout (rows offered meanwhile are written
 *       at once by their caller); what could not be written is logged with its number. Stopped late
 *       (phase 0, after the web server), so the last requests' rows are still written.</li>
 * </ul>
 * A process killed without a stop loses at most {@code capacity} queued rows: journal rows of deliveries
 * that changed nothing, never a change of the ledger, which the journal does not hold.
 */
public class JdbcJournalWriteBehind implements SmartLifecycle {

    private static final Log logger = LogFactory.getLog(JdbcJournalWriteBehind.class);

    /** The most rows written in one transaction. */
    public static final int BATCH_MAX = 500;

    /** How long a stop waits for the queue to be written, and a flush for its rows. */
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);

    private final JdbcNotificationJournal journal;
    private final int capacity;
    private final long drainNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = this.lock.newCondition();
    private final Condition progress = this.lock.newCondition();
    /** Guarded by lock, as are the fields up to writer. */
    private final ArrayDeque<JournalRow> queue = new ArrayDeque<>();
    /** Rows ever queued, and rows ever taken care of (written or counted lost), in queue order. */
    private long queuedCount;
    private long handledCount;
    private boolean accepting;
    private boolean stopping;
    private Thread writer;

    private final AtomicLong writtenRows = new AtomicLong();
    private final AtomicLong lostRows = new AtomicLong();

    public JdbcJournalWriteBehind(JdbcNotificationJournal journal, int capacity) {
        this(journal, capacity, DEFAULT_DRAIN_TIMEOUT);
    }

    /**
     * @param capacity the most rows waiting at once, at least 1
     * @param drainTimeout the longest a stop waits for the queue to be written, and a flush for its rows
     */
    public JdbcJournalWriteBehind(JdbcNotificationJournal journal, int capacity, Duration drainTimeout) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.journal = Objects.requireNonNull(journal, "journal");
        this.capacity = capacity;
        this.drainNanos = Objects.requireNonNull(drainTimeout, "drainTimeout").toNanos();
        journal.attach(this);
    }

    /** Queues a row; false when it is not running or the queue is full (the caller then writes it). */
    boolean offer(JournalRow row) {
        this.lock.lock();
        try {
            if (!this.accepting || this.queue.size() >= this.capacity) {
                return false;
            }
            this.queue.addLast(row);
            this.queuedCount++;
            this.notEmpty.signal();
            return true;
        }
        finally {
            this.lock.unlock();
        }
    }

    /**
     * Waits until every row queued before the call is written or counted lost, at most the drain timeout.
     *
     * @return whether they all were taken care of in time
     */
    public boolean flush() {
        this.lock.lock();
        try {
            long target = this.queuedCount;
            long nanos = this.drainNanos;
            while (this.handledCount < target) {
                if (this.writer == null || nanos <= 0) {
                    return false;
                }
                nanos = this.progress.awaitNanos(nanos);
            }
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
        finally {
            this.lock.unlock();
        }
    }

    @Override
    public void start() {
        this.lock.lock();
        try {
            if (this.writer != null) {
                return;
            }
            Thread thread = new Thread(this::run, "alipay-journal-writer");
            thread.setDaemon(true);
            this.writer = thread;
            this.accepting = true;
            this.stopping = false;
            thread.start();
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Stops queueing, then waits at most the drain timeout for the queue to be written. */
    @Override
    public void stop() {
        Thread thread;
        this.lock.lock();
        try {
            thread = this.writer;
            if (thread == null) {
                return;
            }
            this.accepting = false;
            this.stopping = true;
            this.notEmpty.signalAll();
        }
        finally {
            this.lock.unlock();
        }
        try {
            thread.join(TimeUnit.NANOSECONDS.toMillis(this.drainNanos) + 1);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        long left;
        this.lock.lock();
        try {
            left = this.queuedCount - this.handledCount;
            this.queue.clear();
            this.handledCount = this.queuedCount;
            this.writer = null;
            this.progress.signalAll();
        }
        finally {
            this.lock.unlock();
        }
        if (thread.isAlive()) {
            thread.interrupt();
        }
        if (left > 0) {
            this.lostRows.addAndGet(left);
            logger.error("Alipay journal: " + left + " journal row(s) queued for writing were not written within "
                    + Duration.ofNanos(this.drainNanos) + " of the stop (database unavailable or too slow); they"
                    + " are lost (journal rows only: the ledger holds every payment)");
        }
    }

    @Override
    public boolean isRunning() {
        this.lock.lock();
        try {
            return this.writer != null;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** Stopped after the web server (and every bean of a higher phase), started before it. */
    @Override
    public int getPhase() {
        return 0;
    }

    /** The rows written by this write-behind's thread so far. */
    public long getWrittenRows() {
        return this.writtenRows.get();
    }

    /** The rows that could not be written (refused twice, or left at a stop), each logged. */
    public long getLostRows() {
        return this.lostRows.get();
    }

    /** The rows waiting now. */
    public int getQueuedRows() {
        this.lock.lock();
        try {
            return this.queue.size();
        }
        finally {
            this.lock.unlock();
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        while (true) {
            List<JournalRow> batch = new ArrayList<>();
            this.lock.lock();
            try {
                while (this.queue.isEmpty()) {
                    if (this.stopping || this.writer != self) {
                        return;
                    }
                    this.notEmpty.await();
                }
                if (this.writer != self) {
                    return;
                }
                while (batch.size() < BATCH_MAX && !this.queue.isEmpty()) {
                    batch.add(this.queue.pollFirst());
                }
            }
            catch (InterruptedException ex) {
                return;
            }
            finally {
                this.lock.unlock();
            }
            write(batch);
            this.lock.lock();
            try {
                if (this.writer != self) {
                    return; // a stop gave up waiting and counted these rows already
                }
                this.handledCount += batch.size();
                this.progress.signalAll();
            }
            finally {
                this.lock.unlock();
            }
        }
    }

    /** Writes a batch; never throws. */
    private void write(List<JournalRow> batch) {
        try {
            this.journal.writeBatch(batch);
            this.writtenRows.addAndGet(batch.size());
            return;
        }
        catch (RuntimeException | LinkageError ex) {
            logger.error("Alipay journal: a batch of " + batch.size() + " journal row(s) was refused (" + describe(ex)
                    + "); writing them one by one");
        }
        int lost = 0;
        Throwable last = null;
        for (int i = 0; i < batch.size(); i++) {
            try {
                this.journal.writeRow(batch.get(i));
                this.writtenRows.incrementAndGet();
            }
            catch (RuntimeException | LinkageError ex) {
                last = ex;
                if (ex instanceof DataAccessResourceFailureException) {
                    lost += batch.size() - i; // the database is away: the rest would fail alike
                    break;
                }
                lost++;
            }
        }
        if (lost > 0 && isWriter(Thread.currentThread())) { // else a stop counted them already
            this.lostRows.addAndGet(lost);
            logger.error("Alipay journal: " + lost + " of " + batch.size() + " journal row(s) could not be written and"
                    + " are lost (" + describe(last) + "); journal rows only: the ledger holds every payment");
        }
    }

    private boolean isWriter(Thread thread) {
        this.lock.lock();
        try {
            return this.writer == thread;
        }
        finally {
            this.lock.unlock();
        }
    }

    /** The exception's classes and SQL states, never its message (a batch's message may quote the values). */
    static String describe(Throwable ex) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (Throwable t = ex; t != null && depth < 6; t = t.getCause(), depth++) {
            if (out.length() > 0) {
                out.append(" caused by ");
            }
            out.append(t.getClass().getName());
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                out.append(" (SQLState ").append(sql.getSQLState()).append(')');
            }
        }
        return out.toString();
    }
}
