package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.payment.PaymentHandler;
import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Each bad property of the integration guide's 5.2 stops start-up with a message naming the
 * {@code alipay.*} property, the problem and the fix, and never the key.
 */
@ExtendWith(OutputCaptureExtension.class)
class AlipayConfigFailureAnalyzerTests {

    private static final String KEY = AlipayAutoConfigurationTests.KEY;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + AlipayAutoConfigurationTests.PARTNER, "alipay.key=" + KEY)
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void failsToStartWhenPartnerIsMissing() {
        assertFailure("alipay.partner", "alipay.partner=");
    }

    @Test
    void failsToStartWhenPartnerDoesNotStartWith2088() {
        assertFailure("alipay.partner", "alipay.partner=1088101122136241");
    }

    @Test
    void failsToStartWhenPartnerIsNotSixteenDigits() {
        assertFailure("alipay.partner", "alipay.partner=208810112213624");
    }

    @Test
    void failsToStartWhenKeyIsMissing() {
        assertFailure("alipay.key", "alipay.key=");
    }

    @Test
    void failsToStartWhenKeyIsNotThirtyTwoCharacters() {
        assertFailure("alipay.key", "alipay.key=0123456789abcdefghijklmnopqrstu");
    }

    @Test
    void failsToStartWhenKeyHasATrailingSpaceAndDoesNotPrintTheKey() {
        FailureAnalysis analysis = analyzeRaw(Map.of("alipay.key", KEY + " "));
        assertThat(analysis.getDescription()).contains("Property: alipay.key");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(KEY).doesNotContain("0123456789abc");
    }

    @Test
    void failsToStartWhenPartnerHasALeadingSpace() {
        FailureAnalysis analysis = analyzeRaw(Map.of("alipay.partner", " 2088101122136241"));
        assertThat(analysis.getDescription()).contains("Property: alipay.partner");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            alipay.notify-url  | not a url
            alipay.notify-url  | /alipay/notify
            alipay.notify-url  | ftp://shop.example.com/alipay/notify
            alipay.return-url  | shop.example.com/alipay/return
            alipay.show-url    | https://exa mple.com/goods
            alipay.gateway-url | mapi.alipay.com/gateway.do
            """)
    void failsToStartWithAMalformedUrl(String property, String value) {
        assertFailure(property, property + "=" + value);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            alipay.notify-url | https://shop.example.com/alipay/notify?order=1
            alipay.return-url | https://shop.example.com/alipay/return?from=alipay
            """)
    void failsToStartWithACustomQueryParameterInAUrl(String property, String value) {
        assertFailure(property, property + "=" + value);
    }

    @Test
    void failsToStartWithAnUnsupportedCharset() {
        assertFailure("alipay.input-charset", "alipay.input-charset=iso-8859-1");
    }

    @Test
    void failsToStartWithRsaWithoutKeys() {
        FailureAnalysis analysis = analyze("alipay.sign-type=RSA", "alipay.key=");
        assertThat(analysis.getDescription()).containsAnyOf("alipay.private-key", "alipay.alipay-public-key");
    }

    @Test
    void failsToStartWithRsaAndAnUnreadablePrivateKeyWithoutPrintingIt() {
        String secretLooking = "MIIEvQIBADANBgkqhkiG9w0BAQEFAAS-not-a-key";
        FailureAnalysis analysis = analyze("alipay.sign-type=RSA", "alipay.private-key=" + secretLooking,
                "alipay.alipay-public-key=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQ");
        assertThat(analysis.getDescription()).containsAnyOf("alipay.private-key", "alipay.alipay-public-key");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(secretLooking);
    }

    @Test
    void failsToStartWithAnUnknownSignTypeNamingTheProperty() {
        this.contextRunner.withPropertyValues("alipay.sign-type=DSA").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isNotNull();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("alipay.sign-type");
        });
    }

    @Test
    void printsPropertyProblemAndFixWhenTheApplicationFailsToStart(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("alipay.partner", "2088-bad", "alipay.key", KEY));
        org.assertj.core.api.Assertions.assertThatException().isThrownBy(application::run);
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Property: alipay.partner")
            .contains("Problem:")
            .contains("Fix alipay.partner:")
            .doesNotContain(KEY);
    }

    @Test
    void printsEveryWrongValueInOneStartUpFailure(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        application.setDefaultProperties(Map.of("alipay.partner", "2088-bad", "alipay.key", "not-a-key",
                "alipay.input-charset", "latin1", "alipay.notify-url", "https://shop.example.com/alipay/notify?order=1"));
        org.assertj.core.api.Assertions.assertThatException().isThrownBy(application::run);
        assertThat(output).contains("Invalid Alipay configuration (4 problems):")
            .contains("Property: alipay.partner")
            .contains("Property: alipay.key")
            .contains("Property: alipay.input-charset")
            .contains("Property: alipay.notify-url")
            .contains("Fix alipay.partner:")
            .contains("Fix alipay.key:")
            .contains("Fix alipay.input-charset:")
            .contains("Fix alipay.notify-url:")
            .doesNotContain("not-a-key");
    }

    @Test
    void namesAnUnresolvedKeyPlaceholderAndTheVariableToSet(CapturedOutput output) {
        SpringApplication application = new SpringApplication(MinimalApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        // as in the README: alipay.key=${ALIPAY_KEY}, with a variable that is not set
        application.setDefaultProperties(Map.of("alipay.partner", AlipayAutoConfigurationTests.PARTNER,
                "alipay.key", "${ALIPAY_TEST_KEY_THAT_IS_NOT_SET}"));
        org.assertj.core.api.Assertions.assertThatException().isThrownBy(application::run);
        assertThat(output).contains("Property: alipay.key")
            .contains("Problem:  is the unresolved placeholder \"${ALIPAY_TEST_KEY_THAT_IS_NOT_SET}\"")
            .contains("Fix alipay.key: set the environment variable ALIPAY_TEST_KEY_THAT_IS_NOT_SET")
            .doesNotContain("characters long");
    }

    @Test
    void acceptsOtherSpellingsOfCharsetAndSignTypeAndSendsAlipaysOwn() {
        this.contextRunner.withPropertyValues("alipay.input-charset=UTF8", "alipay.sign-type=md5").run((context) -> {
            assertThat(context).hasNotFailed();
            java.util.Map<String, String> sent = context.getBean(io.github.alipaystarter.core.pay.DirectPayService.class)
                .recordAndSign(PaymentRequest.builder("SPELLING-1", "s", Amount.of(new BigDecimal("0.01")))
                        .build()).parameters();
            assertThat(sent).containsEntry("_input_charset", "utf-8").containsEntry("sign_type", "MD5");
        });
    }

    @Test
    void analyzersAreRegisteredInSpringFactories() throws Exception {
        // Only the names: some of Boot's analyzers need constructor arguments that FailureAnalyzers supplies.
        List<String> names = new ArrayList<>();
        Enumeration<URL> files = getClass().getClassLoader().getResources("META-INF/spring.factories");
        while (files.hasMoreElements()) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(files.nextElement()));
            String value = factories.getProperty(FailureAnalyzer.class.getName(), "");
            Arrays.stream(value.split(",")).map(String::trim).forEach(names::add);
        }
        assertThat(names).contains(AlipayConfigFailureAnalyzer.class.getName(),
                PaymentHandlerMissingFailureAnalyzer.class.getName());
    }

    @Test
    void analyzerPrefixesCorePropertyNames() {
        FailureAnalysis analysis = new AlipayConfigFailureAnalyzer()
            .analyze(new IllegalStateException(new AlipayConfigException("notify-url", "has a query", "remove it")));
        assertThat(analysis.getDescription()).contains("Property: alipay.notify-url").contains("Problem:  has a query");
        assertThat(analysis.getAction()).startsWith("Fix alipay.notify-url: remove it");
    }

    private FailureAnalysis assertFailure(String property, String... properties) {
        FailureAnalysis analysis = analyze(properties);
        assertThat(analysis.getDescription()).contains("Property: " + property).contains("Problem:");
        assertThat(analysis.getAction()).contains("Fix " + property + ":");
        assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(KEY);
        return analysis;
    }

    /** Values exactly as given (withPropertyValues would trim the spaces away). */
    private FailureAnalysis analyzeRaw(Map<String, Object> properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        this.contextRunner
            .withInitializer((context) -> context.getEnvironment().getPropertySources()
                .addFirst(new MapPropertySource("raw", properties)))
            .run((context) -> {
                assertThat(context).hasFailed();
                analysis[0] = new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure());
            });
        assertThat(analysis[0]).as("an AlipayConfigException among the causes").isNotNull();
        return analysis[0];
    }

    private FailureAnalysis analyze(String... properties) {
        FailureAnalysis[] analysis = new FailureAnalysis[1];
        this.contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            analysis[0] = new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure());
        });
        assertThat(analysis[0]).as("an AlipayConfigException among the causes").isNotNull();
        return analysis[0];
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(AlipayAutoConfiguration.class)
    static class MinimalApplication {

        @Bean
        PaymentHandler paymentHandler() {
            return (trade) -> { };
        }

    }

}
