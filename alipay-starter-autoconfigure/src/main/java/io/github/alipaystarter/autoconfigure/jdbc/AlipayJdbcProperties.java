package io.github.alipaystarter.autoconfigure.jdbc;

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
     * (H2, HSQLDB, Derby), "always", or "never" (create them yourself, e.g. with Flyway, from the migration
     * files in db/alipay/{h2,postgresql,mysql}). Creation uses CREATE TABLE IF NOT EXISTS and is safe
     * when several instances start at once. Start-up fails when the tables are missing.
     */
    private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

    /**
     * Prefix of the table names ({prefix}trade and {prefix}journal). A letter or underscore, then
     * letters, digits and underscores, at most 30 characters.
     */
    private String tablePrefix = "alipay_";

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
