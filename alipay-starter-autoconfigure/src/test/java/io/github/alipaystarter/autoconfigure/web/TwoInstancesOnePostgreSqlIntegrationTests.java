package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two application instances (two contexts, two Tomcats) on one PostgreSQL database, as behind a load
 * balancer: Alipay's resends, TRADE_FINISHED and the buyer's return land on either, concurrently, and
 * the database lets exactly one onPaid run in all.
 */
class TwoInstancesOnePostgreSqlIntegrationTests {

    private static final String PREFIX = AbstractJdbcEndpointIntegrationTests.randomPrefix();

    private static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    private static final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoInstances() {
        for (int i = 0; i < 2; i++) {
            instances.add(new SpringApplicationBuilder(JdbcEndpointTestApplication.class)
                .properties("server.port=0", "spring.datasource.url=" + PostgreSqlJdbcEndpointIntegrationTests.URL,
                        "spring.datasource.username=" + PostgreSqlJdbcEndpointIntegrationTests.USER,
                        "alipay.jdbc.initialize-schema=always", "alipay.jdbc.table-prefix=" + PREFIX,
                        "alipay.partner=" + TestNotifications.PARTNER, "alipay.key=" + TestNotifications.KEY,
                        "alipay.gateway-url=" + gateway.url(),
                        "alipay.notify-url=http://127.0.0.1:8080/alipay/notify",
                        "spring.application.name=instance-" + i)
                .run());
        }
    }

    @AfterAll
    static void stopAndDropTables() throws Exception {
        instances.forEach(ConfigurableApplicationContext::close);
        AbstractJdbcEndpointIntegrationTests.dropTables(PostgreSqlJdbcEndpointIntegrationTests.URL,
                PostgreSqlJdbcEndpointIntegrationTests.USER, PREFIX);
    }

    @Test
    void callsOnPaidOnceAcrossBothInstances() throws Exception {
        String no = TestNotifications.newOutTradeNo();
        instances.get(0).getBean(PaymentLedger.class).record(no, new BigDecimal("99.90"), TestNotifications.SUBJECT);
        int deliveries = 100;
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                Map<String, String> notification = TestNotifications.paid(no, "99.90");
                if (i % 2 == 1) {
                    notification.put("trade_status", "TRADE_FINISHED");
                }
                byte[] body = TestNotifications.formBody(
                        TestNotifications.signed(notification, TestNotifications.KEY, StandardCharsets.UTF_8),
                        StandardCharsets.UTF_8);
                HttpRequest request = HttpRequest.newBuilder(URI.create(base(i % 2) + "/alipay/notify"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
                answers.add(pool.submit(() -> {
                    start.await();
                    return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                }));
            }
            start.countDown();
            for (Future<HttpResponse<byte[]>> answer : answers) {
                assertThat(new String(answer.get(60, TimeUnit.SECONDS).body(), StandardCharsets.US_ASCII))
                    .isEqualTo("success");
            }
        }
        finally {
            pool.shutdownNow();
        }
        int calls = 0;
        for (ConfigurableApplicationContext instance : instances) {
            calls += instance.getBean(RecordingPaymentHandler.class).calls(no).size();
        }
        assertThat(calls).isEqualTo(1);
        // Each instance writes its duplicates' journal rows behind (alipay.jdbc.journal-write-behind): a read
        // flushes the reading instance's own queue only, so the other instance's is flushed first, as its
        // own reads or its shutdown would.
        for (ConfigurableApplicationContext instance : instances) {
            ((io.github.alipaystarter.autoconfigure.jdbc.JdbcNotificationJournal) instance
                .getBean(NotificationJournal.class)).flush();
        }
        List<JournalEntry> journal = instances.get(1).getBean(NotificationJournal.class)
            .page(no, 0, NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal).hasSize(deliveries);
        assertThat(journal).filteredOn((entry) -> entry.outcome() == Outcome.PAID).hasSize(1);
    }

    private static String base(int instance) {
        // local.server.port: set by Boot 4.0 and 3.5 alike (WebServerApplicationContext moved package in 4.0)
        int port = Integer.parseInt(instances.get(instance).getEnvironment().getRequiredProperty("local.server.port"));
        return "http://127.0.0.1:" + port;
    }

}
