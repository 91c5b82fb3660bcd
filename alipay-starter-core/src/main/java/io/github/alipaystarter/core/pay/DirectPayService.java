package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.sign.AlipaySigner;

/**
 * The entry point for payments: {@code alipay.directPay().outTradeNo(..).subject(..).totalFee(..).toHtmlForm()}.
 * Thread-safe; one per merchant.
 */
public final class DirectPayService {

    /**
     * @param listener told of every signed request before it is rendered, so the ledger can record
     *     the out_trade_no and amount (and refuse a changed amount); may be {@link PaymentRequestListener#NONE}
     */
    public DirectPayService(AlipayConfig config, AlipaySigner signer, PaymentRequestListener listener) {
        throw new UnsupportedOperationException("TODO core: DirectPayService");
    }

    /** A new request builder with this merchant's partner, charset, seller and URLs. */
    public DirectPayRequest directPay() {
        throw new UnsupportedOperationException("TODO core");
    }
}
