package io.github.alipaystarter.core.pay;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.CanonicalContent;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentRequestSpecSampleTests {

    private static final Charset GBK = Charset.forName("GBK");

    /** Spec v3.2 section 4.4 (样例), the line breaks of the PDF removed. It is percent-encoded in gbk. */
    private static final String SPEC_SAMPLE = "https://mapi.alipay.com/gateway.do?body=%C3%C0%B9%FA%D7%A8%D2%B"
            + "5%BB%A4%CD%F3%CA%F3%B1%EA%B5%E6%2C%CA%E6%BB%BA%CA"
            + "%BD%C4%FD%BD%BA%C8%ED%B5%E6%C4%A3%C4%E2%CA%D6%CD"
            + "%F3%B5%C4%D7%D4%C8%BB%C7%FA%CF%DF%BA%CD%D4%CB%B6"
            + "%AF%A3%AC%B4%B4%D4%EC%BA%CD%BB%BA%B5%C4GelFlex%CA%"
            + "E6%CA%CA%B5%D8%B4%F8%21&extend_param=%70%6E%72%5E%4D%"
            + "46%47%58%44%57%7C%73%74%61%72%74%5F%74%69%63%6B%65%74"
            + "%5F%6E%6F%5E%31%32%33%7C%65%6E%64%5F%74%69%63%6B%65"
            + "%74%5F%6E%6F%5E%32%33%34%7C%62%32%62%5F%6C%6F%67%69"
            + "%6E%5F%6E%61%6D%65%5E%61%62%63&subject=%B1%B4%B6%FB%B"
            + "D%F0%BB%A4%CD%F3%CA%BD&sign_type=MD5&notify_url=http%3A%2F"
            + "%2Fapi.test.alipay.net&out_trade_no=6741334835157966&return_url=http%3A"
            + "%2F%2Fapi.test.alipay.net%2Fatinterface%2Freceive_return.htm&sign=dc3d42"
            + "f405d7e738ab35344449e2d9f7&buyer_email=tstable01%40alipay.com&total_fe"
            + "e=100&error_notify_url=http%3A%2F%2Fapi.test.alipay.net%2Fatinterface%2Fr"
            + "eceive_error_notify.htm&service=create_direct_pay_by_user&partner=2088101"
            + "568338364&seller_email=alipay-test01%40alipay.com&payment_type=1";

    @Test
    void rebuildsTheSpecsSampleRequestInGbk() {
        Map<String, String> sample = FormData.decode(SPEC_SAMPLE.substring(SPEC_SAMPLE.indexOf('?') + 1), GBK);
        assertThat(sample.get("subject")).isEqualTo("贝尔金护腕式");

        AlipayConfig config = AlipayConfig.builder().partner(sample.get("partner")).key(PayFixtures.KEY)
                .inputCharset("gbk").seller(sample.get("seller_email")).notifyUrl(sample.get("notify_url"))
                .returnUrl(sample.get("return_url")).build();
        Map<String, String> extend = new LinkedHashMap<>();
        for (String pair : sample.get("extend_param").split("\\|")) {
            extend.put(pair.substring(0, pair.indexOf('^')), pair.substring(pair.indexOf('^') + 1));
        }
        SignedPayment payment = PayFixtures.service(config, PaymentRequestListener.NONE).recordAndSign(PaymentRequest
                .builder(sample.get("out_trade_no"), sample.get("subject"), Amount.of(new BigDecimal(sample.get("total_fee"))))
                .body(sample.get("body")).buyerEmail(sample.get("buyer_email")).extendParam(extend).build());

        Map<String, String> expected = new LinkedHashMap<>(sample);
        expected.remove("sign"); // the sample's key is unknown
        expected.remove("error_notify_url"); // needs a feature enabled by Alipay; not offered
        expected.put("total_fee", "100.00"); // sent at scale 2
        expected.put("_input_charset", "gbk"); // the sample omits it; the usage rules require it
        Map<String, String> ours = new LinkedHashMap<>(payment.parameters());
        ours.remove("sign");
        assertThat(ours).containsExactlyInAnyOrderEntriesOf(expected);
        // the subject's gbk bytes exactly as the spec prints them
        assertThat(payment.toRedirectUrl().getRawQuery()).contains("subject=%B1%B4%B6%FB%BD%F0%BB%A4%CD%F3%CA%BD");
    }

    @Test
    void signsWithTheMerchantsRsaKeyWhenConfiguredForRsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair merchant = g.generateKeyPair();
        KeyPair alipay = g.generateKeyPair();
        AlipayConfig config = AlipayConfig.builder().partner(PayFixtures.PARTNER).signType(SignType.RSA)
                .privateKey(Base64.getEncoder().encodeToString(merchant.getPrivate().getEncoded()))
                .alipayPublicKey(Base64.getEncoder().encodeToString(alipay.getPublic().getEncoded()))
                .inputCharset("gbk").build();
        SignedPayment payment = new DirectPayService(config, AlipaySigner.forConfig(config), PaymentRequestListener.NONE)
                .recordAndSign(PaymentRequest.builder("R1", "手机", Amount.of(new BigDecimal("0.01"))).build());

        assertThat(payment.parameters()).containsEntry("sign_type", "RSA");
        // checked with the JDK directly: SHA1withRSA over the gbk bytes of the canonical content
        Signature jdk = Signature.getInstance("SHA1withRSA");
        jdk.initVerify(merchant.getPublic());
        jdk.update(CanonicalContent.of(payment.parameters()).getBytes(GBK));
        assertThat(jdk.verify(Base64.getDecoder().decode(payment.parameters().get("sign")))).isTrue();
    }
}
