package io.github.alipaystarter.autoconfigure.jdbc;

import io.github.alipaystarter.autoconfigure.AlipayPropertiesValidation;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import java.time.Clock;
import io.github.alipaystarter.core.store.PaymentLedger;
import javax.sql.DataSource;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.ResourceTransactionManager;

/**
 * The JDBC {@link PaymentLedger} and {@link NotificationJournal} for an application with one
 * {@link DataSource}: what makes duplicate protection hold across several application instances.
 *
 * <p>The DataSource and transaction-manager auto-configurations moved packages between Spring Boot 3.5
 * and 4.0, so both names are given as strings.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration" })
@ConditionalOnClass(value = { JdbcTemplate.class, PlatformTransactionManager.class },
        name = { "org.springframework.boot.jdbc.EmbeddedDatabaseConnection",
                "org.springframework.boot.sql.init.DatabaseInitializationMode" })
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnProperty(prefix = "alipay", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AlipayJdbcProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class AlipayJdbcAutoConfiguration {

    private static final Log logger = LogFactory.getLog(AlipayJdbcAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    AlipayJdbcSchemaInitializer alipayJdbcSchemaInitializer(DataSource dataSource, AlipayJdbcProperties properties,
            ObjectProvider<AlipayConfig> config) {
        // The AlipayConfig bean checks the table prefix and every other property at once (one start-up
        // failure for every wrong value); built first, it speaks first, before any JDBC bean.
        config.getIfUnique();
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.jdbcStorage(properties));
        return new AlipayJdbcSchemaInitializer(dataSource, properties.getInitializeSchema(),
                properties.getTablePrefix());
    }

    @Bean
    @ConditionalOnMissingBean(PaymentLedger.class)
    @DependsOnDatabaseInitialization
    JdbcPaymentLedger alipayPaymentLedger(DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManagers, AlipayJdbcProperties properties,
            ObjectProvider<AlipayJdbcSchemaInitializer> schema) {
        String prefix = checkedPrefix(dataSource, schema, properties, "trade");
        JdbcPaymentLedger ledger = new JdbcPaymentLedger(dataSource, transactionManager(dataSource, transactionManagers),
                prefix);
        ledger.setQueryTimeout(properties.getQueryTimeout());
        ledger.setTransactionTimeout(properties.getTransactionTimeout());
        return ledger;
    }

    @Bean
    @ConditionalOnMissingBean(NotificationJournal.class)
    @DependsOnDatabaseInitialization
    JdbcNotificationJournal alipayNotificationJournal(DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManagers, AlipayJdbcProperties properties,
            ObjectProvider<AlipayJdbcSchemaInitializer> schema) {
        String prefix = checkedPrefix(dataSource, schema, properties, "journal");
        return new JdbcNotificationJournal(dataSource, transactionManager(dataSource, transactionManagers), prefix);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcNotificationJournal.class)
    @ConditionalOnProperty(prefix = "alipay.jdbc", name = "journal-write-behind", havingValue = "true",
            matchIfMissing = true)
    JdbcJournalWriteBehind alipayJdbcJournalWriteBehind(JdbcNotificationJournal journal,
            AlipayJdbcProperties properties) {
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.jdbcStorage(properties));
        return new JdbcJournalWriteBehind(journal, properties.getJournalWriteBehindCapacity());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(JdbcNotificationJournal.class)
    JdbcJournalSweeper alipayJdbcJournalSweeper(JdbcNotificationJournal journal, AlipayJdbcProperties properties,
            ObjectProvider<NotificationProcessor> processor, ObjectProvider<AlipayConfig> config) {
        // The AlipayConfig bean checks the sweeper's properties with all others (one start-up failure for
        // every wrong value): built first, it speaks first.
        config.getIfUnique();
        // The processor is created later (AlipayAutoConfiguration runs after this one): looked up at each run.
        return new JdbcJournalSweeper(journal, properties, Clock.systemUTC(),
                () -> processor.ifAvailable(NotificationProcessor::flushRejectedSummary));
    }

    /**
     * The table prefix once the storage values are checked and the table is there (see
     * {@link #requireTables}).
     */
    private static String checkedPrefix(DataSource dataSource, ObjectProvider<AlipayJdbcSchemaInitializer> schema,
            AlipayJdbcProperties properties, String table) {
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.jdbcStorage(properties));
        requireTables(dataSource, schema, properties.getTablePrefix() + table);
        return properties.getTablePrefix();
    }

    /**
     * Created after every database initializer (this starter's, Flyway, Liquibase, spring.sql.init): the
     * table must be there now, or start-up fails naming the property and the migration file.
     */
    private static void requireTables(DataSource dataSource, ObjectProvider<AlipayJdbcSchemaInitializer> schema,
            String table) {
        AlipayJdbcSchemaInitializer initializer = schema.getIfAvailable();
        if (initializer != null) {
            AlipayTablesCheck.requireTables(dataSource, initializer, table);
        }
    }

    /**
     * The application's transaction manager when it is unique and manages this DataSource (or is not a
     * DataSource-bound one, e.g. JPA's), so that onPaid's own transactional work joins; otherwise one of
     * our own on the DataSource (JdbcTemplate work in onPaid still joins, being bound to the DataSource).
     */
    static PlatformTransactionManager transactionManager(DataSource dataSource,
            ObjectProvider<PlatformTransactionManager> transactionManagers) {
        PlatformTransactionManager candidate = transactionManagers.getIfUnique();
        if (candidate instanceof ResourceTransactionManager rtm && rtm.getResourceFactory() instanceof DataSource other
                && other != dataSource) {
            logger.info("The application's transaction manager manages another DataSource; the alipay ledger"
                    + " uses a DataSourceTransactionManager of its own");
            candidate = null;
        }
        return candidate != null ? candidate : new DataSourceTransactionManager(dataSource);
    }
}
