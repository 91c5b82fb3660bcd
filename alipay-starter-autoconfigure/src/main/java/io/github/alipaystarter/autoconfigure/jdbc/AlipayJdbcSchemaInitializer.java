package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.core.AlipayConfigException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Creates the ledger and journal tables at start-up according to {@code alipay.jdbc.initialize-schema},
 * through Spring Boot's database-initialization support: being a {@link DataSourceScriptDatabaseInitializer},
 * it is detected by Boot's {@code DataSourceScriptDatabaseInitializerDetector}, so that beans which depend on
 * database initialization (JPA's EntityManagerFactory, JdbcTemplate, the alipay ledger and journal) are
 * created after it, as after Flyway, Liquibase and {@code spring.sql.init}.
 *
 * <p>The scripts are the Flyway-ready migration files {@code db/alipay/<platform>/V<n>__<name>.sql}, run in
 * version order; the platform ({@code h2}, {@code postgresql}, {@code mysql} for MySQL and MariaDB) comes
 * from the database's product name; {@code @@prefix@@} is replaced by the table prefix.
 *
 * <p>Several instances may start at once: every statement is {@code IF NOT EXISTS}; on PostgreSQL, whose
 * {@code CREATE TABLE IF NOT EXISTS} can still fail when two sessions race (a unique violation in
 * pg_type), the scripts run in one transaction under an advisory lock; elsewhere a failed run is
 * retried once, when the other instance's tables are there.
 */
public class AlipayJdbcSchemaInitializer extends DataSourceScriptDatabaseInitializer {

    private static final Log logger = LogFactory.getLog(AlipayJdbcSchemaInitializer.class);

    /** Arbitrary, fixed: every instance of this starter serializes its schema creation on it. */
    private static final long ADVISORY_LOCK_KEY = 0x616c697061790001L;

    /** Where the migration files are: {@code db/alipay/<platform>/}. */
    public static final String MIGRATION_LOCATION = "db/alipay/";

    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__.+\\.sql");

    private final DatabaseInitializationMode mode;
    private final String tablePrefix;
    private final String platform;

    public AlipayJdbcSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String tablePrefix) {
        this(dataSource, Objects.requireNonNull(mode, "mode"), TablePrefix.validate(tablePrefix),
                platformIfNeeded(Objects.requireNonNull(dataSource, "dataSource"), mode));
    }

    private AlipayJdbcSchemaInitializer(DataSource dataSource, DatabaseInitializationMode mode, String tablePrefix,
            String platform) {
        super(dataSource, settings(mode, platform));
        this.mode = mode;
        this.tablePrefix = tablePrefix;
        this.platform = platform;
    }

    /** The platform when the scripts may run: never connects for NEVER, nor for EMBEDDED on a server. */
    private static String platformIfNeeded(DataSource dataSource, DatabaseInitializationMode mode) {
        if (mode == DatabaseInitializationMode.NEVER
                || (mode == DatabaseInitializationMode.EMBEDDED && !EmbeddedDatabaseConnection.isEmbedded(dataSource))) {
            return null;
        }
        return platform(dataSource);
    }

    private static DatabaseInitializationSettings settings(DatabaseInitializationMode mode, String platform) {
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setMode(mode);
        settings.setSchemaLocations(platform == null ? List.of() : migrations(platform));
        settings.setEncoding(StandardCharsets.UTF_8);
        return settings;
    }

    /** {@code classpath:db/alipay/<platform>/V<n>__*.sql}, in version order. */
    static List<String> migrations(String platform) {
        Resource[] found;
        try {
            found = new PathMatchingResourcePatternResolver(AlipayJdbcSchemaInitializer.class.getClassLoader())
                .getResources("classpath*:" + MIGRATION_LOCATION + platform + "/V*__*.sql");
        } catch (IOException e) {
            throw new IllegalStateException("Could not list " + MIGRATION_LOCATION + platform + " in the alipay-starter jar", e);
        }
        List<String> names = new ArrayList<>();
        Arrays.stream(found).map(Resource::getFilename).filter(Objects::nonNull).distinct().forEach(names::add);
        names.sort(Comparator.comparingLong(AlipayJdbcSchemaInitializer::version));
        if (names.isEmpty()) {
            throw new IllegalStateException("No migration files in " + MIGRATION_LOCATION + platform
                    + " on the classpath: is the alipay-starter-autoconfigure jar complete?");
        }
        return names.stream().map(name -> "classpath:" + MIGRATION_LOCATION + platform + "/" + name).toList();
    }

    private static long version(String fileName) {
        Matcher m = VERSIONED.matcher(fileName);
        if (!m.matches()) {
            throw new IllegalStateException(fileName + " in " + MIGRATION_LOCATION + " is not named V<n>__<description>.sql");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * Runs the scripts if the mode asks for it; returns whether they ran. Called by Spring at start-up
     * ({@code afterPropertiesSet}); callable by hand outside Spring.
     */
    public boolean initialize() {
        boolean ran = initializeDatabase();
        if (!ran) {
            logger.debug("alipay.jdbc.initialize-schema=" + mode.name().toLowerCase() + ": not creating the "
                    + tablePrefix + "trade and " + tablePrefix + "journal tables");
        }
        return ran;
    }

    @Override
    protected void runScripts(Scripts scripts) {
        StringBuilder text = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Resource resource : scripts) {
            names.add(resource.getFilename());
            try (InputStream in = resource.getInputStream()) {
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("@@prefix@@", tablePrefix))
                    .append('\n');
            } catch (IOException e) {
                throw new IllegalStateException("Could not read " + resource + " from the alipay-starter jar", e);
            }
        }
        String script = text.toString();
        try {
            run(script);
        } catch (RuntimeException | SQLException first) {
            if ("postgresql".equals(platform)) {
                throw failure(names, first);
            }
            // Another instance may have been creating the same tables at the same moment; IF NOT EXISTS
            // makes the second run a no-op if so, and it fails again if the problem is real.
            logger.debug("Creating the alipay tables failed once, retrying", first);
            try {
                Thread.sleep(200);
                run(script);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(names, first);
            } catch (RuntimeException | SQLException second) {
                throw failure(names, second);
            }
        }
        logger.info("Alipay ledger and journal tables " + tablePrefix + "trade and " + tablePrefix
                + "journal are in place (" + MIGRATION_LOCATION + platform + "/" + String.join(", ", names) + ")");
    }

    private IllegalStateException failure(List<String> names, Exception cause) {
        return new IllegalStateException("Could not create the alipay tables " + tablePrefix + "trade and "
                + tablePrefix + "journal with " + MIGRATION_LOCATION + platform + "/" + String.join(", ", names) + ": "
                + cause.getMessage() + ". Create them yourself from those files (replace @@prefix@@ with the table"
                + " prefix) and set alipay.jdbc.initialize-schema=never, or grant the user CREATE.", cause);
    }

    /** h2, postgresql or mysql (also for MariaDB): the folder of the migration files. */
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
            // A start-up failure caused by a property: reported by the one FailureAnalyzer, with the fix.
            default -> throw new AlipayConfigException("jdbc.initialize-schema", "asks the starter to create its"
                    + " tables, but it has schema scripts for H2, PostgreSQL and MySQL/MariaDB only, not for "
                    + product, "create the tables yourself (adapt " + MIGRATION_LOCATION
                    + "postgresql/V1__alipay_ledger_and_journal.sql) and set alipay.jdbc.initialize-schema=never");
        };
    }

    private void run(String script) throws SQLException {
        EncodedResource resource = new EncodedResource(
                new ByteArrayResource(script.getBytes(StandardCharsets.UTF_8), MIGRATION_LOCATION + platform),
                StandardCharsets.UTF_8);
        try (Connection connection = getDataSource().getConnection()) {
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

    public DatabaseInitializationMode getMode() {
        return mode;
    }
}
