package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A merchant configuration, a service over it, a valid request, and an assertion for parameter violations. */
final class PayFixtures {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "0123456789abcdefghijklmnopqrstuv";
    static final String NOTIFY = "https://shop.example.com/alipay/notify";
    static final String RETURN = "https://shop.example.com/alipay/return";
    static final String OUT_TRADE_NO = "20240101-0001";
    static final String SUBJECT = "Order 0001";
    static final Amount ONE_CENT = Amount.of(new BigDecimal("0.01"));

    private PayFixtures() {
    }

    static AlipayConfig.Builder config(String charset) {
        return AlipayConfig.builder().partner(PARTNER).key(KEY).inputCharset(charset).notifyUrl(NOTIFY)
                .returnUrl(RETURN);
    }

    static DirectPayService service(String charset) {
        return service(config(charset).build(), PaymentRequestListener.NONE);
    }

    static DirectPayService service(AlipayConfig config, PaymentRequestListener listener) {
        return new DirectPayService(config, AlipaySigner.forConfig(config), listener);
    }

    /** A request valid in every respect, to be completed or broken one parameter at a time. */
    static PaymentRequest.Builder valid() {
        return PaymentRequest.builder(OUT_TRADE_NO, SUBJECT, ONE_CENT);
    }

    static PaymentRequest.Builder withOutTradeNo(String outTradeNo) {
        return PaymentRequest.builder(outTradeNo, SUBJECT, ONE_CENT);
    }

    static PaymentRequest.Builder withSubject(String subject) {
        return PaymentRequest.builder(OUT_TRADE_NO, subject, ONE_CENT);
    }

    static PaymentRequest.Builder withAmount(Amount amount) {
        return PaymentRequest.builder(OUT_TRADE_NO, SUBJECT, amount);
    }

    static PaymentRequest.Builder withTotalFee(String totalFee) {
        return withAmount(Amount.of(new BigDecimal(totalFee)));
    }

    /** Builds and signs with the utf-8 merchant of {@link #config}. */
    static SignedPayment sign(PaymentRequest.Builder request) {
        return sign("utf-8", request);
    }

    static SignedPayment sign(String charset, PaymentRequest.Builder request) {
        return service(charset).recordAndSign(request.build());
    }

    /** Asserts that the call fails for {@code parameter} with {@code code}, and the message names both. */
    static void assertViolation(ThrowingCallable call, String parameter, AlipayErrorCode code) {
        assertThatThrownBy(call)
                .isInstanceOf(AlipayParameterException.class)
                .hasMessageStartingWith(parameter + ": ")
                .hasMessageEndingWith("Alipay would answer " + code.name())
                .satisfies(e -> {
                    AlipayParameterException p = (AlipayParameterException) e;
                    org.assertj.core.api.Assertions.assertThat(p.parameter()).isEqualTo(parameter);
                    org.assertj.core.api.Assertions.assertThat(p.errorCode()).isEqualTo(code);
                    org.assertj.core.api.Assertions.assertThat(p.rule()).isNotBlank();
                });
    }

    /** Asserts that {@code build()} refuses the request (a rule that holds whatever the configuration). */
    static void assertViolation(PaymentRequest.Builder request, String parameter, AlipayErrorCode code) {
        assertViolation(request::build, parameter, code);
    }

    /** Asserts that the request builds but signing it for the utf-8 merchant refuses it (a rule of the configuration). */
    static void assertViolationWhenSigned(PaymentRequest.Builder request, String parameter, AlipayErrorCode code) {
        assertViolationWhenSigned("utf-8", request, parameter, code);
    }

    static void assertViolationWhenSigned(String charset, PaymentRequest.Builder request, String parameter,
            AlipayErrorCode code) {
        PaymentRequest built = request.build();
        assertViolation(() -> service(charset).recordAndSign(built), parameter, code);
    }
}
