package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.gateway.AlipayGateway;
import io.github.alipaystarter.core.gateway.BulkheadAlipayGateway;
import io.github.alipaystarter.core.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.notify.NotificationVerifier;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.payment.InMemoryNotificationJournal;
import io.github.alipaystarter.core.payment.InMemoryPaymentLedger;
import io.github.alipaystarter.core.payment.NotificationJournal;
import io.github.alipaystarter.core.payment.NotificationProcessor;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.PaymentLedger;
import io.github.alipaystarter.core.payment.Reconciler;
import io.github.alipaystarter.core.sign.AlipaySigner;
import java.time.Clock;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
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
    AlipayConfig alipayConfig(AlipayProperties properties) {
        AlipayConfig config = properties.toConfig();
        for (String warning : AlipayConfigWarnings.check(config)) {
            logger.warn(warning);
        }
        return config;
    }

    @Bean
    @ConditionalOnMissingBean
    AlipaySigner alipaySigner(AlipayConfig config) {
        return AlipaySigner.forConfig(config);
    }

    @Bean
    @ConditionalOnMissingBean(AlipayGateway.class)
    HttpAlipayGateway alipayGateway(AlipayConfig config, AlipaySigner signer) {
        return new HttpAlipayGateway(config, signer);
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationVerifier alipayNotificationVerifier(AlipaySigner signer, AlipayGateway gateway,
            AlipayProperties properties) {
        // The bulkhead wraps whichever AlipayGateway is in the context (ours or the application's).
        return new NotificationVerifier(signer, bulkhead(gateway, properties.getMaxConcurrentNotifyVerify()));
    }

    private static AlipayGateway bulkhead(AlipayGateway gateway, int maxConcurrent) {
        if (maxConcurrent < 1) {
            throw new AlipayConfigException("max-concurrent-notify-verify", "must be at least 1, was " + maxConcurrent,
                    "set a number such as 16");
        }
        return (gateway instanceof BulkheadAlipayGateway) ? gateway : new BulkheadAlipayGateway(gateway, maxConcurrent);
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
    DirectPayService alipayDirectPayService(AlipayConfig config, AlipaySigner signer, PaymentLedger ledger) {
        // Records every signed request, so that a notification's amount can be checked against it.
        return new DirectPayService(config, signer, ledger.requestListener());
    }

    @Bean
    @ConditionalOnMissingBean
    NotificationProcessor alipayNotificationProcessor(AlipayConfig config, NotificationVerifier verifier,
            PaymentLedger ledger, NotificationJournal journal, ObjectProvider<PaymentHandler> handlers,
            AlipayProperties properties) {
        return new NotificationProcessor(config, verifier, ledger, journal, singleHandler(handlers),
                properties.getLedger().isAcceptUnknownTrades());
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
