package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.config;
import static io.github.alipaystarter.core.pay.PayFixtures.service;
import static io.github.alipaystarter.core.pay.PayFixtures.assertViolationWhenSigned;
import static io.github.alipaystarter.core.pay.PayFixtures.sign;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static io.github.alipaystarter.core.pay.PayFixtures.withOutTradeNo;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8, defects 4 and 5: what the real gateway accepts the starter accepts (rules v1.4 paymethods, bank
 * codes beyond the spec's tables, defaultbank without paymethod, out_trade_no as Alipay takes it,
 * disable_paymethod), and what it refuses the starter refuses before the buyer sees Alipay's error page
 * (extra_common_param with {@code =}, a localhost return_url with Alipay's gateway).
 */
class PaymentRequestAsAlipayTests {

    // ---- defect 4: paymethod and defaultbank ------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"CREDITCARD", "CCIP", "motoPay", "expressGateway", "expressGatewayDebit",
            "expressGatewayCredit", "directPay", "bankPay", "cartoon", "creditPay", "CASH"})
    void acceptsEveryPaymethodOfTable41AndRulesV14(String method) {
        assertThat(sign(valid().paymethod(DefaultPayMethod.of(PayMethod.fromCode(method)))).parameters())
                .containsEntry("paymethod", method);
    }

    @ParameterizedTest
    @EnumSource(PayMethod.class)
    void everyPayMethodConstantRoundTripsItsWireValue(PayMethod method) {
        assertThat(PayMethod.fromCode(method.code())).isEqualTo(method);
        assertThat(sign(valid().paymethod(DefaultPayMethod.of(method))).parameters()).containsEntry("paymethod", method.code());
    }

    @Test
    void expressGatewayIsSentWithDefaultLogin() {
        // rules v1.4: the express gateway takes effect only with default_login=Y
        Map<String, String> p = sign(valid().paymethod(DefaultPayMethod.expressGateway("CMB"))).parameters();
        assertThat(p).containsEntry("paymethod", "expressGateway").containsEntry("default_login", "Y")
                .containsEntry("defaultbank", "CMB");
        assertThat(sign(valid().paymethod(DefaultPayMethod.expressGatewayCredit("CMB")).defaultLogin(true)).parameters())
                .containsEntry("paymethod", "expressGatewayCredit").containsEntry("default_login", "Y");
        assertViolation(valid().paymethod(DefaultPayMethod.expressGatewayDebit("CMB")).defaultLogin(false),
                "default_login", AlipayErrorCode.ILLEGAL_ARGUMENT);
        assertThat(sign(valid().defaultLogin(false)).parameters()).containsEntry("default_login", "N");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ICBC", "BJRCB", "GZCB", "HKBEA", "CMB-CREDIT", "abc1010", "NBBANK-DEBIT"})
    void acceptsAWellFormedBankCodeOutsideTheSpecsTablesWithAWarning(String bank) {
        List<String> warnings = warningsOf(() -> sign(valid().paymethod(DefaultPayMethod.bank(bank))));

        assertThat(warnings).singleElement().asString().contains(bank).contains("12.7");
    }

    @Test
    void aBankCodeOfTheSpecsTablesIsSentWithoutAWarning() {
        List<String> warnings = warningsOf(() -> sign(valid().paymethod(DefaultPayMethod.bank("CMB-DEBIT"))));

        assertThat(warnings).isEmpty();
    }

    @Test
    void acceptsDefaultbankWithoutPaymethodAsAlipayDoes() {
        Map<String, String> p = sign(valid().paymethod(DefaultPayMethod.defaultbankOnly("ICBCB2C"))).parameters();

        assertThat(p).containsEntry("defaultbank", "ICBCB2C").doesNotContainKey("paymethod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ICBC B2C", "ICBC_B2C", "工商银行", "https://bank.example.com", "ICBC;", "A23456789012345678901234567890123"})
    void refusesABankCodeThatIsNotLettersDigitsAndHyphenUpTo32(String bank) {
        assertViolation(valid().paymethod(DefaultPayMethod.bank(bank)), "defaultbank",
                AlipayErrorCode.DEFAULT_BANK_INVALID);
    }

    // ---- defect 5: the smaller rules -----------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"order=1", "a=b", "k1=v1"})
    void refusesExtraCommonParamWithAnEqualsSign(String value) {
        // spec 5.2, 6.2; the sandbox refuses it too
        assertViolation(valid().extraCommonParam(value), "extra_common_param", AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
    }

    @Test
    void refusesExtraCommonParamWithAnAmpersand() {
        assertViolation(valid().extraCommonParam("a&b"), "extra_common_param", AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost/alipay/return", "http://localhost:80/alipay/return",
            "https://LOCALHOST:8443/return", "http://shop.localhost/return", "http://127.0.0.1:8080/return",
            "http://[::1]:8080/return"})
    void refusesALocalReturnUrlWhenTheGatewayIsAlipays(String returnUrl) {
        // spec 8.1 (8), rules v1.4; PayFixtures' configuration uses the default gateway, mapi.alipay.com
        assertThat(config("utf-8").build().gatewayUrl().getHost()).isEqualTo("mapi.alipay.com");

        // the gateway is the merchant's: the request builds, and signing refuses it
        assertViolationWhenSigned(valid().returnUrl(URI.create(returnUrl)), "return_url", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @Test
    void refusesAConfiguredLocalReturnUrlWithAlipaysGateway() {
        AlipayConfig config = config("utf-8").returnUrl("http://localhost:8080/alipay/return").build();

        PaymentRequest request = PaymentRequest.builder("L1", "s", Amount.of(new BigDecimal("0.01"))).build();
        assertViolation(() -> service(config, PaymentRequestListener.NONE).recordAndSign(request), "return_url",
                AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:8080/alipay/return", "http://127.0.0.1:8080/alipay/return"})
    void allowsALocalReturnUrlWithALocalGatewaySuchAsTheSandbox(String returnUrl) {
        AlipayConfig config = config("utf-8").gatewayUrl("http://127.0.0.1:18080/gateway.do").returnUrl(returnUrl)
                .build();

        assertThat(service(config, PaymentRequestListener.NONE).recordAndSign(PaymentRequest.builder("L1", "s",
                Amount.of(new BigDecimal("0.01"))).build()).parameters()).containsEntry("return_url", returnUrl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://www.example.com/alipay/return", "http://121.1.1.255/alipay/return",
            "http://localhost.example.com/return"})
    void allowsAPublicReturnUrlWithAlipaysGateway(String returnUrl) {
        assertThat(sign(valid().returnUrl(URI.create(returnUrl))).parameters()).containsEntry("return_url", returnUrl);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ORDER 2024 0001", "2024-01-02 10:15:30:0001", "a:b;c,d", "A_B-C.D", "(1)[2]{3}",
            "x!y*z'~@$^|<>?/\\\""})
    void acceptsAnOutTradeNoOfPrintableAsciiAsAlipayDoes(String outTradeNo) {
        assertThat(sign(withOutTradeNo(outTradeNo)).parameters()).containsEntry("out_trade_no", outTradeNo);
    }

    @Test
    void anOutTradeNoWithSpacesSurvivesTheRedirectUrl() {
        SignedPayment payment = sign(withOutTradeNo("ORDER 1:2"));

        assertThat(payment.toRedirectUrl().getRawQuery()).contains("out_trade_no=ORDER%201%3A2");
    }

    @Test
    void joinsEnableAndDisablePaymethodChannelsWithCaret() {
        @SuppressWarnings("deprecation")
        Map<String, String> p = sign(valid().enablePaymethod(List.of("directPay", "bankPay"))
                .disablePaymethod(List.of("cartoon", "cash"))).parameters();

        assertThat(p).containsEntry("enable_paymethod", "directPay^bankPay")
                .containsEntry("disable_paymethod", "cartoon^cash");
    }

    @Test
    void sendsDisablePaymethodAsGivenAndWarnsOfAChannelOutsideTable123() {
        List<String> warnings = warningsOf(() -> assertThat(sign(valid().disablePaymethod(List.of("creditCard", "directPay")))
                .parameters()).containsEntry("disable_paymethod", "creditCard^directPay"));

        assertThat(warnings).singleElement().asString().contains("creditCard").contains("disable_paymethod");
    }

    @ParameterizedTest
    @ValueSource(strings = {"directPay^", "^bankPay", "directPay^^cash", "direct Pay", "directPay|bankPay", "网银"})
    void refusesAMalformedDisablePaymethod(String value) {
        // the text of the old String setter, as the list of channels it named
        List<String> channels = List.of(value.split("\\^", -1));
        assertViolation(valid().disablePaymethod(channels), "disable_paymethod", AlipayErrorCode.ILLEGAL_ARGUMENT);
    }

    /** Runs {@code action} and returns the WARNING lines the request rules logged meanwhile. */
    private static List<String> warningsOf(Runnable action) {
        Logger jul = Logger.getLogger(RequestRules.class.getName());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    lines.add(new java.util.logging.SimpleFormatter().formatMessage(record));
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(capture);
        try {
            action.run();
        } finally {
            jul.removeHandler(capture);
        }
        return lines;
    }
}
