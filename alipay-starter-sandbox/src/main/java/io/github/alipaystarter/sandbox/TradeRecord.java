package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;

/** The mutable trade behind {@link SandboxTrade}; guarded by its own monitor. */
final class TradeRecord {

    final SandboxMerchant merchant;
    final String outTradeNo;
    final BigDecimal totalFee;
    final BigDecimal price;
    final int quantity;
    final String paymentType;
    final String sellerId;
    final String sellerEmail;
    final String requestedBuyerId;
    final String requestedBuyerEmail;
    final Instant gmtCreate;

    // what the latest accepted request said (a repeat may change the non-binding fields)
    String subject;
    String body;
    String extraCommonParam;
    URI notifyUrl;
    URI returnUrl;
    URI showUrl;
    Charset charset;

    String tradeNo;
    TradeStatus status = TradeStatus.WAIT_BUYER_PAY;
    String buyerId;
    String buyerEmail;
    Instant gmtPayment;
    Instant gmtClose;
    Instant gmtRefund;
    BigDecimal refunded = BigDecimal.ZERO.setScale(2);
    /** The signed return parameters of the payment (spec 5.2), null before payment. */
    java.util.Map<String, String> returnParameters;

    TradeRecord(SandboxMerchant merchant, PayOrder order, Instant now) {
        this.merchant = merchant;
        this.outTradeNo = order.outTradeNo();
        this.totalFee = order.totalFee();
        this.price = order.price();
        this.quantity = order.quantity();
        this.paymentType = order.paymentType();
        this.sellerId = merchant.sellerId();
        this.sellerEmail = merchant.sellerEmail();
        this.requestedBuyerId = order.buyerId();
        this.requestedBuyerEmail = order.buyerEmail();
        this.gmtCreate = now;
        update(order);
    }

    void update(PayOrder order) {
        this.subject = order.subject();
        this.body = order.body();
        this.extraCommonParam = order.extraCommonParam();
        this.notifyUrl = order.notifyUrl();
        this.returnUrl = order.returnUrl();
        this.showUrl = order.showUrl();
        this.charset = order.charset();
    }

    synchronized SandboxTrade snapshot() {
        return new SandboxTrade(merchant.partner(), outTradeNo, tradeNo, status, totalFee, price, quantity,
                subject, body, paymentType, sellerId, sellerEmail, buyerId, buyerEmail, extraCommonParam,
                notifyUrl, returnUrl, SandboxCodec.wireName(charset), refunded, gmtCreate, gmtPayment, gmtClose);
    }
}
