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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.CanonicalContent;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The programmatic API: trades without a browser, refunds, resends, faults, queries. */
class SandboxApiTests {

    static final SandboxMerchant SHOP = SandboxMerchant.DEMO;
    static final AlipaySigner CORE_SIGNER = new AlipaySigner(new Md5Signer(SHOP.key()), StandardCharsets.UTF_8);

    @RegisterExtension
    // a return's notify_id lives a real minute (not 60 ms scaled): a loaded machine must not expire it
    // between pay() and notify_verify
    static AlipaySandboxExtension alipay = AlipaySandboxExtension.withMerchant(SHOP).timeScale(0.001)
            .returnNotifyIdValidity(Duration.ofMinutes(1));

    static final MerchantServer MERCHANT = newMerchant();

    static MerchantServer newMerchant() {
        try {
            return new MerchantServer();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    AlipaySandbox sandbox() {
        return alipay.sandbox();
    }

    @AfterEach
    void heal() {
        sandbox().notifyVerifyFault(SandboxFault.NONE);
        sandbox().gatewayFault(SandboxFault.NONE);
        sandbox().dropReturnRedirect(false);
        MERCHANT.answering(r -> "success");
    }

    private static String no() {
        return "API" + System.nanoTime();
    }

    private Map<String, String> lastNotification(String outTradeNo, int count) {
        List<NotificationDelivery> ds = sandbox().awaitDeliveries(outTradeNo, count, Duration.ofSeconds(10));
        assertThat(ds).hasSizeGreaterThanOrEqualTo(count);
        return ds.get(count - 1).parameters();
    }

    @Test
    void createsAndPaysATradeWithoutABrowser() {
        String no = no();
        SandboxTrade created = sandbox().newTrade(no, "88.00").subject("会员充值").notifyUrl(MERCHANT.notifyUrl()).create();
        assertThat(created.status()).isEqualTo(TradeStatus.WAIT_BUYER_PAY);
        assertThat(created.tradeNo()).isNull();
        SandboxTrade paid = sandbox().pay(no, new SandboxBuyer("2088000000009999", "buyer@example.com")).trade();
        assertThat(paid.status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        assertThat(paid.tradeNo()).matches("\\d{28}");
        assertThat(paid.buyerEmail()).isEqualTo("buyer@example.com");
        Map<String, String> n = lastNotification(no, 1);
        assertThat(n).containsEntry("total_fee", "88.00").containsEntry("buyer_id", "2088000000009999");
        assertThatNoException().isThrownBy(() -> CORE_SIGNER.verify(n));
    }

    @Test
    void paysAsTheBuyerTheRequestNamed() {
        String no = no();
        sandbox().newTrade(no, "1.00").parameter("buyer_email", "named-buyer@example.com").create();
        SandboxTrade paid = sandbox().pay(no).trade();
        assertThat(paid.buyerEmail()).isEqualTo("named-buyer@example.com");
        assertThat(paid.buyerId()).isEqualTo(SandboxBuyer.DEFAULT.id());
    }

    @Test
    void createsATradeFromSignedParametersAndRefusesABadSignature() {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        assertThat(sandbox().createTrade(sign(SHOP, p)).totalFee()).isEqualByComparingTo("0.01");
        Map<String, String> bad = sign(SHOP, request(SHOP, no(), "utf-8"));
        bad.put("total_fee", "0.02");
        assertThatThrownBy(() -> sandbox().createTrade(bad)).isInstanceOf(SandboxRejectedException.class)
                .satisfies(e -> assertThat(((SandboxRejectedException) e).code()).isEqualTo("ILLEGAL_SIGN"));
    }

    @Test
    void refusesToPayATradeTwice() {
        String no = no();
        sandbox().newTrade(no, "1.00").create();
        sandbox().pay(no);
        assertThatThrownBy(() -> sandbox().pay(no)).isInstanceOf(SandboxRejectedException.class)
                .hasMessageContaining("TRADE_NOT_ALLOWED_PAY");
    }

    @Test
    void paysWithPriceAndQuantityAndNotifiesThem() {
        String no = no();
        sandbox().newTrade(no, null).parameter("total_fee", null).parameter("price", "2.50").parameter("quantity", "3")
                .notifyUrl(MERCHANT.notifyUrl()).create();
        sandbox().pay(no);
        assertThat(lastNotification(no, 1)).containsEntry("price", "2.50").containsEntry("quantity", "3")
                .containsEntry("total_fee", "7.50");
    }

    @Test
    void refundsPartlyWithANotificationThenFullyWithoutOneByDefault() {
        String no = no();
        sandbox().newTrade(no, "10.00").notifyUrl(MERCHANT.notifyUrl()).create();
        sandbox().pay(no);
        lastNotification(no, 1);
        SandboxTrade partly = sandbox().refund(no, "3.00");
        assertThat(partly.status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
        Map<String, String> first = lastNotification(no, 2);
        assertThat(first).containsEntry("refund_status", "REFUND_SUCCESS").containsEntry("trade_status", "TRADE_SUCCESS")
                .containsKey("gmt_refund");
        assertThatNoException().isThrownBy(() -> CORE_SIGNER.verify(first));

        SandboxTrade fully = sandbox().refund(no, "7.00");
        assertThat(fully.status()).isEqualTo(TradeStatus.TRADE_CLOSED);
        assertThat(fully.refunded()).isEqualByComparingTo("10.00");
        assertThatThrownBy(() -> sandbox().refund(no, "0.01")).isInstanceOf(IllegalStateException.class);

        // issue 8, rules v1.4: closed trades are not notified by default. The latest notification of the
        // trade is still the partial refund's: resending it sends that one, not a TRADE_CLOSED.
        sandbox().resendNotification(no);
        assertThat(lastNotification(no, 3)).containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("notify_id", first.get("notify_id"));
        assertThat(sandbox().deliveries(no)).noneMatch(d -> "TRADE_CLOSED".equals(d.parameters().get("trade_status")));
    }

    @Test
    void notifiesAFullRefundAndAClosedTradeWhenClosedTradesAreNotified() {
        try (AlipaySandbox notifying = AlipaySandbox.builder().merchant(SHOP).timeScale(0.001).notifyClosedTrades(true)
                .start()) {
            String no = no();
            notifying.newTrade(no, "10.00").notifyUrl(MERCHANT.notifyUrl()).create();
            notifying.pay(no);
            notifying.awaitDeliveries(no, 1, Duration.ofSeconds(10));
            notifying.refund(no, "10.00");
            Map<String, String> closed = notifying.awaitDeliveries(no, 2, Duration.ofSeconds(10)).get(1).parameters();
            assertThat(closed).containsEntry("refund_status", "REFUND_SUCCESS").containsEntry("trade_status", "TRADE_CLOSED")
                    .containsKeys("gmt_close", "gmt_refund");
            assertThatNoException().isThrownBy(() -> CORE_SIGNER.verify(closed));

            String unpaid = no();
            notifying.newTrade(unpaid, "1.00").notifyUrl(MERCHANT.notifyUrl()).create();
            notifying.close(unpaid);
            Map<String, String> n = notifying.awaitDeliveries(unpaid, 1, Duration.ofSeconds(10)).get(0).parameters();
            assertThat(n).containsEntry("trade_status", "TRADE_CLOSED").containsKey("gmt_close")
                    .doesNotContainKeys("gmt_payment", "refund_status");
            assertThatNoException().isThrownBy(() -> CORE_SIGNER.verify(n));
        }
    }

    @Test
    void refusesToRefundMoreThanWasPaid() {
        String no = no();
        sandbox().newTrade(no, "1.00").create();
        sandbox().pay(no);
        assertThatThrownBy(() -> sandbox().refund(no, "1.01")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1.00 left");
    }

    @Test
    void finishesATradeWithATradeFinishedNotification() {
        String no = no();
        sandbox().newTrade(no, "1.00").notifyUrl(MERCHANT.notifyUrl()).create();
        sandbox().pay(no);
        lastNotification(no, 1);
        assertThat(sandbox().finish(no).status()).isEqualTo(TradeStatus.TRADE_FINISHED);
        assertThat(lastNotification(no, 1)).doesNotContainKey("gmt_close");
        assertThat(lastNotification(no, 2)).containsEntry("trade_status", "TRADE_FINISHED").containsKey("gmt_close");
    }

    @Test
    void aTradeFinishedOnPaymentCarriesGmtClose() {
        try (AlipaySandbox finishing = AlipaySandbox.builder()
                .merchant(SHOP.tradeStatusOnPay(TradeStatus.TRADE_FINISHED)).timeScale(0.001).start()) {
            String no = no();
            finishing.newTrade(no, "1.00").notifyUrl(MERCHANT.notifyUrl()).create();
            finishing.pay(no);
            Map<String, String> n = finishing.awaitDeliveries(no, 1, Duration.ofSeconds(10)).get(0).parameters();
            assertThat(n).containsEntry("trade_status", "TRADE_FINISHED").containsKeys("gmt_close", "gmt_payment");
        }
    }

    @Test
    void closesAnUnpaidTradeWithoutNotifying() {
        ManualSandboxClock time = new ManualSandboxClock();
        try (AlipaySandbox manual = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
            String no = no();
            manual.newTrade(no, "1.00").notifyUrl(MERCHANT.notifyUrl()).create();
            assertThat(manual.close(no).status()).isEqualTo(TradeStatus.TRADE_CLOSED);
            assertThat(manual.trade(no).gmtClose()).isEqualTo(time.instant());
            assertThat(time.pending()).as("nothing waits to be sent").isEmpty();
            time.advance(Duration.ofHours(26));
            assertThat(manual.deliveries(no)).isEmpty();
            assertThat(MERCHANT.received()).noneMatch(r -> r.bodyAscii().contains(no));
            assertThatThrownBy(() -> manual.pay(no)).isInstanceOf(SandboxRejectedException.class);
        }
    }

    @Test
    void resendsTheSameNotificationWithItsNotifyIdValidAgain() throws Exception {
        String no = no();
        sandbox().newTrade(no, "1.00").notifyUrl(MERCHANT.notifyUrl()).create();
        sandbox().pay(no);
        Map<String, String> first = lastNotification(no, 1);
        assertThat(notifyVerify(sandbox(), SHOP.partner(), first.get("notify_id"))).isEqualTo("false");
        String[] verifiedDuring = new String[1];
        MERCHANT.answering(r -> {
            try {
                verifiedDuring[0] = notifyVerify(sandbox(), SHOP.partner(), first.get("notify_id"));
            } catch (Exception e) {
                verifiedDuring[0] = e.toString();
            }
            return "success";
        });
        NotificationDelivery again = sandbox().resendNotification(no);
        assertThat(again.notifyId()).isEqualTo(first.get("notify_id"));
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.success()).isTrue();
        assertThat(verifiedDuring[0]).isEqualTo("true");
        assertThat(again.parameters().get("trade_no")).isEqualTo(first.get("trade_no"));
    }

    @Test
    void sendsOneNotificationSeveralTimesAtOnce() {
        String no = no();
        sandbox().newTrade(no, "1.00").notifyUrl(MERCHANT.notifyUrl()).create();
        sandbox().pay(no);
        lastNotification(no, 1);
        List<NotificationDelivery> burst = sandbox().sendNotificationConcurrently(no, 5);
        assertThat(burst).hasSize(5).allMatch(NotificationDelivery::success)
                .extracting(NotificationDelivery::notifyId).containsOnly(burst.get(0).notifyId());
        assertThat(sandbox().deliveries(no)).hasSize(6);
    }

    @Test
    void dropsTheReturnRedirectButStillNotifies() throws Exception {
        sandbox().dropReturnRedirect(true);
        String no = no();
        Map<String, String> p = request(SHOP, no, "utf-8");
        p.put("notify_url", MERCHANT.notifyUrl().toString());
        p.put("return_url", MERCHANT.returnUrl().toString());
        HttpResponse<String> cashier = post(sandbox().gatewayUrl(), "utf-8", sign(SHOP, p), StandardCharsets.UTF_8);
        String token = token(cashier.body());
        HttpResponse<String> success = postForm(sandbox().baseUrl().resolve("/cashier/pay"), "token=" + token);
        assertThat(success.body()).contains("付款成功", "guide 5.3").doesNotContain("http-equiv=\"refresh\"");
        HttpResponse<String> ret = SandboxTestSupport.get(sandbox().baseUrl().resolve("/cashier/return?token=" + token));
        assertThat(ret.statusCode()).isEqualTo(200);
        assertThat(ret.headers().firstValue("Location")).isEmpty();
        assertThat(sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(10))).hasSize(1);

        String other = no();
        sandbox().newTrade(other, "1.00").returnUrl(MERCHANT.returnUrl()).create();
        assertThat(sandbox().pay(other).returnUrl()).isNull();
    }

    @Test
    void cancelsAtTheCashierAndLeavesTheTradeWaiting() throws Exception {
        String no = no();
        HttpResponse<String> cashier = post(sandbox().gatewayUrl(), "utf-8", sign(SHOP, request(SHOP, no, "utf-8")), StandardCharsets.UTF_8);
        HttpResponse<String> cancelled = postForm(sandbox().baseUrl().resolve("/cashier/cancel"), "token=" + token(cashier.body()));
        assertThat(cancelled.body()).contains("已取消");
        assertThat(sandbox().trade(no).status()).isEqualTo(TradeStatus.WAIT_BUYER_PAY);
    }

    @Test
    void makesNotifyVerifyAnswerFalse() throws Exception {
        // on a clock that stands still the return's notify_id cannot expire: "false" is the fault's alone
        ManualSandboxClock time = new ManualSandboxClock();
        try (AlipaySandbox manual = AlipaySandbox.builder().merchant(SHOP).manualTime(time).start()) {
            String no = no();
            manual.newTrade(no, "1.00").returnUrl(MERCHANT.returnUrl()).create();
            String id = FormData.decode(manual.pay(no).returnUrl().getRawQuery(), StandardCharsets.UTF_8).get("notify_id");
            assertThat(notifyVerify(manual, SHOP.partner(), id)).isEqualTo("true");
            manual.notifyVerifyFault(SandboxFault.ANSWER_FALSE);
            assertThat(notifyVerify(manual, SHOP.partner(), id)).isEqualTo("false");
            manual.notifyVerifyFault(SandboxFault.NONE);
            assertThat(notifyVerify(manual, SHOP.partner(), id)).as("healed").isEqualTo("true");
        }
    }

    @Test
    void makesNotifyVerifyAnswer500() throws Exception {
        sandbox().notifyVerifyFault(SandboxFault.HTTP_500);
        HttpResponse<String> r = SandboxTestSupport.get(URI.create(sandbox().gatewayUrl()
                + "?service=notify_verify&partner=" + SHOP.partner() + "&notify_id=x"));
        assertThat(r.statusCode()).isEqualTo(500);
    }

    @Test
    void makesNotifyVerifyHangUntilTheCallerTimesOut() throws Exception {
        sandbox().notifyVerifyFault(SandboxFault.HANG);
        HttpRequest req = HttpRequest.newBuilder(URI.create(sandbox().gatewayUrl()
                + "?service=notify_verify&partner=" + SHOP.partner() + "&notify_id=x")).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        sandbox().notifyVerifyFault(SandboxFault.NONE);
        assertThat(notifyVerify(sandbox(), SHOP.partner(), "x")).isEqualTo("false");
    }

    @Test
    void makesTheWholeGatewayAnswer500() throws Exception {
        sandbox().gatewayFault(SandboxFault.HTTP_500);
        HttpResponse<String> r = post(sandbox().gatewayUrl(), "utf-8", sign(SHOP, request(SHOP, no(), "utf-8")), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).isEqualTo(500);
        sandbox().gatewayFault(SandboxFault.NONE);
        r = post(sandbox().gatewayUrl(), "utf-8", sign(SHOP, request(SHOP, no(), "utf-8")), StandardCharsets.UTF_8);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(errorCode(r)).isNull();
    }

    @Test
    void makesTheWholeGatewayHang() {
        sandbox().gatewayFault(SandboxFault.HANG);
        HttpRequest req = HttpRequest.newBuilder(URI.create(sandbox().gatewayUrl() + "?service=query_timestamp&partner="
                + SHOP.partner())).timeout(Duration.ofMillis(300)).build();
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void recordsDeliveriesToAnUnreachableNotifyUrlAsErrors() {
        String no = no();
        sandbox().newTrade(no, "1.00").notifyUrl(URI.create("http://127.0.0.1:1/notify")).create();
        sandbox().pay(no);
        NotificationDelivery d = sandbox().awaitDeliveries(no, 1, Duration.ofSeconds(10)).get(0);
        assertThat(d.httpStatus()).isEqualTo(-1);
        assertThat(d.error()).isNotBlank();
        assertThat(d.success()).isFalse();
    }

    // ---------------------------------------------------------------- single_trade_query

    private String query(Map<String, String> p) throws Exception {
        Map<String, String> signed = CORE_SIGNER.signParameters(p);
        return SandboxTestSupport.get(URI.create(sandbox().gatewayUrl() + "?" + FormData.encode(signed, StandardCharsets.UTF_8))).body();
    }

    private static Map<String, String> queryParams(String outTradeNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "single_trade_query");
        p.put("partner", SHOP.partner());
        p.put("_input_charset", "utf-8");
        p.put("out_trade_no", outTradeNo);
        return p;
    }

    @Test
    void answersSingleTradeQueryWithASignedTrade() throws Exception {
        String no = no();
        sandbox().newTrade(no, "6.60").subject("查询 query").create();
        String tradeNo = sandbox().pay(no).trade().tradeNo();
        String xml = query(queryParams(no));
        assertThat(xml).startsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>").contains("<is_success>T</is_success>",
                "<trade_no>" + tradeNo + "</trade_no>", "<trade_status>TRADE_SUCCESS</trade_status>",
                "<total_fee>6.60</total_fee>", "<subject>查询 query</subject>", "<sign_type>MD5</sign_type>");
        // the sign covers the <trade> elements
        Map<String, String> fields = new TreeMap<>();
        Matcher m = Pattern.compile("<trade>(.*)</trade>").matcher(xml);
        assertThat(m.find()).isTrue();
        Matcher e = Pattern.compile("<([a-z_]+)>([^<]*)</\\1>").matcher(m.group(1));
        while (e.find()) {
            fields.put(e.group(1), e.group(2));
        }
        Matcher sign = Pattern.compile("<sign>([0-9a-f]{32})</sign>").matcher(xml);
        assertThat(sign.find()).isTrue();
        assertThat(CORE_SIGNER.sign(fields)).isEqualTo(sign.group(1));
        assertThat(CanonicalContent.of(fields)).contains("out_trade_no=" + no);
    }

    @Test
    void answersSingleTradeQueryForAnUnknownTradeWithTradeNotExist() throws Exception {
        assertThat(query(queryParams("NO-SUCH-TRADE"))).contains("<is_success>F</is_success>", "<error>TRADE_NOT_EXIST</error>");
    }

    @Test
    void refusesAnUnsignedSingleTradeQuery() throws Exception {
        Map<String, String> p = queryParams("X");
        p.put("sign_type", "MD5");
        p.put("sign", "00000000000000000000000000000000");
        String xml = SandboxTestSupport.get(URI.create(sandbox().gatewayUrl() + "?" + FormData.encode(p, StandardCharsets.UTF_8))).body();
        assertThat(xml).contains("<error>ILLEGAL_SIGN</error>");
    }

    @Test
    void answersQueryTimestampForAnUnknownPartnerWithIllegalPartner() throws Exception {
        String xml = SandboxTestSupport.get(URI.create(sandbox().gatewayUrl() + "?service=query_timestamp&partner=2088999999999999")).body();
        assertThat(xml).contains("<error>ILLEGAL_PARTNER</error>");
    }

    @Test
    void forgetsEverythingOnReset() {
        try (AlipaySandbox own = AlipaySandbox.builder().merchant(SHOP).start()) {
            own.newTrade("RESET-1", "1.00").create();
            own.notifyVerifyFault(SandboxFault.ANSWER_FALSE);
            assertThatThrownBy(() -> own.newTrade("RESET-2", "1.00").parameter("payment_type", "9").create())
                    .isInstanceOf(SandboxRejectedException.class);
            own.reset();
            assertThat(own.hasTrade("RESET-1")).isFalse();
            assertThat(own.rejections()).isEmpty();
            assertThat(own.deliveries()).isEmpty();
        }
    }

    @Test
    void throwsForAnUnknownTrade() {
        assertThatThrownBy(() -> sandbox().trade("NOPE")).isInstanceOf(NoSuchElementException.class);
        assertThat(sandbox().hasTrade("NOPE")).isFalse();
    }

    @Test
    void servesAnIndexPageWithTheGatewayAndMerchant() throws Exception {
        HttpResponse<String> r = SandboxTestSupport.get(sandbox().baseUrl());
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(r.body()).contains(sandbox().gatewayUrl().toString(), SHOP.partner()).doesNotContain(SHOP.key());
    }

    @Test
    void neverShowsTheKeyInToString() {
        assertThat(SHOP.toString()).doesNotContain(SHOP.key()).contains("******");
        assertThat(sandbox().toString()).doesNotContain(SHOP.key());
    }
}
