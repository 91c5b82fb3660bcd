package io.github.alipaystarter.sample.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.alipaystarter.sample.ApiClient;
import io.github.alipaystarter.sandbox.AlipaySandbox;
import io.github.alipaystarter.sandbox.NotificationDelivery;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The shop on a real database, given only {@code spring.datasource.url}: its orders table and the
 * starter's tables are created, a payment is recorded once, and the order page shows its history.
 * Uses the machine's PostgreSQL and MariaDB (started by {@code .ci/run}).
 */
abstract class PaidOnceOnRealDatabases {

    @LocalServerPort
    int port;

    @Autowired
    AlipaySandbox sandbox;

    @Autowired
    Orders orders;

    @Autowired
    JdbcClient jdbc;

    @Test
    void orderIsPaidOnceAndItsHistoryIsKept() {
        ApiClient api = new ApiClient("http://localhost:" + port);
        ApiClient.Response created = api.postForm("/api/orders",
                Map.of("subject", "数据库订单 " + getClass().getSimpleName(), "totalFee", "1.23"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String outTradeNo = created.json("$.outTradeNo", String.class);

        ApiClient.Response cashier = api.get(URI.create(created.json("$.payUrl", String.class)));
        assertThat(cashier.status()).as(cashier.body()).isEqualTo(200);
        sandbox.pay(outTradeNo);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(sandbox.deliveries(outTradeNo)).anyMatch(NotificationDelivery::success));
        List<NotificationDelivery> resent = sandbox.sendNotificationConcurrently(outTradeNo, 5);
        assertThat(resent).allMatch(NotificationDelivery::success);

        assertThat(orders.find(outTradeNo)).hasValueSatisfying(order -> {
            assertThat(order.status()).isEqualTo(OrderStatus.PAID);
            assertThat(order.paidCallbacks()).isEqualTo(1);
            assertThat(order.totalFee()).isEqualByComparingTo("1.23");
            assertThat(order.paidAt()).isNotNull();
            assertThat(order.subject()).startsWith("数据库订单");
        });
        String page = api.get("/orders/" + outTradeNo).body();
        assertThat(page).contains("已支付 PAID").contains("NOTIFY").contains("DUPLICATE");

        // The starter's ledger and journal live in the same database (so onPaid's UPDATE shares the
        // ledger's transaction), under the configured table prefix.
        assertThat(jdbc.sql("SELECT status FROM sample_alipay_trade WHERE out_trade_no = ?")
                .param(outTradeNo).query(String.class).single()).isEqualTo("PAID");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sample_alipay_journal WHERE out_trade_no = ?")
                .param(outTradeNo).query(Integer.class).single()).isGreaterThanOrEqualTo(6);
    }
}
