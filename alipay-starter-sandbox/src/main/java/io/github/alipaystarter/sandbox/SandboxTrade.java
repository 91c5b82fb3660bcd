package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

/**
 * A snapshot of one trade in the sandbox.
 *
 * @param partner the merchant
 * @param outTradeNo the merchant's order number
 * @param tradeNo Alipay's trade number (28 digits); null until paid
 * @param status WAIT_BUYER_PAY, TRADE_SUCCESS, TRADE_FINISHED or TRADE_CLOSED
 * @param totalFee scale 2
 * @param price scale 2 (total_fee when the request sent total_fee)
 * @param quantity 1 when the request sent total_fee
 * @param refunded the sum of refunds, scale 2
 * @param charset the request's {@code _input_charset}: notifications and returns use it
 */
public record SandboxTrade(
        String partner,
        String outTradeNo,
        String tradeNo,
        TradeStatus status,
        BigDecimal totalFee,
        BigDecimal price,
        int quantity,
        String subject,
        String body,
        String paymentType,
        String sellerId,
        String sellerEmail,
        String buyerId,
        String buyerEmail,
        String extraCommonParam,
        URI notifyUrl,
        URI returnUrl,
        String charset,
        BigDecimal refunded,
        Instant gmtCreate,
        Instant gmtPayment,
        Instant gmtClose) {

    public boolean paid() {
        return TradeStatus.TRADE_SUCCESS.equals(status) || TradeStatus.TRADE_FINISHED.equals(status);
    }
}
