package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.jdbc.BootJdbcAutoConfigurations;
import io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcAutoConfiguration;
import io.github.alipaystarter.autoconfigure.web.AlipayWebAutoConfiguration;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.payment.PaymentHandler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Issue 13: wrong values of core's configuration and of the Spring-side properties (endpoints,
 * reconciliation, journal, JDBC sweeper) stop start-up once, with every one of them named, instead of one
 * per restart.
 */
class AlipayConfigAllProblemsTests {

    private static final String PARTNER = AlipayAutoConfigurationTests.PARTNER;

    private static final String WRONG_KEY = "alipay.key=0123456789abcdefghijklmnopqrstu"; // 31 characters

    private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayWebAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER)
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void threeWrongValuesOfThreeGroupsAreReportedInOneFailure() {
        this.webRunner
            .withPropertyValues(WRONG_KEY, "alipay.web.max-body-size=0", "alipay.reconciliation.enabled=true",
                    "alipay.reconciliation.batch-size=0")
            .run((context) -> {
                assertThat(context).hasFailed();
                assertThat(properties(context)).containsExactly("key", "web.max-body-size", "reconciliation.batch-size");
                FailureAnalysis analysis = new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).startsWith("Invalid Alipay configuration (3 problems):")
                    .contains("Property: alipay.key")
                    .contains("Property: alipay.web.max-body-size\n    Problem:  must be positive, was 0B")
                    .contains("Property: alipay.reconciliation.batch-size\n    Problem:  must be at least 1, was 0")
                    .doesNotContain("0123456789abcdefghijklmnopqrstu");
                assertThat(analysis.getAction()).contains("Fix alipay.web.max-body-size: set a size such as 64KB")
                    .contains("Fix alipay.reconciliation.batch-size: set a number such as 50");
            });
    }

    @Test
    void everyWrongValueOfTheEndpointsIsReportedWithCoresProblems() {
        this.webRunner
            .withPropertyValues("alipay.key=0123456789abcdefghijklmnopqrstuv", "alipay.notify-url=notify",
                    "alipay.web.notify-path=/alipay/*", "alipay.web.return-path=return",
                    "alipay.web.body-read-timeout=0s", "alipay.web.max-concurrent-notifications=0",
                    "alipay.max-concurrent-notify-verify=0", "alipay.journal.rejected-per-minute=-1",
                    "alipay.reconciliation.enabled=true", "alipay.reconciliation.interval=-1m")
            .run((context) -> assertThat(properties(context)).containsExactly("notify-url",
                    "max-concurrent-notify-verify", "journal.rejected-per-minute", "web.notify-path",
                    "web.body-read-timeout", "web.max-concurrent-notifications", "web.return-path",
                    "reconciliation.interval"));
    }

    @Test
    void theJdbcSweepersValuesAreReportedWithTheOthersThoughItsBeanComesFirst() {
        new ApplicationContextRunner()
            .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class,
                    AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, WRONG_KEY, "alipay.jdbc.journal-sweep-batch-size=0",
                    "alipay.jdbc.journal-retention=0s", "alipay.journal.rejected-per-minute=-1")
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                assertThat(properties(context)).containsExactly("key", "journal.rejected-per-minute",
                        "jdbc.journal-retention", "jdbc.journal-sweep-batch-size");
                assertThat(new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("Property: alipay.jdbc.journal-sweep-batch-size");
            });
    }

    @Test
    void theTablePrefixAndTheLedgerTimeoutsAreReportedWithTheOthersBeforeAnyTableIsTouched() {
        new ApplicationContextRunner()
            .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class,
                    AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, WRONG_KEY, "alipay.jdbc.table-prefix=pay; drop table orders; --",
                    "alipay.jdbc.query-timeout=-1s", "alipay.jdbc.transaction-timeout=-5s",
                    "alipay.jdbc.journal-write-behind-capacity=0")
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                assertThat(properties(context)).containsExactly("key", "jdbc.table-prefix", "jdbc.query-timeout",
                        "jdbc.transaction-timeout", "jdbc.journal-write-behind-capacity");
                assertThat(new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("Property: alipay.jdbc.table-prefix", "letters, digits and underscores",
                            "Property: alipay.jdbc.transaction-timeout");
            });
    }

    @Test
    void anUnknownSslBundleIsReportedWithTheOthers() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    io.github.alipaystarter.autoconfigure.gateway.AlipayGatewayClientAutoConfiguration.class,
                    AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, WRONG_KEY, "alipay.ssl-bundle=corporate-ca")
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                assertThat(properties(context)).containsExactly("key", "ssl-bundle");
                assertThat(new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                    .contains("Property: alipay.ssl-bundle", "corporate-ca");
            });
    }

    @Test
    void valuesOfPartsThatAreNotSwitchedOnAreNotReported() {
        // Not a web application: no endpoints; reconciliation off (as before issue 13: these never stopped start-up)
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, WRONG_KEY, "alipay.web.max-body-size=0",
                    "alipay.reconciliation.batch-size=0")
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> assertThat(properties(context)).containsExactly("key"));
        this.webRunner.withPropertyValues(WRONG_KEY, "alipay.web.enabled=false", "alipay.web.max-body-size=0")
            .run((context) -> assertThat(properties(context)).containsExactly("key"));
    }

    /** The properties named by the one AlipayConfigException among the causes of the failure. */
    private static List<String> properties(ApplicationContextAssertProvider<?> context) {
        Throwable failure = context.getStartupFailure();
        assertThat(failure).as("start-up failure").isNotNull();
        AlipayConfigException found = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AlipayConfigException ex) {
                assertThat(found).as("one AlipayConfigException among the causes").isNull();
                found = ex;
            }
        }
        assertThat(found).as("an AlipayConfigException among the causes").isNotNull();
        return found.problems().stream().map(AlipayConfigException.Problem::property).toList();
    }

}
