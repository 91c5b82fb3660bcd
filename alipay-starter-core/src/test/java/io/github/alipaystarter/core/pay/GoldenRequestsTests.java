package io.github.alipaystarter.core.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The wire has not changed: {@code pay/golden-requests.txt} holds 19 requests as the former mutable builder
 * rendered them (redirect URL and page, signatures included), captured before the request API became an
 * immutable value; the same requests written with {@link PaymentRequest} render byte for byte the same.
 */
class GoldenRequestsTests {

    @Test
    void everyGoldenRequestRendersByteForByteAsBefore() throws IOException {
        Map<String, String> golden = golden();
        Map<String, String> ours = new LinkedHashMap<>();
        requests().forEach((name, payment) -> ours.put(name, payment.toRedirectUrl() + "\n" + payment.toHtmlPage()));
        assertThat(ours.keySet()).containsExactlyElementsOf(golden.keySet());
        ours.forEach((name, text) -> assertThat(text).as(name).isEqualTo(golden.get(name)));
    }

    private static Map<String, String> golden() throws IOException {
        String text;
        try (InputStream in = GoldenRequestsTests.class.getResourceAsStream("/pay/golden-requests.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> sections = new LinkedHashMap<>();
        for (String section : text.split("(?m)^## ")) {
            if (!section.isEmpty()) {
                int eol = section.indexOf('\n');
                sections.put(section.substring(0, eol), section.substring(eol + 1));
            }
        }
        return sections;
    }

    private static PaymentRequest.Builder request(String outTradeNo, String subject, String totalFee) {
        return PaymentRequest.builder(outTradeNo, subject, Amount.of(new BigDecimal(totalFee)));
    }

    @SuppressWarnings("deprecation")
    private static Map<String, SignedPayment> requests() {
        DirectPayService utf8 = PayFixtures.service("utf-8");
        DirectPayService gbk = PayFixtures.service("gbk");
        DirectPayService gb2312 = PayFixtures.service("gb2312");
        DirectPayService email = PayFixtures.service(PayFixtures.config("utf-8").seller("shop@example.com")
                .showUrl("https://shop.example.com/item").build(), PaymentRequestListener.NONE);
        Map<String, SignedPayment> out = new LinkedHashMap<>();
        out.put("minimal", utf8.recordAndSign(request("20261201-0001", "Order 1", "0.01").build()));
        out.put("gbk-chinese", gbk.recordAndSign(request("6843192280647118", "贝尔金护腕式", "100")
                .body("美国专业护腕鼠标垫，舒缓式凝胶软垫").extraCommonParam("你好，这是测试商户的广告。").build()));
        out.put("gb2312-chinese", gb2312.recordAndSign(request("G2312", "手机 a=b", "387.5").build()));
        out.put("price-quantity", utf8.recordAndSign(PaymentRequest.builder("PQ-1", "Cups",
                Amount.of(new BigDecimal("10.5"), 3)).build()));
        out.put("donation-buyer", utf8.recordAndSign(request("D 1:2", "Gift", "5").paymentType(PaymentType.DONATION)
                .buyerId("2088002007018955").buyerEmail("tstable01@alipay.com").buyerAccountName("tstable03@alipay.com")
                .build()));
        out.put("seller-email-show", email.recordAndSign(request("SE1", "s", "1").build()));
        out.put("seller-override-urls", utf8.recordAndSign(request("SO1", "s", "1").sellerAccountName("alias@example.com")
                .sellerEmail("shop@example.com").notifyUrl(URI.create("https://other.example.com/n"))
                .returnUrl(URI.create("http://other.example.com/r"))
                .showUrl(URI.create("http://www.360buy.com/product/113714.html")).build()));
        out.put("bank", utf8.recordAndSign(request("B1", "s", "1").paymethod(DefaultPayMethod.bank("ICBCB2C"))
                .needCtuCheck(true).build()));
        out.put("bank-only", utf8.recordAndSign(request("B2", "s", "1").paymethod(DefaultPayMethod.defaultbankOnly("CMB-DEBIT"))
                .needCtuCheck(false).build()));
        out.put("credit-card", utf8.recordAndSign(request("B3", "s", "1").paymethod(DefaultPayMethod.creditCard("CMB"))
                .build()));
        out.put("express", utf8.recordAndSign(request("B4", "s", "1").paymethod(DefaultPayMethod.expressGatewayDebit("CMB"))
                .buyerEmail("b@example.com").build()));
        out.put("credit-pay-login-n", utf8.recordAndSign(request("B5", "s", "1")
                .paymethod(DefaultPayMethod.of(PayMethod.CREDIT_PAY)).defaultLogin(false).build()));
        out.put("channels", utf8.recordAndSign(request("C1", "s", "1").enablePaymethod(List.of("directPay", "bankPay"))
                .disablePaymethod(List.of("creditCard", "pcredit")).build()));
        out.put("royalties", utf8.recordAndSign(request("R1", "s", "10.00").royalties(Royalties.of(
                Royalties.Share.of("maomao1@yahoo.cn", new BigDecimal("1.00"), "分你的"),
                Royalties.Share.paidBy("2088101122334455", "maomao2@yahoo.cn", new BigDecimal("2.00"), "你也有"))).build()));
        out.put("anti-phishing", utf8.recordAndSign(request("AP1", "防钓鱼", "0.98").antiPhishingKey("KP9eBNnadqwczbzs_Q==")
                .exterInvokeIp("::ffff:60.23.138.185").build()));
        out.put("extend-itbpay-token", utf8.recordAndSign(request("E1", "s", "1").extendParam(Map.of("pnr", "MFGXDW"))
                .itBPay(PayTimeout.after(Duration.ofHours(2))).token("201103290c9f9f2c03db4267a4c8e1bfe3adfd52").build()));
        out.put("itbpay-days-and-qr4", utf8.recordAndSign(request("Q1", "s", "1").itBPay(PayTimeout.after(Duration.ofDays(15)))
                .qrCode(QrCode.embedded(200)).build()));
        out.put("itbpay-1c-qr2", utf8.recordAndSign(request("Q2", "s", "1").itBPay(PayTimeout.endOfDay())
                .qrCode(QrCode.redirect()).build()));
        out.put("itbpay-90m-qr0", utf8.recordAndSign(request("Q3", "s", "1").itBPay(PayTimeout.after(Duration.ofMinutes(90)))
                .qrCode(QrCode.simpleFront()).build()));
        return out;
    }
}
