package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.util.Map;
import java.util.Objects;

/**
 * The entry point for payments: {@code SignedPayment payment = alipay.recordAndSign(request);}. Thread-safe;
 * one per merchant.
 */
public final class DirectPayService {

    private final AlipayConfig config;
    private final AlipaySigner signer;
    private final PaymentRequestListener listener;
    private final DirectPayCustomizer customizer;

    /**
     * @param signer must sign in the configuration's input charset (as {@link AlipaySigner#forConfig} does)
     * @param listener told of every signed request before it is returned, so the ledger can record
     *     the out_trade_no and amount (and refuse a changed amount); may be {@link PaymentRequestListener#NONE}
     * @throws IllegalArgumentException when the signer's charset is not the configuration's input charset
     */
    public DirectPayService(AlipayConfig config, AlipaySigner signer, PaymentRequestListener listener) {
        this(config, signer, listener, DirectPayCustomizer.NONE);
    }

    /**
     * @param customizer applied to every request by {@link #recordAndSign} before anything else (e.g.
     *     {@link AntiPhishing}); may be {@link DirectPayCustomizer#NONE}
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
     * Records the trade and signs the request, in this order: the customizer completes the request (e.g. the
     * anti-phishing key), the merchant's configuration is applied (partner, charset, seller, default URLs) and
     * its rules checked, the parameters are signed, and the {@link PaymentRequestListener} is told once: the
     * ledger records the out_trade_no, amount and subject, and may refuse (TRADE_TOTALFEE_NOT_MATCH,
     * TRADE_NOT_ALLOWED_PAY). Each call records again: calling it twice for one order is a repeated request,
     * which Alipay allows while the trade is unpaid and the amount the same.
     *
     * @return the payment to render, as often as needed and without further effect
     * @throws AlipayParameterException for a rule of the configuration broken, or when the listener refuses
     */
    public SignedPayment recordAndSign(PaymentRequest request) {
        PaymentRequest completed = Objects.requireNonNull(customizer.customize(Objects.requireNonNull(request,
                "request")), "the DirectPayCustomizer returned no request");
        Map<String, String> parameters = RequestParameters.of(completed, config);
        Map<String, String> signed = signer.signParameters(parameters);
        SignedPayment payment = new SignedPayment(completed.outTradeNo(), completed.totalAmount(), completed.subject(),
                signed, config.gatewayUrl(), config.inputCharset(), config.inputCharsetName());
        listener.onRequest(payment);
        return payment;
    }
}
