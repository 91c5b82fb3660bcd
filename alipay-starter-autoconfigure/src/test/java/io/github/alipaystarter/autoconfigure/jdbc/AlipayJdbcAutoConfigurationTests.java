package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.ClassUtils;

/** The auto-configuration on an embedded H2 database (no server needed). */
class AlipayJdbcAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class));

    @Test
    void providesTheJdbcLedgerAndJournalAndCreatesTheTablesOfAnEmbeddedDatabase() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AlipayJdbcSchemaInitializer.class);
            assertThat(context.getBean(PaymentLedger.class)).isInstanceOf(JdbcPaymentLedger.class);
            assertThat(context.getBean(NotificationJournal.class)).isInstanceOf(JdbcNotificationJournal.class);
            assertThat(context.getBean(AlipayJdbcProperties.class).getInitializeSchema())
                    .isEqualTo(DatabaseInitializationMode.EMBEDDED);
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(TestDatabases.tableExists(dataSource, "alipay_trade")).isTrue();
            assertThat(TestDatabases.tableExists(dataSource, "alipay_journal")).isTrue();
            assertThat(TestDatabases.tableExists(dataSource, "alipay_journal_rejected")).isTrue();
            assertThat(context.getBean(JdbcJournalSweeper.class).isRunning()).isTrue();
        });
    }

    @Test
    void refusesToStartWithANonPositiveJournalRetention() {
        runner.withPropertyValues("alipay.jdbc.journal-rejected-retention=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("jdbc.journal-rejected-retention");
        });
    }

    @Test
    void writesTheJournalBehindByDefaultWithTheConfiguredCapacity() {
        runner.withPropertyValues("alipay.jdbc.journal-write-behind-capacity=7").run(context -> {
            assertThat(context).hasNotFailed();
            JdbcJournalWriteBehind behind = context.getBean(JdbcJournalWriteBehind.class);
            assertThat(behind.isRunning()).isTrue();
            JdbcNotificationJournal journal = context.getBean(JdbcNotificationJournal.class);
            journal.verified(new VerifiedDelivery(NotificationSource.NOTIFY, null, java.time.Instant.now(),
                    Map.of("out_trade_no", "WB1"), 1), new io.github.alipaystarter.core.payment.ProcessingResult(
                    Outcome.DUPLICATE, "dup", "WB1"));
            assertThat(journal.page("WB1", 0, 1)).hasSize(1);
        });
    }

    @Test
    void noWriteBehindWhenItIsTurnedOff() {
        runner.withPropertyValues("alipay.jdbc.journal-write-behind=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JdbcJournalWriteBehind.class));
    }

    @Test
    void refusesToStartWithAWriteBehindCapacityBelowOne() {
        runner.withPropertyValues("alipay.jdbc.journal-write-behind-capacity=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("jdbc.journal-write-behind-capacity");
        });
    }

    @Test
    void noSweeperWhenTheApplicationDefinesItsOwnJournal() {
        runner.withBean(NotificationJournal.class, () -> NotificationJournal.NONE)
                .run(context -> assertThat(context).doesNotHaveBean(JdbcJournalSweeper.class));
    }

    @Test
    void createsNoTablesWhenInitializeSchemaIsNeverAndFailsToStartWithoutThem() {
        runner.withPropertyValues("alipay.jdbc.initialize-schema=never").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(org.h2.jdbc.JdbcSQLSyntaxErrorException.class);
            FailureAnalysis analysis = new AlipayTablesMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("alipay_trade", "alipay.jdbc.initialize-schema is 'never'");
            assertThat(analysis.getAction()).contains("classpath:db/alipay/h2/", "@@prefix@@");
        });
    }

    @Test
    void theFailureAnalyzerIsRegistered() throws Exception {
        String factories = new String(getClass().getClassLoader().getResourceAsStream("META-INF/spring.factories")
            .readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(factories).contains(AlipayTablesMissingFailureAnalyzer.class.getName());
    }

    @Test
    void theSchemaInitializerIsOneOfBootsDatabaseInitializers() {
        // Boot's DataSourceScriptDatabaseInitializerDetector finds it by this type, and orders the beans that
        // depend on database initialization (JPA, JdbcTemplate, the ledger) after it.
        assertThat(org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer.class)
            .isAssignableFrom(AlipayJdbcSchemaInitializer.class);
    }

    @Test
    void usesTheTablePrefix() {
        runner.withPropertyValues("alipay.jdbc.table-prefix=shop1_pay_").run(context -> {
            DataSource dataSource = context.getBean(DataSource.class);
            assertThat(TestDatabases.tableExists(dataSource, "shop1_pay_trade")).isTrue();
            assertThat(TestDatabases.tableExists(dataSource, "alipay_trade")).isFalse();
            assertThat(context.getBean(JdbcPaymentLedger.class).getTableName()).isEqualTo("shop1_pay_trade");
            assertThat(context.getBean(JdbcNotificationJournal.class).getTableName()).isEqualTo("shop1_pay_journal");
        });
    }

    @Test
    void failsToStartWithATablePrefixThatIsNotAnIdentifier() {
        runner.withPropertyValues("alipay.jdbc.table-prefix=pay; drop table orders; --").run(context -> {
            assertThat(context).hasFailed();
            assertThat(rootCause(context.getStartupFailure())).isInstanceOf(AlipayConfigException.class)
                    .hasMessageContaining("letters, digits and underscores")
                    .satisfies((ex) -> assertThat(((AlipayConfigException) ex).property()).isEqualTo("jdbc.table-prefix"));
        });
    }

    @Test
    void theLedgerRunsOnPaidInTheApplicationsTransactionManager() {
        runner.withUserConfiguration(CountingTransactionManagerConfiguration.class).run(context -> {
            PaymentLedger ledger = context.getBean(PaymentLedger.class);
            CountingTransactionManager transactions = context.getBean(CountingTransactionManager.class);
            JdbcTemplate jdbc = new JdbcTemplate(context.getBean(DataSource.class));
            jdbc.execute("CREATE TABLE orders (no VARCHAR(64))");
            ledger.record("T1", new BigDecimal("1.00"), "s");
            int before = transactions.begun.get();

            assertThatIllegalStateException().isThrownBy(() -> ledger.markPaid(paid("T1"), t -> {
                assertThat(TransactionSynchronizationManager.isActualTransactionActive()).isTrue();
                jdbc.update("INSERT INTO orders (no) VALUES (?)", t.outTradeNo());
                throw new IllegalStateException("roll back");
            }));

            assertThat(transactions.begun.get()).isEqualTo(before + 1);
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class)).isZero();
            assertThat(ledger.markPaid(paid("T1"), t -> jdbc.update("INSERT INTO orders (no) VALUES (?)", "T1"))).isTrue();
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM orders", Long.class)).isOne();
        });
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", ";MODE=MySQL", ";MODE=PostgreSQL", ";MODE=MariaDB"})
    void worksOnH2InItsCompatibilityModes(String mode) {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + TestDatabases.uniqueName() + mode)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    PaymentLedger ledger = context.getBean(PaymentLedger.class);
                    NotificationJournal journal = context.getBean(NotificationJournal.class);
                    ledger.record("M1", new BigDecimal("9.90"), "模式");
                    assertThat(ledger.markPaid(paid("M1", "9.90"), t -> { })).isTrue();
                    assertThat(ledger.markPaid(paid("M1", "9.90"), t -> { })).isFalse();
                    long id = journal.started(new VerifiedDelivery(NotificationSource.NOTIFY, "::1",
                            java.time.Instant.now(), Map.of("out_trade_no", "M1"), 20));
                    journal.rejected(new RejectedDelivery(java.time.Instant.now(), NotificationSource.NOTIFY, "::1",
                            10, null, Outcome.MALFORMED, "test", "x=1", 1));
                    assertThat(journal.page("M1", 0, 10)).singleElement()
                            .satisfies(e -> assertThat(e.id()).isEqualTo(id).isPositive());
                    assertThat(journal.latest(1)).hasSize(1);
                    assertThat(journal.rejectedPage(0, 1)).hasSize(1);
                    assertThat(ledger.findUnpaidOlderThan(java.time.Instant.now().plusSeconds(60), 5)).isEmpty();
                });
    }

    @Test
    void backsOffWhenTheApplicationDefinesALedgerAndAJournal() {
        runner.withUserConfiguration(UserBeansConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(PaymentLedger.class).doesNotHaveBean(JdbcPaymentLedger.class);
            assertThat(context.getBean(NotificationJournal.class)).isSameAs(NotificationJournal.NONE);
        });
    }

    @Test
    void backsOffWhenAlipayIsDisabled() {
        runner.withPropertyValues("alipay.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(PaymentLedger.class).doesNotHaveBean(NotificationJournal.class)
                    .doesNotHaveBean(AlipayJdbcSchemaInitializer.class);
            assertThat(TestDatabases.tableExists(context.getBean(DataSource.class), "alipay_trade")).isFalse();
        });
    }

    @Test
    void backsOffWithoutADataSource() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlipayJdbcAutoConfiguration.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentLedger.class)
                        .doesNotHaveBean(NotificationJournal.class));
    }

    @Test
    void backsOffWhenTwoDataSourcesAndNoPrimaryExist() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlipayJdbcAutoConfiguration.class))
                .withUserConfiguration(TwoDataSourcesConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentLedger.class));
    }

    @Test
    void backsOffWithoutSpringJdbc() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlipayJdbcAutoConfiguration.class))
                .withUserConfiguration(TwoDataSourcesConfiguration.OneDataSource.class)
                .withClassLoader(new FilteredClassLoader(JdbcTemplate.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentLedger.class));
    }

    @Test
    void runsAfterTheDataSourceAndTransactionManagerAutoConfigurationsOfBoot40And35() {
        String[] after = AlipayJdbcAutoConfiguration.class.getAnnotation(AutoConfiguration.class).afterName();

        List<String> boot40 = BootJdbcAutoConfigurations.names(BootJdbcAutoConfigurations.BOOT_4_0_PACKAGE);
        List<String> boot35 = BootJdbcAutoConfigurations.names(BootJdbcAutoConfigurations.BOOT_3_5_PACKAGE);

        assertThat(after).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(boot40.stream(), boot35.stream()).toList());
        // The running line, from Boot's own version (not from which classes are present, which is what is checked).
        String version = SpringBootVersion.getVersion();
        assertThat(version).as("the running Spring Boot version").matches("(4\\.0|3\\.5)\\..+");
        List<String> running = version.startsWith("4.") ? boot40 : boot35;
        List<String> other = version.startsWith("4.") ? boot35 : boot40;
        ClassLoader loader = getClass().getClassLoader();
        Arrays.stream(after).forEach(name -> {
            if (running.contains(name)) {
                assertThat(ClassUtils.isPresent(name, loader)).as("%s is on the Boot %s classpath", name, version).isTrue();
            } else {
                // The other line's name: the same simple name in that line's package, absent here.
                assertThat(other).contains(name);
                assertThat(ClassUtils.isPresent(name, loader)).as("%s is not on the Boot %s classpath", name, version)
                        .isFalse();
            }
        });
        assertThat(BootJdbcAutoConfigurations.dataSource().getName()).isEqualTo(running.get(0)).isIn((Object[]) after);
        assertThat(BootJdbcAutoConfigurations.transactionManager().getName()).isEqualTo(running.get(1))
                .isIn((Object[]) after);
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static PaidTrade paid(String no) {
        return paid(no, "1.00");
    }

    private static PaidTrade paid(String no, String amount) {
        return new PaidTrade(no, "2026112622001", new BigDecimal(amount), OffsetDateTime.now(), TradeStatus.TRADE_SUCCESS,
                null, null, "s", null, NotificationSource.NOTIFY);
    }

    static class CountingTransactionManager extends DataSourceTransactionManager {
        final AtomicInteger begun = new AtomicInteger();

        CountingTransactionManager(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.incrementAndGet();
            super.doBegin(transaction, definition);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class CountingTransactionManagerConfiguration {
        @Bean
        CountingTransactionManager transactionManager(DataSource dataSource) {
            return new CountingTransactionManager(dataSource);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserBeansConfiguration {
        @Bean
        PaymentLedger myLedger() {
            return new PaymentLedger() {
                @Override
                public void record(String outTradeNo, BigDecimal totalFee, String subject) {
                }

                @Override
                public java.util.Optional<io.github.alipaystarter.core.store.LedgerEntry> find(String outTradeNo) {
                    return java.util.Optional.empty();
                }

                @Override
                public boolean markPaid(PaidTrade trade, java.util.function.Consumer<PaidTrade> onWin) {
                    return false;
                }

                @Override
                public boolean markClosed(String outTradeNo) {
                    return false;
                }

                @Override
                public boolean markRefunded(String outTradeNo) {
                    return false;
                }

                @Override
                public java.util.List<io.github.alipaystarter.core.store.LedgerEntry> findUnpaidOlderThan(
                        java.time.Instant olderThan, int limit) {
                    return java.util.List.of();
                }
            };
        }

        @Bean
        NotificationJournal myJournal() {
            return NotificationJournal.NONE;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoDataSourcesConfiguration {
        @Bean
        DataSource first() {
            return new DriverManagerDataSource("jdbc:h2:mem:first" + TestDatabases.uniqueName());
        }

        @Bean
        DataSource second() {
            return new DriverManagerDataSource("jdbc:h2:mem:second" + TestDatabases.uniqueName());
        }

        @Configuration(proxyBeanMethods = false)
        static class OneDataSource {
            @Bean
            DataSource dataSource() {
                return new DriverManagerDataSource("jdbc:h2:mem:one" + TestDatabases.uniqueName());
            }
        }
    }
}
