package io.github.alipaystarter.autoconfigure.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The databases the JDBC tests run against. H2 is in memory; PostgreSQL and MariaDB are the real
 * servers of this machine and of CI ({@code .ci/run} starts them): when one is down the tests that use
 * it fail, they are not skipped. Every test class uses a table prefix of its own and drops its tables.
 */
final class TestDatabases {

    /** {@code ALIPAY_TEST_POSTGRESQL_URL} overrides it, so that parallel checkouts can use databases of their own. */
    static final String POSTGRESQL_URL = System.getenv().getOrDefault("ALIPAY_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRESQL_USER = "postgres";
    /** {@code ALIPAY_TEST_MARIADB_URL} overrides it. */
    static final String MARIADB_URL = System.getenv().getOrDefault("ALIPAY_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test");
    static final String MARIADB_USER = "root";

    private TestDatabases() {
    }

    static HikariDataSource h2(String name) {
        return pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    static HikariDataSource postgresql() {
        return pool(POSTGRESQL_URL, POSTGRESQL_USER, "");
    }

    static HikariDataSource mariadb() {
        return pool(MARIADB_URL, MARIADB_USER, "");
    }

    /** MariaDB with READ COMMITTED instead of its default REPEATABLE READ. */
    static HikariDataSource mariadbReadCommitted() {
        return pool(MARIADB_URL, MARIADB_USER, "", "TRANSACTION_READ_COMMITTED");
    }

    static HikariDataSource pool(String url, String user, String password) {
        return pool(url, user, password, null);
    }

    static HikariDataSource pool(String url, String user, String password, String isolation) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(24);
        config.setConnectionTimeout(10_000);
        if (isolation != null) {
            config.setTransactionIsolation(isolation);
        }
        return new HikariDataSource(config);
    }

    /** A fresh prefix such as {@code t1a2b3c4d_}, so that parallel runs never share tables. */
    static String randomPrefix() {
        return "t" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000) + "_";
    }

    static String uniqueName() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static void dropTables(DataSource dataSource, String prefix, String... more) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : more) {
            jdbc.execute("DROP TABLE IF EXISTS " + table);
        }
        jdbc.execute("DROP TABLE IF EXISTS " + prefix + "trade");
        jdbc.execute("DROP TABLE IF EXISTS " + prefix + "journal");
        jdbc.execute("DROP TABLE IF EXISTS " + prefix + "journal_rejected");
    }

    static boolean tableExists(DataSource dataSource, String table) {
        try {
            new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
            return true;
        } catch (BadSqlGrammarException e) {
            return false;
        }
    }

    /**
     * Applies the shipped migration files db/alipay/{platform}/V*.sql by hand, as a DBA or a migration tool
     * would, with @@prefix@@ replaced.
     */
    static void applyMigrations(DataSource dataSource, String platform, String prefix) {
        for (String location : AlipayJdbcSchemaInitializer.migrations(platform)) {
            try (java.io.InputStream in = new org.springframework.core.io.DefaultResourceLoader().getResource(location)
                .getInputStream()) {
                String script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .replace("@@prefix@@", prefix);
                try (java.sql.Connection connection = dataSource.getConnection()) {
                    org.springframework.jdbc.datasource.init.ScriptUtils.executeSqlScript(connection,
                            new org.springframework.core.io.ByteArrayResource(script.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
            } catch (java.io.IOException | java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
