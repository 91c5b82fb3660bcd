package io.github.alipaystarter.autoconfigure.gateway;

import org.springframework.web.client.RestClient;

/**
 * Customizes the {@link RestClient} that calls the Alipay gateway (notify_verify, query_timestamp,
 * single_trade_query), after the starter applied Boot's request factory, the timeouts and the SSL bundle:
 * for anything else (an interceptor, a header, observation). Beans of this type are applied in order.
 */
@FunctionalInterface
public interface AlipayGatewayClientCustomizer {

    void customize(RestClient.Builder builder);
}
