package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.SandboxTestSupport.GBK;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.errorCode;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.errorParameter;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.get;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.post;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.request;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.CanonicalContent;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each error code of create_direct_pay_by_user, produced by the request that should produce it. */
class CreateDirectPayChecksTests {

    static final SandboxMerchant SHOP = SandboxMerchant.DEMO;
    static final SandboxMerchant OTHER = SandboxMerchant.md5("2088000000000002", "0123456789abcdef0123456789ABCDEF")
            .sellerEmail("other-seller@example.com");
    static final SandboxMerchant GUARDED = SandboxMerchant.md5("2088000000000003", "guardedguardedguardedguarded1234")
            .sellerEmail("guarded@example.com").antiPhishing(true);

    @RegisterExtension
    static AlipaySandboxExtension alipay = AlipaySandboxExtension.withMerchant(SHOP).merchant(OTHER).merchant(GUARDED);

    private static int counter;

    private static String no() {
        return "CHK" + System.nanoTime() + (counter++);
    }

    private URI gateway() {
        return alipay.sandbox().gatewayUrl();
    }

    private HttpResponse<String> send(Map<String, String> signed) throws Exception {
        return post(gateway(), signed.get("_input_charset"), signed, StandardCharsets.UTF_8);
    }

    /** Asserts the code, the parameter, and that the reason on the page names the parameter. */
    private SandboxRejection assertRejected(HttpResponse<String> r, String code, String parameter) {
        assertThat(errorCode(r)).as(r.body()).isEqualTo(code);
        assertThat(r.body()).contains(code);
        SandboxRejection last = alipay.sandbox().rejections().get(alipay.sandbox().rejections().size() - 1);
        assertThat(last.code()).isEqualTo(code);
        if (parameter != null) {
            assertThat(errorParameter(r)).isEqualTo(parameter);
            assertThat(last.parameter()).isEqualTo(parameter);
            assertThat(last.reason()).contains(parameter);
        }
        assertThat(r.body()).contains(Pages.escape(last.reason()));
        assertThat(last.meaning()).isNotBlank();
        return last;
    }

    @Test
    void acceptsAWellFormedRequestWithTheCashierPage() throws Exception {
        HttpResponse<String> r = send(sign(SHOP, request(SHOP, no(), "utf-8")));
        assertThat(errorCode(r)).isNull();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("测试商品 test item", "0.01", "sandbox-seller@example.com", "确认付款 Pay", "取消 Cancel");
    }

    @Test
    void rejectsARequestWithoutParametersAsIllegalService() throws Exception {
        HttpResponse<String> r = SandboxTestSupport.get(gateway());
        SandboxRejection rej = assertRejected(r, "ILLEGAL_SERVICE", "service");
        assertThat(rej.reason()).contains("no parameters");
    }

