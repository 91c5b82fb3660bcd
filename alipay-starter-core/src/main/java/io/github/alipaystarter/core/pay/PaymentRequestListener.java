package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;

/**
 * Told of every validated and signed request before it is returned to be rendered, exactly once per
 * {@link DirectPayService#recordAndSign}, with the very {@link SignedPayment} the caller then receives.
 * The ledger implements it to record the trade; throwing (typically {@link AlipayParameterException}
 * with TRADE_TOTALFEE_NOT_MATCH or TRADE_NOT_ALLOWED_PAY) stops the request: the exception reaches
 * the caller of {@code recordAndSign} and nothing is rendered.
 *
 * <p>Signing happens just before this call because it is pure computation: a request whose
 * signing fails (a broken key) therefore never leaves a recorded trade behind.
 */
@FunctionalInterface
public interface PaymentRequestListener {

    PaymentRequestListener NONE = payment -> { };

    void onRequest(SignedPayment payment);
}
