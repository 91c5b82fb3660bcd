package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** The ledger contract on an in-memory H2 database (MVStore, READ COMMITTED). */
class H2JdbcPaymentLedgerTests extends JdbcPaymentLedgerContract {

    private final String database = "ledger" + TestDatabases.uniqueName();

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.h2(database);
    }
}
