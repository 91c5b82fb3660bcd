package io.github.alipaystarter.autoconfigure.antiphishing;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.pay.AntiPhishing;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * {@code alipay.anti-phishing.enabled=true}: an {@link AntiPhishing} customizer, which the
 * {@link io.github.alipaystarter.core.pay.DirectPayService} applies to every request: a fresh anti_phishing_key
 * from query_timestamp and the current HTTP request's client address as exter_invoke_ip.
 */
@AutoConfiguration(before = AlipayAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "alipay.enabled", matchIfMissing = true)
@ConditionalOnClass({ RequestContextHolder.class, jakarta.servlet.http.HttpServletRequest.class })
@EnableConfigurationProperties(AlipayAntiPhishingProperties.class)
public final class AlipayAntiPhishingAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty("alipay.anti-phishing.enabled")
    AntiPhishing alipayAntiPhishing(AlipayGateway gateway) {
        return new AntiPhishing(gateway, new CurrentRequestClientAddress());
    }

}
