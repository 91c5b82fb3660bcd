package io.github.alipaystarter.sample.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sample.SampleShopApplication;
import io.github.alipaystarter.core.payment.TradeRefunded;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import io.github.alipaystarter.sample.order.Order;
import io.github.alipaystarter.sample.order.OrderPayments;
import io.github.alipaystarter.sample.order.Orders;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.sandbox.SandboxBuyer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The JSON API over real HTTP, paid through the sandbox's programmatic API. */
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        // notify-closed-trades: the merchant turned on 交易关闭通知, so the full refund is notified
        properties = {"sample.sandbox.time-scale=0.001", "sample.sandbox.notify-closed-trades=true"})
class OrderApiTests {

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    @Autowired
    Orders orders;

    @Autowired
    OrderPayments payments;

    @Autowired
    JdbcClient jdbc;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @Test
    void createAnswersTheOrderNumberAmountAndSignedGatewayUrl() {
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "API order", "totalFee", "0.01"));

        assertThat(created.status()).isEqualTo(201);
        String outTradeNo = created.json("$.outTradeNo", String.class);
        assertThat(outTradeNo).matches("\\d{24}");
        assertThat(created.json("$.totalFee", Double.class)).isEqualTo(0.01);
        String payUrl = created.json("$.payUrl", String.class);
        assertThat(payUrl).startsWith(String.valueOf(sandbox.gatewayUrl()))
                .contains("service=create_direct_pay_by_user")
                .contains("out_trade_no=" + outTradeNo)
                .contains("total_fee=0.01")
                .contains("sign=");

        ApiClient.Response order = api.get("/api/orders/" + outTradeNo);
        assertThat(order.status()).isEqualTo(200);
        assertThat(order.json("$.status", String.class)).isEqualTo("UNPAID");
        assertThat(order.json("$.paidCallbacks", Integer.class)).isZero();
        assertThat(order.json("$.tradeNo", String.class)).isNull();
    }

    @Test
    void createAcceptsTheSameFieldsAsJson() {
        ApiClient.Response created = api.postJson("/api/orders",
                "{\"subject\": \"JSON 订单\", \"totalFee\": \"12.50\", \"body\": \"from a script\"}");

        assertThat(created.status()).isEqualTo(201);
        String outTradeNo = created.json("$.outTradeNo", String.class);
        assertThat(orders.find(outTradeNo)).hasValueSatisfying(order -> {
            assertThat(order.subject()).isEqualTo("JSON 订单");
            assertThat(order.totalFee()).isEqualByComparingTo("12.50");
            assertThat(order.body()).isEqualTo("from a script");
        });
    }

    @Test
    void paidOrderCountsOneOnPaidEvenAfterFiveConcurrentResendsOfTheNotification() {
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "Paid once", "totalFee", "0.01"));
        String outTradeNo = created.json("$.outTradeNo", String.class);

        SandboxCalls.pay(api, sandbox, URI.create(created.json("$.payUrl", String.class)), outTradeNo);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).anyMatch(NotificationDelivery::success));

        List<NotificationDelivery> resent = SandboxCalls.sendNotificationConcurrently(sandbox, outTradeNo, 5);

        assertThat(resent).hasSize(5).allMatch(NotificationDelivery::success);
        ApiClient.Response order = api.get("/api/orders/" + outTradeNo);
        assertThat(order.json("$.status", String.class)).isEqualTo("PAID");
        assertThat(order.json("$.paidCallbacks", Integer.class)).isEqualTo(1);
        assertThat(order.json("$.tradeNo", String.class)).isNotBlank();
        assertThat(order.json("$.totalFee", Double.class)).isEqualTo(0.01);
        // The starter's JDBC ledger shares the shop's H2 database (and so onPaid shares its transaction).
        assertThat(jdbc.sql("SELECT status FROM alipay_trade WHERE out_trade_no = ?")
                .param(outTradeNo).query(String.class).single()).isEqualTo("PAID");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 300})
    void aLongSignedBuyerEmailIsRecordedAndNeverFailsOnPaid(int length) {
        // buyer_email is String(100) in spec 6.2; the column holds it, and a longer one is cut, not refused.
        String email = "b".repeat(length - "@example.com".length()) + "@example.com";
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "Long buyer", "totalFee", "0.05"));
        String outTradeNo = created.json("$.outTradeNo", String.class);
        assertThat(api.get(URI.create(created.json("$.payUrl", String.class))).status()).isEqualTo(200);

        sandbox.pay(outTradeNo, new SandboxBuyer("2088102146225135", email));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).isNotEmpty());
        assertThat(sandbox.deliveries(outTradeNo).get(0).body()).isEqualTo("success");
        Order order = orders.find(outTradeNo).orElseThrow();
        assertThat(order.paidCallbacks()).isEqualTo(1);
        assertThat(order.buyer()).isEqualTo(email.substring(0, Math.min(length, 256)));
    }

    @Test
    void paymentTheShopCannotRecordRollsBackAndIsRecordedOnceByALaterResend() {
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "Lost row", "totalFee", "0.02"));
        String outTradeNo = created.json("$.outTradeNo", String.class);
        Order order = orders.find(outTradeNo).orElseThrow();
        // The shop's row disappears (a bug, a restore from backup...): onPaid will throw.
        jdbc.sql("DELETE FROM orders WHERE out_trade_no = ?").param(outTradeNo).update();

        SandboxCalls.pay(api, sandbox, URI.create(created.json("$.payUrl", String.class)), outTradeNo);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).isNotEmpty());
        assertThat(sandbox.deliveries(outTradeNo).get(0).body()).isEqualTo("fail");
        // onPaid's failure rolled the ledger back with it: the trade is not marked paid.
        assertThat(jdbc.sql("SELECT status FROM alipay_trade WHERE out_trade_no = ?")
                .param(outTradeNo).query(String.class).single()).isNotEqualTo("PAID");

        jdbc.sql("""
                INSERT INTO orders (out_trade_no, subject, total_fee, status, paid_callbacks, created_at)
                VALUES (?, ?, ?, 'UNPAID', 0, ?)""")
                .params(order.outTradeNo(), order.subject(), order.totalFee(), order.createdAt())
                .update();
        // Alipay's next resend (scaled schedule) now succeeds.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).anyMatch(NotificationDelivery::success));

        ApiClient.Response paid = api.get("/api/orders/" + outTradeNo);
        assertThat(paid.json("$.status", String.class)).isEqualTo("PAID");
        assertThat(paid.json("$.paidCallbacks", Integer.class)).isEqualTo(1);
    }

    @Test
    void partialRefundKeepsTheOrderPaidAndTheFullRefundMarksItRefunded() {
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "Refunded", "totalFee", "0.10"));
        String outTradeNo = created.json("$.outTradeNo", String.class);
        SandboxCalls.pay(api, sandbox, URI.create(created.json("$.payUrl", String.class)), outTradeNo);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/orders/" + outTradeNo).json("$.status", String.class)).isEqualTo("PAID"));

        sandbox.refund(outTradeNo, "0.04");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo).stream()
                        .filter(d -> "REFUND_SUCCESS".equals(d.parameters().get("refund_status"))))
                        .isNotEmpty().allMatch(NotificationDelivery::success));
        assertThat(api.get("/api/orders/" + outTradeNo).json("$.status", String.class)).isEqualTo("PAID");

        sandbox.refund(outTradeNo, "0.06");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(api.get("/api/orders/" + outTradeNo).json("$.status", String.class)).isEqualTo("REFUNDED"));
        assertThat(api.get("/api/orders/" + outTradeNo).json("$.paidCallbacks", Integer.class)).isEqualTo(1);
    }

    @Test
    void aFullRefundOfAnOrderNeverBookedAsPaidMarksItRefunded() {
        // The payment's first delivery failed and the full refund came before Alipay's resend: the starter
        // calls onRefund with beforePayment and never onPaid for this order.
        ApiClient.Response created = api.postForm("/api/orders", Map.of("subject", "Refunded unpaid", "totalFee", "0.10"));
        String outTradeNo = created.json("$.outTradeNo", String.class);

        payments.onRefund(new TradeRefunded(outTradeNo, "2026112622001004", true, RefundStatus.REFUND_SUCCESS,
                new BigDecimal("0.10"), new BigDecimal("0.10"), OffsetDateTime.now(), true, NotificationSource.NOTIFY));

        assertThat(api.get("/api/orders/" + outTradeNo).json("$.status", String.class)).isEqualTo("REFUNDED");
        assertThat(api.get("/api/orders/" + outTradeNo).json("$.paidCallbacks", Integer.class)).isZero();
    }

    @Test
    void subjectWithPercentSignIsRefusedWithTheStartersMessageAndLeavesNoOrder() {
        ApiClient.Response refused = api.postForm("/api/orders", Map.of("subject", "100% wool", "totalFee", "0.01"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json("$.message", String.class)).contains("subject").contains("100% wool");
        assertThat(refused.json("$.parameter", String.class)).isEqualTo("subject");
        assertThat(orders.latest(1000)).noneMatch(o -> o.subject().equals("100% wool"));
    }

    @Test
    void missingSubjectIsRefusedWithTheValidationMessage() {
        ApiClient.Response refused = api.postForm("/api/orders", Map.of("totalFee", "0.01"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json("$.message", String.class)).contains("subject").contains("Subject is required");
    }

    @Test
    void amountWithThreeDecimalsIsRefused() {
        ApiClient.Response refused = api.postJson("/api/orders", "{\"subject\": \"x\", \"totalFee\": \"0.001\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json("$.fields.totalFee", String.class)).isNotBlank();
    }

    @Test
    void amountThatIsNotANumberIsRefused() {
        ApiClient.Response refused = api.postForm("/api/orders", Map.of("subject", "x", "totalFee", "one yuan"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json("$.fields.totalFee", String.class)).contains("0.01");
    }

    @Test
    void malformedJsonIsRefused() {
        ApiClient.Response refused = api.postJson("/api/orders", "{\"subject\": ");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json("$.message", String.class)).contains("JSON");
    }

    @Test
    void unknownOrderIsNotFound() {
        ApiClient.Response missing = api.get("/api/orders/19700101000000000000");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json("$.message", String.class)).contains("19700101000000000000");
    }
}
