package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;

/** The ledger contract on the real MariaDB (127.0.0.1:3306, db test; InnoDB, REPEATABLE READ). Fails when it is down. */
@Tag("mariadb")
class MariaDbJdbcPaymentLedgerTests extends JdbcPaymentLedgerContract {

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.mariadb();
    }
}
