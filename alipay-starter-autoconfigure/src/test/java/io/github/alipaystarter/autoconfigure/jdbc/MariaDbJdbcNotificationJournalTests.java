package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;

/** The journal contract on the real MariaDB (127.0.0.1:3306, db test). Fails when it is down. */
@Tag("mariadb")
class MariaDbJdbcNotificationJournalTests extends JdbcNotificationJournalContract {

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.mariadb();
    }
}
