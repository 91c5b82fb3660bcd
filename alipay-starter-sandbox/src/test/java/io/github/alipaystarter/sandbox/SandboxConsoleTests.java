package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.SandboxTestSupport.errorCode;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.post;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.postForm;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.request;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.sign;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's console: one line per event (requests accepted and refused with the canonical string,
 * each delivery with URL, status, answer and next attempt, notify_verify and query calls, refunds,
 * closes, finishes), the console page {@code /} with its buttons, and the cashier's success page
 * saying in red when the notification could not connect.
 */
class SandboxConsoleTests {

    record Line(String text, boolean problem) {
    }

    static final SandboxMerchant SHOP = SandboxMerchant.DEMO;

    final List<Line> lines = new CopyOnWriteArrayList<>();
    MerchantServer merchant;
    AlipaySandbox sandbox;
    final ManualSandboxClock time = new ManualSandboxClock();

    @BeforeEach
    void start() throws IOException {
        merchant = new MerchantServer();
        sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.001).log((text, problem) -> lines.add(new Line(text, problem)))
                .manualTime(time).returnNotifyIdValidity(Duration.ofMinutes(1)).start();
    }

    @AfterEach
    void stop() {
        sandbox.close();
        merchant.close();
    }

    /** Waits (up to 10 s) for a console line that matches; the line is written just after the event. */
    Line awaitLine(Predicate<String> match) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (Line l : lines) {
                if (match.test(l.text())) {
                    return l;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no console line matched; the console said:\n" + String.join("\n", lines.stream().map(Line::text).toList()));
    }

    static URI unreachableUrl() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        return URI.create("http://127.0.0.1:" + port + "/alipay/notify");
    }

    Map<String, String> signedRequest(String outTradeNo, URI notifyUrl) {
        Map<String, String> p = request(SHOP, outTradeNo, "utf-8");
        p.put("notify_url", notifyUrl.toString());
        p.put("return_url", merchant.returnUrl().toString());
        return sign(SHOP, p);
    }

    @Test
    void printsAnAcceptedRequestWithTheCanonicalStringItSigned() throws Exception {
        Map<String, String> p = signedRequest("C-ACCEPT", merchant.notifyUrl());
        sandbox.createTrade(p);

        Line line = awaitLine(t -> t.contains("REQUEST") && t.contains("C-ACCEPT"));
        assertThat(line.problem()).isFalse();
        assertThat(line.text()).contains("accepted out_trade_no=C-ACCEPT total_fee=0.01 partner=" + SHOP.partner())
                .contains("notify_url=" + merchant.notifyUrl())
                .endsWith("signed: " + SandboxCodec.canonical(p))
                .doesNotContain(SHOP.key());
    }

    @Test
    void printsARefusedRequestWithItsCodeAndTheCanonicalStringItSigned() throws Exception {
        Map<String, String> p = signedRequest("C-REFUSE", merchant.notifyUrl());
        p.put("subject", "changed after signing");
        HttpResponse<String> page = post(sandbox.gatewayUrl(), "utf-8", p, StandardCharsets.UTF_8);
        assertThat(errorCode(page)).isEqualTo("ILLEGAL_SIGN");

        Line line = awaitLine(t -> t.contains("REFUSED"));
        assertThat(line.problem()).isTrue();
        assertThat(line.text()).contains("REQUEST").contains("REFUSED ILLEGAL_SIGN").contains("subject=changed after signing")
                .contains("signed: " + SandboxCodec.canonical(p)).doesNotContain(SHOP.key());
    }

    @Test
    void printsEachDeliveryWithUrlStatusAnswerAndWhatComesNext() throws Exception {
        merchant.answering(r -> "fail");
        sandbox.createTrade(signedRequest("C-NOTIFY", merchant.notifyUrl()));
        sandbox.pay("C-NOTIFY");
        merchant.answering(r -> "success");
        time.advance(sandbox.notificationSchedule().get(1)); // 2 minutes scaled by 0.001
        assertThat(sandbox.deliveries("C-NOTIFY")).hasSize(2);

        Line first = awaitLine(t -> t.contains("NOTIFY ") && t.contains("#1 "));
        assertThat(first.problem()).isTrue();
        String resendAt = ConsoleEvents.clock(ManualSandboxClock.DEFAULT_START.plusMillis(120));
        assertThat(first.text()).contains("out_trade_no=C-NOTIFY #1 POST " + merchant.notifyUrl() + " -> HTTP 200 \"fail\"")
                .endsWith("not success; next attempt (2 of 8) in 120ms at " + resendAt);
        Line success = awaitLine(t -> t.contains("NOTIFY ") && t.contains("\"success\""));
        assertThat(success.problem()).isFalse();
        assertThat(success.text()).contains("-> HTTP 200 \"success\"").endsWith("answered success: no more attempts");
        assertThat(awaitLine(t -> t.contains(" PAID ")).text()).contains("out_trade_no=C-NOTIFY").contains("TRADE_SUCCESS 0.01");
    }

    @Test
    void printsADeliveryThatCannotConnectAsAProblemWithTheUrlItTried() throws Exception {
        URI nowhere = unreachableUrl();
        sandbox.createTrade(signedRequest("C-DOWN", nowhere));
        sandbox.pay("C-DOWN");

        Line line = awaitLine(t -> t.contains("NOTIFY ") && t.contains("C-DOWN"));
        assertThat(line.problem()).isTrue();
        assertThat(line.text()).contains("POST " + nowhere + " -> CANNOT CONNECT (").contains("next attempt (2 of 8)");
    }

    @Test
    void printsNotifyVerifyAndQueryCalls() throws Exception {
        sandbox.createTrade(signedRequest("C-VERIFY", merchant.notifyUrl()));
        sandbox.pay("C-VERIFY");
        String notifyId = sandbox.awaitDeliveries("C-VERIFY", 1, Duration.ofSeconds(10)).get(0).notifyId();
        assertThat(SandboxTestSupport.notifyVerify(sandbox, SHOP.partner(), notifyId)).isIn("true", "false");

        Map<String, String> q = new java.util.LinkedHashMap<>();
        q.put("service", "single_trade_query");
        q.put("partner", SHOP.partner());
        q.put("_input_charset", "utf-8");
        q.put("out_trade_no", "C-VERIFY");
        SandboxTestSupport.get(sandbox.gatewayUrl(), sign(SHOP, q), StandardCharsets.UTF_8);

        assertThat(awaitLine(t -> t.contains("NOTIFY_VERIFY")).text()).contains("partner=" + SHOP.partner() + " notify_id=" + notifyId + " -> ");
        assertThat(awaitLine(t -> t.contains("SINGLE_TRADE_QUERY")).text())
                .contains("partner=" + SHOP.partner() + " out_trade_no=C-VERIFY -> T TRADE_SUCCESS");
    }

    @Test
    void printsRefundsClosesAndFinishes() throws Exception {
        sandbox.newTrade("C-OPEN", "1.00").create();
        sandbox.close("C-OPEN");
        sandbox.newTrade("C-REFUND", "1.00").notifyUrl(merchant.notifyUrl()).create();
        sandbox.pay("C-REFUND");
        sandbox.refund("C-REFUND", "0.40");
        sandbox.newTrade("C-FINISH", "1.00").notifyUrl(merchant.notifyUrl()).create();
        sandbox.pay("C-FINISH");
        sandbox.finish("C-FINISH");

        assertThat(awaitLine(t -> t.contains(" CLOSE ")).text()).contains("out_trade_no=C-OPEN -> TRADE_CLOSED");
        assertThat(awaitLine(t -> t.contains(" REFUND ")).text()).contains("out_trade_no=C-REFUND 0.40 -> TRADE_SUCCESS (0.40 of 1.00 refunded)");
        assertThat(awaitLine(t -> t.contains(" FINISH ")).text()).contains("out_trade_no=C-FINISH -> TRADE_FINISHED");
    }

    @Test
    void consolePageShowsEachTradeWithItsDeliveriesAndAnUnreachableOneInRed() throws Exception {
        URI nowhere = unreachableUrl();
        sandbox.createTrade(signedRequest("P-OK", merchant.notifyUrl()));
        sandbox.pay("P-OK");
        sandbox.createTrade(signedRequest("P-DOWN", nowhere));
        sandbox.pay("P-DOWN");
        sandbox.awaitDeliveries("P-OK", 1, Duration.ofSeconds(10));
        sandbox.awaitDeliveries("P-DOWN", 1, Duration.ofSeconds(10));

        String page = SandboxTestSupport.get(sandbox.baseUrl()).body();

        assertThat(page).contains("data-out-trade-no=\"P-OK\"").contains("data-out-trade-no=\"P-DOWN\"")
                .contains("<tr class=\"delivery delivered\"><td>1</td>")
                .contains("&quot;success&quot;")
                .contains("<tr class=\"delivery unreachable\"><td>1</td>")
                .contains(nowhere.toString()).contains("无法连接 cannot connect")
                .contains("tr.unreachable td,.unreachable{color:#d4380d")
                .contains("action=\"/console/resend\"").contains("action=\"/console/refund\"").contains("action=\"/console/finish\"");
        assertThat(page.indexOf("P-DOWN")).as("newest first").isLessThan(page.indexOf("P-OK"));
    }

    @Test
    void consoleButtonsRefundPartlyThenFullyCloseFinishAndResend() throws Exception {
        sandbox.newTrade("B-1", "1.00").notifyUrl(merchant.notifyUrl()).create();
        sandbox.pay("B-1");
        sandbox.newTrade("B-2", "1.00").create();
        sandbox.newTrade("B-3", "1.00").notifyUrl(merchant.notifyUrl()).create();
        sandbox.pay("B-3");

        HttpResponse<String> partly = postForm(sandbox.baseUrl().resolve("/console/refund"), "out_trade_no=B-1&amount=0.40");
        assertThat(partly.statusCode()).isEqualTo(303);
        assertThat(partly.headers().firstValue("Location").orElseThrow()).startsWith("/?message=");
        assertThat(sandbox.trade("B-1").refunded()).isEqualByComparingTo("0.40");
        assertThat(sandbox.trade("B-1").status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        postForm(sandbox.baseUrl().resolve("/console/refund"), "out_trade_no=B-1&amount=0.60");
        assertThat(sandbox.trade("B-1").status()).isEqualTo(TradeStatus.TRADE_CLOSED);

        postForm(sandbox.baseUrl().resolve("/console/close"), "out_trade_no=B-2");
        assertThat(sandbox.trade("B-2").status()).isEqualTo(TradeStatus.TRADE_CLOSED);

        postForm(sandbox.baseUrl().resolve("/console/finish"), "out_trade_no=B-3");
        assertThat(sandbox.trade("B-3").status()).isEqualTo(TradeStatus.TRADE_FINISHED);

        // the payment's and the finish's notifications, each answered success
        int before = sandbox.awaitDeliveries("B-3", 2, Duration.ofSeconds(10)).size();
        assertThat(before).isEqualTo(2);
        postForm(sandbox.baseUrl().resolve("/console/resend"), "out_trade_no=B-3");
        assertThat(sandbox.deliveries("B-3")).hasSize(before + 1);
    }

    @Test
    void consoleButtonSaysWhyItCannotDoSomething() throws Exception {
        sandbox.newTrade("B-X", "1.00").create();

        HttpResponse<String> refused = postForm(sandbox.baseUrl().resolve("/console/refund"), "out_trade_no=B-X&amount=0.40");
        String location = refused.headers().firstValue("Location").orElseThrow();
        Map<String, String> q = FormData.decode(URI.create(location).getRawQuery(), StandardCharsets.UTF_8);

        assertThat(q).containsKey("error");
        assertThat(q.get("message")).contains("B-X is WAIT_BUYER_PAY; only TRADE_SUCCESS can be refunded");
        assertThat(SandboxTestSupport.get(sandbox.baseUrl().resolve(location)).body())
                .contains("class=\"card flash error\"").contains("only TRADE_SUCCESS can be refunded");
    }

    @Test
    void cashierSuccessPageSaysInRedThatTheNotificationCouldNotConnect() throws Exception {
        URI nowhere = unreachableUrl();
        HttpResponse<String> cashier = post(sandbox.gatewayUrl(), "utf-8", signedRequest("S-DOWN", nowhere), StandardCharsets.UTF_8);

        HttpResponse<String> success = postForm(sandbox.baseUrl().resolve("/cashier/pay"), "token=" + token(cashier.body()));

        assertThat(success.body()).contains("付款成功").contains("class=\"unreachable\" style=\"color:#d4380d")
                .contains("could not connect to " + nowhere)
                .doesNotContain("http-equiv=\"refresh\"") // the buyer (the developer) must be able to read it
                .contains("id=\"return\"");
    }

    @Test
    void cashierSuccessPageSaysTheNotificationWasAnsweredSuccess() throws Exception {
        HttpResponse<String> cashier = post(sandbox.gatewayUrl(), "utf-8", signedRequest("S-OK", merchant.notifyUrl()), StandardCharsets.UTF_8);

        HttpResponse<String> success = postForm(sandbox.baseUrl().resolve("/cashier/pay"), "token=" + token(cashier.body()));

        assertThat(success.body()).contains("Notification delivered to " + merchant.notifyUrl()).contains("http-equiv=\"refresh\"");
    }

    @Test
    void commandLineSandboxPrintsToItsConsoleAndKeepsTheReturnNotifyIdForARealMinute() throws Exception {
        SandboxMain.Options o = SandboxMain.parse(new String[] {"--port", "0", "--time-scale", "0.01"});
        List<String> printed = new CopyOnWriteArrayList<>();
        try (AlipaySandbox cli = SandboxMain.start(o, (text, problem) -> printed.add(text))) {
            assertThat(cli.returnNotifyIdValidity()).isEqualTo(Duration.ofMinutes(1));
            assertThat(cli.notificationSchedule().get(1)).isEqualTo(Duration.ofMillis(1200));
            cli.newTrade("CLI-1", "0.01").create();
            assertThat(printed).anyMatch(l -> l.contains("REQUEST") && l.contains("CLI-1"));
        }
    }
}
