package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code alipay.jdbc.initialize-schema} on a database server (not embedded), through the
 * auto-configuration. Each test uses a table prefix of its own and drops its tables.
 */
abstract class ServerSchemaInitializationContract {

    private final String prefix = TestDatabases.randomPrefix();

    abstract String url();

    abstract String user();

    abstract HikariDataSource newDataSource();

    ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + url(), "spring.datasource.username=" + user(),
                        "spring.datasource.password=", "spring.datasource.hikari.maximum-pool-size=20",
                        "alipay.jdbc.table-prefix=" + prefix);
    }

    String prefix() {
        return prefix;
    }

    @AfterEach
    void dropTables() {
        try (HikariDataSource dataSource = newDataSource()) {
            TestDatabases.dropTables(dataSource, prefix, prefix + "orders");
        }
    }

    @Test
    void alwaysCreatesTheTables() {
        runner().withPropertyValues("alipay.jdbc.initialize-schema=always").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JdbcPaymentLedger.class);
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(TestDatabases.tableExists(dataSource, prefix + "trade")).isTrue();
            assertThat(TestDatabases.tableExists(dataSource, prefix + "journal")).isTrue();
        });
    }

    @Test
    void alwaysIsHarmlessWhenTheTablesExist() {
        runner().withPropertyValues("alipay.jdbc.initialize-schema=always").run(first -> {
            first.getBean(JdbcPaymentLedger.class).record("KEPT", new java.math.BigDecimal("1.00"), "s");
            runner().withPropertyValues("alipay.jdbc.initialize-schema=always").run(second -> {
                assertThat(second).hasNotFailed();
                assertThat(second.getBean(JdbcPaymentLedger.class).find("KEPT")).isPresent();
            });
        });
    }

    @Test
    void embeddedLeavesAServerDatabaseAloneAndFailsToStartWithoutTheTables() {
        runner().run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining(prefix + "trade");
            FailureAnalysis analysis = new AlipayTablesMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(prefix + "trade", "alipay.jdbc.initialize-schema is 'embedded'",
                    "not an embedded database");
            assertThat(analysis.getAction()).contains("alipay.jdbc.initialize-schema=always",
                    "classpath:db/alipay/" + platform() + "/", "V1__alipay_ledger_and_journal.sql");
            try (HikariDataSource dataSource = newDataSource()) {
                assertThat(TestDatabases.tableExists(dataSource, prefix + "trade")).isFalse();
            }
        });
    }

    @Test
    void neverCreatesNothingAndFailsToStartWithoutTheTables() {
        runner().withPropertyValues("alipay.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new AlipayTablesMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(prefix + "trade", "alipay.jdbc.initialize-schema is 'never'");
            assertThat(analysis.getAction()).contains("classpath:db/alipay/" + platform() + "/");
            try (HikariDataSource dataSource = newDataSource()) {
                assertThat(TestDatabases.tableExists(dataSource, prefix + "trade")).isFalse();
                assertThat(TestDatabases.tableExists(dataSource, prefix + "journal")).isFalse();
            }
        });
    }

    @Test
    void neverStartsWhenTheTablesWereCreatedFromTheMigrationFile() {
        try (HikariDataSource dataSource = newDataSource()) {
            TestDatabases.applyMigrations(dataSource, platform(), prefix);
        }
        runner().withPropertyValues("alipay.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasNotFailed();
            context.getBean(JdbcPaymentLedger.class).record("MIGRATED", new java.math.BigDecimal("1.00"), "s");
            assertThat(context.getBean(JdbcPaymentLedger.class).find("MIGRATED")).isPresent();
        });
    }

    /** The folder of the migration files: postgresql or mysql. */
    abstract String platform();

    @Test
    void fourInstancesStartingAtOnceAllStartAndShareTheTables() throws Exception {
        int instances = 4;
        CyclicBarrier together = new CyclicBarrier(instances);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            Thread t = new Thread(() -> {
                try {
                    together.await(60, TimeUnit.SECONDS);
                    runner().withPropertyValues("alipay.jdbc.initialize-schema=always").run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(TestDatabases.tableExists(context.getBean(DataSource.class), prefix + "trade")).isTrue();
                    });
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join(120_000);
        }

        assertThat(failures).isEmpty();
    }
}
