package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.AlipayConfig;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoldenCapture {

    @Test
    @SuppressWarnings("deprecation")
    void capture() throws Exception {
        Map<String, SignedPayment> out = new LinkedHashMap<>();
        DirectPayService utf8 = PayFixtures.service("utf-8");
        DirectPayService gbk = PayFixtures.service("gbk");
        DirectPayService gb2312 = PayFixtures.service("gb2312");
        DirectPayService email = PayFixtures.service(PayFixtures.config("utf-8").seller("shop@example.com")
                .showUrl("https://shop.example.com/item").build(), PaymentRequestListener.NONE);
        out.put("minimal", utf8.directPay().outTradeNo("20261201-0001").subject("Order 1").totalFee(new BigDecimal("0.01")).sign());
        out.put("gbk-chinese", gbk.directPay().outTradeNo("6843192280647118").subject("贝尔金护腕式").body("美国专业护腕鼠标垫，舒缓式凝胶软垫")
                .totalFee(new BigDecimal("100")).extraCommonParam("你好，这是测试商户的广告。").sign());
        out.put("gb2312-chinese", gb2312.directPay().outTradeNo("G2312").subject("手机 a=b").totalFee(new BigDecimal("387.5")).sign());
        out.put("price-quantity", utf8.directPay().outTradeNo("PQ-1").subject("Cups").price(new BigDecimal("10.5")).quantity(3).sign());
        out.put("donation-buyer", utf8.directPay().outTradeNo("D 1:2").subject("Gift").totalFee(new BigDecimal("5"))
                .paymentType(PaymentType.DONATION).buyerId("2088002007018955").buyerEmail("tstable01@alipay.com")
                .buyerAccountName("tstable03@alipay.com").sign());
        out.put("seller-email-show", email.directPay().outTradeNo("SE1").subject("s").totalFee(new BigDecimal("1")).sign());
        out.put("seller-override-urls", utf8.directPay().outTradeNo("SO1").subject("s").totalFee(new BigDecimal("1"))
                .sellerAccountName("alias@example.com").sellerEmail("shop@example.com")
                .notifyUrl(java.net.URI.create("https://other.example.com/n")).returnUrl(java.net.URI.create("http://other.example.com/r"))
                .showUrl(java.net.URI.create("http://www.360buy.com/product/113714.html")).sign());
        out.put("bank", utf8.directPay().outTradeNo("B1").subject("s").totalFee(new BigDecimal("1"))
                .paymethod(PayMethod.BANK_PAY).defaultbank("ICBCB2C").needCtuCheck(true).sign());
        out.put("bank-only", utf8.directPay().outTradeNo("B2").subject("s").totalFee(new BigDecimal("1"))
                .defaultbank("CMB-DEBIT").needCtuCheck(false).sign());
        out.put("credit-card", utf8.directPay().outTradeNo("B3").subject("s").totalFee(new BigDecimal("1"))
                .paymethod(PayMethod.CREDITCARD).defaultbank("CMB").sign());
        out.put("express", utf8.directPay().outTradeNo("B4").subject("s").totalFee(new BigDecimal("1"))
                .paymethod(PayMethod.EXPRESS_GATEWAY_DEBIT).defaultbank("CMB").defaultLogin(true).buyerEmail("b@example.com").sign());
        out.put("credit-pay-login-n", utf8.directPay().outTradeNo("B5").subject("s").totalFee(new BigDecimal("1"))
                .paymethod(PayMethod.CREDIT_PAY).defaultLogin(false).sign());
        out.put("channels", utf8.directPay().outTradeNo("C1").subject("s").totalFee(new BigDecimal("1"))
                .enablePaymethod(List.of("directPay", "bankPay")).disablePaymethod(List.of("creditCard", "pcredit")).sign());
        out.put("royalties", utf8.directPay().outTradeNo("R1").subject("s").totalFee(new BigDecimal("10.00"))
                .royaltyType("10").royaltyParameters("maomao1@yahoo.cn^1.00^分你的|2088101122334455^maomao2@yahoo.cn^2.00^你也有").sign());
        out.put("anti-phishing", utf8.directPay().outTradeNo("AP1").subject("防钓鱼").totalFee(new BigDecimal("0.98"))
                .antiPhishingKey("KP9eBNnadqwczbzs_Q==").exterInvokeIp("::ffff:60.23.138.185").sign());
        out.put("extend-itbpay-token", utf8.directPay().outTradeNo("E1").subject("s").totalFee(new BigDecimal("1"))
                .extendParam(new LinkedHashMap<>(Map.of("pnr", "MFGXDW"))).itBPay(Duration.ofHours(2))
                .token("201103290c9f9f2c03db4267a4c8e1bfe3adfd52").sign());
        out.put("itbpay-days-and-qr4", utf8.directPay().outTradeNo("Q1").subject("s").totalFee(new BigDecimal("1"))
                .itBPay(Duration.ofDays(15)).qrPayMode("4").qrcodeWidth(200).sign());
        out.put("itbpay-1c-qr2", utf8.directPay().outTradeNo("Q2").subject("s").totalFee(new BigDecimal("1"))
                .itBPay("1c").qrPayMode("2").sign());
        out.put("itbpay-90m-qr0", utf8.directPay().outTradeNo("Q3").subject("s").totalFee(new BigDecimal("1"))
                .itBPay(Duration.ofMinutes(90)).qrPayMode("0").sign());
        StringBuilder sb = new StringBuilder();
        out.forEach((name, p) -> sb.append("## ").append(name).append('\n').append(p.toRedirectUrl()).append('\n')
                .append(p.toHtmlPage()));
        Files.writeString(Path.of("src/test/resources/pay/golden-requests.txt"), sb.toString());
    }
}
