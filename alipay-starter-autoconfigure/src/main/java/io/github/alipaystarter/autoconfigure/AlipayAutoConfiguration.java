package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.BulkheadAlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayTransport;
import io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.engine.NotificationVerifier;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.pay.PaymentRequestListener;
import io.github.alipaystarter.core.pay.DirectPayCustomizer;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.engine.Reconciler;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcProperties;
import io.github.alipaystarter.autoconfigure.observe.ObservedGatewayPostProcessor;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.autoconfigure.info.ConditionalOnEnabledInfoContributor;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for
 * Alipay's create_direct_pay_by_user: the configuration, signer, gateway client, payment builder
 * ({@link DirectPayService}), notification processor, ledger, journal and reconciler. Every bean backs
 * off when the application defines one of the same type.
 *
 * <p>Runs after the JDBC auto-configuration so that, with a {@code DataSource}, the JDBC ledger and
 * journal win over the in-memory fallbacks defined here.
 */
@AutoConfiguration(afterName = AlipayAutoConfiguration.JDBC_AUTO_CONFIGURATION)
@ConditionalOnBooleanProperty(name = "alipay.enabled", matchIfMissing = true)
@EnableConfigurationProperties(AlipayProperties.class)
public final class AlipayAutoConfiguration {

    static final String JDBC_AUTO_CONFIGURATION = "io.github.alipaystarter.autoconfigure.jdbc.AlipayJdbcAutoConfiguration";

    /** Capacity of the in-memory journal: the newest deliveries are kept. */
    static final int IN_MEMORY_JOURNAL_CAPACITY = 1000;

    private static final Log logger = LogFactory.getLog(AlipayAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    AlipayConfig alipayConfig(AlipayProperties properties, ObjectProvider<AlipayJdbcProperties> jdbcProperties,
            ConfigurableListableBeanFactory beanFactory) {
        // Core's problems and those of the Spring-side properties, in one start-up failure
        AlipayConfig config = AlipayPropertiesValidation.buildConfig(properties, jdbcProperties.getIfAvailable(),
                beanFactory);
        for (String warning : AlipayPropertiesValidation.warnings(config)) {
            logger.warn(warning);
        }
        return config;
    }

    /** Every gateway call reaches the {@link AlipayObserver} beans (metrics, health), when there are any. */
    @Bean
    static ObservedGatewayPostProcessor alipayObservedGatewayPostProcessor(ObjectProvider<AlipayObserver> observers) {
        return new ObservedGatewayPostProcessor(observers);
    }

    @Bean
    @ConditionalOnMissingBean
    AlipaySigner alipaySigner(AlipayConfig config) {
        return AlipaySigner.forConfig(config);
    }

    @Bean
    @ConditionalOnMissingBean(AlipayGateway.class)
    HttpAlipayGateway alipayGateway(AlipayConfig config, AlipaySigner signer,
            ObjectProvider<GatewayTransport> transport) {
        // Boot's HTTP client support when present (AlipayGatewayClientAutoConfiguration), else the JDK's client
        return new HttpAlipayGateway(config, signer, transport.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationVerifier alipayNotificationVerifier(AlipaySigner signer, AlipayGateway gateway,
            AlipayProperties properties) {
        // The bulkhead wraps whichever AlipayGateway is in the context (ours or the application's).
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.notifyVerify(properties));
        return new NotificationVerifier(signer, bulkhead(gateway, properties));
    }

    private static AlipayGateway bulkhead(AlipayGateway gateway, AlipayProperties properties) {
        return (gateway instanceof BulkheadAlipayGateway) ? gateway : new BulkheadAlipayGateway(gateway,
                properties.getMaxConcurrentNotifyVerify(),
                Objects.requireNonNullElse(properties.getNotifyVerifyMaxWait(), Duration.ZERO));
    }

    @Bean
    @ConditionalOnMissingBean(PaymentLedger.class)
    InMemoryPaymentLedger alipayPaymentLedger() {
        logger.warn("Alipay payments are recorded in memory (no DataSource): the guarantee that onPaid runs "
                + "once per trade holds for this one process only, and is lost on restart. Add a DataSource "
                + "(spring-boot-starter-jdbc) for the JDBC ledger, or define a PaymentLedger bean.");
        return new InMemoryPaymentLedger();
    }

    @Bean
    @ConditionalOnMissingBean(NotificationJournal.class)
    InMemoryNotificationJournal alipayNotificationJournal() {
        return new InMemoryNotificationJournal(IN_MEMORY_JOURNAL_CAPACITY);
    }

    @Bean
    @ConditionalOnMissingBean
    DirectPayService alipayDirectPayService(AlipayConfig config, AlipaySigner signer, PaymentLedger ledger,
            ObjectProvider<AlipayObserver> observers, ObjectProvider<DirectPayCustomizer> customizers) {
        // Records every signed request, so that a notification's amount can be checked against it; the
        // observers hear of it only once the ledger has accepted it.
        PaymentRequestListener recording = ledger.requestListener();
        AlipayObserver observer = AlipayObserver.of(observers.orderedStream().toList());
        List<DirectPayCustomizer> ordered = customizers.orderedStream().toList();
        return new DirectPayService(config, signer, (observer == AlipayObserver.NONE) ? recording : (payment) -> {
            recording.onRequest(payment);
            observer.paymentRequested(payment);
        }, (request) -> {
            PaymentRequest customized = request;
            for (DirectPayCustomizer customizer : ordered) {
                customized = customizer.customize(customized);
            }
            return customized;
        });
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationProcessor alipayNotificationProcessor(AlipayConfig config, NotificationVerifier verifier,
            PaymentLedger ledger, NotificationJournal journal, ObjectProvider<PaymentHandler> handlers,
            AlipayProperties properties, ObjectProvider<AlipayObserver> observers) {
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.processor(properties));
        int rejectedPerMinute = properties.getJournal().getRejectedPerMinute();
        return NotificationProcessor.builder().config(config).verifier(verifier).ledger(ledger).journal(journal)
                .handler(singleHandler(handlers)).acceptUnknownTrades(properties.getLedger().isAcceptUnknownTrades())
                .rejectedPerMinute(rejectedPerMinute).settledTradesRemembered(properties.getDuplicateCacheSize())
                .observer(AlipayObserver.of(observers.orderedStream().toList()))
                .build();
    }

    private static PaymentHandler singleHandler(ObjectProvider<PaymentHandler> handlers) {
        PaymentHandler handler = handlers.getIfUnique();
        if (handler != null) {
            return handler;
        }
        List<String> found = handlers.stream().map((h) -> h.getClass().getName()).toList();
        throw new PaymentHandlerMissingException(found);
    }

    @Bean
    @ConditionalOnMissingBean
    Reconciler alipayReconciler(AlipayGateway gateway, NotificationProcessor processor, PaymentLedger ledger) {
        return new Reconciler(gateway, processor, ledger, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("alipay.reconciliation.enabled")
    AlipayReconciliationRunner alipayReconciliationRunner(Reconciler reconciler, AlipayProperties properties) {
        return new AlipayReconciliationRunner(reconciler, properties.getReconciliation());
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(InfoContributor.class)
    static class AlipayInfoConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnEnabledInfoContributor("alipay")
        AlipayInfoContributor alipayInfoContributor(AlipayConfig config, PaymentLedger ledger,
                NotificationJournal journal) {
            return new AlipayInfoContributor(config, ledger, journal);
        }

    }

}
