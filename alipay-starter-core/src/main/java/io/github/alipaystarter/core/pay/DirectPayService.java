package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.util.Objects;

/**
 * The entry point for payments: {@code alipay.directPay().outTradeNo(..).subject(..).totalFee(..).toHtmlForm()}.
 * Thread-safe; one per merchant. Each {@link #directPay()} call returns a fresh, single-use builder.
 */
public final class DirectPayService {

    private final AlipayConfig config;
    private final AlipaySigner signer;
    private final PaymentRequestListener listener;
    private final DirectPayCustomizer customizer;

    /**
     * @param signer must sign in the configuration's input charset (as {@link AlipaySigner#forConfig} does)
     * @param listener told of every signed request before it is rendered, so the ledger can record
     *     the out_trade_no and amount (and refuse a changed amount); may be {@link PaymentRequestListener#NONE}
     * @throws IllegalArgumentException when the signer's charset is not the configuration's input charset
     */
    public DirectPayService(AlipayConfig config, AlipaySigner signer, PaymentRequestListener listener) {
        this(config, signer, listener, DirectPayCustomizer.NONE);
    }

    /**
     * @param customizer applied to every new builder by {@link #directPay()} (e.g. {@link AntiPhishing}); may
     *     be {@link DirectPayCustomizer#NONE}
     */
    public DirectPayService(AlipayConfig config, AlipaySigner signer, PaymentRequestListener listener,
            DirectPayCustomizer customizer) {
        this.customizer = Objects.requireNonNull(customizer, "customizer (use DirectPayCustomizer.NONE for none)");
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

    /**
     * A new request builder with this merchant's partner, charset, seller and URLs, and what the customizer
     * adds; use it for one request.
     */
    public DirectPayRequest directPay() {
        DirectPayRequest request = new DirectPayRequest(config, signer, listener);
        customizer.customize(request);
        return request;
    }
}
