package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The built-in endpoints through real HTTP (Tomcat on a random port, the JDK HttpClient sending raw
 * bytes), against a fake notify_verify. Subclasses choose the charset.
 */
abstract class AbstractEndpointIntegrationTests {

    static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    private static final byte[] SUCCESS = { 's', 'u', 'c', 'c', 'e', 's', 's' };

    private static final byte[] FAIL = { 'f', 'a', 'i', 'l' };

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    RecordingPaymentHandler handler;

    @Autowired
    PaymentLedger ledger;

    @Autowired
    NotificationJournal journal;

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", gateway::url);
        registry.add("alipay.notify-url", () -> "http://127.0.0.1:8080/alipay/notify");
        registry.add("alipay.return-url", () -> "http://127.0.0.1:8080/alipay/return");
        registry.add("alipay.web.result-url", () -> "/orders/{outTradeNo}/result?outcome={outcome}");
        registry.add("alipay.web.max-body-size", () -> "8KB");
    }

    abstract Charset charset();

    @Test
    void answersSuccessByteExactForAPaidNotificationAndCallsOnPaidOnce() throws Exception {
        String no = recordedTrade("388.00");
        Map<String, String> notification = signed(TestNotifications.paid(no, "388.00"));

        HttpResponse<byte[]> response = postNotify(TestNotifications.formBody(notification, charset()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(SUCCESS);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                (type) -> assertThat(type).startsWith("text/plain"));
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(response.headers().firstValue("Location")).isEmpty();
        assertThat(this.handler.paid(no)).singleElement().satisfies((trade) -> {
            assertThat(trade.totalFee()).isEqualByComparingTo(new BigDecimal("388.00"));
            assertThat(trade.subject()).isEqualTo(TestNotifications.SUBJECT);
            assertThat(trade.source()).isEqualTo(NotificationSource.NOTIFY);
        });
        assertThat(gateway.wasAsked(notification.get("notify_id"))).isTrue();
        assertThat(outcomes(no)).containsExactly(Outcome.PAID);
    }

    @Test
    void answersSuccessToAResendWithoutCallingOnPaidAgain() throws Exception {
        String no = recordedTrade("10.00");
        byte[] body = TestNotifications.formBody(signed(TestNotifications.paid(no, "10.00")), charset());

        assertThat(postNotify(body).body()).isEqualTo(SUCCESS);
        assertThat(postNotify(body).body()).isEqualTo(SUCCESS);

        assertThat(this.handler.paid(no)).hasSize(1);
        assertThat(outcomes(no)).containsExactly(Outcome.PAID, Outcome.DUPLICATE);
    }

    @Test
    void treatsTradeFinishedAfterTradeSuccessAsADuplicate() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> finished = TestNotifications.paid(no, "10.00");
        finished.put("trade_status", "TRADE_FINISHED");

        assertThat(postNotify(TestNotifications.formBody(signed(TestNotifications.paid(no, "10.00")), charset()))
            .body()).isEqualTo(SUCCESS);
        assertThat(postNotify(TestNotifications.formBody(signed(finished), charset())).body()).isEqualTo(SUCCESS);

        assertThat(this.handler.paid(no)).hasSize(1);
        assertThat(gateway.wasAsked(finished.get("notify_id"))).as("notify_verify for an already paid trade").isFalse();
    }

    @Test
    void answersFailWhenOnPaidThrowsAndCallsItAgainOnTheResend() throws Exception {
        String no = recordedTrade("10.00");
        byte[] body = TestNotifications.formBody(signed(TestNotifications.paid(no, "10.00")), charset());
        this.handler.failOnceFor(no);

        assertThat(postNotify(body).body()).isEqualTo(FAIL);
        assertThat(this.handler.paid(no)).isEmpty();
        assertThat(postNotify(body).body()).isEqualTo(SUCCESS);
        assertThat(postNotify(body).body()).isEqualTo(SUCCESS);

        assertThat(this.handler.calls(no)).hasSize(2);
        assertThat(this.handler.paid(no)).hasSize(1);
        assertThat(outcomes(no)).containsExactly(Outcome.HANDLER_FAILED, Outcome.PAID, Outcome.DUPLICATE);
    }

    @Test
    void aFullRefundVerifiedBeforeTheResendOfAFailedPaymentEndsTheTradeWithoutOnPaid() throws Exception {
        // issue 8, defect 2, through the endpoint and this class's ledger (in-memory, or JDBC on H2,
        // PostgreSQL, MariaDB): TRADE_SUCCESS answered fail, the full refund verified, then the resend
        String no = recordedTrade("10.00");
        byte[] payment = TestNotifications.formBody(signed(TestNotifications.paid(no, "10.00")), charset());
        Map<String, String> refund = TestNotifications.paid(no, "10.00");
        refund.put("trade_status", "TRADE_CLOSED");
        refund.put("refund_status", "REFUND_SUCCESS");
        refund.put("gmt_refund", "2026-11-26 11:00:00");
        refund.put("gmt_close", "2026-11-26 11:00:00");
        this.handler.failOnceFor(no);

        assertThat(postNotify(payment).body()).isEqualTo(FAIL);
        assertThat(postNotify(TestNotifications.formBody(signed(refund), charset())).body()).isEqualTo(SUCCESS);
        assertThat(postNotify(payment).body()).isEqualTo(SUCCESS);

        assertThat(this.handler.calls(no)).as("only the failed first delivery reached onPaid").hasSize(1);
        assertThat(this.handler.paid(no)).isEmpty();
        assertThat(this.ledger.find(no).orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(outcomes(no)).containsExactly(Outcome.HANDLER_FAILED, Outcome.REFUNDED, Outcome.DUPLICATE);
    }

    @Test
    void callsOnPaidOnceForConcurrentNotifiesAndReturnsOfBothPaidStatuses() throws Exception {
        String no = recordedTrade("66.60");
        int deliveries = 200;
        List<HttpRequest> requests = new ArrayList<>();
        for (int i = 0; i < deliveries; i++) {
            Map<String, String> parameters = (i % 3 == 2) ? returnParameters(no, "66.60")
                    : TestNotifications.paid(no, "66.60");
            if (i % 3 == 1) {
                parameters.put("trade_status", "TRADE_FINISHED");
            }
            String encoded = TestNotifications.formEncode(signed(parameters), charset());
            requests.add((i % 3 == 2)
                    ? HttpRequest.newBuilder(URI.create(base() + "/alipay/return?" + encoded)).GET().build()
                    : HttpRequest.newBuilder(URI.create(base() + "/alipay/notify"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(encoded))
                        .build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
            for (HttpRequest request : requests) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return this.http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                }));
            }
            start.countDown();
            for (int i = 0; i < deliveries; i++) {
                HttpResponse<byte[]> response = responses.get(i).get(60, TimeUnit.SECONDS);
                if (i % 3 == 2) {
                    assertThat(response.statusCode()).isEqualTo(302);
                    assertThat(response.headers().firstValue("Location").orElseThrow())
                        .matches(".*outcome=(PAID|DUPLICATE)$");
                }
                else {
                    assertThat(response.body()).as("answer %d", i).isEqualTo(SUCCESS);
                }
            }
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(this.handler.calls(no)).hasSize(1);
        assertThat(outcomes(no)).hasSize(deliveries).containsOnlyOnce(Outcome.PAID);
    }

    @Test
    void answersFailToAForgedSignature() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> notification = signed(TestNotifications.paid(no, "10.00"));
        notification.put("total_fee", "0.01");

        assertFailWithoutHandler(no, notification, Outcome.BAD_SIGNATURE);
    }

    @Test
    void answersFailToANotificationSignedWithAnotherKey() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> notification = TestNotifications.signed(TestNotifications.paid(no, "10.00"),
                "vutsrqponmlkjihgfedcba9876543210", charset());

        assertFailWithoutHandler(no, notification, Outcome.BAD_SIGNATURE);
        assertThat(gateway.wasAsked(notification.get("notify_id"))).isFalse();
    }

    @Test
    void answersFailForAnotherSeller() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> notification = TestNotifications.paid(no, "10.00");
        notification.put("seller_id", "2088999999999999");

        assertFailWithoutHandler(no, signed(notification), Outcome.WRONG_SELLER);
    }

    @Test
    void answersFailForAnotherAmount() throws Exception {
        String no = recordedTrade("10.00");

        assertFailWithoutHandler(no, signed(TestNotifications.paid(no, "0.01")), Outcome.WRONG_AMOUNT);
    }

    @Test
    void acceptsTheAmountWrittenDifferently() throws Exception {
        String no = recordedTrade("10.00");

        assertThat(postNotify(TestNotifications.formBody(signed(TestNotifications.paid(no, "10.0")), charset()))
            .body()).isEqualTo(SUCCESS);
        assertThat(this.handler.paid(no)).hasSize(1);
    }

    @Test
    void answersFailForATradeTheLedgerNeverRecorded() throws Exception {
        String no = TestNotifications.newOutTradeNo();

        assertFailWithoutHandler(no, signed(TestNotifications.paid(no, "10.00")), Outcome.UNKNOWN_TRADE);
    }

    @Test
    void answersFailWhenNotifyVerifyAnswersFalse() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> notification = TestNotifications.paid(no, "10.00");
        gateway.reject(notification.get("notify_id"));

        assertFailWithoutHandler(no, signed(notification), Outcome.NOTIFY_ID_REJECTED);
    }

    @Test
    void verifiesOnlyTheBodyAndIgnoresQueryParametersAddedToTheUrl() throws Exception {
        String no = recordedTrade("10.00");
        byte[] body = TestNotifications.formBody(signed(TestNotifications.paid(no, "10.00")), charset());

        HttpResponse<byte[]> response = send(HttpRequest
            .newBuilder(URI.create(base() + "/alipay/notify?s=/alipay/notify&jsessionid=abc"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));

        assertThat(response.body()).isEqualTo(SUCCESS);
        assertThat(this.handler.paid(no)).hasSize(1);
    }

    @Test
    void answersFailToAGetOpenedByHandWithoutAStackTrace() throws Exception {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base() + "/alipay/notify")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FAIL);
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void answersFailWith405ToOtherMethods() throws Exception {
        HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(base() + "/alipay/notify"))
            .PUT(HttpRequest.BodyPublishers.ofString("a=b")));
        HttpResponse<byte[]> postToReturn = send(HttpRequest.newBuilder(URI.create(base() + "/alipay/return"))
            .POST(HttpRequest.BodyPublishers.ofString("a=b")));

        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.body()).isEqualTo(FAIL);
        assertThat(postToReturn.statusCode()).isEqualTo(405);
    }

    @Test
    void answersFailToAnEmptyPostAndJournalsItCompactlyWithTheRemoteAddress() throws Exception {
        long before = this.journal.rejectedPage(0, 1).stream().mapToLong(JournalEntry::id).max().orElse(0);

        HttpResponse<byte[]> response = postNotify(new byte[0]);

        assertThat(response.body()).isEqualTo(FAIL);
        assertThat(this.journal.rejectedPage(0, 1)).singleElement().satisfies((entry) -> {
            assertThat(entry.id()).isGreaterThan(before);
            assertThat(entry.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(entry.bodySize()).isZero();
            assertThat(entry.remoteAddress()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        });
    }

    @Test
    void answersFailToGarbageWithoutAStackTrace() throws Exception {
        HttpResponse<byte[]> response = postNotify("%%%=&=%ZZ&sign".getBytes(StandardCharsets.US_ASCII));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FAIL);
    }

    @Test
    void answersFailToABodyOverTheLimitAndJournalsTheRefusal() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> notification = TestNotifications.paid(no, "10.00");
        notification.put("body", "x".repeat(9 * 1024));

        HttpResponse<byte[]> response = postNotify(TestNotifications.formBody(signed(notification), charset()));

        assertThat(response.body()).isEqualTo(FAIL);
        assertThat(this.handler.paid(no)).isEmpty();
        assertThat(this.journal.rejectedPage(0, 5)).anySatisfy((entry) -> {
            assertThat(entry.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(entry.reason()).contains("max-body-size");
            assertThat(entry.bodySize()).isGreaterThan(9 * 1024);
            assertThat(entry.remoteAddress()).isNotNull();
        });
        assertThat(this.journal.page(no, 0, 10)).isEmpty();
    }

    @Test
    void answersFailToAChunkedBodyOverTheLimit() throws Exception {
        String no = recordedTrade("10.00");
        Map<String, String> notification = TestNotifications.paid(no, "10.00");
        notification.put("body", "x".repeat(9 * 1024));
        byte[] body = TestNotifications.formBody(signed(notification), charset());

        // A publisher of unknown length makes the client send chunked, without Content-Length.
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base() + "/alipay/notify"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))));

        assertThat(response.body()).isEqualTo(FAIL);
        assertThat(this.handler.paid(no)).isEmpty();
    }

    @Test
    void returnRedirectsToTheResultUrlWithTheOutTradeNoAndOutcome() throws Exception {
        String no = recordedTrade("25.50");
        Map<String, String> ret = returnParameters(no, "25.50");

        HttpResponse<byte[]> response = send(HttpRequest
            .newBuilder(URI.create(base() + "/alipay/return?" + TestNotifications.formEncode(signed(ret), charset())))
            .GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
            .hasValue("/orders/" + no + "/result?outcome=PAID");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(this.handler.paid(no)).singleElement()
            .satisfies((trade) -> assertThat(trade.source()).isEqualTo(NotificationSource.RETURN));
    }

    @Test
    void returnAfterTheNotifyRedirectsAsDuplicateWithoutCallingOnPaidAgain() throws Exception {
        String no = recordedTrade("25.50");
        postNotify(TestNotifications.formBody(signed(TestNotifications.paid(no, "25.50")), charset()));

        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(URI.create(base() + "/alipay/return?"
                + TestNotifications.formEncode(signed(returnParameters(no, "25.50")), charset()))).GET());

        assertThat(response.headers().firstValue("Location"))
            .hasValue("/orders/" + no + "/result?outcome=DUPLICATE");
        assertThat(this.handler.paid(no)).hasSize(1);
    }

    @Test
    void forgedReturnRedirectsWithTheFailureAndCallsNoHandler() throws Exception {
        String no = recordedTrade("25.50");
        Map<String, String> ret = signed(returnParameters(no, "25.50"));
        ret.put("sign", "0".repeat(32));

        HttpResponse<byte[]> response = send(HttpRequest
            .newBuilder(URI.create(base() + "/alipay/return?" + TestNotifications.formEncode(ret, charset())))
            .GET());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location"))
            .hasValue("/orders/" + no + "/result?outcome=BAD_SIGNATURE");
        assertThat(this.handler.paid(no)).isEmpty();
    }

    private Map<String, String> returnParameters(String no, String totalFee) {
        Map<String, String> ret = TestNotifications.paid(no, totalFee);
        ret.put("is_success", "T");
        ret.remove("gmt_create");
        ret.remove("gmt_payment");
        ret.remove("price");
        ret.remove("quantity");
        ret.remove("is_total_fee_adjust");
        ret.remove("use_coupon");
        ret.remove("discount");
        ret.put("exterface", "create_direct_pay_by_user");
        return ret;
    }

    private void assertFailWithoutHandler(String no, Map<String, String> notification, Outcome expected)
            throws Exception {
        HttpResponse<byte[]> response = postNotify(TestNotifications.formBody(notification, charset()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FAIL);
        assertThat(this.handler.paid(no)).isEmpty();
        if (expected == Outcome.BAD_SIGNATURE) {
            // Anyone may send this: kept compactly and never in the history of the order it names.
            assertThat(outcomes(no)).isEmpty();
            assertThat(this.journal.rejectedPage(0, 5)).anySatisfy((entry) -> {
                assertThat(entry.outcome()).isEqualTo(expected);
                assertThat(entry.outTradeNo()).isNull();
                assertThat(entry.parameters()).isEmpty();
                assertThat(entry.bodyDigest()).hasSize(64);
            });
            return;
        }
        assertThat(outcomes(no)).containsExactly(expected);
        assertThat(this.journal.page(no, 0, 10)).singleElement()
            .satisfies((entry) -> assertThat(entry.parameters()).containsEntry("subject", TestNotifications.SUBJECT));
    }

    String recordedTrade(String totalFee) {
        String no = TestNotifications.newOutTradeNo();
        this.ledger.record(no, new BigDecimal(totalFee), TestNotifications.SUBJECT);
        return no;
    }

    Map<String, String> signed(Map<String, String> parameters) {
        return TestNotifications.signed(parameters, TestNotifications.KEY, charset());
    }

    Outcome[] outcomes(String no) {
        List<JournalEntry> newestFirst = new ArrayList<>(this.journal.page(no, 0, NotificationJournal.MAX_PAGE_SIZE));
        Collections.reverse(newestFirst);
        return newestFirst.stream().map(JournalEntry::outcome).toArray(Outcome[]::new);
    }

    HttpResponse<byte[]> postNotify(byte[] body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base() + "/alipay/notify"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        String text = new String(response.body(), StandardCharsets.ISO_8859_1);
        assertThat(text).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("<html");
        return response;
    }

    String base() {
        return "http://127.0.0.1:" + this.port;
    }

}
