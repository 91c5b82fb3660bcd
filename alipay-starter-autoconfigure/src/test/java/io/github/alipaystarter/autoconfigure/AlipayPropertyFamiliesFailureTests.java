package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.endpoint.AlipayEndpointAutoConfiguration;
import io.github.alipaystarter.autoconfigure.gateway.AlipayGatewayClientAutoConfiguration;
import io.github.alipaystarter.autoconfigure.health.AlipayHealthAutoConfiguration;
import io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcAutoConfiguration;
import io.github.alipaystarter.autoconfigure.jdbc.BootJdbcAutoConfigurations;
import io.github.alipaystarter.autoconfigure.web.AlipayWebAutoConfiguration;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.payment.PaymentHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;
import org.springframework.boot.test.context.runner.AbstractApplicationContextRunner;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * One bad value of each family of {@code alipay.*} properties stops start-up through the one
 * {@link AlipayConfigFailureAnalyzer}, whose description names the property and whose action gives the
 * fix, whether the starter's {@code AlipayConfig} bean checks it with all others or, when the
 * application defines its own {@code AlipayConfig}, the bean that uses the value does.
 */
class AlipayPropertyFamiliesFailureTests {

    private static final String PARTNER = AlipayAutoConfigurationTests.PARTNER;

    private static final String KEY = AlipayAutoConfigurationTests.KEY;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY)
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    private final WebApplicationContextRunner webRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayWebAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY)
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    private final ApplicationContextRunner jdbcRunner = new ApplicationContextRunner()
        .withConfiguration(BootJdbcAutoConfigurations.withDataSource(AlipayJdbcAutoConfiguration.class,
                AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY)
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void failsToStartWithACorePropertyNamingItAndTheFix() {
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.partner=1088101122136241"), "alipay.partner");
    }

    @Test
    void failsToStartWithABadVerifierConcurrency() {
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.max-concurrent-notify-verify=0"),
                "alipay.max-concurrent-notify-verify");
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.notify-verify-max-wait=-1ms"),
                "alipay.notify-verify-max-wait");
    }

    @Test
    void failsToStartWithABadJournalBudget() {
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.journal.rejected-per-minute=-1"),
                "alipay.journal.rejected-per-minute");
    }

    @Test
    void failsToStartWithANegativeDuplicateCacheSize() {
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.duplicate-cache-size=-1"),
                "alipay.duplicate-cache-size");
    }

    @Test
    void failsToStartWithABadEndpointValue() {
        assertNamesPropertyAndFix(this.webRunner.withPropertyValues("alipay.web.max-body-size=0"),
                "alipay.web.max-body-size");
        assertNamesPropertyAndFix(this.webRunner.withPropertyValues("alipay.web.return-path=return"),
                "alipay.web.return-path");
    }

    @Test
    void failsToStartWithAResultUrlNamingAnotherPlaceholder() {
        assertNamesPropertyAndFix(this.webRunner.withPropertyValues("alipay.web.result-url=/orders/{orderId}"),
                "alipay.web.result-url");
    }

    @Test
    void failsToStartWithABadReconciliationValue() {
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.reconciliation.enabled=true",
                "alipay.reconciliation.interval=0s"), "alipay.reconciliation.interval");
        assertNamesPropertyAndFix(this.runner.withPropertyValues("alipay.reconciliation.enabled=true",
                "alipay.reconciliation.older-than=-1m"), "alipay.reconciliation.older-than");
    }

    @Test
    void failsToStartWithANegativeReconciliationAgeShownByTheActuatorEndpoint() {
        ApplicationContextRunner endpoint = this.runner
            .withConfiguration(AutoConfigurations.of(AlipayEndpointAutoConfiguration.class))
            .withPropertyValues("management.endpoints.web.exposure.include=alipay", "alipay.reconciliation.older-than=-1m");
        assertNamesPropertyAndFix(endpoint, "alipay.reconciliation.older-than");
        assertNamesPropertyAndFix(endpoint.withBean(AlipayConfig.class, AlipayPropertyFamiliesFailureTests::ownConfig),
                "alipay.reconciliation.older-than");
    }

    @Test
    void failsToStartWithABadJdbcStorageValue() {
        assertNamesPropertyAndFix(this.jdbcRunner.withPropertyValues("alipay.jdbc.table-prefix=pay-"),
                "alipay.jdbc.table-prefix");
        assertNamesPropertyAndFix(this.jdbcRunner.withPropertyValues("alipay.jdbc.query-timeout=-1s"),
                "alipay.jdbc.query-timeout");
    }

    @Test
    void failsToStartWithABadJdbcStorageValueWhenTheApplicationDefinesItsOwnConfig() {
        ApplicationContextRunner own = this.jdbcRunner.withBean(AlipayConfig.class,
                AlipayPropertyFamiliesFailureTests::ownConfig);
        assertNamesPropertyAndFix(own.withPropertyValues("alipay.jdbc.table-prefix=pay-"), "alipay.jdbc.table-prefix");
        assertNamesPropertyAndFix(own.withPropertyValues("alipay.jdbc.transaction-timeout=-1s"),
                "alipay.jdbc.transaction-timeout");
    }

    @Test
    void failsToStartWithABadJournalSweeperValue() {
        assertNamesPropertyAndFix(this.jdbcRunner.withPropertyValues("alipay.jdbc.journal-sweep-interval=0s"),
                "alipay.jdbc.journal-sweep-interval");
        assertNamesPropertyAndFix(this.jdbcRunner.withBean(AlipayConfig.class, AlipayPropertyFamiliesFailureTests::ownConfig)
            .withPropertyValues("alipay.jdbc.journal-sweep-batch-size=0"), "alipay.jdbc.journal-sweep-batch-size");
    }

    @Test
    void failsToStartWithAnUnknownSslBundle() {
        assertNamesPropertyAndFix(this.runner
            .withConfiguration(AutoConfigurations.of(AlipayGatewayClientAutoConfiguration.class))
            .withPropertyValues("alipay.ssl-bundle=corporate-ca"), "alipay.ssl-bundle");
    }

    @Test
    void failsToStartWithABadHealthValue() {
        ApplicationContextRunner health = this.runner
            .withConfiguration(AutoConfigurations.of(AlipayHealthAutoConfiguration.class));
        assertNamesPropertyAndFix(health.withPropertyValues("alipay.health.trouble-window=0s"),
                "alipay.health.trouble-window");
        assertNamesPropertyAndFix(health.withPropertyValues("alipay.health.gateway-timeout=-1s"),
                "alipay.health.gateway-timeout");
        assertNamesPropertyAndFix(health.withBean(AlipayConfig.class, AlipayPropertyFamiliesFailureTests::ownConfig)
            .withPropertyValues("alipay.health.trouble-window=0s"), "alipay.health.trouble-window");
    }

    private static AlipayConfig ownConfig() {
        return AlipayConfig.builder().partner(PARTNER).key(KEY).build();
    }

    private static void assertNamesPropertyAndFix(AbstractApplicationContextRunner<?, ?, ?> runner, String property) {
        runner.run((context) -> {
            ApplicationContextAssertProvider<?> provider = (ApplicationContextAssertProvider<?>) context;
            assertThat(provider).hasFailed();
            FailureAnalysis analysis = new AlipayConfigFailureAnalyzer().analyze(provider.getStartupFailure());
            assertThat(analysis).as("an AlipayConfigException among the causes of " + provider.getStartupFailure())
                .isNotNull();
            assertThat(analysis.getDescription()).contains("Property: " + property + "\n    Problem:  ");
            assertThat(analysis.getAction()).containsPattern("Fix " + property.replace(".", "\\.") + ": \\S");
            assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(KEY);
        });
    }

}
