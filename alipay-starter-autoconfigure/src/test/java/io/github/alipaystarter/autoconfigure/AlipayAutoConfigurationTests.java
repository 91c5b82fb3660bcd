package io.github.alipaystarter.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.engine.NotificationVerifier;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.engine.Reconciler;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Answers;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

@ExtendWith(OutputCaptureExtension.class)
class AlipayAutoConfigurationTests {

    static final String PARTNER = "2088101122136241";

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY,
                "alipay.notify-url=https://shop.example.com/alipay/notify",
                "alipay.return-url=https://shop.example.com/alipay/return")
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void providesEveryBeanWithAValidConfiguration() {
        this.contextRunner.run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(AlipayProperties.class);
            assertThat(context).hasSingleBean(AlipayConfig.class);
            assertThat(context).hasSingleBean(AlipaySigner.class);
            assertThat(context).hasSingleBean(HttpAlipayGateway.class);
            assertThat(context).hasSingleBean(NotificationVerifier.class);
            assertThat(context).hasSingleBean(InMemoryPaymentLedger.class);
            assertThat(context).hasSingleBean(InMemoryNotificationJournal.class);
            assertThat(context).hasSingleBean(DirectPayService.class);
            assertThat(context).hasSingleBean(NotificationProcessor.class);
            assertThat(context).hasSingleBean(Reconciler.class);
            assertThat(context).doesNotHaveBean(AlipayReconciliationRunner.class);
        });
    }

    @Test
    void mapsPropertiesOntoTheCoreConfiguration() {
        this.contextRunner
            .withPropertyValues("alipay.input-charset=GBK", "alipay.seller=seller@example.com",
                    "alipay.connect-timeout=2s", "alipay.read-timeout=7s",
                    "alipay.show-url=https://shop.example.com/goods")
            .run((context) -> {
                AlipayConfig config = context.getBean(AlipayConfig.class);
                assertThat(config.partner()).isEqualTo(PARTNER);
                assertThat(config.key()).isEqualTo(KEY);
                assertThat(config.signType()).isEqualTo(SignType.MD5);
                assertThat(config.inputCharset()).isEqualTo(Charset.forName("GBK"));
                assertThat(config.seller()).isEqualTo("seller@example.com");
                assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(config.readTimeout()).isEqualTo(Duration.ofSeconds(7));
                assertThat(config.gatewayUrl()).hasToString("https://mapi.alipay.com/gateway.do");
                assertThat(config.notifyUrl()).hasToString("https://shop.example.com/alipay/notify");
                assertThat(config.showUrl()).hasToString("https://shop.example.com/goods");
            });
    }

    @Test
    void sellerDefaultsToThePartner() {
        this.contextRunner.run((context) -> assertThat(context.getBean(AlipayConfig.class).seller()).isEqualTo(PARTNER));
    }

    @Test
    void configurationBacksOffForAUserConfig() {
        AlipayConfig own = AlipayConfig.builder().partner("2088000000000001").key(KEY).build();
        this.contextRunner.withPropertyValues("alipay.partner=not-a-partner")
            .withBean(AlipayConfig.class, () -> own)
            .run((context) -> assertThat(context.getBean(AlipayConfig.class)).isSameAs(own));
    }

    @Test
    void signerBacksOffForAUserSigner() {
        AlipaySigner own = new AlipaySigner(new Md5Signer("vutsrqponmlkjihgfedcba9876543210"), StandardCharsets.UTF_8);
        this.contextRunner.withBean(AlipaySigner.class, () -> own)
            .run((context) -> assertThat(context.getBean(AlipaySigner.class)).isSameAs(own));
    }

    @Test
    void gatewayBacksOffForAUserGateway() {
        AlipayGateway own = mock(AlipayGateway.class);
        this.contextRunner.withBean(AlipayGateway.class, () -> own).run((context) -> {
            assertThat(context).doesNotHaveBean(HttpAlipayGateway.class);
            assertThat(context.getBean(AlipayGateway.class)).isSameAs(own);
        });
    }

    @Test
    void verifierBacksOffForAUserVerifier() {
        this.contextRunner.withUserConfiguration(OwnVerifierConfiguration.class)
            .run((context) -> assertThat(context).getBean(NotificationVerifier.class)
                .isSameAs(context.getBean("ownVerifier")));
    }

    @Test
    void ledgerBacksOffForAUserLedgerWithoutTheInMemoryWarning(CapturedOutput output) {
        // Real default methods (requestListener), nothing else.
        PaymentLedger own = mock(PaymentLedger.class, Mockito.withSettings().defaultAnswer(Answers.CALLS_REAL_METHODS));
        this.contextRunner.withBean(PaymentLedger.class, () -> own).run((context) -> {
            assertThat(context).doesNotHaveBean(InMemoryPaymentLedger.class);
            assertThat(context.getBean(PaymentLedger.class)).isSameAs(own);
        });
        assertThat(output).doesNotContain("recorded in memory");
    }

    @Test
    void warnsThatTheInMemoryLedgerProtectsOneProcessOnly(CapturedOutput output) {
        this.contextRunner.run((context) -> assertThat(context).hasSingleBean(InMemoryPaymentLedger.class));
        assertThat(output).contains("recorded in memory").contains("one process only").doesNotContain(KEY);
    }

    @Test
    void refusesANegativeRejectedDeliveriesBudget() {
        this.contextRunner.withPropertyValues("alipay.journal.rejected-per-minute=-1").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("journal.rejected-per-minute");
        });
    }

    @Test
    void journalBacksOffForAUserJournal() {
        this.contextRunner.withBean(NotificationJournal.class, () -> NotificationJournal.NONE).run((context) -> {
            assertThat(context).doesNotHaveBean(InMemoryNotificationJournal.class);
            assertThat(context.getBean(NotificationJournal.class)).isSameAs(NotificationJournal.NONE);
        });
    }

    @Test
    void paymentServiceBacksOffForAUserService() {
        this.contextRunner.withUserConfiguration(OwnDirectPayServiceConfiguration.class)
            .run((context) -> assertThat(context).getBean(DirectPayService.class)
                .isSameAs(context.getBean("ownDirectPayService")));
    }

    @Test
    void processorBacksOffForAUserProcessorAndThenNeedsNoHandler() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY)
            .withUserConfiguration(OwnProcessorConfiguration.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).getBean(NotificationProcessor.class)
                    .isSameAs(context.getBean("ownProcessor"));
            });
    }

    @Test
    void reconcilerBacksOffForAUserReconciler() {
        this.contextRunner.withUserConfiguration(OwnReconcilerConfiguration.class)
            .run((context) -> assertThat(context).getBean(Reconciler.class).isSameAs(context.getBean("ownReconciler")));
    }

    @Test
    void paymentServiceRecordsEachRequestedTradeInTheLedger() {
        this.contextRunner.run((context) -> {
            DirectPayService alipay = context.getBean(DirectPayService.class);
            SignedPayment payment = alipay.recordAndSign(PaymentRequest
                    .builder("A-1", "茶叶", Amount.of(new BigDecimal("12.30"))).build());

            assertThat(payment.parameters()).containsEntry("out_trade_no", "A-1");
            assertThat(context.getBean(PaymentLedger.class).find("A-1")).hasValueSatisfying((entry) -> {
                assertThat(entry.totalFee()).isEqualByComparingTo(new BigDecimal("12.30"));
                assertThat(entry.status()).isEqualTo(LedgerStatus.UNPAID);
            });
        });
    }

    @Test
    void failsToStartWithoutAPaymentHandler() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY)
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new PaymentHandlerMissingFailureAnalyzer()
                    .analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("PaymentHandler");
                assertThat(analysis.getAction()).contains("implements PaymentHandler")
                    .contains("alipay.enabled=false");
            });
    }

    @Test
    void failsToStartWithTwoPaymentHandlersAndNamesThem() {
        this.contextRunner.withUserConfiguration(TwoHandlersConfiguration.class).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new PaymentHandlerMissingFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("found 3");
            assertThat(analysis.getAction()).contains("@Primary");
        });
    }

    @Test
    void usesThePrimaryOfSeveralPaymentHandlers() {
        this.contextRunner.withUserConfiguration(PrimaryHandlerConfiguration.class)
            .run((context) -> assertThat(context).hasNotFailed());
    }

    @Test
    void disabledByPropertyDefinesNothing() {
        this.contextRunner.withPropertyValues("alipay.enabled=false", "alipay.partner=bad").run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AlipayProperties.class);
            assertThat(context).doesNotHaveBean(AlipayConfig.class);
            assertThat(context).doesNotHaveBean(DirectPayService.class);
            assertThat(context).doesNotHaveBean(NotificationProcessor.class);
            assertThat(context).doesNotHaveBean(PaymentLedger.class);
        });
    }

    @Test
    void runsReconciliationOnlyWhenEnabled() {
        this.contextRunner
            .withPropertyValues("alipay.reconciliation.enabled=true", "alipay.reconciliation.interval=1h",
                    "alipay.reconciliation.batch-size=7")
            .run((context) -> {
                assertThat(context).hasSingleBean(AlipayReconciliationRunner.class);
                assertThat(context.getBean(AlipayReconciliationRunner.class).isRunning()).isTrue();
            });
    }

    @Test
    void failsToStartWithANonPositiveReconciliationInterval() {
        this.contextRunner.withPropertyValues("alipay.reconciliation.enabled=true", "alipay.reconciliation.interval=0s")
            .run((context) -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis.getDescription()).contains("alipay.reconciliation.interval");
            });
    }

    @Test
    void failsToStartWhenTheGatewayUsesHttpOffThisMachine() {
        this.contextRunner.withPropertyValues("alipay.gateway-url=http://mapi.alipay.com/gateway.do").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new AlipayConfigFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("alipay.gateway-url").contains("uses http");
            assertThat(analysis.getAction()).contains("https");
        });
    }

    @Test
    void contributesToTheInfoEndpointWithoutASecret() {
        this.contextRunner.withPropertyValues("alipay.input-charset=gbk").run((context) -> {
            Info.Builder builder = new Info.Builder();
            context.getBean(AlipayInfoContributor.class).contribute(builder);
            Info info = builder.build();
            assertThat(info.getDetails()).containsKey("alipay");
            @SuppressWarnings("unchecked")
            Map<String, Object> alipay = (Map<String, Object>) info.get("alipay");
            assertThat(alipay).containsEntry("partner", PARTNER)
                .containsEntry("inputCharset", "gbk")
                .containsEntry("realGateway", true)
                .containsEntry("ledger", "InMemoryPaymentLedger");
            assertThat(alipay.toString()).doesNotContain(KEY);
        });
    }

    @Test
    void infoContributorCanBeSwitchedOff() {
        this.contextRunner.withPropertyValues("management.info.alipay.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(AlipayInfoContributor.class));
    }

    @Test
    void infoContributorNeedsTheActuator() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(InfoContributor.class)).run((context) -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AlipayInfoContributor.class);
        });
    }

    @Test
    void propertiesToStringMasksTheSecrets() {
        AlipayProperties properties = new AlipayProperties();
        properties.setKey(KEY);
        properties.setPrivateKey("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
        assertThat(properties.toString()).doesNotContain(KEY).doesNotContain("MIIEvQ").contains("******");
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnVerifierConfiguration {

        @Bean
        NotificationVerifier ownVerifier(AlipaySigner signer, AlipayGateway gateway) {
            return new NotificationVerifier(signer, gateway);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnDirectPayServiceConfiguration {

        @Bean
        DirectPayService ownDirectPayService(AlipayConfig config, AlipaySigner signer) {
            return new DirectPayService(config, signer, io.github.alipaystarter.core.pay.PaymentRequestListener.NONE);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProcessorConfiguration {

        @Bean
        NotificationProcessor ownProcessor(AlipayConfig config, NotificationVerifier verifier, PaymentLedger ledger) {
            return new NotificationProcessor(config, verifier, ledger, NotificationJournal.NONE, (trade) -> { }, false);
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class OwnReconcilerConfiguration {

        @Bean
        Reconciler ownReconciler(AlipayGateway gateway, NotificationProcessor processor, PaymentLedger ledger) {
            return new Reconciler(gateway, processor, ledger, java.time.Clock.systemUTC());
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class TwoHandlersConfiguration {

        @Bean
        PaymentHandler firstHandler() {
            return (trade) -> { };
        }

        @Bean
        PaymentHandler secondHandler() {
            return (trade) -> { };
        }

    }

    @Configuration(proxyBeanMethods = false)
    static class PrimaryHandlerConfiguration {

        @Bean
        @Primary
        PaymentHandler primaryHandler() {
            return (trade) -> { };
        }

    }

}
