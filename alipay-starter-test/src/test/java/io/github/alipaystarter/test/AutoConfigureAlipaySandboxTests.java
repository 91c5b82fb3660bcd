package io.github.alipaystarter.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.shop.ShopApplication;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.sandbox.SandboxRejectedException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * What {@link AutoConfigureAlipaySandbox} sets and what {@link AlipaySandboxTester} does, on the
 * README's shop, with a merchant of the test's own and a property the test sets itself.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "alipay.web.result-url=/paid/{outTradeNo}")
@AutoConfigureAlipaySandbox(partner = "2088101122136241", key = "0123456789abcdefghijklmnopqrstuv")
class AutoConfigureAlipaySandboxTests {

    @Autowired
    AlipaySandboxTester alipay;

    @Autowired
    AlipaySandbox sandbox;

    @Autowired
    DirectPayService payments;

    @Autowired
    Environment environment;

    @LocalServerPort
    int port;

    @Test
    void pointsTheStarterAtTheSandboxAndTheSandboxAtThisApplication() {
        assertThat(environment.getProperty("alipay.gateway-url")).isEqualTo(sandbox.gatewayUrl().toString());
        assertThat(environment.getProperty("alipay.partner")).isEqualTo("2088101122136241");
        assertThat(sandbox.merchant().partner()).isEqualTo("2088101122136241");
        assertThat(environment.getProperty("alipay.notify-url")).isEqualTo("http://127.0.0.1:" + port + "/alipay/notify");
        assertThat(environment.getProperty("alipay.return-url")).isEqualTo("http://127.0.0.1:" + port + "/alipay/return");
        assertThat(alipay.sandbox()).isSameAs(sandbox);
    }

    @Test
    void submitsTheSignedRedirectUrlPaysAndReturnsTheBrowserToTheReturnEndpoint() throws Exception {
        SignedPayment payment = payments.recordAndSign(PaymentRequest
                .builder("T-URL-1", "茶 Tea", Amount.of(new BigDecimal("0.02"))).build());

        alipay.submit(payment.toRedirectUrl().toString());
        NotificationDelivery notification = alipay.pay("T-URL-1");
        HttpResponse<Void> back = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(alipay.returnUrl("T-URL-1")).GET().build(), HttpResponse.BodyHandlers.discarding());

        assertThat(notification.success()).isTrue();
        assertThat(notification.url()).isEqualTo(URI.create("http://127.0.0.1:" + port + "/alipay/notify"));
        assertThat(alipay.trade("T-URL-1").paid()).isTrue();
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/paid/T-URL-1");
    }

    @Test
    void aTamperedFormIsRefusedWithAlipaysCode() {
        String form = payments.recordAndSign(PaymentRequest
                .builder("T-BAD-1", "茶 Tea", Amount.of(new BigDecimal("0.01"))).build()).toHtmlForm()
                .replace("value=\"0.01\"", "value=\"0.02\"");

        assertThatThrownBy(() -> alipay.submit(form)).isInstanceOf(SandboxRejectedException.class)
                .hasMessageContaining("ILLEGAL_SIGN");
        assertThat(alipay.rejections()).anyMatch(r -> r.code().equals("ILLEGAL_SIGN"));
    }

    @Test
    void finishIsNotifiedAndClosingAnUnpaidTradeIsNot() {
        alipay.submit(payments.recordAndSign(PaymentRequest.builder("T-FIN-1", "茶", Amount.of(new BigDecimal("0.01")))
                .build()));
        alipay.pay("T-FIN-1");
        assertThat(alipay.finish("T-FIN-1").parameters()).containsEntry("trade_status", "TRADE_FINISHED");

        alipay.submit(payments.recordAndSign(PaymentRequest.builder("T-CLOSE-1", "茶", Amount.of(new BigDecimal("0.01")))
                .build()));
        assertThat(alipay.close("T-CLOSE-1").status().value()).isEqualTo("TRADE_CLOSED");
        assertThat(alipay.deliveries("T-CLOSE-1")).isEmpty();
    }
}
