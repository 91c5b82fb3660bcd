package io.github.alipaystarter.sample.order;

import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * One row of the {@code orders} table.
 *
 * @param paidAt when Alipay says the buyer paid, in China time (UTC+8), as Alipay sends it
 * @param buyer the buyer's Alipay account (email or mobile) or, when Alipay did not send it, the buyer id
 * @param paidCallbacks how many times {@code onPaid} ran for this order; the starter promises 1
 * @param createdAt when the order was created, in China time
 */
public record Order(
        String outTradeNo,
        String subject,
        String body,
        BigDecimal totalFee,
        OrderStatus status,
        String tradeNo,
        String buyer,
        LocalDateTime paidAt,
        int paidCallbacks,
        LocalDateTime createdAt) {
}
