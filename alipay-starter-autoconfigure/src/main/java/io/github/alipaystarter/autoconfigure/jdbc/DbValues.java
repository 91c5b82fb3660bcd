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

    /**
     * A value fit for a short VARCHAR column of {@code max} characters: control characters (NUL is refused
     * by PostgreSQL) become spaces, unpaired surrogates become U+FFFD, and the text is cut without splitting
     * a surrogate pair. The complete value is kept elsewhere (the journal's parameters column).
     */
    static String shortText(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                if (out.length() + 2 > max) {
                    break;
                }
                out.append(c).append(value.charAt(++i));
                continue;
            }
            if (out.length() + 1 > max) {
                break;
            }
            if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else if (c < 0x20 || c == 0x7f) {
                out.append(' ');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
