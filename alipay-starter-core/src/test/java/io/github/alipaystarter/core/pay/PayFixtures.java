package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A merchant configuration, a service over it, and an assertion for parameter violations. */
final class PayFixtures {

    static final String PARTNER = "2088101568338364";
    static final String KEY = "0123456789abcdefghijklmnopqrstuv";
    static final String NOTIFY = "https://shop.example.com/alipay/notify";
    static final String RETURN = "https://shop.example.com/alipay/return";

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

    /** A request valid in every respect, to be broken one parameter at a time. */
    static DirectPayRequest valid(String charset) {
        return service(charset).directPay().outTradeNo("20240101-0001").subject("Order 0001").totalFee("0.01");
    }

    static DirectPayRequest valid() {
        return valid("utf-8");
    }

    /** Asserts that signing fails for {@code parameter} with {@code code}, and the message names both. */
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

    static void assertViolation(DirectPayRequest request, String parameter, AlipayErrorCode code) {
        assertViolation(request::sign, parameter, code);
    }
}
