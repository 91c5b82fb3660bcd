package io.github.alipaystarter.integration.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.integration.security.SecuredShop.RecordingHandler;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.AlipaySandboxExtension;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import io.github.alipaystarter.sandbox.SandboxPayment;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The README's promise: with Spring Security configured as it says, Alipay's notification (a POST without a
 * CSRF token or a session) and the buyer's return reach the starter's endpoints, while the rest of the
 * application stays protected.
 */
@SpringBootTest(classes = SecuredShop.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "alipay.web.result-url=/orders/{outTradeNo}")
class SpringSecurityTests {

    static final String PARTNER = "2088101122136241";

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    @RegisterExtension
    static final AlipaySandboxExtension alipaySandbox = AlipaySandboxExtension
        .withMerchant(SandboxMerchant.md5(PARTNER, KEY))
        .timeScale(0.001)
        .returnNotifyIdValidity(Duration.ofMinutes(1));

    private final HttpClient browser = HttpClient.newHttpClient();

    @Autowired
    Environment environment;

    @Autowired
    DirectPayService alipay;

    @Autowired
    RecordingHandler handler;

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> PARTNER);
        registry.add("alipay.key", () -> KEY);
        registry.add("alipay.gateway-url", () -> alipaySandbox.sandbox().gatewayUrl().toString());
    }

    @Test
    void receivesTheNotificationAndTheReturnThroughSpringSecurity() throws Exception {
        AlipaySandbox sandbox = alipaySandbox.sandbox();
        String no = "S" + System.nanoTime();
        SignedPayment payment = this.alipay.recordAndSign(PaymentRequest
                .builder(no, "Secured order", Amount.of(new BigDecimal("0.01")))
                .notifyUrl(URI.create(base() + "/alipay/notify")).returnUrl(URI.create(base() + "/alipay/return"))
                .build());
        sandbox.createTrade(payment.parameters());

        SandboxPayment paid = sandbox.pay(no);
        HttpResponse<String> afterReturn = this.browser.send(HttpRequest.newBuilder(paid.returnUrl()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<NotificationDelivery> deliveries = sandbox.awaitDeliveries(no, 1, Duration.ofSeconds(20));

        assertThat(afterReturn.statusCode()).isEqualTo(302);
        assertThat(afterReturn.headers().firstValue("Location")).hasValue("/orders/" + no);
        assertThat(deliveries).first().satisfies((delivery) -> {
            assertThat(delivery.httpStatus()).isEqualTo(200);
            assertThat(delivery.success()).isTrue();
        });
        assertThat(this.handler.paid).filteredOn((trade) -> trade.outTradeNo().equals(no)).hasSize(1);
    }

    @Test
    void keepsTheRestOfTheApplicationProtected() throws Exception {
        HttpResponse<String> page = this.browser.send(HttpRequest.newBuilder(URI.create(base() + "/orders/1")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> post = this.browser.send(HttpRequest.newBuilder(URI.create(base() + "/orders"))
            .POST(HttpRequest.BodyPublishers.ofString("a=1"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isIn(401, 403);
        assertThat(post.statusCode()).isIn(401, 403);
    }

    private String base() {
        return "http://127.0.0.1:" + this.environment.getProperty("local.server.port");
    }

}
