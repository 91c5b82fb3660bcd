package io.github.alipaystarter.core.pay;

/**
 * Told of every validated request before it is signed and rendered. The ledger implements it to
 * record the trade; throwing {@link AlipayParameterException} (TRADE_TOTALFEE_NOT_MATCH,
 * TRADE_NOT_ALLOWED_PAY) stops the request.
 */
@FunctionalInterface
public interface PaymentRequestListener {

    PaymentRequestListener NONE = payment -> { };

    void onRequest(SignedPayment payment);
}
