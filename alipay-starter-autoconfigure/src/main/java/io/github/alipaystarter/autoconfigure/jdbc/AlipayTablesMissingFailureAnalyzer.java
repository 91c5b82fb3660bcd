package io.github.alipaystarter.autoconfigure.jdbc;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains missing ledger or journal tables at start-up: which property decided not to create them, and
 * which migration file creates them.
 */
class AlipayTablesMissingFailureAnalyzer extends AbstractFailureAnalyzer<AlipayTablesMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AlipayTablesMissingException cause) {
        String folder = AlipayJdbcSchemaInitializer.MIGRATION_LOCATION
                + (cause.platform() == null ? "postgresql" : cause.platform()) + "/";
        String why = switch (cause.mode()) {
            case NEVER -> "alipay.jdbc.initialize-schema is 'never', so the starter does not create them";
            case EMBEDDED -> "alipay.jdbc.initialize-schema is 'embedded' (the default) and the DataSource is not an"
                    + " embedded database, so the starter does not create them";
            default -> "alipay.jdbc.initialize-schema is 'always' but they were not created (another"
                    + " AlipayJdbcSchemaInitializer bean?)";
        };
        String description = "The Alipay ledger needs the table(s) " + String.join(", ", cause.missingTables())
                + ", which do not exist in the application's database: " + why + ". Every payment would fail.";
        String action = "Either set alipay.jdbc.initialize-schema=always (the tables are then created at start-up,"
                + " CREATE TABLE IF NOT EXISTS, safe with several instances), or create them with the migration file(s)"
                + " in classpath:" + folder + " (V1__alipay_ledger_and_journal.sql, ...; Flyway-ready, replace"
                + " @@prefix@@ with the table prefix, alipay.jdbc.table-prefix)"
                + (cause.platform() == null ? ", adapted to your database" : "")
                + ". See \"Migrations\" in the README.";
        return new FailureAnalysis(description, action, cause);
    }

}
