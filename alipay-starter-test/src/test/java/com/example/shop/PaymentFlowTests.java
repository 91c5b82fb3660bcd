package com.example.shop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.sandbox.NotificationDelivery;
import io.github.alipaystarter.test.AlipaySandboxTester;
import io.github.alipaystarter.test.AutoConfigureAlipaySandbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureAlipaySandbox(notifyClosedTrades = true)   // a full refund is notified (交易关闭通知 on)
class PaymentFlowTests {

    @Autowired
    AlipaySandboxTester alipay;   // the buyer's browser and Alipay

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    @Test
    void anOrderIsPaidOnceHoweverOftenAlipayNotifies() {
        jdbc.sql("INSERT INTO orders (out_trade_no, title, amount, status) VALUES ('A-1', '茶 Tea', 0.01, 'NEW')").update();
        String checkout = RestClient.create("http://127.0.0.1:" + port).post().uri("/orders/A-1/pay")
                .retrieve().body(String.class);

        alipay.submit(checkout);                                // the browser posts your form to the gateway
        NotificationDelivery notification = alipay.pay("A-1");  // the buyer pays; Alipay notifies /alipay/notify
        NotificationDelivery again = alipay.resend("A-1");      // and sends it again

        assertThat(notification.success()).isTrue();            // your endpoint answered exactly "success"
        assertThat(again.success()).isTrue();
        assertThat(jdbc.sql("SELECT status FROM orders WHERE out_trade_no = 'A-1'").query(String.class).single())
                .isEqualTo("PAID");
    }

    @Test
    void aFullRefundIsNotifiedToo() {
        jdbc.sql("INSERT INTO orders (out_trade_no, title, amount, status) VALUES ('A-2', '茶 Tea', 1.00, 'NEW')").update();
        alipay.submit(RestClient.create("http://127.0.0.1:" + port).post().uri("/orders/A-2/pay")
                .retrieve().body(String.class));
        alipay.pay("A-2");

        NotificationDelivery refund = alipay.refund("A-2", "1.00");

        assertThat(refund.parameters()).containsEntry("refund_status", "REFUND_SUCCESS")
                .containsEntry("trade_status", "TRADE_CLOSED");
        assertThat(refund.success()).isTrue();
    }
}
