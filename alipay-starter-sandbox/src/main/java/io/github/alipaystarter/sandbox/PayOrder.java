package io.github.alipaystarter.sandbox;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;

/** An accepted create_direct_pay_by_user request, normalized. */
record PayOrder(
        String outTradeNo,
        String subject,
        String body,
        BigDecimal totalFee,
        BigDecimal price,
        int quantity,
        String paymentType,
        String buyerId,
        String buyerEmail,
        String extraCommonParam,
        URI notifyUrl,
        URI returnUrl,
        URI showUrl,
        Charset charset) {
}
