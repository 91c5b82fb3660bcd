package io.github.alipaystarter.autoconfigure.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of the
 * {@code alipay.*} meters (see {@link MicrometerAlipayObserver}) when the application has a
 * {@link MeterRegistry} (Spring Boot Actuator, or one of its own).
 *
 * <p>Runs after the auto-configurations that create the registry, named as strings for both Spring Boot
 * lines: {@code org.springframework.boot.micrometer.metrics.autoconfigure} on 4.0,
 * {@code org.springframework.boot.actuate.autoconfigure.metrics} on 3.5.
 */
@AutoConfiguration(afterName = { AlipayMetricsAutoConfiguration.BOOT_40_METRICS,
        AlipayMetricsAutoConfiguration.BOOT_40_COMPOSITE, AlipayMetricsAutoConfiguration.BOOT_35_METRICS,
        AlipayMetricsAutoConfiguration.BOOT_35_COMPOSITE })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "alipay.enabled", matchIfMissing = true)
public final class AlipayMetricsAutoConfiguration {

    static final String BOOT_40_METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration";

    static final String BOOT_40_COMPOSITE = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration";

    static final String BOOT_35_METRICS = "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration";

    static final String BOOT_35_COMPOSITE = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration";

    @Bean
    @ConditionalOnMissingBean
    MicrometerAlipayObserver alipayMetricsObserver(MeterRegistry registry) {
        return new MicrometerAlipayObserver(registry);
    }

}
