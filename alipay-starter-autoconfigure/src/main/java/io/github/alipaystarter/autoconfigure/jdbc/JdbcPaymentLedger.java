package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerRules;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A {@link PaymentLedger} in the application's database (table {@code {prefix}trade}): the single point
 * of agreement between several application instances. What it accepts and the moves between states
 * are the {@link LedgerRules} every ledger follows.
 *
 * <h2>How {@link #markPaid} stays exactly-once</h2>
 * In one transaction (joining the caller's, if any):
 * <pre>
 * UPDATE {prefix}trade SET status = 'PAID', trade_no = ?, ... WHERE out_trade_no = ? AND status = 'UNPAID' AND total_fee = ?
 * </pre>
 * One updated row: this caller won; {@code onWin} (the application's onPaid) runs inside the same
 * transaction, so its own JDBC work on the same DataSource commits or rolls back with the PAID row. If
 * it throws, the transaction rolls back (the trade stays UNPAID) and the exception is rethrown.
 *
 * <p>The UPDATE takes the row's write lock, so a concurrent caller's UPDATE waits until the winner
 * commits or rolls back, and then evaluates its WHERE against the outcome: PostgreSQL in READ
 * COMMITTED re-checks the updated row version (the manual's "Read Committed Isolation Level"); InnoDB
 * (MySQL, MariaDB) updates are locking reads of the latest committed version in any isolation level;
 * H2 2.x locks the row and re-checks the condition ({@code lockAndRecheckCondition} in its UPDATE). After a
 * rollback the waiting caller wins; after a commit it updates nothing and reads the row with
 * {@code SELECT ... FOR UPDATE} (a locking read, so it sees the latest committed state even in
 * REPEATABLE READ) and returns false. Hence false is only ever returned once PAID is committed.
 * Under PostgreSQL REPEATABLE READ or SERIALIZABLE the waiting caller fails with a serialization error
 * instead (nothing is paid twice; the notification is answered {@code fail} and resent).
 *
 * <p>{@code onWin} must use the DataSource through Spring (JdbcTemplate, JdbcClient, JPA with the
 * same DataSource, {@code DataSourceUtils}) to take part in the transaction.
 */
public class JdbcPaymentLedger implements PaymentLedger {

    private static final String COLUMNS =
            "out_trade_no, total_fee, subject, status, trade_no, paid_at, paid_at_offset, created_at";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final TransactionTemplate nested;
    private final Clock clock;
    private final String table;

    private final String insertSql;
    private final String selectSql;
    private final String selectForUpdateSql;
    private final String markPaidSql;
    private final String transitionSql;
    private final String unpaidSql;
    private final String unclaimedSql;
    private final String claimSql;

    public JdbcPaymentLedger(DataSource dataSource, PlatformTransactionManager transactionManager, String tablePrefix) {
        this(dataSource, transactionManager, tablePrefix, Clock.systemUTC());
    }

    /**
     * @param transactionManager manages transactions of {@code dataSource} (a DataSourceTransactionManager
     *     or JpaTransactionManager on it), so that onPaid's work joins the ledger's transaction
     * @param tablePrefix validated: a letter or underscore, then letters, digits and underscores
     */
    public JdbcPaymentLedger(DataSource dataSource, PlatformTransactionManager transactionManager, String tablePrefix,
            Clock clock) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource, "dataSource"));
        Objects.requireNonNull(transactionManager, "transactionManager");
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        // A savepoint when the caller has a transaction: a failed INSERT must not abort it (PostgreSQL).
        this.nested = new TransactionTemplate(transactionManager);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.table = TablePrefix.validate(tablePrefix) + "trade";
        this.insertSql = "INSERT INTO " + table
                + " (out_trade_no, total_fee, subject, status, created_at, updated_at) VALUES (?, ?, ?, 'UNPAID', ?, ?)";
        this.selectSql = "SELECT " + COLUMNS + " FROM " + table + " WHERE out_trade_no = ?";
        this.selectForUpdateSql = selectSql + " FOR UPDATE";
        this.markPaidSql = "UPDATE " + table + " SET status = 'PAID', trade_no = ?, trade_status = ?, paid_at = ?,"
                + " paid_at_offset = ?, paid_source = ?, buyer_id = ?, buyer_email = ?, updated_at = ?"
                + " WHERE out_trade_no = ? AND status = 'UNPAID' AND total_fee = ?";
        this.transitionSql = "UPDATE " + table + " SET status = ?, updated_at = ? WHERE out_trade_no = ? AND status IN ";
        this.unpaidSql = "SELECT " + COLUMNS + " FROM " + table
                + " WHERE status = 'UNPAID' AND created_at < ? ORDER BY created_at, out_trade_no LIMIT ";
        this.unclaimedSql = "SELECT " + COLUMNS + " FROM " + table
                + " WHERE status = 'UNPAID' AND created_at < ?"
                + " AND (reconcile_claimed_until IS NULL OR reconcile_claimed_until <= ?)"
                + " ORDER BY created_at, out_trade_no LIMIT ";
        this.claimSql = "UPDATE " + table + " SET reconcile_claimed_until = ? WHERE out_trade_no = ?"
                + " AND status = 'UNPAID' AND (reconcile_claimed_until IS NULL OR reconcile_claimed_until <= ?)";
    }

    /**
     * JDBC query timeout of every statement (whole seconds, rounded up; zero or null: the driver's
     * default, usually none), so that a database that stops answering fails the call within it.
     */
    public void setQueryTimeout(Duration timeout) {
        jdbc.setQueryTimeout(seconds(timeout));
    }

    /**
     * Timeout of the ledger's own transactions (whole seconds, rounded up; zero or null: none), the
     * application's onPaid included. A transaction the ledger joins keeps the caller's timeout.
     */
    public void setTransactionTimeout(Duration timeout) {
        int s = seconds(timeout);
        int value = s == 0 ? TransactionDefinition.TIMEOUT_DEFAULT : s;
        transaction.setTimeout(value);
        nested.setTimeout(value);
    }

    private static int seconds(Duration timeout) {
        if (timeout == null || timeout.isZero()) {
            return 0;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        long s = timeout.toSeconds() + (timeout.toNanosPart() > 0 ? 1 : 0);
        return (int) Math.min(Integer.MAX_VALUE, s);
    }

    @Override
    public void record(String outTradeNo, BigDecimal totalFee, String subject) {
        LedgerRules.checkOutTradeNo(outTradeNo);
        BigDecimal amount = LedgerRules.checkAmount(totalFee);
        Optional<LedgerEntry> existing = find(outTradeNo);
        if (existing.isEmpty()) {
            LocalDateTime now = DbValues.utc(clock.instant());
            try {
                nested.executeWithoutResult(status -> jdbc.update(insertSql, outTradeNo, amount,
                        Texts.forColumn(subject, 256), now, now));
                return;
            } catch (DuplicateKeyException raced) {
                // Another request for the same out_trade_no inserted it first: judge it like a repeat. A
                // locking read, because a plain one in the caller's REPEATABLE READ transaction (InnoDB)
                // would still use the snapshot from before that insert committed.
                existing = jdbc.query(selectForUpdateSql, ENTRY, outTradeNo).stream().findFirst();
                if (existing.isEmpty()) {
                    throw raced;
                }
            }
        }
        LedgerRules.checkRepeatedRequest(existing.get(), amount);
        // Same amount, still unpaid: a repeated request, allowed by the spec. The first subject stays.
    }

    @Override
    public Optional<LedgerEntry> find(String outTradeNo) {
        if (outTradeNo == null) {
            return Optional.empty();
        }
        return jdbc.query(selectSql, ENTRY, outTradeNo).stream().findFirst();
    }

    @Override
    public boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin) {
        Objects.requireNonNull(trade, "trade");
        Objects.requireNonNull(onWin, "onWin");
        String no = trade.outTradeNo();
        if (no == null) {
            throw new IllegalStateException("out_trade_no null is not in the ledger");
        }
        if (trade.totalFee() == null) {
            throw new IllegalStateException("out_trade_no " + no + " was reported paid without total_fee");
        }
        // Compared as money by the database (DECIMAL): 10.0 equals 10.00; 10.001 matches nothing.
        BigDecimal paid = trade.totalFee();
        Boolean won = transaction.execute(status -> {
            if (updatePaid(trade, paid) == 1) {
                onWin.accept(trade);
                return true;
            }
            // Nothing updated. Our UPDATE waited for any transaction holding the row, so this locking read
            // sees the committed outcome.
            LedgerEntry e = jdbc.query(selectForUpdateSql, ENTRY, no).stream().findFirst().orElse(null);
            if (!LedgerRules.mayPay(e, trade)) {
                return false;
            }
            // UNPAID with the same amount: the row was inserted after our UPDATE looked. We hold its lock
            // now, so this UPDATE decides.
            if (updatePaid(trade, paid) == 1) {
                onWin.accept(trade);
                return true;
            }
            throw new IllegalStateException("out_trade_no " + no + " could not be marked paid");
        });
        return Boolean.TRUE.equals(won);
    }

    private int updatePaid(PaidTrade trade, BigDecimal paid) {
        OffsetDateTime paidAt = trade.paidAt();
        return jdbc.update(markPaidSql,
                Texts.forColumn(trade.tradeNo(), 64),
                trade.status() == null ? null : Texts.forColumn(trade.status().value(), 32),
                paidAt == null ? null : DbValues.utc(paidAt.toInstant()),
                paidAt == null ? null : paidAt.getOffset().getTotalSeconds(),
                trade.source() == null ? null : trade.source().name(),
                Texts.forColumn(trade.buyerId(), 64),
                Texts.forColumn(trade.buyerEmail(), 128),
                DbValues.utc(clock.instant()),
                trade.outTradeNo(),
                paid);
    }

    @Override
    public boolean markClosed(String outTradeNo) {
        return transition(outTradeNo, LedgerStatus.CLOSED);
    }

    @Override
    public boolean markRefunded(String outTradeNo) {
        // From PAID and from UNPAID in one statement, so that a concurrent markPaid either wins before it
        // (PAID to REFUNDED) or finds REFUNDED and pays nothing.
        return transition(outTradeNo, LedgerStatus.REFUNDED);
    }

    /** One conditional UPDATE from the statuses {@link LedgerRules#sourcesOf} allows. */
    private boolean transition(String outTradeNo, LedgerStatus to) {
        if (outTradeNo == null) {
            return false;
        }
        List<Object> args = new java.util.ArrayList<>(List.of(to.name(), DbValues.utc(clock.instant()), outTradeNo));
        StringJoiner in = new StringJoiner(", ", "(", ")");
        for (LedgerStatus from : LedgerRules.sourcesOf(to)) {
            in.add("?");
            args.add(from.name());
        }
        return jdbc.update(transitionSql + in, args.toArray()) == 1;
    }

    @Override
    public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
        Objects.requireNonNull(olderThan, "olderThan");
        if (limit <= 0) {
            return List.of();
        }
        return jdbc.query(unpaidSql + limit, ENTRY, DbValues.utc(olderThan));
    }

    /** One {@code GROUP BY status} over the table. */
    @Override
    public java.util.Map<LedgerStatus, Long> countByStatus() {
        java.util.Map<LedgerStatus, Long> counts = new java.util.EnumMap<>(LedgerStatus.class);
        for (LedgerStatus status : LedgerStatus.values()) {
            counts.put(status, 0L);
        }
        jdbc.query("SELECT status, COUNT(*) AS n FROM " + table + " GROUP BY status",
                (ResultSet rs) -> {
                    counts.merge(status(rs.getString("status")), rs.getLong("n"), Long::sum);
                });
        return counts;
    }

    /**
     * Claims with one conditional UPDATE per trade, each committed on its own, in the column
     * {@code reconcile_claimed_until}: of several instances claiming the same trade at once, the UPDATE of
     * the first takes the row lock and the others, once it committed, find the claim taken and update
     * nothing (PostgreSQL READ COMMITTED re-checks the WHERE on the new row version; InnoDB updates read the
     * latest committed version). The claim does not change {@code updated_at}.
     */
    @Override
    public List<LedgerEntry> claimUnpaidForReconciliation(Instant olderThan, Instant now, java.time.Duration claimFor,
            int limit) {
        Objects.requireNonNull(olderThan, "olderThan");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(claimFor, "claimFor");
        if (limit <= 0) {
            return List.of();
        }
        LocalDateTime at = DbValues.utc(now);
        LocalDateTime until = DbValues.utc(now.plus(claimFor));
        List<LedgerEntry> candidates = jdbc.query(unclaimedSql + limit, ENTRY, DbValues.utc(olderThan), at);
        List<LedgerEntry> claimed = new java.util.ArrayList<>(candidates.size());
        for (LedgerEntry candidate : candidates) {
            if (jdbc.update(claimSql, until, candidate.outTradeNo(), at) == 1) {
                claimed.add(candidate);
            }
        }
        return List.copyOf(claimed);
    }

    /** The table this ledger uses. */
    public String getTableName() {
        return table;
    }

    private static final RowMapper<LedgerEntry> ENTRY = JdbcPaymentLedger::entry;

    private static LedgerEntry entry(ResultSet rs, int row) throws SQLException {
        Instant paidInstant = DbValues.instant(rs, "paid_at");
        int offsetSeconds = rs.getInt("paid_at_offset");
        OffsetDateTime paidAt = paidInstant == null ? null
                : paidInstant.atOffset(ZoneOffset.ofTotalSeconds(rs.wasNull() ? 0 : offsetSeconds));
        BigDecimal fee = rs.getBigDecimal("total_fee");
        return new LedgerEntry(rs.getString("out_trade_no"), fee == null ? null : fee.setScale(2, RoundingMode.UNNECESSARY),
                rs.getString("subject"), status(rs.getString("status")), rs.getString("trade_no"), paidAt,
                DbValues.instant(rs, "created_at"));
    }

    private static LedgerStatus status(String value) {
        try {
            return LedgerStatus.valueOf(value);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalStateException("unknown ledger status '" + value + "' in the trade table", e);
        }
    }
}