    @Test
    void rejectsAnotherServiceName() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("service", "create_partner_trade_by_buyer");
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_SERVICE", "service");
    }

    @Test
    void rejectsAPartnerThatIsNotSixteenDigits() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("partner", "208810156833836");
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_PARTNER", "partner");
    }

    @Test
    void rejectsAPartnerTheSandboxDoesNotKnow() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("partner", "2088999999999999");
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "ILLEGAL_PARTNER", "partner");
        assertThat(rej.reason()).contains("2088999999999999");
    }

    @Test
    void rejectsALowerCaseSignType() throws Exception {
        Map<String, String> p = sign(SHOP, request(SHOP, no(), "utf-8"));
        p.put("sign_type", "md5");
        assertRejected(send(p), "ILLEGAL_SIGN_TYPE", "sign_type");
    }

    @Test
    void rejectsRsaSignTypeFromAnMd5Merchant() throws Exception {
        Map<String, String> p = sign(SHOP, request(SHOP, no(), "utf-8"));
        p.put("sign_type", "RSA");
        SandboxRejection rej = assertRejected(send(p), "ILLEGAL_SIGN_TYPE", "sign_type");
        assertThat(rej.reason()).contains("configured for MD5");
    }

    @Test
    void rejectsASignatureMadeWithAnotherKeyAndShowsTheCanonicalContentAndCharset() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        Map<String, String> signed = new AlipaySigner(new Md5Signer(OTHER.key()), StandardCharsets.UTF_8).signParameters(p);
        HttpResponse<String> r = send(signed);
        SandboxRejection rej = assertRejected(r, "ILLEGAL_SIGN", "sign");
        assertThat(rej.canonicalContent()).isEqualTo(CanonicalContent.of(p));
        assertThat(rej.canonicalContent()).startsWith("_input_charset=utf-8&out_trade_no=");
        assertThat(rej.charset()).isEqualTo("utf-8");
        assertThat(r.body()).contains(Pages.escape(rej.canonicalContent())).doesNotContain(SHOP.key());
    }

    @Test
    void rejectsASignatureOverUrlEncodedValues() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("notify_url", "http://shop.example.com/alipay/notify");
        Map<String, String> encoded = new java.util.LinkedHashMap<>();
        p.forEach((k, v) -> encoded.put(k, FormData.encode(v, StandardCharsets.UTF_8)));
        p.put("sign", new AlipaySigner(new Md5Signer(SHOP.key()), StandardCharsets.UTF_8).sign(encoded));
        p.put("sign_type", "MD5");
        assertRejected(send(p), "ILLEGAL_SIGN", "sign");
    }

    @Test
    void rejectsARequestWithoutInputCharset() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.remove("_input_charset");
        p.put("subject", "ascii subject");
        // signed in gbk, the gateway's default: the signature is right, the missing charset is not
        Map<String, String> signed = new AlipaySigner(new Md5Signer(SHOP.key()), GBK).signParameters(p);
        SandboxRejection rej = assertRejected(get(gateway(), signed, GBK), "ILLEGAL_CHARSET", "_input_charset");
        assertThat(rej.reason()).contains("missing");
    }

    @Test
    void rejectsAnInputCharsetOtherThanTheThreeLegalOnes() throws Exception {
        Map<String, String> p = request(SHOP, no(), "big5");
        p.put("subject", "ascii subject");
        Map<String, String> signed = new AlipaySigner(new Md5Signer(SHOP.key()), GBK).signParameters(p);
        SandboxRejection rej = assertRejected(get(gateway(), signed, GBK), "ILLEGAL_CHARSET", "_input_charset");
        assertThat(rej.reason()).contains("big5");
    }

    @Test
    void acceptsUndocumentedParametersAsTheRealGatewayDoes() throws Exception {
        // issue 8: only the documented rules produce error codes (rules v1.4 itself uses credit_card_pay)
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("order_id", "123");
        p.put("credit_card_pay", "Y");
        p.put("disable_paymethod", "creditCard^pcredit");
        HttpResponse<String> r = send(sign(SHOP, p));
        assertThat(errorCode(r)).as(r.body()).isNull();
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @Test
    void anUndocumentedParameterIsPartOfTheSignature() throws Exception {
        Map<String, String> signed = sign(SHOP, request(SHOP, no(), "utf-8"));
        signed.put("order_id", "123"); // added after signing
        SandboxRejection rej = assertRejected(send(signed), "ILLEGAL_SIGN", "sign");
        assertThat(rej.canonicalContent()).contains("order_id=123");
    }

    @Test
    void rejectsAMissingOutTradeNo() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.remove("out_trade_no");
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_ARGUMENT", "out_trade_no");
    }

    @Test
    void rejectsANotifyUrlWithItsOwnQueryParameters() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("notify_url", "http://shop.example.com/notify?order=1");
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "ILLEGAL_ARGUMENT", "notify_url");
        assertThat(rej.reason()).contains("5.2 C");
    }

    @Test
    void rejectsTotalFeeTogetherWithPriceAndQuantity() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("price", "0.01");
        p.put("quantity", "1");
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "ILLEGAL_FEE_PARAM", "total_fee");
        assertThat(rej.reason()).contains("never both");
    }

    @Test
    void rejectsAnAmountWithThreeDecimals() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("total_fee", "0.001");
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "ILLEGAL_FEE_PARAM", "total_fee");
        assertThat(rej.reason()).contains("0.001");
    }

    @Test
    void rejectsAnAmountBelowOneFen() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("total_fee", "0.00");
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_FEE_PARAM", "total_fee");
    }

    @Test
    void countsAChineseCharacterAsTwoWhateverTheInputCharset() throws Exception {
        // issue 8, defect 3; spec 4.2: subject String(256), "该参数最长为128个汉字"
        for (String cs : List.of("utf-8", "gbk")) {
            Map<String, String> fits = request(SHOP, no(), cs);
            fits.put("subject", "商".repeat(128)); // 384 utf-8 bytes, Alipay's length 256
            HttpResponse<String> r = post(gateway(), cs, sign(SHOP, fits), cs.equals("gbk") ? GBK : StandardCharsets.UTF_8);
            assertThat(errorCode(r)).as(cs + ": " + r.body()).isNull();

            Map<String, String> tooLong = request(SHOP, no(), cs);
            tooLong.put("subject", "商".repeat(129));
            SandboxRejection rej = assertRejected(post(gateway(), cs, sign(SHOP, tooLong),
                    cs.equals("gbk") ? GBK : StandardCharsets.UTF_8), "ILLEGAL_LENGTH", "subject");
            assertThat(rej.reason()).contains("258").contains("String(256)");
        }
        Map<String, String> body = request(SHOP, no(), "utf-8");
        body.put("body", "述".repeat(500));
        assertThat(errorCode(send(sign(SHOP, body)))).isNull();
        body = request(SHOP, no(), "utf-8");
        body.put("body", "述".repeat(501));
        assertRejected(send(sign(SHOP, body)), "ILLEGAL_LENGTH", "body");
    }

    @Test
    void rejectsAPaymentTypeOtherThanPurchaseOrDonation() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("payment_type", "2");
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_PAYMENT_TYPE", "payment_type");
    }

    @Test
    void rejectsASellerThatDoesNotExist() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.remove("seller_id");
        p.put("seller_email", "nobody@example.com");
        assertRejected(send(sign(SHOP, p)), "SELLER_NOT_EXIST", "seller_email");
    }

    @Test
    void rejectsAnotherMerchantsSeller() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("seller_id", OTHER.sellerId());
        assertRejected(send(sign(SHOP, p)), "SELLER_NOT_IN_SPECIFIED_SELLERS", "seller_id");
    }

    @Test
    void rejectsABuyerWhoIsTheSeller() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("buyer_email", SHOP.sellerEmail());
        assertRejected(send(sign(SHOP, p)), "BUYER_SELLER_EQUAL", "buyer_email");
    }

    @Test
    void acceptsARepeatWithTheSameAmountAndRejectsOneWithAnotherAmount() throws Exception {
        String no = no();
        Map<String, String> p = request(SHOP, no, "utf-8");
        assertThat(errorCode(send(sign(SHOP, p)))).isNull();
        assertThat(errorCode(send(sign(SHOP, p)))).isNull();
        p.put("total_fee", "0.02");
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "TRADE_TOTALFEE_NOT_MATCH", "total_fee");
        assertThat(rej.reason()).contains("0.01", "0.02");
    }

    @Test
    void comparesTheRepeatedAmountAsMoneyNotAsText() throws Exception {
        String no = no();
        Map<String, String> p = request(SHOP, no, "utf-8");
        p.put("total_fee", "1");
        assertThat(errorCode(send(sign(SHOP, p)))).isNull();
        p.put("total_fee", "1.00");
        assertThat(errorCode(send(sign(SHOP, p)))).isNull();
    }

    @Test
    void rejectsARequestForAPaidTrade() throws Exception {
        String no = no();
        Map<String, String> p = request(SHOP, no, "utf-8");
        assertThat(errorCode(send(sign(SHOP, p)))).isNull();
        alipay.sandbox().pay(no);
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "TRADE_NOT_ALLOWED_PAY", "out_trade_no");
        assertThat(rej.reason()).contains("TRADE_SUCCESS");
    }

    @Test
    void rejectsARequestForAClosedTrade() throws Exception {
        String no = no();
        Map<String, String> p = request(SHOP, no, "utf-8");
        assertThat(errorCode(send(sign(SHOP, p)))).isNull();
        alipay.sandbox().close(no);
        SandboxRejection rej = assertRejected(send(sign(SHOP, p)), "TRADE_NOT_ALLOWED_PAY", "out_trade_no");
        assertThat(rej.reason()).contains("TRADE_CLOSED");
    }

    // ---------------------------------------------------------------- anti-phishing

    private String encryptKey(SandboxMerchant m) throws Exception {
        String xml = SandboxTestSupport.get(URI.create(gateway() + "?service=query_timestamp&partner=" + m.partner()
                + "&_input_charset=utf-8")).body();
        // the real shape (issue 8): KP, Base64 letters (here with - and _), ending ==
        Matcher matcher = Pattern.compile("<encrypt_key>(KP[A-Za-z0-9_-]+==)</encrypt_key>").matcher(xml);
        assertThat(matcher.find()).as(xml).isTrue();
        return matcher.group(1);
    }

    @Test
    void requiresAnAntiPhishingKeyWhenTheMerchantHasAntiPhishingOn() throws Exception {
        Map<String, String> p = request(GUARDED, no(), "utf-8");
        p.put("exter_invoke_ip", "127.0.0.1");
        assertRejected(send(sign(GUARDED, p)), "ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key");
    }

    @Test
    void acceptsAnAntiPhishingKeyForSeveralRequestsWhileItLives() throws Exception {
        // issue 8: a key lives a time (about 30 s), it is not single use
        String key = encryptKey(GUARDED);
        for (int i = 0; i < 3; i++) {
            Map<String, String> p = request(GUARDED, no(), "utf-8");
            p.put("exter_invoke_ip", "127.0.0.1");
            p.put("anti_phishing_key", key);
            HttpResponse<String> r = send(sign(GUARDED, p));
            assertThat(errorCode(r)).as(r.body()).isNull();
        }
    }

    @Test
    void refusesAnAntiPhishingKeyThatWasNeverIssued() throws Exception {
        Map<String, String> p = request(GUARDED, no(), "utf-8");
        p.put("exter_invoke_ip", "127.0.0.1");
        p.put("anti_phishing_key", "KPnever_issued-by-this-sandbox==");
        SandboxRejection rej = assertRejected(send(sign(GUARDED, p)), "ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key");
        assertThat(rej.reason()).contains("not issued");
    }

    @Test
    void answersAntiPhishingKeyTimeoutOnceTheKeyHasExpired() throws Exception {
        ManualSandboxClock time = new ManualSandboxClock();
        try (AlipaySandbox shortLived = AlipaySandbox.builder().merchant(GUARDED).manualTime(time).start()) {
            String xml = SandboxTestSupport.get(URI.create(shortLived.gatewayUrl() + "?service=query_timestamp&partner="
                    + GUARDED.partner() + "&_input_charset=utf-8")).body();
            Matcher m = Pattern.compile("<encrypt_key>([^<]+)</encrypt_key>").matcher(xml);
            assertThat(m.find()).as(xml).isTrue();
            time.advance(Duration.ofSeconds(30).minusMillis(1));
            Map<String, String> inTime = request(GUARDED, no(), "utf-8");
            inTime.put("exter_invoke_ip", "127.0.0.1");
            inTime.put("anti_phishing_key", m.group(1));
            HttpResponse<String> accepted = post(shortLived.gatewayUrl(), "utf-8", sign(GUARDED, inTime), StandardCharsets.UTF_8);
            assertThat(errorCode(accepted)).as("a millisecond before its 30 s are over: " + accepted.body()).isNull();
            time.advance(Duration.ofMillis(1)); // the key's 30 s are over
            Map<String, String> p = request(GUARDED, no(), "utf-8");
            p.put("exter_invoke_ip", "127.0.0.1");
            p.put("anti_phishing_key", m.group(1));
            HttpResponse<String> r = post(shortLived.gatewayUrl(), "utf-8", sign(GUARDED, p), StandardCharsets.UTF_8);
            assertThat(errorCode(r)).as(r.body()).isEqualTo("ANTI_PHISHING_KEY_TIMEOUT");
            assertThat(shortLived.rejections()).last().satisfies(rej -> {
                assertThat(rej.parameter()).isEqualTo("anti_phishing_key");
                assertThat(rej.reason()).contains("expired");
            });
        }
    }

    @Test
    void requiresExterInvokeIpWhenTheMerchantHasAntiPhishingOn() throws Exception {
        Map<String, String> p = request(GUARDED, no(), "utf-8");
        p.put("anti_phishing_key", encryptKey(GUARDED));
        assertRejected(send(sign(GUARDED, p)), "ILLEGAL_EXTER_INVOKE_IP", "exter_invoke_ip");
    }

    @Test
    void rejectsAnExterInvokeIpThatIsNotTheBuyersAddress() throws Exception {
        Map<String, String> p = request(GUARDED, no(), "utf-8");
        p.put("anti_phishing_key", encryptKey(GUARDED));
        p.put("exter_invoke_ip", "10.1.2.3");
        SandboxRejection rej = assertRejected(send(sign(GUARDED, p)), "ILLEGAL_EXTER_INVOKE_IP", "exter_invoke_ip");
        assertThat(rej.reason()).contains("10.1.2.3", "127.0.0.1");
    }

    @Test
    void reportsOnlyTheFirstProblemInTheGatewaysOrder() throws Exception {
        Map<String, String> p = request(SHOP, no(), "utf-8");
        p.put("total_fee", "0.001");            // ILLEGAL_FEE_PARAM (7)
        p.remove("out_trade_no");               // ILLEGAL_ARGUMENT (6)
        Map<String, String> signed = sign(SHOP, p);
        signed.put("sign", "ffffffffffffffffffffffffffffffff"); // ILLEGAL_SIGN (4)
        signed.put("partner", "2088");          // ILLEGAL_PARTNER (2)
        assertRejected(send(signed), "ILLEGAL_PARTNER", "partner");
        signed.put("partner", SHOP.partner());
        assertRejected(send(signed), "ILLEGAL_SIGN", "sign");
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_ARGUMENT", "out_trade_no");
        p.put("out_trade_no", no());
        assertRejected(send(sign(SHOP, p)), "ILLEGAL_FEE_PARAM", "total_fee");
    }

    @Test
    void recordsEveryRejection() {
        List<SandboxRejection> all = alipay.sandbox().rejections();
        assertThat(all).allSatisfy(r -> assertThat(r.summary()).startsWith(r.code()));
    }
}
