package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.core.notify.NotificationSource;
import io.github.alipaystarter.core.payment.JournalEntry;
import io.github.alipaystarter.core.payment.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link NotificationJournal} in the application's database (table {@code {prefix}journal}): every
 * notification, return and query answer with its source, its raw parameters, the raw body when it could
 * not be decoded, and its outcome.
 *
 * <p>The raw input is kept complete and exactly: {@code parameters} holds a JSON object of strings and
 * {@code raw_body} a JSON string (control characters and unpaired surrogates escaped, Chinese kept as
 * it is). The short columns used for searching ({@code out_trade_no}, {@code notify_id},
 * {@code trade_status}, {@code reason}) are cleaned of control characters and cut to their size.
 *
 * <p>Writes run in their own transaction, so an entry stays when the caller's work rolls back. The
 * journal is a record, not a gate: when the database refuses a write, it logs a warning and carries on
 * ({@link #received} then returns 0, which {@link #completed} ignores); the ledger decides the payment.
 */
public class JdbcNotificationJournal implements NotificationJournal {

    private static final Log logger = LogFactory.getLog(JdbcNotificationJournal.class);

    private static final String COLUMNS = "id, source, out_trade_no, notify_id, trade_status, parameters, raw_body,"
            + " outcome, reason, received_at, completed_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;
    private final Clock clock;
    private final String table;

    private final String insertSql;
    private final String completeSql;
    private final String byTradeSql;
    private final String latestSql;
    private final String pageSql;
    private final String tradePageSql;

    public JdbcNotificationJournal(DataSource dataSource, PlatformTransactionManager transactionManager,
            String tablePrefix) {
        this(dataSource, transactionManager, tablePrefix, Clock.systemUTC());
    }

    /** @param transactionManager used to write in a transaction of its own; null writes with auto-commit */
    public JdbcNotificationJournal(DataSource dataSource, PlatformTransactionManager transactionManager,
            String tablePrefix, Clock clock) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        if (transactionManager != null) {
            this.ownTransaction = new TransactionTemplate(transactionManager);
            this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        } else {
            this.ownTransaction = null;
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.table = TablePrefix.validate(tablePrefix) + "journal";
        this.insertSql = "INSERT INTO " + table + " (source, out_trade_no, notify_id, trade_status, parameters,"
                + " raw_body, received_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
        this.completeSql = "UPDATE " + table + " SET outcome = ?, reason = ?, completed_at = ?,"
                + " out_trade_no = COALESCE(out_trade_no, ?) WHERE id = ?";
        this.byTradeSql = "SELECT " + COLUMNS + " FROM " + table + " WHERE out_trade_no = ? ORDER BY id";
        this.latestSql = "SELECT " + COLUMNS + " FROM " + table + " ORDER BY id DESC LIMIT ";
        // LIMIT ? OFFSET ? is understood alike by H2, PostgreSQL, MySQL and MariaDB.
        this.pageSql = "SELECT " + COLUMNS + " FROM " + table + " ORDER BY id DESC LIMIT ? OFFSET ?";
        this.tradePageSql = "SELECT " + COLUMNS + " FROM " + table
                + " WHERE out_trade_no = ? ORDER BY id DESC LIMIT ? OFFSET ?";
    }

    @Override
    public long received(NotificationSource source, Map<String, String> parameters, String rawBody) {
        try {
            Map<String, String> params = parameters == null ? Map.of() : parameters;
            String outTradeNo = DbValues.shortText(params.get("out_trade_no"), 64);
            String notifyId = DbValues.shortText(params.get("notify_id"), 128);
            String tradeStatus = DbValues.shortText(params.get("trade_status"), 32);
            String parametersJson = parameters == null ? null : JsonText.object(parameters);
            String bodyJson = rawBody == null ? null : JsonText.string(rawBody);
            Object received = DbValues.utc(clock.instant());
            KeyHolder keys = new GeneratedKeyHolder();
            inOwnTransaction(() -> jdbc.update(con -> {
                PreparedStatement ps = con.prepareStatement(insertSql, new String[] {"id"});
                ps.setString(1, source == null ? null : source.name());
                ps.setString(2, outTradeNo);
                ps.setString(3, notifyId);
                ps.setString(4, tradeStatus);
                ps.setString(5, parametersJson);
                ps.setString(6, bodyJson);
                ps.setObject(7, received);
                return ps;
            }, keys));
            Number id = keys.getKey();
            return id == null ? 0 : id.longValue();
        } catch (RuntimeException e) {
            logger.warn("Could not journal a " + source + " notification (processing continues): " + e.getMessage(), e);
            return 0;
        }
    }

    @Override
    public void completed(long id, ProcessingResult result) {
        if (id <= 0 || result == null) {
            return;
        }
        try {
            inOwnTransaction(() -> jdbc.update(completeSql,
                    result.outcome() == null ? null : result.outcome().name(),
                    DbValues.shortText(result.reason(), 1000),
                    DbValues.utc(clock.instant()),
                    DbValues.shortText(result.outTradeNo(), 64),
                    id));
        } catch (RuntimeException e) {
            logger.warn("Could not record the outcome " + result.outcome() + " of journal entry " + id + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public List<JournalEntry> findByOutTradeNo(String outTradeNo) {
        if (outTradeNo == null) {
            return List.of();
        }
        return jdbc.query(byTradeSql, ENTRY, DbValues.shortText(outTradeNo, 64));
    }

    @Override
    public List<JournalEntry> latest(int limit) {
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.query(latestSql + limit, ENTRY);
    }

    @Override
    public List<JournalEntry> page(String outTradeNo, int page, int size) {
        if (page < 0 || size < 1) {
            return List.of();
        }
        int limit = Math.min(size, MAX_PAGE_SIZE);
        long offset = (long) page * limit;
        if (outTradeNo == null) {
            return jdbc.query(pageSql, ENTRY, limit, offset);
        }
        return jdbc.query(tradePageSql, ENTRY, DbValues.shortText(outTradeNo, 64), limit, offset);
    }

    /** The table this journal uses. */
    public String getTableName() {
        return table;
    }

    private void inOwnTransaction(Runnable work) {
        if (ownTransaction == null) {
            work.run();
        } else {
            ownTransaction.executeWithoutResult(status -> work.run());
        }
    }

    private static final RowMapper<JournalEntry> ENTRY = JdbcNotificationJournal::entry;

    private static JournalEntry entry(ResultSet rs, int row) throws SQLException {
        String parameters = rs.getString("parameters");
        String rawBody = rs.getString("raw_body");
        return new JournalEntry(rs.getLong("id"), source(rs.getString("source")), rs.getString("out_trade_no"),
                rs.getString("notify_id"), rs.getString("trade_status"),
                parameters == null ? Map.of() : JsonText.parseObject(parameters),
                rawBody == null ? null : JsonText.parseString(rawBody),
                outcome(rs.getString("outcome")), rs.getString("reason"),
                DbValues.instant(rs, "received_at"), DbValues.instant(rs, "completed_at"));
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
