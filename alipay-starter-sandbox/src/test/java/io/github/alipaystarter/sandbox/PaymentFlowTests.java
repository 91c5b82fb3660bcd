package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.SandboxTestSupport.errorCode;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.notifyVerify;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.post;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.postForm;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.request;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.sign;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The whole payment: request, cashier, pay, return redirect, notification resent until success. */
class PaymentFlowTests {

    static final SandboxMerchant SHOP = SandboxMerchant.DEMO;
    static final AlipaySigner CORE_SIGNER = new AlipaySigner(new Md5Signer(SHOP.key()), StandardCharsets.UTF_8);

    @Test
    void paysAtTheCashierRedirectsWithVerifiableReturnParametersAndNotifiesOnce() throws Exception {
        try (MerchantServer merchant = new MerchantServer();
                AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.001)
                        .returnNotifyIdValidity(Duration.ofSeconds(30)).start()) {
            Map<String, String> p = request(SHOP, "FLOW-1", "utf-8");
            p.put("subject", "中文商品 Chinese item");
            p.put("body", "描述 description");
            p.put("extra_common_param", "回传 back");
            p.put("notify_url", merchant.notifyUrl().toString());
            p.put("return_url", merchant.returnUrl().toString());
            HttpResponse<String> cashier = post(sandbox.gatewayUrl(), "utf-8", sign(SHOP, p), StandardCharsets.UTF_8);
            assertThat(errorCode(cashier)).as(cashier.body()).isNull();
            assertThat(cashier.body()).contains("中文商品 Chinese item", "0.01");
            String token = token(cashier.body());

            HttpResponse<String> success = postForm(sandbox.baseUrl().resolve("/cashier/pay"), "token=" + token);
            assertThat(success.statusCode()).isEqualTo(200);
            assertThat(success.body()).contains("付款成功", "http-equiv=\"refresh\"", "/cashier/return?token=" + token);

            HttpResponse<String> redirect = SandboxTestSupport.get(sandbox.baseUrl().resolve("/cashier/return?token=" + token));
            assertThat(redirect.statusCode()).isEqualTo(302);
            URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
            assertThat(location.toString()).startsWith(merchant.returnUrl() + "?");
            Map<String, String> ret = FormData.decode(location.getRawQuery(), StandardCharsets.UTF_8);
            assertThatNoException().isThrownBy(() -> CORE_SIGNER.verify(ret));
            assertThat(ret).containsEntry("is_success", "T").containsEntry("trade_status", "TRADE_SUCCESS")
                    .containsEntry("out_trade_no", "FLOW-1").containsEntry("subject", "中文商品 Chinese item")
                    .containsEntry("total_fee", "0.01").containsEntry("exterface", "create_direct_pay_by_user")
                    .containsEntry("notify_type", "trade_status_sync").containsEntry("extra_common_param", "回传 back")
                    .containsEntry("seller_id", SHOP.sellerId()).containsEntry("buyer_id", SandboxBuyer.DEFAULT.id());
            assertThat(ret.get("trade_no")).matches("\\d{16,64}");
            assertThat(ret.get("notify_time")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
            // like Alipay's, the notify_id itself holds %2F / %2B and is URL-encoded once more for notify_verify
            assertThat(ret.get("notify_id")).containsPattern("%2[FB]");
            assertThat(notifyVerify(sandbox, SHOP.partner(), ret.get("notify_id"))).isEqualTo("true");

            List<NotificationDelivery> deliveries = sandbox.awaitDeliveries("FLOW-1", 1, Duration.ofSeconds(10));
            assertThat(deliveries).hasSize(1);
            NotificationDelivery d = deliveries.get(0);
            assertThat(d.success()).isTrue();
            assertThat(d.httpStatus()).isEqualTo(200);
            assertThat(d.body()).isEqualTo("success");
            assertThat(d.url()).isEqualTo(merchant.notifyUrl());

            MerchantServer.Received received = merchant.received().get(0);
            assertThat(received.method()).isEqualTo("POST");
            assertThat(received.contentType()).isEqualTo("application/x-www-form-urlencoded");
            Map<String, String> n = FormData.decode(received.body(), StandardCharsets.UTF_8);
            assertThatNoException().isThrownBy(() -> CORE_SIGNER.verify(n));
            assertThat(n).containsEntry("trade_no", ret.get("trade_no")).containsEntry("trade_status", "TRADE_SUCCESS")
                    .containsEntry("total_fee", "0.01").containsEntry("price", "0.01").containsEntry("quantity", "1")
                    .containsEntry("subject", "中文商品 Chinese item").containsEntry("body", "描述 description")
                    .containsEntry("seller_email", SHOP.sellerEmail()).containsEntry("buyer_email", SandboxBuyer.DEFAULT.email())
                    .containsEntry("notify_type", "trade_status_sync").containsEntry("sign_type", "MD5")
                    .containsKeys("notify_time", "notify_id", "gmt_create", "gmt_payment");
            assertThat(n.get("notify_id")).isNotEqualTo(ret.get("notify_id"));
            // issue 8: an asynchronous notify_id has the real shape, 34 lower-case letters and digits
            assertThat(n.get("notify_id")).matches("[a-z0-9]{34}");
            // answered success: the notification's notify_id is spent (spec 8.2 (12))
            assertThat(notifyVerify(sandbox, SHOP.partner(), n.get("notify_id"))).isEqualTo("false");
            assertThat(sandbox.trade("FLOW-1").status().value()).isEqualTo("TRADE_SUCCESS");
            Thread.sleep(300); // the 2nd delivery would be due 120 ms after the first
            assertThat(sandbox.deliveries("FLOW-1")).hasSize(1);
        }
    }

