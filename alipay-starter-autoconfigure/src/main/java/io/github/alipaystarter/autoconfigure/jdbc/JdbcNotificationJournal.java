package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link NotificationJournal} in the application's database, in two tables:
 * <ul>
 *   <li>{@code {prefix}journal}: verified deliveries (and query answers) with their source, remote
 *       address, size, every parameter (a JSON object of strings, in a bounded column of
 *       {@value #PARAMETERS_MAX} characters), outcome and reason; indexed by out_trade_no;</li>
 *   <li>{@code {prefix}journal_rejected}: rejected deliveries, compactly (source, remote address, size,
 *       SHA-256 of the body, outcome, reason, the first {@value RejectedDelivery#EXCERPT_MAX} characters),
 *       and the summaries of those over the budget. No out_trade_no column: a forged delivery can name any
 *       order, so it never appears in an order's history.</li>
 * </ul>
 * The short columns ({@code out_trade_no}, {@code notify_id}, {@code trade_status}, {@code reason}) are
 * cleaned of control characters and cut to their size.
 *
 * <p>Each write is one statement in its own unit of work: auto-commit when no transaction is active (the
 * notify endpoint's case), else a new transaction, so that an entry stays when the caller's work rolls
 * back. With a started {@link JdbcJournalWriteBehind}, the rows whose outcome is known at once (a
 * duplicate, a refusal, a rejected delivery) are queued instead and written in batches by its thread;
 * processing entries ({@link #started}, {@link #completed}) and outcomes that record a change of the
 * ledger are always written at once; a payment's outcome goes into the ledger's own transaction when both
 * share the transaction manager ({@link #completedWithPayment}), so it commits with the PAID state. Every
 * read first {@linkplain #flush() flushes} this instance's
 * queue. The journal is a record, not a gate: when the database refuses a write, it logs a warning and
 * carries on ({@link #started} then returns 0); the ledger decides the payment.
 *
 * <p>Maintenance (run by {@link JdbcJournalSweeper}): {@link #closeInterrupted} closes entries left
 * processing by a crash as {@link Outcome#INTERRUPTED}; {@link #deleteOldest} deletes old entries in
 * bounded batches. Both are safe when several instances run them at once.
 */
public class JdbcNotificationJournal implements NotificationJournal {

    private static final Log logger = LogFactory.getLog(JdbcNotificationJournal.class);

    /** The size of the parameters column: far above what Alipay sends (spec 6.2), bounded so no CLOB is needed. */
    public static final int PARAMETERS_MAX = 8000;

    private static final String COLUMNS = "id, source, out_trade_no, notify_id, trade_status, parameters, remote_addr,"
            + " body_size, outcome, reason, received_at, completed_at";

    private static final String REJECTED_COLUMNS = "id, received_at, source, remote_addr, body_size, body_sha256,"
            + " outcome, reason, excerpt, deliveries";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final TransactionTemplate savepoint;
    private final Clock clock;
    private final String table;
    private final String rejectedTable;

    private final String insertSql;
    private final String completeSql;
    private final String insertRejectedSql;
    private final String pageSql;
    private final String tradePageSql;
    private final String rejectedPageSql;
    private final String closeInterruptedSql;

    private volatile JdbcJournalWriteBehind writeBehind;

    private volatile boolean savepointsWork = true;

    public JdbcNotificationJournal(DataSource dataSource, PlatformTransactionManager transactionManager,
            String tablePrefix) {
        this(dataSource, transactionManager, tablePrefix, Clock.systemUTC());
    }

    /** @param transactionManager used to write in a transaction of its own inside a caller's; null: auto-commit only */
    public JdbcNotificationJournal(DataSource dataSource, PlatformTransactionManager transactionManager,
            String tablePrefix, Clock clock) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        if (transactionManager != null) {
            this.ownTransaction = new TransactionTemplate(transactionManager);
            this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            this.savepoint = new TransactionTemplate(transactionManager);
            this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        } else {
            this.ownTransaction = null;
            this.savepoint = null;
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        String prefix = TablePrefix.validate(tablePrefix);
        this.table = prefix + "journal";
        this.rejectedTable = prefix + "journal_rejected";
        this.insertSql = "INSERT INTO " + table + " (source, out_trade_no, notify_id, trade_status, parameters,"
                + " remote_addr, body_size, outcome, reason, received_at, completed_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.completeSql = "UPDATE " + table + " SET outcome = ?, reason = ?, completed_at = ?,"
                + " out_trade_no = COALESCE(out_trade_no, ?) WHERE id = ?";
        this.insertRejectedSql = "INSERT INTO " + rejectedTable + " (received_at, source, remote_addr, body_size,"
                + " body_sha256, outcome, reason, excerpt, deliveries) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
        // LIMIT ? OFFSET ? is understood alike by H2, PostgreSQL, MySQL and MariaDB.
        this.pageSql = "SELECT " + COLUMNS + " FROM " + table + " ORDER BY id DESC LIMIT ? OFFSET ?";
        this.tradePageSql = "SELECT " + COLUMNS + " FROM " + table
                + " WHERE out_trade_no = ? ORDER BY id DESC LIMIT ? OFFSET ?";
        this.rejectedPageSql = "SELECT " + REJECTED_COLUMNS + " FROM " + rejectedTable
                + " ORDER BY id DESC LIMIT ? OFFSET ?";
        this.closeInterruptedSql = "UPDATE " + table + " SET outcome = 'INTERRUPTED', reason = ?, completed_at = ?"
                + " WHERE id > ? AND outcome IS NULL AND received_at < ?";
    }

    /**
     * Records a delivery whose outcome is known at once. With a started {@link JdbcJournalWriteBehind}
     * the row is queued and written with others in one transaction (when the queue is full, here and
     * now); an outcome that records a change of the ledger (PAID, REFUNDED, CLOSED) is always written here
     * and now.
     */
    @Override
    public void verified(VerifiedDelivery delivery, ProcessingResult result) {
        if (delivery == null) {
            return;
        }
        try {
            JournalRow.Verified row = verifiedRow(delivery, result);
            if (changesLedger(result) || !queued(row)) {
                write(con -> insert(con, row, false));
            }
        } catch (RuntimeException e) {
            logger.warn("Could not journal a " + delivery.source() + " notification (processing continues): "
                    + e.getMessage(), e);
        }
    }

    @Override
    public long started(VerifiedDelivery delivery) {
        if (delivery == null) {
            return 0;
        }
        try {
            Long id = write(con -> insert(con, verifiedRow(delivery, null), true));
            return id == null ? 0 : id;
        } catch (RuntimeException e) {
            logger.warn("Could not journal a " + delivery.source() + " notification (processing continues): "
                    + e.getMessage(), e);
            return 0;
        }
    }

    private static boolean changesLedger(ProcessingResult result) {
        Outcome o = result == null ? null : result.outcome();
        return o == Outcome.PAID || o == Outcome.REFUNDED || o == Outcome.CLOSED;
    }

    private boolean queued(JournalRow row) {
        JdbcJournalWriteBehind queue = this.writeBehind;
        return queue != null && queue.offer(row);
    }

    /** The row's values, cut to their columns; {@code result} null for a processing entry. */
    private JournalRow.Verified verifiedRow(VerifiedDelivery d, ProcessingResult result) {
        Map<String, String> params = d.parameters();
        return new JournalRow.Verified(d.source() == null ? null : d.source().name(),
                Texts.forColumn(result != null && params.get("out_trade_no") == null
                        ? result.outTradeNo() : params.get("out_trade_no"), 64),
                Texts.forColumn(params.get("notify_id"), 128), Texts.forColumn(params.get("trade_status"), 32),
                parametersJson(params), d.remoteAddress(), d.bodySize(),
                result == null || result.outcome() == null ? null : result.outcome().name(),
                result == null ? null : Texts.forColumn(result.reason(), 1000), d.receivedAt(),
                result == null ? null : clock.instant());
    }

    private Long insert(Connection con, JournalRow.Verified row, boolean returnId) throws SQLException {
        try (PreparedStatement ps = returnId ? con.prepareStatement(insertSql, new String[] {"id"})
                : con.prepareStatement(insertSql)) {
            row.bind(ps);
            ps.executeUpdate();
            if (!returnId) {
                return null;
            }
            try (ResultSet keys = ps.getGeneratedKeys()) {
                return keys.next() ? keys.getLong(1) : 0L;
            }
        }
    }

    /** The parameters as JSON within {@link #PARAMETERS_MAX} characters ({@link JournalJson#bounded}). */
    static String parametersJson(Map<String, String> parameters) {
        return JournalJson.bounded(parameters, PARAMETERS_MAX);
    }

    @Override
    public void completed(long id, ProcessingResult result) {
        if (id <= 0 || result == null) {
            return;
        }
        try {
            write(con -> complete(con, id, result));
        } catch (RuntimeException e) {
            logger.warn("Could not record the outcome " + result.outcome() + " of journal entry " + id + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes the payment's outcome in the transaction that is marking the trade paid (the JDBC ledger's,
     * when it shares this journal's transaction manager), inside a savepoint: it commits with the PAID
     * state, and a failure of this statement is undone alone and reported as false, never undoing the
     * payment. Without an active transaction, or where savepoints are not supported, nothing is written
     * and false is returned ({@link #completed} follows).
     */
    @Override
    public boolean completedWithPayment(long id, ProcessingResult result) {
        if (id <= 0 || result == null || savepoint == null || !savepointsWork
                || !TransactionSynchronizationManager.isActualTransactionActive()) {
            return false;
        }
        try {
            Integer updated = savepoint.execute(status -> jdbc.execute((ConnectionCallback<Integer>) con -> complete(con, id, result)));
            return updated != null && updated == 1;
        } catch (NestedTransactionNotSupportedException e) {
            // e.g. JPA's transaction manager, which allows no savepoints unless told to: not tried again
            savepointsWork = false;
            logger.debug("The journal writes payments' outcomes after their transaction: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            logger.debug("The outcome of journal entry " + id + " is written after the payment's transaction: "
                    + e.getMessage());
            return false;
        }
    }

    private int complete(Connection con, long id, ProcessingResult result) throws SQLException {
        try (PreparedStatement ps = con.prepareStatement(completeSql)) {
            ps.setString(1, result.outcome() == null ? null : result.outcome().name());
            ps.setString(2, Texts.forColumn(result.reason(), 1000));
            ps.setObject(3, DbValues.utc(clock.instant()));
            ps.setString(4, Texts.forColumn(result.outTradeNo(), 64));
            ps.setLong(5, id);
            return ps.executeUpdate();
        }
    }

    /** Records a rejected delivery: queued like {@link #verified} when a write-behind is started. */
    @Override
    public void rejected(RejectedDelivery d) {
        if (d == null) {
            return;
        }
        try {
            JournalRow row = new JournalRow.Rejected(d);
            if (!queued(row)) {
                writeRow(row);
            }
        } catch (RuntimeException e) {
            logger.warn("Could not journal a rejected delivery: " + e.getMessage(), e);
        }
    }

    /** Writes one row in a unit of work of its own; throws when the database refuses it. */
    void writeRow(JournalRow row) {
        write(con -> {
            try (PreparedStatement ps = con.prepareStatement(row instanceof JournalRow.Verified ? insertSql
                    : insertRejectedSql)) {
                row.bind(ps);
                return ps.executeUpdate();
            }
        });
    }

    /**
     * Writes the rows in JDBC batches in one transaction of their own (called by the write-behind's
     * thread, where no transaction is active); throws when the database refuses them, nothing written.
     */
    void writeBatch(List<JournalRow> rows) {
        jdbc.execute((ConnectionCallback<Void>) con -> {
            boolean autoCommit = con.getAutoCommit();
            if (autoCommit) {
                con.setAutoCommit(false);
            }
            try {
                try (PreparedStatement verified = con.prepareStatement(insertSql);
                        PreparedStatement rejected = con.prepareStatement(insertRejectedSql)) {
                    int v = 0;
                    int r = 0;
                    for (JournalRow row : rows) {
                        PreparedStatement ps = row instanceof JournalRow.Verified ? verified : rejected;
                        row.bind(ps);
                        ps.addBatch();
                        if (ps == verified) {
                            v++;
                        } else {
                            r++;
                        }
                    }
                    if (v > 0) {
                        verified.executeBatch();
                    }
                    if (r > 0) {
                        rejected.executeBatch();
                    }
                }
                con.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            } finally {
                if (autoCommit) {
                    con.setAutoCommit(true);
                }
            }
        });
    }

    /**
     * Waits until the rows this instance queued before the call are written (or reported lost), at most
     * the write-behind's drain timeout; at once without a started write-behind. Every read of this class
     * calls it first, so that a reader sees what this instance was given before.
     */
    public void flush() {
        JdbcJournalWriteBehind queue = this.writeBehind;
        if (queue != null) {
            queue.flush();
        }
    }

    /** Called by the write-behind's constructor: one per journal. */
    void attach(JdbcJournalWriteBehind queue) {
        if (this.writeBehind != null && this.writeBehind != queue) {
            throw new IllegalStateException("the journal on " + table + " has a write-behind already");
        }
        this.writeBehind = queue;
    }

    @Override
    public List<JournalEntry> page(String outTradeNo, int page, int size) {
        if (page < 0 || size < 1) {
            return List.of();
        }
        flush();
        int limit = Math.min(size, MAX_PAGE_SIZE);
        long offset = (long) page * limit;
        if (outTradeNo == null) {
            return jdbc.query(pageSql, ENTRY, limit, offset);
        }
        return jdbc.query(tradePageSql, ENTRY, Texts.forColumn(outTradeNo, 64), limit, offset);
    }

    @Override
    public List<JournalEntry> rejectedPage(int page, int size) {
        if (page < 0 || size < 1) {
            return List.of();
        }
        flush();
        int limit = Math.min(size, MAX_PAGE_SIZE);
        return jdbc.query(rejectedPageSql, REJECTED, limit, (long) page * limit);
    }

    /**
     * Closes the entries with an id above {@code afterId} that are still without outcome and were
     * received before {@code receivedBefore}: processing stopped by a crash. Returns how many.
     */
    public int closeInterrupted(long afterId, Instant receivedBefore) {
        return jdbc.update(closeInterruptedSql, "processing stopped before an outcome was written (crash or kill);"
                + " the ledger says whether the trade was paid", DbValues.utc(clock.instant()), afterId,
                DbValues.utc(receivedBefore));
    }

    /** The highest id of the verified entries (0 when empty). */
    public long maxId() {
        flush();
        Long max = jdbc.queryForObject("SELECT MAX(id) FROM " + table, Long.class);
        return max == null ? 0 : max;
    }

    /** The lowest id above {@code afterId} and at most {@code upTo} of an entry still without outcome, or -1. */
    public long oldestOpenId(long afterId, long upTo) {
        Long min = jdbc.queryForObject("SELECT MIN(id) FROM " + table + " WHERE id > ? AND id <= ? AND outcome IS NULL",
                Long.class, afterId, upTo);
        return min == null ? -1 : min;
    }

    /**
     * Deletes, among the oldest {@code batchSize} entries of the verified ({@code rejected} false) or the
     * rejected table, those received before {@code receivedBefore}. One bounded statement: call it again
     * while it returns {@code batchSize}. Ids grow with time, so the oldest entries are the first by id and
     * no index on received_at is needed.
     */
    public int deleteOldest(boolean rejected, Instant receivedBefore, int batchSize) {
        flush();
        String t = rejected ? rejectedTable : table;
        List<Long> ids = jdbc.queryForList("SELECT id FROM " + t + " ORDER BY id LIMIT ?", Long.class, batchSize);
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.update("DELETE FROM " + t + " WHERE id >= ? AND id <= ? AND received_at < ?", ids.get(0),
                ids.get(ids.size() - 1), DbValues.utc(receivedBefore));
    }

    /** The table of verified entries. */
    public String getTableName() {
        return table;
    }

    /** The table of rejected entries. */
    public String getRejectedTableName() {
        return rejectedTable;
    }

    /**
     * One statement on its own: auto-commit when no transaction is active (one round trip), else in a
     * new transaction, so that a caller's rollback does not take the entry with it.
     */
    private <T> T write(ConnectionCallback<T> work) {
        if (ownTransaction != null && TransactionSynchronizationManager.isActualTransactionActive()) {
            return ownTransaction.execute(status -> jdbc.execute(work));
        }
        return jdbc.execute((ConnectionCallback<T>) con -> {
            if (con.getAutoCommit()) {
                return work.doInConnection(con);
            }
            // A pool configured without auto-commit: commit this statement ourselves.
            try {
                T result = work.doInConnection(con);
                con.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                con.rollback();
                throw e;
            }
        });
    }

    private static final RowMapper<JournalEntry> ENTRY = JdbcNotificationJournal::entry;

    private static final RowMapper<JournalEntry> REJECTED = JdbcNotificationJournal::rejectedEntry;

    private static JournalEntry entry(ResultSet rs, int row) throws SQLException {
        String parameters = rs.getString("parameters");
        long size = rs.getLong("body_size");
        boolean noSize = rs.wasNull();
        return new JournalEntry(rs.getLong("id"), source(rs.getString("source")), rs.getString("out_trade_no"),
                rs.getString("notify_id"), rs.getString("trade_status"),
                parameters == null ? Map.of() : JournalJson.read(parameters), null,
                outcome(rs.getString("outcome")), rs.getString("reason"),
                DbValues.instant(rs, "received_at"), DbValues.instant(rs, "completed_at"),
                rs.getString("remote_addr"), noSize ? -1 : size, null, false, 1);
    }

    private static JournalEntry rejectedEntry(ResultSet rs, int row) throws SQLException {
        Instant received = DbValues.instant(rs, "received_at");
        return new JournalEntry(rs.getLong("id"), source(rs.getString("source")), null, null, null, Map.of(),
                rs.getString("excerpt"), outcome(rs.getString("outcome")), rs.getString("reason"), received, received,
                rs.getString("remote_addr"), rs.getLong("body_size"), rs.getString("body_sha256"), true,
                rs.getLong("deliveries"));
    }

    private static NotificationSource source(String value) {
        if (value == null) {
            return null;
        }
        try {
            return NotificationSource.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Outcome outcome(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Outcome.valueOf(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
