package io.github.alipaystarter.core.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.SignType;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Expected MD5 values were computed outside Java, over the exact bytes, with:
 * {@code printf '%s' "<content><key>" | iconv -f utf-8 -t gbk | md5sum} (gbk) and
 * {@code printf '%s' "<content><key>" | md5sum} (utf-8).
 */
class AlipaySignerTests {

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    /** The parameters of spec 9.1.2 (the spec's stray spaces around values removed, as its result shows). */
    static Map<String, String> specExample(String charset) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "create_direct_pay_by_user");
        p.put("partner", "2088101568338364");
        p.put("_input_charset", charset);
        p.put("return_url", "http://www.test.com/alipay/return_url.asp");
        p.put("out_trade_no", "6741334835157966");
        p.put("subject", "贝尔金护腕式");
        p.put("payment_type", "1");
        p.put("seller_email", "alipay-test01@alipay.com");
        p.put("total_fee", "100");
        return p;
    }

    @Test
    void canonicalContentOfSpecExampleMatchesSpec912() {
        assertThat(CanonicalContent.of(specExample("gbk"))).isEqualTo(
                "_input_charset=gbk&out_trade_no=6741334835157966&partner=2088101568338364&payment_type=1"
                        + "&return_url=http://www.test.com/alipay/return_url.asp&seller_email=alipay-test01@alipay.com"
                        + "&service=create_direct_pay_by_user&subject=贝尔金护腕式&total_fee=100");
    }

    @Test
    void signsSpecExampleInGbkLikeMd5sumOverGbkBytes() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), Charsets.GBK);
        assertThat(signer.sign(specExample("gbk"))).isEqualTo("df699eaa0b87e22f6358c4501e7838a6");
    }

    @Test
    void signsSpecExampleInUtf8LikeMd5sumOverUtf8Bytes() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        assertThat(signer.sign(specExample("utf-8"))).isEqualTo("ea559e14a40000be7a5c1671712e866d");
    }

    @Test
    void sameChineseContentGivesDifferentSignaturesInGbkAndUtf8() {
        // the utf-8 content hashed as gbk bytes: md5sum over iconv -t gbk of the utf-8 example
        AlipaySigner gbk = new AlipaySigner(new Md5Signer(KEY), Charsets.GBK);
        assertThat(gbk.sign(specExample("utf-8"))).isEqualTo("80d7b5615098a9820c181f01ca942021");
    }

    @Test
    void signsRawValuesContainingPlusPercentAmpersandEqualsAndSpace() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("subject", "测试 商品");
        p.put("body", "a+b%c&d=e");
        assertThat(CanonicalContent.of(p)).isEqualTo("body=a+b%c&d=e&subject=测试 商品");
        assertThat(new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8).sign(p))
                .isEqualTo("3ff50d99a11b9ebf0e1caee5f090edd1");
        assertThat(new AlipaySigner(new Md5Signer(KEY), Charsets.GBK).sign(p))
                .isEqualTo("42bb39e6a48c5978297c4d89c9908029");
    }

    @Test
    void leavesOutEmptyAndNullValuesAndSignAndSignType() {
        Map<String, String> p = new HashMap<>();
        p.put("b", "2");
        p.put("a", "1");
        p.put("empty", "");
        p.put("nothing", null);
        p.put("sign", "xyz");
        p.put("sign_type", "MD5");
        assertThat(CanonicalContent.of(p)).isEqualTo("a=1&b=2");
    }

    @Test
    void sortsKeysInByteOrderSoUnderscoreAndUpperCaseComeBeforeLowerCase() {
        Map<String, String> p = new HashMap<>();
        p.put("b", "1");
        p.put("_x", "2");
        p.put("B", "3");
        p.put("a_b", "4");
        p.put("ab", "5");
        assertThat(CanonicalContent.of(p)).isEqualTo("B=3&_x=2&a_b=4&ab=5&b=1");
    }

    @Test
    void signParametersAddsSignAndTypeWithoutChangingCallersMap() {
        Map<String, String> p = specExample("gbk");
        p.put("sign", "stale");
        Map<String, String> before = new LinkedHashMap<>(p);
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), Charsets.GBK);
        Map<String, String> signed = signer.signParameters(p);
        assertThat(p).isEqualTo(before);
        assertThat(signed).containsEntry("sign", "df699eaa0b87e22f6358c4501e7838a6").containsEntry("sign_type", "MD5");
    }

    @Test
    void verifyAcceptsUnknownParametersBecauseEverythingThatArrivedIsSigned() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        Map<String, String> p = specExample("utf-8");
        p.put("some_future_field", "值");
        Map<String, String> signed = signer.signParameters(p);
        Map<String, String> before = new LinkedHashMap<>(signed);
        signer.verify(signed);
        assertThat(signed).isEqualTo(before);
    }

    @Test
    void verifyRejectsAChangedValue() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
        signed.put("total_fee", "1000");
        assertThatThrownBy(() -> signer.verify(signed)).isInstanceOf(SignatureException.class)
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.MISMATCH);
    }

    @Test
    void verifyRejectsAnAddedParameter() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
        signed.put("s", "/alipay/notify"); // e.g. a rewrite parameter added by a framework
        assertThatThrownBy(() -> signer.verify(signed))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.MISMATCH);
    }

    @Test
    void verifyAcceptsUpperCaseHexSignature() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
        signed.put("sign", signed.get("sign").toUpperCase());
        signer.verify(signed);
    }

    @Test
    void verifyNamesMissingSignAndWrongSignType() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        Map<String, String> noSign = specExample("utf-8");
        noSign.put("sign_type", "MD5");
        assertThatThrownBy(() -> signer.verify(noSign))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.MISSING_SIGN);
        Map<String, String> rsa = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
        rsa.put("sign_type", "RSA");
        assertThatThrownBy(() -> signer.verify(rsa))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.UNSUPPORTED_SIGN_TYPE);
        Map<String, String> lower = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
        lower.remove("sign_type");
        assertThatThrownBy(() -> signer.verify(lower))
                .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.UNSUPPORTED_SIGN_TYPE);
    }

    @Test
    void verifyAcceptsOnlyTheExactUpperCaseSignType() {
        // spec 6.2: sign_type 必须大写
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        for (String variant : new String[] {"md5", " MD5", "MD5 "}) {
            Map<String, String> signed = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
            signed.put("sign_type", variant);
            assertThatThrownBy(() -> signer.verify(signed)).as(variant)
                    .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.UNSUPPORTED_SIGN_TYPE);
        }
    }

    @Test
    void signerMessagesAndToStringNeverContainTheKey() {
        AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8);
        Map<String, String> signed = new LinkedHashMap<>(signer.signParameters(specExample("utf-8")));
        signed.put("total_fee", "1");
        assertThatThrownBy(() -> signer.verify(signed)).message().doesNotContain(KEY);
        assertThat(signer.toString()).doesNotContain(KEY);
    }

    @Test
    void forConfigUsesTheConfiguredKeyAndCharset() {
        AlipayConfig config = AlipayConfig.builder().partner("2088101568338364").key(KEY).inputCharset("gbk").build();
        AlipaySigner signer = AlipaySigner.forConfig(config);
        assertThat(signer.signType()).isEqualTo(SignType.MD5);
        assertThat(signer.charset()).isEqualTo(Charsets.GBK);
        assertThat(signer.sign(specExample("gbk"))).isEqualTo("df699eaa0b87e22f6358c4501e7838a6");
    }
}
