package io.github.alipaystarter.autoconfigure.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Conversions shared by the ledger and the journal. */
final class DbValues {

    private DbValues() {
    }

    /**
     * An instant as a UTC LocalDateTime, cut to microseconds (the precision of every supported database),
     * so that it is stored zone-neutrally whatever the JVM's or the server's time zone.
     */
    static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
