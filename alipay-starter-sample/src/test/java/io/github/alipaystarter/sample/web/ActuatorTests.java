package io.github.alipaystarter.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sample.SampleShopApplication;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The shop exposes health, metrics and the alipay endpoint, as application.properties says. */
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "sample.sandbox.time-scale=0.001")
class ActuatorTests {

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void healthShowsTheAlipayComponentUpWithTheJdbcLedger() {
        ApiClient.Response health = api.get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json("$.components.alipay.status", String.class)).isEqualTo("UP");
        assertThat(health.json("$.components.alipay.details.ledger", String.class)).isEqualTo("JdbcPaymentLedger: readable");
        assertThat(health.json("$.components.alipay.details.configuration", String.class)).isEqualTo("valid");
    }

    @Test
    void metricsAndTheAlipayEndpointFollowAPaymentWithoutShowingASecret() {
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "Actuator order", "totalFee", "0.02"));
        String outTradeNo = created.json("$.outTradeNo", String.class);
        SandboxCalls.pay(api, sandbox, URI.create(created.json("$.payUrl", String.class)), outTradeNo);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).anyMatch(NotificationDelivery::success));

        ApiClient.Response requested = api.get("/actuator/metrics/alipay.payments.requested?tag=charset:utf-8");
        assertThat(requested.status()).isEqualTo(200);
        assertThat(requested.json("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1.0);
        ApiClient.Response paid = api.get("/actuator/metrics/alipay.notifications?tag=outcome:PAID");
        assertThat(paid.json("$.measurements[0].value", Double.class)).isGreaterThanOrEqualTo(1.0);
        assertThat(api.get("/actuator/metrics/alipay.gateway.requests?tag=service:notify_verify&tag=result:true")
            .status()).isEqualTo(200);

        ApiClient.Response trade = api.get("/actuator/alipay/" + outTradeNo);
        assertThat(trade.status()).isEqualTo(200);
        assertThat(trade.json("$.ledger.status", String.class)).isEqualTo("PAID");
        assertThat(trade.json("$.ledger.totalFee", String.class)).isEqualTo("0.02");
        List<String> outcomes = trade.json("$.journal.entries[*].outcome", List.class).stream().map(String::valueOf).toList();
        assertThat(outcomes).contains("PAID");
        String key = sandbox.merchant().key();
        String sign = sandbox.deliveries(outTradeNo).get(0).parameters().get("sign");
        assertThat(sign).hasSizeGreaterThan(12);
        assertThat(trade.body()).contains("masked").doesNotContain(key).doesNotContain(sign.substring(6));
        assertThat(api.get("/actuator/alipay").body()).doesNotContain(key);
        assertThat(api.get("/actuator/health").body()).doesNotContain(key);
    }

}
