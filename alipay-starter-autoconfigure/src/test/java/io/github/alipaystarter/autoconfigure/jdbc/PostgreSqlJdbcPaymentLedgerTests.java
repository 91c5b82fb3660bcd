package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Tag;

/** The ledger contract on the real PostgreSQL (127.0.0.1:5432, db test; READ COMMITTED). Fails when it is down. */
@Tag("postgresql")
class PostgreSqlJdbcPaymentLedgerTests extends JdbcPaymentLedgerContract {

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.postgresql();
    }
}
