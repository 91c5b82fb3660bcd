package io.github.alipaystarter.autoconfigure.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayTransport;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import java.net.ProxySelector;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.RestClient;

/**
 * The gateway client built from Spring Boot's HTTP client support, against the sandbox: through a proxy
 * configured the Boot way (an application {@link ClientHttpRequestFactoryBuilder} bean), with a customizer,
 * and with the failures a user can make.
 */
class AlipayGatewayClientAutoConfigurationTests {

    private static final String PARTNER = "2088101122136241";
    private static final String KEY = "760bdzec6y9goq7ctyx96ezkz78287de";

    private static AlipaySandbox sandbox;

    private TinyHttpProxy proxy;

    private ApplicationContextRunner runner;

    @BeforeAll
    static void startSandbox() {
        sandbox = AlipaySandbox.builder().merchant(SandboxMerchant.md5(PARTNER, KEY)).timeScale(0.001).start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void startProxy() throws Exception {
        this.proxy = new TinyHttpProxy();
        this.runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AlipayGatewayClientAutoConfiguration.class, AlipayAutoConfiguration.class))
            .withPropertyValues("alipay.partner=" + PARTNER, "alipay.key=" + KEY,
                    "alipay.gateway-url=" + sandbox.gatewayUrl())
            .withBean(PaymentHandler.class, () -> (trade) -> { });
    }

    @AfterEach
    void stopProxy() {
        this.proxy.close();
    }

    @Test
    void theGatewayIsCalledThroughTheProxyOfTheApplicationsRequestFactoryBuilder() {
        this.runner
            .withBean(ClientHttpRequestFactoryBuilder.class, () -> ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer((client) -> client.proxy(ProxySelector.of(this.proxy.address()))))
            .run((context) -> {
                assertThat(context).hasSingleBean(GatewayTransport.class);
                String key = context.getBean(AlipayGateway.class).queryTimestamp();

                assertThat(key).isNotBlank();
                assertThat(this.proxy.forwarded()).singleElement().satisfies((request) -> {
                    assertThat(request.uri().getPort()).isEqualTo(sandbox.port());
                    assertThat(request.uri().getPath()).isEqualTo("/gateway.do");
                    assertThat(request.uri().getQuery()).contains("service=query_timestamp", "partner=" + PARTNER);
                });
            });
    }

    @Test
    void withoutAProxyTheGatewayIsCalledDirectly() {
        this.runner.run((context) -> {
            assertThat(context.getBean(AlipayGateway.class).queryTimestamp()).isNotBlank();
            assertThat(this.proxy.forwarded()).isEmpty();
        });
    }

    @Test
    void customizersShapeTheRestClient() {
        this.runner
            .withBean(ClientHttpRequestFactoryBuilder.class, () -> ClientHttpRequestFactoryBuilder.jdk()
                .withHttpClientCustomizer((client) -> client.proxy(ProxySelector.of(this.proxy.address()))))
            .withBean(AlipayGatewayClientCustomizer.class,
                    () -> (builder) -> builder.defaultHeader("X-Shop", "shop-7"))
            .run((context) -> {
                context.getBean(AlipayGateway.class).queryTimestamp();
                assertThat(this.proxy.forwarded()).singleElement()
                    .satisfies((request) -> assertThat(request.shopHeader()).isEqualTo("shop-7"));
            });
    }

    @Test
    void anUnreachableGatewayIsUnavailableWithoutTheSignatureInTheMessage() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        this.runner.withPropertyValues("alipay.gateway-url=http://127.0.0.1:" + closedPort + "/gateway.do")
            .run((context) -> assertThatThrownBy(() -> context.getBean(AlipayGateway.class).singleTradeQuery("T-1"))
                .isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("single_trade_query")
                .hasMessageContaining("127.0.0.1:" + closedPort + "/gateway.do")
                .hasMessageNotContaining("sign"));
    }

    @Test
    void anSslBundleThatDoesNotExistStopsStartUp() {
        this.runner.withPropertyValues("alipay.ssl-bundle=gateway-ca").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(AlipayConfigException.class)
                .hasMessageContaining("ssl-bundle").hasMessageContaining("gateway-ca");
        });
    }

    @Test
    void withoutSpringsWebClientTheCoreKeepsItsOwnClient() {
        this.runner.withClassLoader(new FilteredClassLoader(RestClient.class))
            .run((context) -> {
                assertThat(context).doesNotHaveBean(GatewayTransport.class);
                assertThat(context.getBean(AlipayGateway.class).queryTimestamp()).isNotBlank();
            });
    }

}
