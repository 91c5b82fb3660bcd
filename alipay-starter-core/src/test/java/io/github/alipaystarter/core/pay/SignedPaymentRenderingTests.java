package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.sign;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static io.github.alipaystarter.core.pay.PayFixtures.withSubject;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SignedPaymentRenderingTests {

    private static final String XSS = "\"><script>alert(1)</script>";
    private static final Pattern HIDDEN = Pattern.compile(
            "<input type=\"hidden\" name=\"([^\"]*)\" value=\"([^\"]*)\"/>");

    // ---- parameters ---------------------------------------------------------------------------

    @Test
    void parametersStartWithTheFixedOnesAndEndWithSignAndSignType() {
        Map<String, String> p = sign(valid()).parameters();
        List<String> names = List.copyOf(p.keySet());
        assertThat(names.subList(0, 3)).containsExactly("service", "partner", "_input_charset");
        assertThat(names.subList(names.size() - 2, names.size())).containsExactly("sign", "sign_type");
        assertThat(p).containsEntry("service", "create_direct_pay_by_user")
                .containsEntry("partner", PayFixtures.PARTNER)
                .containsEntry("_input_charset", "utf-8")
                .containsEntry("sign_type", "MD5");
        assertThat(p.get("sign")).matches("[0-9a-f]{32}");
    }

    @Test
    void parametersAreInTheSameOrderWhateverTheSetterOrder() {
        Map<String, String> a = sign(PaymentRequest.builder("1", "s", Amount.of(BigDecimal.ONE)).token("t")
                .body("b")).parameters();
        Map<String, String> b = sign(PaymentRequest.builder("1", "s", Amount.of(BigDecimal.ONE)).body("b")
                .token("t")).parameters();
        assertThat(a).containsExactlyEntriesOf(b);
    }

    @Test
    void parametersMapIsUnmodifiable() {
        Map<String, String> p = sign(valid()).parameters();
        assertThatThrownBy(() -> p.put("total_fee", "0.02")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.remove("sign")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(p::clear).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void signInParametersVerifiesWithTheMerchantsSigner(String charset) {
        AlipayConfig config = PayFixtures.config(charset).build();
        SignedPayment payment = PayFixtures.service(config, PaymentRequestListener.NONE).recordAndSign(PaymentRequest
                .builder("6843192280647118", "贝尔金护腕式", Amount.of(new BigDecimal("100"))).body("美国专业护腕鼠标垫")
                .extraCommonParam("你好，1").build());
        AlipaySigner.forConfig(config).verify(payment.parameters());
    }

    @Test
    void signNoLongerVerifiesWhenAValueIsChanged() {
        AlipayConfig config = PayFixtures.config("utf-8").build();
        SignedPayment payment = PayFixtures.service(config, PaymentRequestListener.NONE).recordAndSign(PaymentRequest
                .builder("1", "s", Amount.of(new BigDecimal("0.01"))).build());
        Map<String, String> tampered = new LinkedHashMap<>(payment.parameters());
        tampered.put("total_fee", "0.02");
        assertThatThrownBy(() -> AlipaySigner.forConfig(config).verify(tampered)).isInstanceOf(SignatureException.class);
    }

    // ---- HTML form ----------------------------------------------------------------------------

    @Test
    void formEscapesScriptInSubjectSoThatItStaysText() {
        String form = sign(withSubject(XSS)).toHtmlForm();
        assertThat(form).contains("value=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\"");
        assertThat(form).doesNotContain(XSS).doesNotContain("<script>alert(1)");
    }

    @Test
    void formEscapesSingleQuotesAndAmpersands() {
        assertThat(SignedPayment.escape("it's & <b>\"x\"</b>"))
                .isEqualTo("it&#39;s &amp; &lt;b&gt;&quot;x&quot;&lt;/b&gt;");
        assertThat(sign(valid().body("it's")).toHtmlForm()).contains("value=\"it&#39;s\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void formHiddenFieldsUnescapeToExactlyTheSignedParameters(String charset) {
        SignedPayment payment = sign(charset, withSubject(XSS + "贝尔金").body("it's <b>"));
        Matcher m = HIDDEN.matcher(payment.toHtmlForm());
        Map<String, String> fields = new LinkedHashMap<>();
        while (m.find()) {
            fields.put(unescape(m.group(1)), unescape(m.group(2)));
        }
        assertThat(fields).containsExactlyEntriesOf(payment.parameters());
    }

    @Test
    void formPostsToTheGatewayWithTheCharsetInActionAndAcceptCharset() {
        String form = sign("gbk", valid()).toHtmlForm();
        assertThat(form).startsWith("<form id=\"alipaysubmit\" name=\"alipaysubmit\" "
                + "action=\"https://mapi.alipay.com/gateway.do?_input_charset=gbk\" method=\"post\" "
                + "accept-charset=\"gbk\">");
        assertThat(form).contains("<input type=\"hidden\" name=\"_input_charset\" value=\"gbk\"/>");
    }

    @Test
    void formHasAButtonForBrowsersWithoutScriptAndAScriptThatSubmitsIt() {
        String form = sign(valid()).toHtmlForm();
        assertThat(form).contains("<button type=\"submit\">");
        assertThat(form.indexOf("<button")).isLessThan(form.indexOf("</form>"));
        assertThat(form).contains("<script>document.getElementById(\"alipaysubmit\").submit();</script>");
        assertThat(form.indexOf("<script>")).isGreaterThan(form.indexOf("</form>"));
        assertThat(form).doesNotContain("name=\"submit\"");
    }

    @Test
    void formUsesTheConfiguredGateway() {
        AlipayConfig config = PayFixtures.config("utf-8").gatewayUrl("http://127.0.0.1:9090/gateway.do").build();
        String form = PayFixtures.service(config, PaymentRequestListener.NONE).recordAndSign(PaymentRequest
                .builder("1", "s", Amount.of(BigDecimal.ONE)).build()).toHtmlForm();
        assertThat(form).contains("action=\"http://127.0.0.1:9090/gateway.do?_input_charset=utf-8\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void pageDeclaresTheInputCharsetAndHoldsTheForm(String charset) {
        SignedPayment payment = sign(charset, valid());
        String page = payment.toHtmlPage();
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<meta charset=\"" + charset + "\">")
                .contains(payment.toHtmlForm()).endsWith("</html>\n");
        assertThat(Charset.forName(charset).newEncoder().canEncode(page)).isTrue();
    }

    // ---- redirect URL -------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void redirectUrlDecodesBackToExactlyTheSignedParameters(String charset) {
        SignedPayment payment = sign(charset, withSubject("贝尔金护腕式 a=b").body("美国专业护腕鼠标垫，舒缓式凝胶软垫")
                .extraCommonParam("你好，这是测试商户的广告。"));
        URI url = payment.toRedirectUrl();
        assertThat(url.getScheme() + "://" + url.getHost() + url.getPath()).isEqualTo("https://mapi.alipay.com/gateway.do");
        Map<String, String> decoded = FormData.decode(url.getRawQuery(), Charset.forName(charset));
        assertThat(decoded).containsExactlyEntriesOf(payment.parameters());
    }

    @Test
    void redirectUrlEncodesChineseInTheInputCharset() {
        // 贝 is E8 B4 9D in utf-8 and B1 B4 in gbk (checked with: printf 贝 | iconv -t gbk | xxd)
        assertThat(sign("utf-8", withSubject("贝 x")).toRedirectUrl().getRawQuery()).contains("subject=%E8%B4%9D%20x");
        assertThat(sign("gbk", withSubject("贝 x")).toRedirectUrl().getRawQuery()).contains("subject=%B1%B4%20x");
    }

    @Test
    void redirectUrlCarriesEveryParameterOnce() {
        SignedPayment payment = sign(valid());
        String query = payment.toRedirectUrl().getRawQuery();
        assertThat(query.split("&")).hasSize(payment.parameters().size());
        assertThat(query).contains("_input_charset=utf-8").contains("sign=" + payment.parameters().get("sign"));
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&amp;", "&");
    }
}
