package io.github.alipaystarter.autoconfigure.jdbc;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of the JDBC payment ledger and notification journal, used when the application has a
 * single {@link javax.sql.DataSource}.
 */
@ConfigurationProperties("alipay.jdbc")
public class AlipayJdbcProperties {

    /**
     * When to create the ledger and journal tables at start-up: "embedded" only for an embedded database
     * (H2, HSQLDB, Derby), "always", or "never" (create them yourself from the schema-*.sql scripts in
     * io/github/alipaystarter/autoconfigure/jdbc). Creation uses CREATE TABLE IF NOT EXISTS and is safe
     * when several instances start at once.
     */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    /**
     * Prefix of the table names ({prefix}trade and {prefix}journal). A letter or underscore, then
     * letters, digits and underscores, at most 30 characters.
     */
    private String tablePrefix = "alipay_";

    /**
     * Longest time one statement of the ledger may run (JDBC query timeout, whole seconds, rounded
     * up), so that a database that stops answering makes a notification fail within seconds. Set the
     * pool's connection timeout and the driver's socket timeout as well (see docs/reliability.md).
     */
    private Duration queryTimeout = Duration.ofSeconds(5);

    /**
     * Longest time the ledger's transaction that marks a trade paid may run, the application's onPaid
     * included (whole seconds, rounded up). Ignored when the ledger joins a transaction of the caller.
     */
    private Duration transactionTimeout = Duration.ofSeconds(15);

    public Duration getQueryTimeout() {
        return this.queryTimeout;
    }

    public void setQueryTimeout(Duration queryTimeout) {
        this.queryTimeout = queryTimeout;
    }

    public Duration getTransactionTimeout() {
        return this.transactionTimeout;
    }

    public void setTransactionTimeout(Duration transactionTimeout) {
        this.transactionTimeout = transactionTimeout;
    }

    public DatabaseInitializationMode getInitializeSchema() {
        return this.initializeSchema;
    }

    public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
        this.initializeSchema = initializeSchema;
    }

    public String getTablePrefix() {
        return this.tablePrefix;
    }

    public void setTablePrefix(String tablePrefix) {
        this.tablePrefix = tablePrefix;
    }
}
