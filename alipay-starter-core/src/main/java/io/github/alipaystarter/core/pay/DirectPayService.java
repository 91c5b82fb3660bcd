package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.sign.AlipaySigner;
import java.util.Objects;

/**
 * The entry point for payments: {@code alipay.directPay().outTradeNo(..).subject(..).totalFee(..).toHtmlForm()}.
 * Thread-safe; one per merchant. Each {@link #directPay()} call returns a fresh, single-use builder.
 */
public final class DirectPayService {

    private final AlipayConfig config;
    private final AlipaySigner signer;
    private final PaymentRequestListener listener;

    /**
     * @param signer must sign in the configuration's input charset (as {@link AlipaySigner#forConfig} does)
     * @param listener told of every signed request before it is rendered, so the ledger can record
     *     the out_trade_no and amount (and refuse a changed amount); may be {@link PaymentRequestListener#NONE}
     * @throws IllegalArgumentException when the signer's charset is not the configuration's input charset
     */
    public DirectPayService(AlipayConfig config, AlipaySigner signer, PaymentRequestListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.listener = Objects.requireNonNull(listener, "listener (use PaymentRequestListener.NONE for none)");
        if (!signer.charset().equals(config.inputCharset())) {
            // the signature would be computed over other bytes than the ones Alipay decodes
            throw new IllegalArgumentException("The signer signs in " + signer.charset().name()
                    + " but the configured _input_charset is " + config.inputCharsetName()
                    + "; build the signer with AlipaySigner.forConfig(config)");
        }
    }

    /** A new request builder with this merchant's partner, charset, seller and URLs; use it for one request. */
    public DirectPayRequest directPay() {
        return new DirectPayRequest(config, signer, listener);
    }
}
