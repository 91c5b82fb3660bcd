package io.github.alipaystarter.autoconfigure.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the ledger and journal tables at start-up according to {@code alipay.jdbc.initialize-schema}:
 * picks {@code schema-h2.sql}, {@code schema-postgresql.sql} or {@code schema-mysql.sql} (MySQL and
 * MariaDB) from the database's product name, puts in the table prefix, and runs it.
 *
 * <p>Several instances may start at once: every statement is {@code IF NOT EXISTS}; on PostgreSQL, whose
 * {@code CREATE TABLE IF NOT EXISTS} can still fail when two sessions race (a unique violation in
 * pg_type), the script runs in one transaction under an advisory lock; elsewhere a failed run is
 * retried once, when the other instance's tables are there.
 */
public class AlipayJdbcSchemaInitializer implements InitializingBean {

    private static final Log logger = LogFactory.getLog(AlipayJdbcSchemaInitializer.class);

    /** Arbitrary, fixed: every instance of this starter serializes its schema creation on it. */
    private static final long ADVISORY_LOCK_KEY = 0x616c697061790001L;

    private static final String SCRIPT_LOCATION = "io/github/alipaystarter/autoconfigure/jdbc/";

    private final DataSource dataSource;
    private final DatabaseInitializationMode mode;
    private final String tablePrefix;

    public AlipayJdbcSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String tablePrefix) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.tablePrefix = TablePrefix.validate(tablePrefix);
    }

    @Override
    public void afterPropertiesSet() {
        initialize();
    }

    /** Runs the script if the mode asks for it; returns whether it ran. */
    public boolean initialize() {
        if (mode == DatabaseInitializationMode.NEVER) {
            return false;
        }
        if (mode == DatabaseInitializationMode.EMBEDDED && !EmbeddedDatabaseConnection.isEmbedded(dataSource)) {
            logger.debug("alipay.jdbc.initialize-schema=embedded and the DataSource is not embedded: not creating"
                    + " the " + tablePrefix + "trade and " + tablePrefix + "journal tables");
            return false;
        }
        String platform = platform(dataSource);
        String script = script(platform);
        try {
            run(platform, script);
        } catch (RuntimeException | SQLException first) {
            if ("postgresql".equals(platform)) {
                throw failure(platform, first);
            }
            // Another instance may have been creating the same tables at the same moment; IF NOT EXISTS
            // makes the second run a no-op if so, and it fails again if the problem is real.
            logger.debug("Creating the alipay tables failed once, retrying", first);
            try {
                Thread.sleep(200);
                run(platform, script);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(platform, first);
            } catch (RuntimeException | SQLException second) {
                throw failure(platform, second);
            }
        }
        logger.info("Alipay ledger and journal tables " + tablePrefix + "trade and " + tablePrefix
                + "journal are in place (" + platform + ")");
        return true;
    }

    private IllegalStateException failure(String platform, Exception cause) {
        return new IllegalStateException("Could not create the alipay tables " + tablePrefix + "trade and "
                + tablePrefix + "journal with schema-" + platform + ".sql: " + cause.getMessage()
                + ". Create them yourself from that script (replace @@prefix@@ with the table prefix) and set"
                + " alipay.jdbc.initialize-schema=never, or grant the user CREATE.", cause);
    }

    /** h2, postgresql or mysql (also for MariaDB): the suffix of the schema script. */
    static String platform(DataSource dataSource) {
        String product;
        try {
            product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("Could not read the database product name to pick the alipay"
                    + " schema script: " + e.getMessage(), e);
        }
        DatabaseDriver driver = DatabaseDriver.fromProductName(product);
        return switch (driver) {
            case H2 -> "h2";
            case POSTGRESQL -> "postgresql";
            case MYSQL, MARIADB -> "mysql";
            default -> throw new IllegalStateException("alipay-starter has schema scripts for H2, PostgreSQL and"
                    + " MySQL/MariaDB, not for " + product + ". Create the tables yourself (adapt"
                    + " " + SCRIPT_LOCATION + "schema-postgresql.sql) and set alipay.jdbc.initialize-schema=never.");
        };
    }

    private String script(String platform) {
        String location = SCRIPT_LOCATION + "schema-" + platform + ".sql";
        try (InputStream in = new ClassPathResource(location, AlipayJdbcSchemaInitializer.class.getClassLoader())
                .getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@@prefix@@", tablePrefix);
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + location + " from the alipay-starter jar", e);
        }
    }

    private void run(String platform, String script) throws SQLException {
        EncodedResource resource = new EncodedResource(
                new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8), "schema-" + platform + ".sql"),
                StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection()) {
            if (!"postgresql".equals(platform)) {
                ScriptUtils.executeSqlScript(connection, resource);
                return;
            }
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(" + ADVISORY_LOCK_KEY + ")");
                }
                ScriptUtils.executeSqlScript(connection, resource);
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    public String getTablePrefix() {
        return tablePrefix;
    }
}
