package io.github.alipaystarter.autoconfigure.gateway;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.autoconfigure.AlipayProperties;
import io.github.alipaystarter.autoconfigure.AlipayPropertiesValidation;
import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.protocol.gateway.GatewayTransport;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The Alipay gateway's HTTP client from Spring Boot's HTTP client support: a {@link RestClient} whose request
 * factory comes from the application's {@link ClientHttpRequestFactoryBuilder} bean (Boot's, set by
 * {@code spring.http.client(s).*}, or one the application defines, e.g. with a proxy), else the one Boot
 * detects on the classpath; with the alipay timeouts, no redirects and the SSL bundle named by
 * {@code alipay.ssl-bundle}; then every {@link AlipayGatewayClientCustomizer}. The core's
 * {@link io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway} sends through it
 * ({@link GatewayTransport}); without Spring's web client on the classpath it keeps the JDK's client.
 *
 * <p>Boot's HTTP client auto-configuration moved between 3.5 and 4.0; both names are given as strings.
 */
@AutoConfiguration(before = AlipayAutoConfiguration.class, afterName = {
        "org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.http.client.HttpClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "alipay.enabled", matchIfMissing = true)
@ConditionalOnClass({ RestClient.class, ClientHttpRequestFactoryBuilder.class })
public final class AlipayGatewayClientAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    GatewayTransport alipayGatewayTransport(AlipayConfig config, AlipayProperties properties,
            ObjectProvider<ClientHttpRequestFactoryBuilder<?>> requestFactoryBuilder, ObjectProvider<SslBundles> sslBundles,
            ObjectProvider<AlipayGatewayClientCustomizer> customizers) {
        ClientHttpRequestFactoryBuilder<?> builder = requestFactoryBuilder.getIfAvailable(ClientHttpRequestFactoryBuilder::detect);
        ClientHttpRequestFactory requestFactory = RequestFactorySettings.build(builder, config.connectTimeout(),
                config.readTimeout(), AlipayPropertiesValidation.sslBundle(properties.getSslBundle(), sslBundles));
        RestClient.Builder restClient = RestClient.builder().requestFactory(requestFactory);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(restClient));
        return new RestClientGatewayTransport(restClient.build(), config.gatewayUrl());
    }


}
