package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.AntiPhishingException;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.AlipaySandboxExtension;
import io.github.alipaystarter.sandbox.SandboxFault;
import io.github.alipaystarter.sandbox.SandboxMerchant;
import io.github.alipaystarter.sandbox.SandboxRejection;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code alipay.anti-phishing.enabled=true} against the sandbox with anti-phishing on for the merchant: the
 * sandbox then requires, on the buyer's own call to the gateway, an anti_phishing_key it issued through
 * query_timestamp and an exter_invoke_ip equal to the address the call comes from. The application builds
 * the payment inside the buyer's HTTP request (the shop's pay endpoint below); the test is the buyer, on
 * 127.0.0.1. With {@code server.forward-headers-strategy=framework}, as behind a proxy, the address is the
 * forwarded one. No assertion on the key's shape: it is sent as the gateway issued it.
 */
@SpringBootTest(classes = AntiPhishingSandboxIntegrationTests.Shop.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "alipay.anti-phishing.enabled=true", "server.forward-headers-strategy=framework" })
class AntiPhishingSandboxIntegrationTests {

    @RegisterExtension
    static final AlipaySandboxExtension alipaySandbox = AlipaySandboxExtension
        .withMerchant(SandboxMerchant.md5(TestNotifications.PARTNER, TestNotifications.KEY).antiPhishing(true))
        .timeScale(0.001);

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", () -> alipaySandbox.sandbox().gatewayUrl().toString());
    }

    private final HttpClient browser = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    DirectPayService alipay;

    @Autowired
    PaymentLedger ledger;

    @AfterEach
    void heal() {
        sandbox().gatewayFault(SandboxFault.NONE);
    }

    @Test
    void thePaymentRequestCarriesAFreshKeyAndTheBuyersAddressAndTheGatewayTakesIt() throws Exception {
        String no = TestNotifications.newOutTradeNo();

        HttpResponse<String> pay = shop(no, null);
        assertThat(pay.statusCode()).as(pay.body()).isEqualTo(200);
        Map<String, String> sent = query(URI.create(pay.body()));
        assertThat(sent.get("anti_phishing_key")).isNotBlank();
        assertThat(sent).containsEntry("exter_invoke_ip", "127.0.0.1");

        HttpResponse<String> cashier = get(URI.create(pay.body()));
        assertThat(rejections(no)).isEmpty();
        assertThat(cashier.statusCode()).as(cashier.body()).isEqualTo(200);
        assertThat(sandbox().hasTrade(no)).isTrue();
    }

    @Test
    void aKeyTheGatewayNoLongerAcceptsIsRefusedAndTheNextRequestGetsAFreshOne() throws Exception {
        String no = TestNotifications.newOutTradeNo();
        URI first = URI.create(shop(no, null).body());

        // The key expires before the buyer's browser reaches the gateway (here: the sandbox forgets every key
        // it issued, so the outcome does not depend on how long keys live).
        sandbox().reset();
        get(first);
        assertThat(rejections(no)).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("ILLEGAL_ANTI_PHISHING_KEY");
            assertThat(r.parameter()).isEqualTo("anti_phishing_key");
        });
        assertThat(sandbox().hasTrade(no)).isFalse();

        // The shop builds the request again (same out_trade_no and amount: allowed), with a new key.
        URI second = URI.create(shop(no, null).body());
        assertThat(query(second).get("anti_phishing_key")).isNotEqualTo(query(first).get("anti_phishing_key"));
        HttpResponse<String> cashier = get(second);
        assertThat(cashier.statusCode()).as(cashier.body()).isEqualTo(200);
        assertThat(rejections(no)).hasSize(1);
        assertThat(sandbox().hasTrade(no)).isTrue();
    }

    @Test
    void behindAProxyTheForwardedAddressIsSentAndTheGatewayComparesItWithTheBrowsers() throws Exception {
        String no = TestNotifications.newOutTradeNo();

        HttpResponse<String> pay = shop(no, "203.0.113.9");
        assertThat(query(URI.create(pay.body()))).containsEntry("exter_invoke_ip", "203.0.113.9");

        // this "browser" is on 127.0.0.1, not on the forwarded address: the gateway refuses, as Alipay would
        get(URI.create(pay.body()));
        assertThat(rejections(no)).singleElement()
            .satisfies(r -> assertThat(r.code()).isEqualTo("ILLEGAL_EXTER_INVOKE_IP"));
    }

    @Test
    void withoutAnHttpRequestThereIsNoBuyerAddressAndAClearError() {
        PaymentRequest request = PaymentRequest.builder(TestNotifications.newOutTradeNo(), "防钓鱼",
                Amount.of(new BigDecimal("0.01"))).build();
        assertThatThrownBy(() -> this.alipay.recordAndSign(request))
            .isInstanceOfSatisfying(AntiPhishingException.class,
                    e -> assertThat(e.reason()).isEqualTo(AntiPhishingException.Reason.NO_CLIENT_ADDRESS))
            .hasMessageContaining("alipay.anti-phishing.enabled").hasMessageContaining("no HTTP request");
    }

    @Test
    void anIpv6BuyerGetsAClearErrorAndNothingIsRecorded() throws Exception {
        String no = TestNotifications.newOutTradeNo();

        HttpResponse<String> pay = shop(no, "2001:db8::7");

        assertThat(pay.statusCode()).isEqualTo(503);
        assertThat(pay.body()).contains("NOT_IPV4").contains("2001:db8::7").contains("IPv4");
        assertThat(this.ledger.find(no)).isEmpty();
    }

    @Test
    void whenTheGatewayIsDownThereIsAClearErrorAndNothingIsRecorded() throws Exception {
        String no = TestNotifications.newOutTradeNo();
        sandbox().gatewayFault(SandboxFault.HTTP_500);

        HttpResponse<String> pay = shop(no, null);

        assertThat(pay.statusCode()).isEqualTo(503);
        assertThat(pay.body()).contains("NO_ANTI_PHISHING_KEY").contains("query_timestamp");
        assertThat(this.ledger.find(no)).isEmpty();
    }

    private AlipaySandbox sandbox() {
        return alipaySandbox.sandbox();
    }

    private List<SandboxRejection> rejections(String no) {
        return sandbox().rejections().stream().filter(r -> no.equals(r.parameters().get("out_trade_no"))).toList();
    }

    /** The shop's pay endpoint, as the buyer's browser calls it (optionally through a proxy). */
    private HttpResponse<String> shop(String no, String forwardedFor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + this.port + "/pay?no=" + no)).GET();
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        return this.browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return this.browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            parameters.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return parameters;
    }

    @Configuration(proxyBeanMethods = false)
    @Import(EndpointTestApplication.class)
    static class Shop {

        @Bean
        PayController payController(DirectPayService alipay) {
            return new PayController(alipay);
        }

    }

    /** A shop's pay endpoint: builds the signed request inside the buyer's request, answers its URL. */
    @RestController
    static class PayController {

        private final DirectPayService alipay;

        PayController(DirectPayService alipay) {
            this.alipay = alipay;
        }

        @GetMapping("/pay")
        String pay(@RequestParam String no) {
            return this.alipay.recordAndSign(PaymentRequest.builder(no, "防钓鱼", Amount.of(new BigDecimal("0.01")))
                    .build()).toRedirectUrl().toString();
        }

        @ExceptionHandler(AntiPhishingException.class)
        ResponseEntity<String> antiPhishing(AntiPhishingException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(e.reason() + ": " + e.getMessage());
        }

    }

}
