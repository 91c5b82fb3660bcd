package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.sun.net.httpserver.HttpServer;
import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.observe.ObservedAlipayGateway;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Operating the starter, through real HTTP: one known sequence of deliveries (one paid, one duplicate, one
 * forged, one whose notify_verify times out, one whose onPaid throws), then the {@code alipay.*} meters, the
 * {@code alipay} actuator endpoint and the {@code alipay} health component, each checked against it.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "alipay.input-charset=utf-8", "alipay.read-timeout=400ms", "alipay.connect-timeout=1s",
                "alipay.reconciliation.older-than=0s",
                "management.endpoints.web.exposure.include=health,metrics,alipay",
                "management.endpoint.health.show-details=always" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatingIntegrationTests {

    /** notify_verify answers true at once, except for notify_ids starting "slow": no answer until released. */
    static final SlowGateway gateway = new SlowGateway();

    private final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    Environment environment;

    @Autowired
    MeterRegistry registry;

    @Autowired
    DirectPayService alipay;

    @Autowired
    RecordingPaymentHandler handler;

    @Autowired
    AlipayGateway alipayGateway;

    String paidNo;

    String slowNo;

    String failingNo;

    String paidSign;

    final List<String> answers = new java.util.ArrayList<>();

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", gateway::url);
        registry.add("alipay.notify-url", () -> "http://127.0.0.1:8080/alipay/notify");
        registry.add("alipay.return-url", () -> "http://127.0.0.1:8080/alipay/return");
    }

    @BeforeAll
    void deliverTheKnownSequence() throws Exception {
        this.paidNo = requested("12.30");
        this.slowNo = requested("45.60");
        this.failingNo = requested("78.90");
        requested("1.00"); // never paid: an old UNPAID trade for the endpoint

        Map<String, String> paid = signed(TestNotifications.paid(this.paidNo, "12.30"));
        this.paidSign = paid.get("sign");
        this.answers.add(postNotify(paid)); // PAID
        this.answers.add(postNotify(paid)); // DUPLICATE: no notify_verify, no onPaid
        Map<String, String> forged = signed(TestNotifications.paid(this.slowNo, "45.60"));
        forged.put("sign", "0".repeat(32));
        this.answers.add(postNotify(forged)); // BAD_SIGNATURE: no notify_verify
        Map<String, String> slow = TestNotifications.paid(this.slowNo, "45.60");
        slow.put("notify_id", "slow-" + slow.get("notify_id"));
        this.answers.add(postNotify(signed(slow))); // GATEWAY_UNAVAILABLE: notify_verify timed out
        gateway.release();
        this.handler.failOnceFor(this.failingNo);
        this.answers.add(postNotify(signed(TestNotifications.paid(this.failingNo, "78.90")))); // HANDLER_FAILED
    }

    @AfterAll
    void stopGateway() {
        gateway.release();
    }

    @Test
    void answersTheSequenceAsAlipayExpects() {
        assertThat(this.answers).containsExactly("success", "success", "fail", "fail", "fail");
    }

    @Test
    void countsEveryDeliveryBySourceAndOutcome() {
        assertThat(notifications("PAID")).isEqualTo(1);
        assertThat(notifications("DUPLICATE")).isEqualTo(1);
        assertThat(notifications("BAD_SIGNATURE")).isEqualTo(1);
        assertThat(notifications("GATEWAY_UNAVAILABLE")).isEqualTo(1);
        assertThat(notifications("HANDLER_FAILED")).isEqualTo(1);
        assertThat(this.registry.find("alipay.notifications").counters()).hasSize(5)
            .allSatisfy((c) -> assertThat(c.getId().getTag("source")).isEqualTo("notify"));
    }

    @Test
    void timesGatewayCallsByServiceAndResult() {
        assertThat(this.registry.get("alipay.gateway.requests").tags("service", "notify_verify", "result", "true")
            .timer().count()).as("paid and handler failure; not the duplicate, not the forged").isEqualTo(2);
        assertThat(this.registry.get("alipay.gateway.requests").tags("service", "notify_verify", "result", "timeout")
            .timer().count()).isEqualTo(1);
        assertThat(this.registry.find("alipay.gateway.requests").timers()).hasSize(2);
        assertThat(this.alipayGateway).isInstanceOf(ObservedAlipayGateway.class);
    }

    @Test
    void timesHandlerCallsByCallbackAndResult() {
        assertThat(this.registry.get("alipay.handler").tags("callback", "onPaid", "result", "ok").timer().count())
            .isEqualTo(1);
        assertThat(this.registry.get("alipay.handler").tags("callback", "onPaid", "result", "error").timer().count())
            .isEqualTo(1);
        assertThat(this.registry.find("alipay.handler").timers()).hasSize(2);
    }

    @Test
    void countsSignedPaymentRequestsByCharset() {
        assertThat(this.registry.get("alipay.payments.requested").tag("charset", "utf-8").counter().count())
            .isEqualTo(4);
    }

    @Test
    void servesTheMetersThroughTheMetricsEndpoint() throws Exception {
        HttpResponse<String> response = get("/actuator/metrics/alipay.notifications?tag=outcome:PAID");

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.measurements[0].value", Double.class)).isEqualTo(1.0);
    }

    @Test
    void endpointCountsTradesByLedgerStatusAndListsOldUnpaidTrades() throws Exception {
        HttpResponse<String> response = get("/actuator/alipay");

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.trades.PAID", Integer.class)).isEqualTo(1);
        assertThat(json.read("$.trades.UNPAID", Integer.class)).isEqualTo(3);
        assertThat(json.read("$.trades.CLOSED", Integer.class)).isZero();
        assertThat(json.read("$.trades.REFUNDED", Integer.class)).isZero();
        assertThat(json.read("$.unpaid.olderThan", String.class)).isEqualTo("PT0S");
        assertThat(json.<List<String>>read("$.unpaid.trades[*].outTradeNo")).hasSize(3)
            .contains(this.slowNo, this.failingNo).doesNotContain(this.paidNo);
        assertThat(json.<List<String>>read("$.unpaid.trades[?(@.outTradeNo == '" + this.slowNo + "')].totalFee"))
            .containsExactly("45.60");
        assertThat(json.read("$.unpaid.more", Boolean.class)).isFalse();
    }

    @Test
    void endpointPagesTheJournalNewestFirst() throws Exception {
        DocumentContext first = JsonPath.parse(get("/actuator/alipay?page=0&size=2").body());
        DocumentContext second = JsonPath.parse(get("/actuator/alipay?page=1&size=2").body());

        assertThat(first.<List<String>>read("$.journal.entries[*].outcome")).containsExactly("HANDLER_FAILED",
                "GATEWAY_UNAVAILABLE");
        // the forged delivery is journaled apart, as a rejected one (never in an order's or the verified history)
        assertThat(second.<List<String>>read("$.journal.entries[*].outcome")).containsExactly("DUPLICATE", "PAID");
        assertThat(first.read("$.journal.size", Integer.class)).isEqualTo(2);
    }

    @Test
    void endpointShowsOneTradeWithItsJournal() throws Exception {
        HttpResponse<String> response = get("/actuator/alipay/" + this.paidNo);

        assertThat(response.statusCode()).isEqualTo(200);
        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.ledger.status", String.class)).isEqualTo("PAID");
        assertThat(json.read("$.ledger.totalFee", String.class)).isEqualTo("12.30");
        assertThat(json.<List<String>>read("$.journal.entries[*].outcome")).containsExactly("DUPLICATE", "PAID");
        assertThat(json.read("$.journal.entries[0].parameters.out_trade_no", String.class)).isEqualTo(this.paidNo);
        assertThat(json.read("$.journal.entries[0].parameters.sign", String.class))
            .isEqualTo(this.paidSign.substring(0, 6) + "... (32 characters, masked)");
    }

    @Test
    void endpointNeverShowsTheKeyOrAFullSignature() throws Exception {
        String overview = get("/actuator/alipay?size=200").body();
        String trade = get("/actuator/alipay/" + this.paidNo).body();

        for (String body : List.of(overview, trade)) {
            assertThat(body).doesNotContain(TestNotifications.KEY).doesNotContain(this.paidSign)
                .doesNotContain(this.paidSign.substring(6)).doesNotContain("0".repeat(32));
        }
        assertThat(overview).contains("masked");
    }

    @Test
    void endpointRefusesAPageSizeOutOfRange() throws Exception {
        assertThat(get("/actuator/alipay?size=201").statusCode()).isEqualTo(400);
        assertThat(get("/actuator/alipay?page=-1").statusCode()).isEqualTo(400);
    }

    @Test
    void healthReportsTheRecentHandlerFailureAndGatewayTimeout() throws Exception {
        HttpResponse<String> response = get("/actuator/health");

        DocumentContext json = JsonPath.parse(response.body());
        assertThat(json.read("$.components.alipay.status", String.class)).isEqualTo("UP");
        assertThat(json.read("$.components.alipay.details.configuration", String.class)).isEqualTo("valid");
        assertThat(json.read("$.components.alipay.details.ledger", String.class)).isEqualTo("InMemoryPaymentLedger: readable");
        assertThat(json.read("$.components.alipay.details.handlerFailures.count", Integer.class)).isEqualTo(1);
        assertThat(json.read("$.components.alipay.details.handlerFailures.lastReason", String.class))
            .startsWith("notify (out_trade_no " + this.failingNo + "): onPaid threw java.lang.IllegalStateException");
        assertThat(json.read("$.components.alipay.details.gatewayFailures.count", Integer.class)).isEqualTo(1);
        assertThat(json.read("$.components.alipay.details.gatewayFailures.lastReason", String.class))
            .startsWith("notify_verify timeout: ");
        assertThat(response.body()).doesNotContain(TestNotifications.KEY);
    }

    private long notifications(String outcome) {
        return (long) this.registry.get("alipay.notifications").tags("source", "notify", "outcome", outcome)
            .counter()
            .count();
    }

    private String requested(String totalFee) {
        String no = TestNotifications.newOutTradeNo();
        this.alipay.recordAndSign(PaymentRequest.builder(no, "测试商品", Amount.of(new java.math.BigDecimal(totalFee)))
                .build());
        return no;
    }

    private Map<String, String> signed(Map<String, String> parameters) {
        return TestNotifications.signed(parameters, TestNotifications.KEY, StandardCharsets.UTF_8);
    }

    private String postNotify(Map<String, String> parameters) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/alipay/notify"))
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(HttpRequest.BodyPublishers.ofByteArray(TestNotifications.formBody(parameters, StandardCharsets.UTF_8)))
            .build();
        return this.http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII)).body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return this.http.send(HttpRequest.newBuilder(URI.create(base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private String base() {
        return "http://127.0.0.1:" + this.environment.getProperty("local.server.port");
    }

    /** notify_verify on 127.0.0.1: {@code true}, or for a "slow" notify_id no answer until released. */
    static final class SlowGateway {

        private final HttpServer server;

        private final CountDownLatch released = new CountDownLatch(1);

        SlowGateway() {
            try {
                this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            this.server.createContext("/gateway.do", (exchange) -> {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                if (query.contains("notify_id=slow-")) {
                    try {
                        this.released.await(10, TimeUnit.SECONDS);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
                byte[] body = "true".getBytes(StandardCharsets.US_ASCII);
                exchange.getResponseHeaders().set("Content-Type", "text/plain");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            this.server.setExecutor(Executors.newCachedThreadPool((r) -> {
                Thread t = new Thread(r, "slow-gateway");
                t.setDaemon(true);
                return t;
            }));
            this.server.start();
        }

        String url() {
            return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/gateway.do";
        }

        void release() {
            this.released.countDown();
        }

    }

}
