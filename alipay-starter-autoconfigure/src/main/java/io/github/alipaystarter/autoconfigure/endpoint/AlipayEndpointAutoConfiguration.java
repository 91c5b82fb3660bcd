package io.github.alipaystarter.autoconfigure.endpoint;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.autoconfigure.AlipayProperties;
import io.github.alipaystarter.autoconfigure.AlipayPropertiesValidation;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.time.Clock;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@code alipay} actuator endpoint ({@link AlipayEndpoint}), with Spring Boot Actuator on the classpath and
 * the endpoint available ({@code management.endpoints.web.exposure.include=alipay} for HTTP).
 */
@AutoConfiguration(after = AlipayAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
public final class AlipayEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnAvailableEndpoint
    @ConditionalOnBean({ PaymentLedger.class, NotificationJournal.class, AlipayProperties.class })
    AlipayEndpoint alipayEndpoint(PaymentLedger ledger, NotificationJournal journal, AlipayProperties properties) {
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.reconciliationAge(properties.getReconciliation()));
        return new AlipayEndpoint(ledger, journal, properties.getReconciliation().getOlderThan(), Clock.systemUTC());
    }

}
