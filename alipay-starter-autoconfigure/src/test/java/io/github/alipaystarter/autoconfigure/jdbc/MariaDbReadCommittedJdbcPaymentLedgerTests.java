package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The ledger contract on the real MariaDB with READ COMMITTED connections (InnoDB's semi-consistent
 * reads for UPDATE), the other isolation level users commonly set. Fails when MariaDB is down.
 */
@Tag("mariadb")
class MariaDbReadCommittedJdbcPaymentLedgerTests extends JdbcPaymentLedgerContract {

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.mariadbReadCommitted();
    }

    @Test
    void connectionsAreReadCommitted() throws Exception {
        try (HikariDataSource dataSource = newDataSource(); Connection connection = dataSource.getConnection()) {
            assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(new org.springframework.jdbc.core.JdbcTemplate(dataSource)
                    .queryForObject("SELECT @@session.tx_isolation", String.class)).isEqualTo("READ-COMMITTED");
        }
    }
}
