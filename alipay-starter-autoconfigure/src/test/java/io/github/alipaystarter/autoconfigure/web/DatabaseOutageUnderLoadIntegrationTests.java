package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database taken away under load and given back (issue 10): the application's pool reaches
 * PostgreSQL through a {@link TcpProxy} that the test cuts (every connection closed, new ones refused)
 * and restores; the real server is never touched. Forty trades are delivered the way Alipay does it:
 * each notification is sent again after every answer that is not {@code success}, until it is. The
 * deliveries start spread over the time before, during and after the cut.
 *
 * <p>What must hold: every answer comes back (within {@link #ANSWER_BOUND}, seconds rather than the
 * pool's default 30 s wait), some answers during the cut are {@code fail}, no delivery is left without
 * {@code success} once the database is back, and each trade is paid exactly once: one row written by
 * onPaid in the application's own table (inside the ledger's transaction) and PAID in the ledger. A
 * {@code success} told for a payment that then did not commit would leave its trade without a row,
 * since Alipay stops sending after {@code success}.
 *
 * <p>The pool settings are the ones docs/reliability.md recommends: a connection timeout of 1 s and
 * the driver's socket and connect timeouts.
 */
class DatabaseOutageUnderLoadIntegrationTests {

    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);

    private static final int TRADES = 40;

    private static final String PREFIX = AbstractJdbcEndpointIntegrationTests.randomPrefix();

    private static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    private static TcpProxy proxy;

    private static ConfigurableApplicationContext app;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        Matcher m = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.*)")
            .matcher(PostgreSqlJdbcEndpointIntegrationTests.URL);
        assertThat(m.matches()).as("PostgreSQL URL " + PostgreSqlJdbcEndpointIntegrationTests.URL).isTrue();
        proxy = new TcpProxy(m.group(1), (m.group(2) != null) ? Integer.parseInt(m.group(2)) : 5432);
        String url = "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3)
                + (m.group(3).contains("?") ? "&" : "?") + "connectTimeout=2&socketTimeout=5";
        app = new SpringApplicationBuilder(OutageApplication.class)
            .properties("server.port=0", "spring.datasource.url=" + url,
                    "spring.datasource.username=" + PostgreSqlJdbcEndpointIntegrationTests.USER,
                    "spring.datasource.hikari.connection-timeout=1000",
                    "spring.datasource.hikari.validation-timeout=500",
                    "spring.datasource.hikari.maximum-pool-size=10",
                    "alipay.jdbc.initialize-schema=always", "alipay.jdbc.table-prefix=" + PREFIX,
                    "alipay.jdbc.query-timeout=3s", "sample.paid-table=" + PREFIX + "paid",
                    "alipay.partner=" + TestNotifications.PARTNER, "alipay.key=" + TestNotifications.KEY,
                    "alipay.gateway-url=" + gateway.url(), "alipay.notify-url=http://127.0.0.1:8080/alipay/notify")
            .run();
        app.getBean(JdbcTemplate.class).execute("CREATE TABLE " + PREFIX + "paid (out_trade_no VARCHAR(64) NOT NULL)");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        AbstractJdbcEndpointIntegrationTests.dropTables(PostgreSqlJdbcEndpointIntegrationTests.URL,
                PostgreSqlJdbcEndpointIntegrationTests.USER, PREFIX);
        try (var c = java.sql.DriverManager.getConnection(PostgreSqlJdbcEndpointIntegrationTests.URL,
                PostgreSqlJdbcEndpointIntegrationTests.USER, ""); var s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + PREFIX + "paid");
        }
    }

    @Test
    void answersEveryDeliveryPromptlyWhileTheDatabaseIsGoneAndPaysEachTradeExactlyOnceAfter() throws Exception {
        PaymentLedger ledger = app.getBean(PaymentLedger.class);
        List<String> trades = new ArrayList<>();
        for (int i = 0; i < TRADES; i++) {
            String no = TestNotifications.newOutTradeNo();
            ledger.record(no, new BigDecimal("12.30"), TestNotifications.SUBJECT);
            trades.add(no);
        }
        ConcurrentLinkedQueue<String> slow = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
        Map<String, Integer> failsDuringCut = new ConcurrentHashMap<>();
        AtomicBoolean cut = new AtomicBoolean();
        ExecutorService alipay = Executors.newFixedThreadPool(TRADES);
        List<Future<?>> deliveries = new ArrayList<>();
        for (String no : trades) {
            long startAfter = ThreadLocalRandom.current().nextLong(0, 9000);
            deliveries.add(alipay.submit(() -> {
                Thread.sleep(startAfter);
                byte[] body = TestNotifications.formBody(TestNotifications.signed(TestNotifications.paid(no, "12.30"),
                        TestNotifications.KEY, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                while (System.nanoTime() < giveUp) {
                    long sent = System.nanoTime();
                    String answer;
                    try {
                        answer = this.http.send(HttpRequest.newBuilder(URI.create(base() + "/alipay/notify"))
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(), HttpResponse.BodyHandlers.ofString()).body();
                    }
                    catch (Exception ex) {
                        errors.add(no + ": " + ex);
                        return null;
                    }
                    Duration took = Duration.ofNanos(System.nanoTime() - sent);
                    if (took.compareTo(ANSWER_BOUND) > 0) {
                        slow.add(no + " answered " + answer + " after " + took.toMillis() + " ms");
                    }
                    if (answer.equals("success")) {
                        return null;
                    }
                    if (cut.get()) {
                        failsDuringCut.merge(no, 1, Integer::sum);
                    }
                    Thread.sleep(200); // Alipay waits minutes; the test does not
                }
                errors.add(no + ": never answered success");
                return null;
            }));
        }
        Thread.sleep(3000);
        proxy.cut();
        cut.set(true);
        Thread.sleep(6000);
        cut.set(false);
        proxy.restore();
        for (Future<?> delivery : deliveries) {
            delivery.get(150, TimeUnit.SECONDS);
        }
        alipay.shutdownNow();

        assertThat(errors).isEmpty();
        assertThat(slow).as("answers slower than %s", ANSWER_BOUND).isEmpty();
        assertThat(failsDuringCut).as("trades answered fail while the database was cut").isNotEmpty();
        JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
        for (String no : trades) {
            assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM " + PREFIX + "paid WHERE out_trade_no = ?",
                    Integer.class, no)).as("onPaid rows of %s", no).isEqualTo(1);
            assertThat(ledger.find(no)).hasValueSatisfying((e) -> assertThat(e.status()).isEqualTo(LedgerStatus.PAID));
        }
    }

    private static String base() {
        return "http://127.0.0.1:" + app.getEnvironment().getRequiredProperty("local.server.port");
    }

    /** An application whose onPaid writes a row in its own table on the ledger's DataSource. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class OutageApplication {

        @Bean
        PaymentHandler rowWritingPaymentHandler(JdbcTemplate jdbc,
                org.springframework.core.env.Environment environment) {
            String table = environment.getRequiredProperty("sample.paid-table");
            return new PaymentHandler() {
                @Override
                public void onPaid(PaidTrade trade) {
                    jdbc.update("INSERT INTO " + table + " (out_trade_no) VALUES (?)", trade.outTradeNo());
                }
            };
        }

    }

}
