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
import java.time.Instant;
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
        ManualSandboxClock time = new ManualSandboxClock();
        try (MerchantServer merchant = new MerchantServer();
                AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
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
            // answered success: nothing is left to send, however long the schedule would have run (25 h)
            assertThat(time.pending()).isEmpty();
            time.advance(Duration.ofHours(26));
            assertThat(sandbox.deliveries("FLOW-1")).hasSize(1);
        }
    }

    @Test
    void resendsOnTheScheduleUntilTheMerchantAnswersSuccess() throws Exception {
        List<String> verifyDuringDelivery = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        ManualSandboxClock time = new ManualSandboxClock();
        try (MerchantServer merchant = new MerchantServer();
                AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
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
            Instant paidAt = time.instant();
            sandbox.pay("SCHED-1");
            assertThat(sandbox.deliveries("SCHED-1")).hasSize(1);
            // each resend exactly when its gap (2m, 10m, 10m) is over, not a moment before
            for (Duration gap : List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(10))) {
                int before = sandbox.deliveries("SCHED-1").size();
                time.advance(gap.minusMillis(1));
                assertThat(sandbox.deliveries("SCHED-1")).as("a millisecond before the %s gap is over", gap).hasSize(before);
                time.advance(Duration.ofMillis(1));
                assertThat(sandbox.deliveries("SCHED-1")).as("when the %s gap is over", gap).hasSize(before + 1);
            }
            // answered success: no more attempts, ever
            assertThat(time.pending()).isEmpty();
            time.advance(Duration.ofHours(26));
            List<NotificationDelivery> ds = sandbox.deliveries("SCHED-1");
            assertThat(ds).extracting(NotificationDelivery::attempt).containsExactly(1, 2, 3, 4);
            assertThat(ds).extracting(NotificationDelivery::success).containsExactly(false, false, false, true);
            assertThat(ds).extracting(NotificationDelivery::body).containsExactly("fail", "fail", "fail", "success");
            assertThat(ds).extracting(NotificationDelivery::notifyId).containsOnly(ds.get(0).notifyId());
            assertThat(ds).extracting(NotificationDelivery::sentAt).containsExactly(paidAt, paidAt.plus(Duration.ofMinutes(2)),
                    paidAt.plus(Duration.ofMinutes(12)), paidAt.plus(Duration.ofMinutes(22)));
            assertThat(ds).extracting(d -> d.parameters().get("notify_time"))
                    .containsExactly("2025-01-01 10:00:00", "2025-01-01 10:02:00", "2025-01-01 10:12:00", "2025-01-01 10:22:00");
            assertThat(verifyDuringDelivery).containsExactly("true", "true", "true", "true");
            assertThat(notifyVerify(sandbox, SHOP.partner(), ds.get(0).notifyId())).isEqualTo("false");
            assertThat(merchant.received()).hasSize(4);
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
            ManualSandboxClock time = new ManualSandboxClock();
            try (MerchantServer merchant = new MerchantServer();
                    AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
                merchant.answering(r -> count.incrementAndGet() == 1 ? answer : "success");
                sandbox.newTrade("NL-2", "0.01").notifyUrl(merchant.notifyUrl()).create();
                sandbox.pay("NL-2");
                assertThat(sandbox.deliveries("NL-2")).as(answer).hasSize(1);
                time.advance(Duration.ofMinutes(2));
                assertThat(sandbox.deliveries("NL-2")).hasSize(2).as(answer)
                        .extracting(NotificationDelivery::success).containsExactly(false, true);
            }
        }
    }

    @Test
    void makesEightDeliveriesOnTheWholeScheduleWhenTheMerchantNeverAnswersSuccess() throws Exception {
        ManualSandboxClock time = new ManualSandboxClock();
        try (MerchantServer merchant = new MerchantServer().answering(r -> "<html>error</html>");
                AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
            sandbox.newTrade("SCHED-8", "0.01").notifyUrl(merchant.notifyUrl()).create();
            Instant paidAt = time.instant();
            sandbox.pay("SCHED-8");
            List<Duration> offsets = List.of(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(12), Duration.ofMinutes(22),
                    Duration.ofMinutes(82), Duration.ofMinutes(202), Duration.ofMinutes(562), Duration.ofMinutes(1462));
            assertThat(sandbox.notificationSchedule()).isEqualTo(offsets);
            assertThat(sandbox.deliveries("SCHED-8")).hasSize(1);
            for (int i = 1; i < offsets.size(); i++) {
                time.advanceTo(paidAt.plus(offsets.get(i)).minusMillis(1));
                assertThat(sandbox.deliveries("SCHED-8")).as("just before delivery %d is due", i + 1).hasSize(i);
                assertThat(notifyVerify(sandbox, SHOP.partner(), sandbox.deliveries("SCHED-8").get(0).notifyId()))
                        .as("the notify_id while the schedule runs").isEqualTo("true");
                time.advance(Duration.ofMillis(1));
                assertThat(sandbox.deliveries("SCHED-8")).as("when delivery %d is due", i + 1).hasSize(i + 1);
            }
            // the schedule is over (24 h 22 m): nothing more, and the notify_id is no longer valid
            assertThat(time.pending()).isEmpty();
            time.advance(Duration.ofDays(3));
            List<NotificationDelivery> ds = sandbox.deliveries("SCHED-8");
            assertThat(ds).hasSize(8);
            assertThat(ds).extracting(NotificationDelivery::attempt).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
            assertThat(ds).noneMatch(NotificationDelivery::success);
            assertThat(ds).extracting(NotificationDelivery::sentAt).containsExactlyElementsOf(offsets.stream().map(paidAt::plus).toList());
            assertThat(notifyVerify(sandbox, SHOP.partner(), ds.get(0).notifyId())).isEqualTo("false");
            assertThat(merchant.received()).hasSize(8);
        }
    }

    @Test
    void answersNotifyVerifyTrueForAReturnThenFalseAfterItsMinute() throws Exception {
        ManualSandboxClock time = new ManualSandboxClock();
        try (AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
            sandbox.newTrade("RET-1", "0.01").returnUrl(URI.create("http://shop.example.com/return")).create();
            SandboxPayment payment = sandbox.pay("RET-1");
            Map<String, String> ret = FormData.decode(payment.returnUrl().getRawQuery(), StandardCharsets.UTF_8);
            String notifyId = ret.get("notify_id");
            assertThat(notifyVerify(sandbox, SHOP.partner(), notifyId)).isEqualTo("true");
            time.advance(Duration.ofMinutes(1).minusMillis(1));
            assertThat(notifyVerify(sandbox, SHOP.partner(), notifyId)).as("a millisecond before its minute is over").isEqualTo("true");
            time.advance(Duration.ofMillis(1));
            assertThat(notifyVerify(sandbox, SHOP.partner(), notifyId)).as("its minute is over").isEqualTo("false");
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
}
