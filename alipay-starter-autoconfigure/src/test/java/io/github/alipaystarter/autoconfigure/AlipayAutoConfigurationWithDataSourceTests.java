package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.jdbc.BootJdbcAutoConfigurations;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.store.PaymentLedger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.util.ClassUtils;

/**
 * With a DataSource, the JDBC auto-configuration runs first (our {@code afterName}) and its ledger and
 * journal win over the in-memory fallbacks, whatever order the auto-configurations are listed in.
 * The JDBC and DataSource auto-configurations are loaded by name: their package moved between Boot 3.5
 * and 4.0 (the present one is
 * taken), and the JDBC one lives in a package this module's web and core parts do not compile against.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlipayAutoConfigurationWithDataSourceTests {

    @Test
    void jdbcLedgerAndJournalWinOverTheInMemoryOnesWithoutTheWarning(CapturedOutput output) throws Exception {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class,
                    load(AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION), BootJdbcAutoConfigurations.dataSource()))
            .withPropertyValues("alipay.partner=" + AlipayAutoConfigurationTests.PARTNER,
                    "alipay.key=" + AlipayAutoConfigurationTests.KEY,
                    "spring.datasource.url=jdbc:h2:mem:alipay-ordering;DB_CLOSE_DELAY=-1")
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(PaymentLedger.class);
                assertThat(context).doesNotHaveBean(InMemoryPaymentLedger.class);
                assertThat(context).hasSingleBean(NotificationJournal.class);
                assertThat(context).doesNotHaveBean(InMemoryNotificationJournal.class);
                assertThat(context.getBean(PaymentLedger.class).getClass().getName()).contains(".jdbc.");
            });
        assertThat(output).doesNotContain("recorded in memory");
    }

    private static Class<?> load(String name) throws ClassNotFoundException {
        return ClassUtils.forName(name, AlipayAutoConfigurationWithDataSourceTests.class.getClassLoader());
    }

}
