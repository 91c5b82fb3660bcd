package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.store.LedgerStatus;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The shipped migration files are Flyway-ready: Flyway applies {@code db/alipay/<platform>} with the
 * placeholder settings the README gives ({@code @@prefix@@}), and the JDBC ledger and journal work on the
 * result, on H2, PostgreSQL and MariaDB. Each run uses a table prefix and a Flyway history table of its own.
 */
class MigrationFilesWithFlywayTests {

    @Test
    void flywayCreatesTheTablesOnH2() {
        migrateAndUse(() -> {
            HikariDataSource h2 = new HikariDataSource();
            h2.setJdbcUrl("jdbc:h2:mem:" + TestDatabases.uniqueName() + ";DB_CLOSE_DELAY=-1");
            return h2;
        }, "h2");
    }

    @Test
    @org.junit.jupiter.api.Tag("postgresql")
    void flywayCreatesTheTablesOnPostgreSql() {
        migrateAndUse(TestDatabases::postgresql, "postgresql");
    }

    @Test
    @org.junit.jupiter.api.Tag("mariadb")
    void flywayCreatesTheTablesOnMariaDb() {
        migrateAndUse(TestDatabases::mariadb, "mysql");
    }

    private void migrateAndUse(Supplier<HikariDataSource> dataSources, String platform) {
        String prefix = TestDatabases.randomPrefix();
        try (HikariDataSource dataSource = dataSources.get()) {
            try {
                var result = Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/alipay/" + platform)
                    .placeholderPrefix("@@")
                    .placeholderSuffix("@@")
                    .placeholders(Map.of("prefix", prefix))
                    .table(prefix + "flyway_history")
                    // the test databases hold other tables (as an application's would): start the history at 0
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load()
                    .migrate();
                assertThat(result.migrationsExecuted).isEqualTo(AlipayJdbcSchemaInitializer.migrations(platform).size());

                JdbcPaymentLedger ledger = new JdbcPaymentLedger(dataSource, new DataSourceTransactionManager(dataSource),
                        prefix);
                ledger.record("FLYWAY-1", new BigDecimal("3.20"), "flyway");
                assertThat(ledger.find("FLYWAY-1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
                assertThat(TestDatabases.tableExists(dataSource, prefix + "journal")).isTrue();
                // the starter's own initializer finds them in place
                assertThat(new AlipayJdbcSchemaInitializer(dataSource,
                        org.springframework.boot.sql.init.DatabaseInitializationMode.ALWAYS, prefix).initialize()).isTrue();
            } finally {
                TestDatabases.dropTables(dataSource, prefix, prefix + "flyway_history");
            }
        }
    }
}
