package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariDataSource;

/** The journal contract on an in-memory H2 database. */
class H2JdbcNotificationJournalTests extends JdbcNotificationJournalContract {

    private final String database = "journal" + TestDatabases.uniqueName();

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.h2(database);
    }
}
