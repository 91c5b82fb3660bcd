package io.github.alipaystarter.sample.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sample.SampleShopApplication;
import io.github.alipaystarter.sample.order.Orders;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The pages over plain HTTP: what the browser tests do not need a browser for. */
@SpringBootTest(classes = SampleShopApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = "sample.sandbox.time-scale=0.001")
class ShopPagesTests {

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    @Autowired
    Orders orders;

    @Autowired
    NotificationJournal journal;

    ApiClient http;

    @BeforeEach
    void client() {
        http = new ApiClient("http://localhost:" + port);
    }

    @Test
    void directPayPageShowsThePayeeFromMainNameAndDefaultsToOneFen() {
        ApiClient.Response page = http.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body())
                .contains("name=\"viewport\"")
                .contains("收款方")
                .contains("示例商店 Sample Shop")
                .contains("value=\"0.01\"")
                .contains("支付宝付款");
    }

    @Test
    void directPayPageHasADefaultSubjectSoThatPayingItAsItIsWorks() {
        ApiClient.Response page = http.get("/");
        assertThat(page.body()).contains("value=\"测试商品 Test item\"");

        // what the browser sends when the buyer keeps every field and presses 支付宝付款
        ApiClient.Response form = http.postForm("/orders", Map.of("subject", "测试商品 Test item", "totalFee", "0.01", "body", ""));

        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("<form").contains("gateway.do?_input_charset=utf-8");
    }

    @Test
    void placingAnOrderAnswersTheAutoSubmittingFormToTheGateway() {
        ApiClient.Response page = http.postForm("/orders",
                Map.of("subject", "Form order 表单订单", "totalFee", "0.01", "body", ""));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html").containsIgnoringCase("charset=utf-8");
        String gateway = String.valueOf(sandbox.gatewayUrl());
        assertThat(page.body()).contains("<form").contains(gateway.substring(0, gateway.indexOf("/gateway.do")))
                .contains("create_direct_pay_by_user").contains("Form order 表单订单");
        assertThat(orders.latest(1000)).anyMatch(o -> o.subject().equals("Form order 表单订单") && o.body() == null);
    }

    @Test
    void missingSubjectIsShownOnTheForm() {
        ApiClient.Response page = http.postForm("/orders", Map.of("subject", " ", "totalFee", "0.01"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("请填写商品名称 / Subject is required").contains("class=\"error\"");
    }

    @Test
    void starterRefusalIsShownOnTheSubjectField() {
        ApiClient.Response page = http.postForm("/orders", Map.of("subject", "A&B", "totalFee", "0.01"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("Alipay would refuse this").contains("subject");
        assertThat(orders.latest(1000)).noneMatch(o -> o.subject().equals("A&B"));
    }

    @Test
    void amountOutOfRangeIsShownOnTheForm() {
        ApiClient.Response page = http.postForm("/orders", Map.of("subject", "x", "totalFee", "0"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.body()).contains("0.01 至 100000000.00");
    }

    @Test
    void unpaidOrderPageShowsStatusAndAPayAgainButton() {
        String outTradeNo = http.postForm("/api/orders", Map.of("subject", "Unpaid", "totalFee", "3.20"))
                .json("$.outTradeNo", String.class);

        ApiClient.Response page = http.get("/orders/" + outTradeNo);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(outTradeNo).contains("未支付 UNPAID").contains("¥ 3.20")
                .contains("/orders/" + outTradeNo + "/pay").contains("尚无通知");
        ApiClient.Response again = http.postForm("/orders/" + outTradeNo + "/pay", Map.of());
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).contains("out_trade_no").contains(outTradeNo);
    }

    @Test
    void orderPageShowsItsJournalPaginatedNewestFirstAndNeverTheForgedDeliveriesThatNameIt() {
        String outTradeNo = http.postForm("/api/orders", Map.of("subject", "Journal", "totalFee", "0.01"))
                .json("$.outTradeNo", String.class);
        for (int i = 0; i < 45; i++) {
            journal.verified(new VerifiedDelivery(NotificationSource.NOTIFY, "110.75.1.1", Instant.now(),
                    Map.of("out_trade_no", outTradeNo, "trade_status", "TRADE_SUCCESS"), 600),
                    new ProcessingResult(Outcome.DUPLICATE, "entry-" + i + ";", outTradeNo));
        }
        for (int i = 0; i < 50; i++) {
            http.postForm("/alipay/notify", Map.of("out_trade_no", outTradeNo, "sign", "forged", "x", "forged-" + i));
        }

        String first = http.get("/orders/" + outTradeNo).body();
        String third = http.get("/orders/" + outTradeNo + "?page=2").body();

        assertThat(first).contains("entry-44;").contains("entry-25;").doesNotContain("entry-24;")
                .doesNotContain("forged").contains("id=\"history-older\"").doesNotContain("id=\"history-newer\"");
        assertThat(first.indexOf("entry-44;")).isLessThan(first.indexOf("entry-25;"));
        assertThat(third).contains("entry-4;").contains("entry-0;").doesNotContain("entry-5;")
                .contains("id=\"history-newer\"").doesNotContain("id=\"history-older\"");
        assertThat(http.get("/orders/" + outTradeNo + "?page=-3").status()).isEqualTo(200);
    }

    @Test
    void ordersPageListsTheLatestOrders() {
        String outTradeNo = http.postForm("/api/orders", Map.of("subject", "Listed", "totalFee", "0.01"))
                .json("$.outTradeNo", String.class);

        assertThat(http.get("/orders").body()).contains(outTradeNo).contains("Listed");
    }

    @Test
    void unknownOrderPageIsNotFound() {
        ApiClient.Response page = http.getPage("/orders/nope");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("找不到");
    }
}