    @Test
    void resendsOnTheScheduleUntilTheMerchantAnswersSuccess() throws Exception {
        List<String> verifyDuringDelivery = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        // 2m, 10m, 10m scaled by 0.0002: 24 ms, 120 ms, 120 ms
        try (MerchantServer merchant = new MerchantServer();
                AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.0002).start()) {
            merchant.answering(r -> {
                Map<String, String> n = FormData.decode(r.body(), StandardCharsets.UTF_8);
                try {
                    verifyDuringDelivery.add(notifyVerify(sandbox, SHOP.partner(), n.get("notify_id")));
                } catch (Exception e) {
                    verifyDuringDelivery.add(e.toString());
                }
                return count.incrementAndGet() < 4 ? "fail" : "success";
            });
            sandbox.newTrade("SCHED-1", "12.30").notifyUrl(merchant.notifyUrl()).create();
            sandbox.pay("SCHED-1");
            assertThat(sandbox.awaitDeliveries("SCHED-1", 4, Duration.ofSeconds(10))).hasSize(4);
            Thread.sleep(1500); // the 5th would be due 720 ms after the 4th
            List<NotificationDelivery> ds = sandbox.deliveries("SCHED-1");
            assertThat(ds).extracting(NotificationDelivery::attempt).containsExactly(1, 2, 3, 4);
            assertThat(ds).extracting(NotificationDelivery::success).containsExactly(false, false, false, true);
            assertThat(ds).extracting(NotificationDelivery::body).containsExactly("fail", "fail", "fail", "success");
            assertThat(ds).extracting(NotificationDelivery::notifyId).containsOnly(ds.get(0).notifyId());
            assertThat(verifyDuringDelivery).containsExactly("true", "true", "true", "true");
            assertThat(notifyVerify(sandbox, SHOP.partner(), ds.get(0).notifyId())).isEqualTo("false");

            List<Long> gaps = gapsMillis(merchant.received());
            assertThat(gaps).hasSize(3);
            assertRoughly(gaps.get(0), 24);
            assertRoughly(gaps.get(1), 120);
            assertRoughly(gaps.get(2), 120);
            assertThat(gaps.get(1)).isGreaterThan(gaps.get(0));
        }
    }

    @Test
    void acceptsSuccessFollowedByOneLineBreakAsTheGuidesOutPrintlnWrites() throws Exception {
        // issue 8: the integration guide's JSP answers with out.println("success")
        for (String answer : List.of("success\n", "success\r\n")) {
            try (MerchantServer merchant = new MerchantServer();
                    AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.0002).start()) {
                merchant.answering(r -> answer);
                sandbox.newTrade("NL-1", "0.01").notifyUrl(merchant.notifyUrl()).create();
                sandbox.pay("NL-1");
                assertThat(sandbox.awaitDeliveries("NL-1", 1, Duration.ofSeconds(10))).first()
                        .satisfies(d -> assertThat(d.success()).as(answer.replace("\r", "CR").replace("\n", "LF")).isTrue());
            }
        }
    }

    @Test
    void treatsOtherTextAroundSuccessAsFailureAndSendsAgain() throws Exception {
        for (String answer : List.of("success ", " success", "success\n\n", "SUCCESS", "<p>success</p>", "\uFEFFsuccess")) {
            AtomicInteger count = new AtomicInteger();
            try (MerchantServer merchant = new MerchantServer();
                    AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.0002).start()) {
                merchant.answering(r -> count.incrementAndGet() == 1 ? answer : "success");
                sandbox.newTrade("NL-2", "0.01").notifyUrl(merchant.notifyUrl()).create();
                sandbox.pay("NL-2");
                assertThat(sandbox.awaitDeliveries("NL-2", 2, Duration.ofSeconds(10))).hasSize(2).as(answer)
                        .extracting(NotificationDelivery::success).containsExactly(false, true);
            }
        }
    }

    @Test
    void makesEightDeliveriesOnTheWholeScheduleWhenTheMerchantNeverAnswersSuccess() throws Exception {
        // scaled by 0.00005: gaps of 6, 30, 30, 180, 360, 1080, 2700 ms
        try (MerchantServer merchant = new MerchantServer().answering(r -> "<html>error</html>");
                AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.00005).start()) {
            sandbox.newTrade("SCHED-8", "0.01").notifyUrl(merchant.notifyUrl()).create();
            sandbox.pay("SCHED-8");
            assertThat(sandbox.awaitDeliveries("SCHED-8", 8, Duration.ofSeconds(30))).hasSize(8);
            List<NotificationDelivery> ds = sandbox.deliveries("SCHED-8");
            Thread.sleep(1000);
            assertThat(sandbox.deliveries("SCHED-8")).hasSize(8);
            assertThat(ds).extracting(NotificationDelivery::attempt).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(ds).noneMatch(NotificationDelivery::success);
            // the schedule is over: the notify_id is no longer valid
            assertThat(notifyVerify(sandbox, SHOP.partner(), ds.get(0).notifyId())).isEqualTo("false");

            List<Long> gaps = gapsMillis(merchant.received());
            long[] nominal = {6, 30, 30, 180, 360, 1080, 2700};
            for (int i = 0; i < nominal.length; i++) {
                assertRoughly(gaps.get(i), nominal[i]);
            }
            // the order of the gaps: short, then longer and longer (2m < 10m = 10m < 1h < 2h < 6h < 15h)
            assertThat(gaps.get(1)).isGreaterThan(gaps.get(0));
            for (int i = 3; i < gaps.size(); i++) {
                assertThat(gaps.get(i)).as("gap %d after gap %d", i + 1, i).isGreaterThan(gaps.get(i - 1));
            }
            // ratios of the long gaps, generous: 6h / 2h = 3, 15h / 6h = 2.5
            assertThat((double) gaps.get(5) / gaps.get(4)).isBetween(1.8, 4.5);
            assertThat((double) gaps.get(6) / gaps.get(5)).isBetween(1.6, 3.5);
            assertThat(sandbox.notificationSchedule()).hasSize(8);
        }
    }

    @Test
    void answersNotifyVerifyTrueForAReturnThenFalseAfterItsMinute() throws Exception {
        // a minute scaled by 0.02 is 1.2 s
        try (AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.02).start()) {
            sandbox.newTrade("RET-1", "0.01").returnUrl(URI.create("http://shop.example.com/return")).create();
            long paidAt = System.nanoTime();
            SandboxPayment payment = sandbox.pay("RET-1");
            Map<String, String> ret = FormData.decode(payment.returnUrl().getRawQuery(), StandardCharsets.UTF_8);
            String notifyId = ret.get("notify_id");
            assertThat(notifyVerify(sandbox, SHOP.partner(), notifyId)).isEqualTo("true");
            String answer = "true";
            while (answer.equals("true") && System.nanoTime() - paidAt < Duration.ofSeconds(10).toNanos()) {
                Thread.sleep(50);
                answer = notifyVerify(sandbox, SHOP.partner(), notifyId);
            }
            assertThat(answer).isEqualTo("false");
            assertThat(Duration.ofNanos(System.nanoTime() - paidAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1150));
        }
    }

    @Test
    void answersNotifyVerifyInvalidForBadParametersAndFalseForAnUnknownId() throws Exception {
        try (AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).start()) {
            assertThat(SandboxTestSupport.get(URI.create(sandbox.gatewayUrl() + "?service=notify_verify&partner=" + SHOP.partner())).body())
                    .isEqualTo("invalid");
            assertThat(notifyVerify(sandbox, "2088999999999999", "abc")).isEqualTo("invalid");
            assertThat(notifyVerify(sandbox, SHOP.partner(), "abc")).isEqualTo("false");
        }
    }

    @Test
    void answersFalseToANotifyIdThatWasDecodedTwice() throws Exception {
        try (AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).returnNotifyIdValidity(Duration.ofMinutes(1)).start()) {
            sandbox.newTrade("TWICE-1", "0.01").returnUrl(URI.create("http://shop.example.com/return")).create();
            Map<String, String> ret = FormData.decode(sandbox.pay("TWICE-1").returnUrl().getRawQuery(), StandardCharsets.UTF_8);
            String once = ret.get("notify_id");
            String twice = FormData.decode("x=" + once, StandardCharsets.UTF_8).get("x");
            assertThat(twice).isNotEqualTo(once);
            assertThat(notifyVerify(sandbox, SHOP.partner(), once)).isEqualTo("true");
            assertThat(notifyVerify(sandbox, SHOP.partner(), twice)).isEqualTo("false");
        }
    }

    static List<Long> gapsMillis(List<MerchantServer.Received> received) {
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < received.size(); i++) {
            gaps.add((received.get(i).nanoTime() - received.get(i - 1).nanoTime()) / 1_000_000);
        }
        return gaps;
    }

    /** Timers never fire early; late by up to a loaded machine's jitter. */
    static void assertRoughly(long actualMillis, long nominalMillis) {
        assertThat(actualMillis).as("gap, nominally %d ms", nominalMillis)
                .isBetween((long) (nominalMillis * 0.7) - 3, nominalMillis * 3 + 250);
    }
}
