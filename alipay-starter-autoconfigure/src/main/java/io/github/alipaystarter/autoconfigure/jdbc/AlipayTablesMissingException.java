package io.github.alipaystarter.autoconfigure.jdbc;

import java.util.List;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Start-up found the ledger or journal table missing: they were not created
 * ({@code alipay.jdbc.initialize-schema=never}, or {@code embedded} on a database that is not embedded) and
 * nothing else (Flyway, Liquibase, a DBA) created them. Explained by {@link AlipayTablesMissingFailureAnalyzer}.
 */
public class AlipayTablesMissingException extends IllegalStateException {

    private final List<String> missingTables;
    private final DatabaseInitializationMode mode;
    private final String platform;

    public AlipayTablesMissingException(List<String> missingTables, DatabaseInitializationMode mode, String platform,
            Throwable cause) {
        super("The alipay table(s) " + String.join(", ", missingTables) + " do not exist (alipay.jdbc.initialize-schema="
                + mode.name().toLowerCase() + "); create them from " + AlipayJdbcSchemaInitializer.MIGRATION_LOCATION
                + (platform == null ? "<platform>" : platform) + "/ or set alipay.jdbc.initialize-schema=always", cause);
        this.missingTables = List.copyOf(missingTables);
        this.mode = mode;
        this.platform = platform;
    }

    public List<String> missingTables() {
        return missingTables;
    }

    public DatabaseInitializationMode mode() {
        return mode;
    }

    /** h2, postgresql or mysql; null when the database is none of those. */
    public String platform() {
        return platform;
    }
}
