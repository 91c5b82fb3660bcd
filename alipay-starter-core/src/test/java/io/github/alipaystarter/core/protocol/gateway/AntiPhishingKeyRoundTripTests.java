package io.github.alipaystarter.core.protocol.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.PaymentRequestListener;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8, defect 1: the starter's own {@link HttpAlipayGateway#queryTimestamp()} result, in the shape
 * the real query_timestamp answers with (Base64: {@code KP...==}, with {@code + / = _ -}), is accepted by
 * {@code sign()}, signed over its raw value, and survives the trip through the redirect URL and the form.
 */
class AntiPhishingKeyRoundTripTests {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6";
    /** The shape of a real encrypt_key: KP, Base64 letters including + and /, _ and -, ending ==. */
    static final String ENCRYPT_KEY = "KPr8DuZp/7hXM9mvHxd+WKVQ1d_IsVqH5W6-xbNu==";

    LocalHttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalHttpServer();
        server.responder = ex -> LocalHttpServer.send(ex, 200, "text/xml; charset=utf-8", """
                <?xml version="1.0" encoding="utf-8"?>
                <alipay><is_success>T</is_success><response><timestamp>
                <encrypt_key>%s</encrypt_key></timestamp></response></alipay>
                """.formatted(ENCRYPT_KEY), StandardCharsets.UTF_8);
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void theKeyFromQueryTimestampIsSignedAsReceivedAndSurvivesTheUrlAndTheForm(String charsetName) {
        AlipayConfig config = AlipayConfig.builder().partner(PARTNER).key(KEY).inputCharset(charsetName)
                .gatewayUrl(server.gatewayUrl()).notifyUrl("https://shop.example.com/alipay/notify")
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(10)).build();
        AlipaySigner signer = AlipaySigner.forConfig(config);
        Charset charset = Charset.forName(charsetName);

        String key = new HttpAlipayGateway(config, signer).queryTimestamp();
        SignedPayment payment = new DirectPayService(config, signer, PaymentRequestListener.NONE).recordAndSign(
                PaymentRequest.builder("AP-1", "订单 AP-1", Amount.of(new BigDecimal("0.01"))).antiPhishingKey(key)
                        .exterInvokeIp("10.1.2.3").build());

        assertThat(key).isEqualTo(ENCRYPT_KEY);
        assertThat(payment.parameters()).containsEntry("anti_phishing_key", ENCRYPT_KEY);

        // the URL: + / = percent-encoded once, so that the gateway decodes exactly the key
        String query = payment.toRedirectUrl().getRawQuery();
        assertThat(query).contains("anti_phishing_key=KPr8DuZp%2F7hXM9mvHxd%2BWKVQ1d_IsVqH5W6-xbNu%3D%3D");
        Map<String, String> decoded = FormData.decode(query.getBytes(StandardCharsets.US_ASCII), charset);
        assertThat(decoded).containsEntry("anti_phishing_key", ENCRYPT_KEY);

        // the form: the hidden field carries the raw value (a browser form-encodes it on submission)
        Matcher field = Pattern.compile("name=\"anti_phishing_key\" value=\"([^\"]*)\"").matcher(payment.toHtmlForm());
        assertThat(field.find()).isTrue();
        assertThat(field.group(1)).isEqualTo(ENCRYPT_KEY);

        // the signature is over the raw key (rules v1.4: raw values, not URL-encoded ones)
        String canonical = "_input_charset=" + charsetName + "&anti_phishing_key=" + ENCRYPT_KEY
                + "&exter_invoke_ip=10.1.2.3&notify_url=https://shop.example.com/alipay/notify&out_trade_no=AP-1"
                + "&partner=" + PARTNER + "&payment_type=1&seller_id=" + PARTNER
                + "&service=create_direct_pay_by_user&subject=订单 AP-1&total_fee=0.01";
        assertThat(decoded.get("sign")).isEqualTo(DigestUtils.md5Hex((canonical + KEY).getBytes(charset)));
    }
}
