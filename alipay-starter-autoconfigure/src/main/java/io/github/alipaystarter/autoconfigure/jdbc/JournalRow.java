package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.core.store.RejectedDelivery;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * One row of the journal's tables with its values already cut to their columns, so that a row waiting
 * in the write-behind queue holds a bounded amount of memory (at most about
 * {@value JdbcNotificationJournal#PARAMETERS_MAX} characters of parameters and a few short values).
 */
sealed interface JournalRow {

    /** Binds the values to the table's INSERT statement. */
    void bind(PreparedStatement ps) throws SQLException;

    /** A row of {@code {prefix}journal}. */
    record Verified(String source, String outTradeNo, String notifyId, String tradeStatus, String parameters,
            String remoteAddr, long bodySize, String outcome, String reason, Instant receivedAt,
            Instant completedAt) implements JournalRow {

        @Override
        public void bind(PreparedStatement ps) throws SQLException {
            ps.setString(1, source);
            ps.setString(2, outTradeNo);
            ps.setString(3, notifyId);
            ps.setString(4, tradeStatus);
            ps.setString(5, parameters);
            ps.setString(6, remoteAddr);
            if (bodySize >= 0) {
                ps.setLong(7, bodySize);
            } else {
                ps.setNull(7, Types.BIGINT);
            }
            ps.setString(8, outcome);
            ps.setString(9, reason);
            ps.setObject(10, DbValues.utc(receivedAt));
            ps.setObject(11, DbValues.utc(completedAt));
        }
    }

    /** A row of {@code {prefix}journal_rejected}: the delivery's values are cut by its constructor. */
    record Rejected(RejectedDelivery d) implements JournalRow {

        @Override
        public void bind(PreparedStatement ps) throws SQLException {
            ps.setObject(1, DbValues.utc(d.receivedAt()));
            ps.setString(2, d.source() == null ? null : d.source().name());
            ps.setString(3, d.remoteAddress());
            ps.setLong(4, d.size());
            ps.setString(5, d.sha256());
            ps.setString(6, d.outcome() == null ? null : d.outcome().name());
            ps.setString(7, d.reason());
            ps.setString(8, d.excerpt());
            ps.setLong(9, d.deliveries());
        }
    }
}
