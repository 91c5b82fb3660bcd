package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;

/** The journal contract on the real PostgreSQL (127.0.0.1:5432, db test). Fails when it is down. */
@Tag("postgresql")
class PostgreSqlJdbcNotificationJournalTests extends JdbcNotificationJournalContract {

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.postgresql();
    }
}
