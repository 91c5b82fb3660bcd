package io.github.alipaystarter.autoconfigure.health;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.autoconfigure.AlipayProperties;
import io.github.alipaystarter.autoconfigure.AlipayHealthProperties;
import io.github.alipaystarter.autoconfigure.AlipayPropertiesValidation;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.observe.DeliveryTrouble;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@code alipay} health contributor (see {@link AlipayHealth}) when Spring Boot's health support is on the
 * classpath: spring-boot-health on 4.0, spring-boot-actuator on 3.5, told apart by class name. Turned off
 * with {@code management.health.alipay.enabled=false}.
 */
@AutoConfiguration(after = AlipayAutoConfiguration.class)
@Conditional(AlipayHealthAutoConfiguration.OnHealthSupport.class)
@ConditionalOnBooleanProperty(name = "management.health.alipay.enabled", matchIfMissing = true)
@ConditionalOnBean({ AlipayConfig.class, AlipaySigner.class, PaymentLedger.class, NotificationJournal.class,
        AlipayProperties.class })
public final class AlipayHealthAutoConfiguration {

    /** Feeds the health details; an {@link io.github.alipaystarter.core.observe.AlipayObserver}. */
    @Bean
    @ConditionalOnMissingBean
    DeliveryTrouble alipayDeliveryTrouble(AlipayProperties properties) {
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.health(properties.getHealth()));
        return new DeliveryTrouble(properties.getHealth().getTroubleWindow(), Clock.systemUTC());
    }

    @Bean
    @ConditionalOnMissingBean
    AlipayHealth alipayHealth(AlipayConfig config, AlipaySigner signer, PaymentLedger ledger,
            NotificationJournal journal, DeliveryTrouble trouble, ObjectProvider<AlipayGateway> gateway,
            AlipayProperties properties) {
        AlipayHealthProperties health = properties.getHealth();
        AlipayPropertiesValidation.throwIfAny(AlipayPropertiesValidation.health(health));
        return new AlipayHealth(config, signer, ledger, journal, trouble,
                health.isGatewayCheck() ? gateway.getObject() : null, health.getGatewayTimeout());
    }

    /** Named for the contributor: {@code alipay}. */
    @Bean
    @ConditionalOnMissingBean(name = "alipayHealthIndicator")
    static HealthIndicatorFactoryBean alipayHealthIndicator(ObjectProvider<AlipayHealth> health) {
        ClassLoader classLoader = AlipayHealthAutoConfiguration.class.getClassLoader();
        String healthPackage = isPresent(HealthIndicatorFactoryBean.BOOT_40 + ".HealthIndicator", classLoader)
                ? HealthIndicatorFactoryBean.BOOT_40 : HealthIndicatorFactoryBean.BOOT_35;
        return new HealthIndicatorFactoryBean(health::getObject, healthPackage, classLoader);
    }

    private static boolean isPresent(String className, ClassLoader classLoader) {
        try {
            Class.forName(className, false, classLoader);
            return true;
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    /** Spring Boot 4.0's or 3.5's health types are present. */
    static final class OnHealthSupport extends AnyNestedCondition {

        OnHealthSupport() {
            super(ConfigurationPhase.REGISTER_BEAN);
        }

        @ConditionalOnClass(name = HealthIndicatorFactoryBean.BOOT_40 + ".HealthIndicator")
        static final class Boot40 {

        }

        @ConditionalOnClass(name = HealthIndicatorFactoryBean.BOOT_35 + ".HealthIndicator")
        static final class Boot35 {

        }

    }

}
