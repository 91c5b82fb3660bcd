package io.github.alipaystarter.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.sandbox.AlipaySandbox;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;

/**
 * The {@code live} profile: no sandbox, the real gateway, the merchant's own credentials and public
 * URLs. Nothing is sent to Alipay here: the test only signs a request and reads its URL.
 */
@ActiveProfiles("live")
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "alipay.partner=2088000000000001",
        "alipay.key=0123456789abcdefghijklmnopqrstuv",
        "alipay.notify-url=https://shop.example.com/alipay/notify",
        "alipay.return-url=https://shop.example.com/alipay/return",
        // not the live profile's file database: nothing left behind by the test
        "spring.datasource.url=jdbc:h2:mem:live-profile-test"})
class LiveProfileTests {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void startsNoSandboxAndSignsForTheRealGatewayWithTheMerchantsUrls() {
        assertThat(context.getBeanNamesForType(AlipaySandbox.class)).isEmpty();

        ApiClient.Response created = new ApiClient("http://localhost:" + port)
                .postForm("/api/orders", Map.of("subject", "live", "totalFee", "0.01"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json("$.payUrl", String.class))
                .startsWith("https://mapi.alipay.com/gateway.do?")
                .contains("partner=2088000000000001")
                .contains("notify_url=https%3A%2F%2Fshop.example.com%2Falipay%2Fnotify")
                .doesNotContain("0123456789abcdefghijklmnopqrstuv");
    }
}
