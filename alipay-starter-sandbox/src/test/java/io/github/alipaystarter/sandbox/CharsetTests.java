package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.SandboxTestSupport.GBK;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.errorCode;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.post;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.request;
import static io.github.alipaystarter.sandbox.SandboxTestSupport.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** utf-8 and gbk merchants with Chinese text: requests, signatures, notifications and returns in the charset. */
class CharsetTests {

    static final SandboxMerchant SHOP = SandboxMerchant.DEMO;
    static final String SUBJECT = "贝尔金护腕式 鼠标垫";
    static MerchantServer merchant;
    static AlipaySandbox sandbox;

    @BeforeAll
    static void start() throws Exception {
        merchant = new MerchantServer();
        sandbox = AlipaySandbox.builder().merchant(SHOP).timeScale(0.001).start();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        merchant.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void acceptsAChineseSubjectAndNotifiesInTheRequestsCharset(String charsetName) throws Exception {
        Charset cs = SandboxCodec.legalCharset(charsetName);
        String no = "CS-" + charsetName + "-" + System.nanoTime();
        Map<String, String> p = request(SHOP, no, charsetName);
        p.put("subject", SUBJECT);
        p.put("notify_url", merchant.notifyUrl().toString());
        p.put("return_url", merchant.returnUrl().toString());
        HttpResponse<String> cashier = post(sandbox.gatewayUrl(), charsetName, sign(SHOP, p), cs);
        assertThat(errorCode(cashier)).as(cashier.body()).isNull();
        assertThat(cashier.body()).contains(SUBJECT);
        assertThat(sandbox.trade(no).subject()).isEqualTo(SUBJECT);
        assertThat(sandbox.trade(no).charset()).isEqualTo(charsetName);

        SandboxPayment payment = sandbox.pay(no);
        // the return URL is percent-encoded in the charset and verifies in it
        Map<String, String> ret = FormData.decode(payment.returnUrl().getRawQuery(), cs);
        assertThat(ret).containsEntry("subject", SUBJECT);
        assertThatNoException().isThrownBy(() -> new AlipaySigner(new Md5Signer(SHOP.key()), cs).verify(ret));

        NotificationDelivery d = sandbox.awaitDeliveries(no, 1, Duration.ofSeconds(10)).get(0);
        MerchantServer.Received received = merchant.received().stream()
                .filter(r -> r.bodyAscii().contains(no)).findFirst().orElseThrow();
        assertThat(received.contentType()).isEqualTo("application/x-www-form-urlencoded");
        Map<String, String> n = FormData.decode(received.body(), cs);
        assertThat(n).containsEntry("subject", SUBJECT).isEqualTo(d.parameters());
        assertThatNoException().isThrownBy(() -> new AlipaySigner(new Md5Signer(SHOP.key()), cs).verify(n));
    }

    @Test
    void aGbkNotificationReadAsUtf8IsRefusedByTheCoreAndFailsItsSignatureWhenGarbled() throws Exception {
        String no = "CS-WRONG-" + System.nanoTime();
        sandbox.newTrade(no, "0.01").charset("gbk").subject(SUBJECT).notifyUrl(merchant.notifyUrl()).create();
        sandbox.pay(no);
        sandbox.awaitDeliveries(no, 1, Duration.ofSeconds(10));
        byte[] body = merchant.received().stream().filter(r -> r.bodyAscii().contains(no)).findFirst().orElseThrow().body();
        assertThatThrownBy(() -> FormData.decode(body, StandardCharsets.UTF_8))
                .isInstanceOf(io.github.alipaystarter.core.protocol.notify.MalformedNotificationException.class);
        // what a lenient container would do: garbled text, and then the signature fails
        Map<String, String> garbled = new java.util.LinkedHashMap<>();
        for (String pair : new String(body, StandardCharsets.US_ASCII).split("&")) {
            String[] kv = pair.split("=", 2);
            garbled.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(garbled.get("subject")).isNotEqualTo(SUBJECT);
        assertThatThrownBy(() -> new AlipaySigner(new Md5Signer(SHOP.key()), StandardCharsets.UTF_8).verify(garbled))
                .isInstanceOf(SignatureException.class);
    }

    @Test
    void readsAFormWithoutCharsetInItsActionAsGbkSoAUtf8RequestFailsItsSignature() throws Exception {
        Map<String, String> p = request(SHOP, "CS-NOACTION-" + System.nanoTime(), "utf-8");
        p.put("subject", SUBJECT);
        HttpResponse<String> r = post(sandbox.gatewayUrl(), null, sign(SHOP, p), StandardCharsets.UTF_8);
        assertThat(errorCode(r)).isEqualTo("ILLEGAL_SIGN");
        SandboxRejection rej = sandbox.rejections().get(sandbox.rejections().size() - 1);
        assertThat(rej.reason()).contains("decoded as gbk", "gateway.do?_input_charset=utf-8");
    }

    @Test
    void acceptsAGbkFormWithoutCharsetInItsActionBecauseGbkIsTheGatewaysDefault() throws Exception {
        Map<String, String> p = request(SHOP, "CS-GBKDEFAULT-" + System.nanoTime(), "gbk");
        p.put("subject", SUBJECT);
        HttpResponse<String> r = post(sandbox.gatewayUrl(), null, sign(SHOP, p), GBK);
        assertThat(errorCode(r)).as(r.body()).isNull();
    }

    @Test
    void rejectsAGbkEncodedRequestThatDeclaresUtf8AndNamesTheGarbledParameter() throws Exception {
        Map<String, String> p = request(SHOP, "CS-MIXED-" + System.nanoTime(), "utf-8");
        p.put("subject", SUBJECT);
        // signed correctly in utf-8, but the bytes on the wire are gbk
        HttpResponse<String> r = post(sandbox.gatewayUrl(), "utf-8", sign(SHOP, p), GBK);
        assertThat(errorCode(r)).isEqualTo("ILLEGAL_SIGN");
        SandboxRejection rej = sandbox.rejections().get(sandbox.rejections().size() - 1);
        assertThat(rej.reason()).contains("'subject' are not valid utf-8");
    }

    @Test
    void rejectsAFormWhoseActionAndFieldDisagreeOnTheCharset() throws Exception {
        Map<String, String> p = request(SHOP, "CS-CONFLICT-" + System.nanoTime(), "gbk");
        HttpResponse<String> r = post(sandbox.gatewayUrl(), "utf-8", sign(SHOP, p), StandardCharsets.UTF_8);
        assertThat(errorCode(r)).isEqualTo("ILLEGAL_CHARSET");
        assertThat(SandboxTestSupport.errorParameter(r)).isEqualTo("_input_charset");
        assertThat(sandbox.rejections().get(sandbox.rejections().size() - 1).reason()).contains("in the URL as 'utf-8'", "'gbk'");
    }

    @Test
    void theSandboxesOwnMd5AgreesWithTheCoresInUtf8AndGbk() {
        Map<String, String> p = request(SHOP, "X", "utf-8");
        p.put("subject", SUBJECT);
        for (Charset cs : new Charset[] {StandardCharsets.UTF_8, GBK}) {
            String core = new AlipaySigner(new Md5Signer(SHOP.key()), cs).sign(p);
            String own = SandboxCodec.md5(SandboxCodec.canonical(p), SHOP.key(), cs);
            assertThat(own).isEqualTo(core);
        }
        assertThat(SandboxCodec.md5(SandboxCodec.canonical(p), SHOP.key(), StandardCharsets.UTF_8))
                .isNotEqualTo(SandboxCodec.md5(SandboxCodec.canonical(p), SHOP.key(), GBK));
    }

    @Test
    void decodesTheSpecsGbkSampleRequest() throws Exception {
        // spec 4.4: subject=%B1%B4%B6%FB%BD%F0%BB%A4%CD%F3%CA%BD is 贝尔金护腕式 in gbk
        Map<String, String> p = SandboxCodec.decodeForm("subject=%B1%B4%B6%FB%BD%F0%BB%A4%CD%F3%CA%BD&seller_email=alipay-test01%40alipay.com", GBK);
        assertThat(p).containsEntry("subject", "贝尔金护腕式").containsEntry("seller_email", "alipay-test01@alipay.com");
    }

    @Test
    void buildsTheSpecsCanonicalContent() {
        // spec 9.1.2
        Map<String, String> p = new java.util.LinkedHashMap<>();
        p.put("service", "create_direct_pay_by_user");
        p.put("partner", "2088101568338364");
        p.put("_input_charset", "gbk");
        p.put("return_url", "http://www.test.com/alipay/return_url.asp");
        p.put("out_trade_no", "6741334835157966");
        p.put("subject", "贝尔金护腕式");
        p.put("payment_type", "1");
        p.put("seller_email", "alipay-test01@alipay.com");
        p.put("total_fee", "100");
        p.put("sign", "ignored");
        p.put("sign_type", "MD5");
        p.put("body", "");
        assertThat(SandboxCodec.canonical(p)).isEqualTo("_input_charset=gbk&out_trade_no=6741334835157966&partner=2088101568338364"
                + "&payment_type=1&return_url=http://www.test.com/alipay/return_url.asp&seller_email=alipay-test01@alipay.com"
                + "&service=create_direct_pay_by_user&subject=贝尔金护腕式&total_fee=100");
    }

    @Test
    void refusesARepeatedParameterName() {
        assertThatThrownBy(() -> SandboxCodec.decodeForm("a=1&a=2", StandardCharsets.UTF_8))
                .isInstanceOf(SandboxCodec.MalformedFormException.class).hasMessageContaining("'a'");
    }

    @Test
    void encodesSpacesAsPlusAndRoundTrips() throws Exception {
        String encoded = SandboxCodec.encode("2008-10-23 13:17:39 中文&=+%", StandardCharsets.UTF_8);
        assertThat(encoded).startsWith("2008-10-23+13%3A17%3A39+").doesNotContain(" ", "&", "=");
        assertThat(SandboxCodec.decodeForm("x=" + encoded, StandardCharsets.UTF_8)).containsEntry("x", "2008-10-23 13:17:39 中文&=+%");
        assertThat(URI.create("http://h/?x=" + encoded)).isNotNull();
    }
}
