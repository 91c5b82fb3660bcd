package io.github.alipaystarter.sample.order;

import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.SignedPayment;
import java.math.BigDecimal;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates an order and the signed request that sends the buyer to Alipay: the guide's alipayto,
 * in a few lines.
 */
@Service
public class Checkout {

    private final Orders orders;
    private final DirectPayService alipay;

    public Checkout(Orders orders, DirectPayService alipay) {
        this.orders = orders;
        this.alipay = alipay;
    }

    /**
     * Stores a new order and signs its payment request. The starter validates every parameter against
     * the spec (a subject with {@code %}, an amount with three decimals...) and throws
     * {@link io.github.alipaystarter.core.error.AlipayParameterException}; the transaction then rolls back,
     * so no order is left behind for a request that could never be paid.
     */
    @Transactional
    public SignedPayment placeOrder(String subject, String body, BigDecimal totalFee) {
        Order order = orders.create(subject, body, totalFee);
        return pay(order);
    }

    /**
     * Records and signs the request for an unpaid order, again if the buyer comes back (Alipay accepts a
     * repeat with the same amount).
     */
    @Transactional
    public SignedPayment pay(Order order) {
        PaymentRequest request = PaymentRequest.builder(order.outTradeNo(), order.subject(), Amount.of(order.totalFee()))
                .body(order.body())   // null or empty: not sent
                .build();
        return alipay.recordAndSign(request);
    }
}
