package io.github.alipaystarter.core.pay;

import java.math.BigDecimal;

/**
 * The builder of one create_direct_pay_by_user request (spec 4.2, table 4-1). Obtained from
 * {@link DirectPayService#directPay()}; partner, charset, seller and the configured URLs come from the
 * configuration. Each setter takes the raw value; {@link #sign()} validates every rule and signs.
 * Terminal shortcuts {@link #toHtmlForm()} and {@link #toRedirectUrl()} sign and render.
 *
 * <p>TODO core: one setter per parameter of table 4-1 a merchant can still use: out_trade_no, subject,
 * body, total_fee or price+quantity, payment_type, seller_id/seller_email/seller_account_name,
 * buyer_id/buyer_email/buyer_account_name, show_url, notify_url and return_url overrides, paymethod,
 * defaultbank, enable_paymethod, need_ctu_check, anti_phishing_key, exter_invoke_ip,
 * extra_common_param, extend_param, it_b_pay, token, qr_pay_mode, qrcode_width, royalty_type,
 * royalty_parameters.
 */
public final class DirectPayRequest {

    DirectPayRequest() {
        throw new UnsupportedOperationException("TODO core: DirectPayRequest");
    }

    public DirectPayRequest outTradeNo(String outTradeNo) { throw new UnsupportedOperationException("TODO core"); }

    public DirectPayRequest subject(String subject) { throw new UnsupportedOperationException("TODO core"); }

    public DirectPayRequest body(String body) { throw new UnsupportedOperationException("TODO core"); }

    /** Money: scale at most 2, in [0.01, 100000000.00]. */
    public DirectPayRequest totalFee(BigDecimal totalFee) { throw new UnsupportedOperationException("TODO core"); }

    /** Parses a money string such as {@code "0.01"}. */
    public DirectPayRequest totalFee(String totalFee) { throw new UnsupportedOperationException("TODO core"); }

    public DirectPayRequest extraCommonParam(String extraCommonParam) { throw new UnsupportedOperationException("TODO core"); }

    /** The buyer's IP (exter_invoke_ip), required when anti-phishing is on. */
    public DirectPayRequest exterInvokeIp(String ip) { throw new UnsupportedOperationException("TODO core"); }

    /** Validates, records the trade (when a ledger is attached) and signs. */
    public SignedPayment sign() { throw new UnsupportedOperationException("TODO core"); }

    /** {@code sign().toHtmlForm()}. */
    public String toHtmlForm() { return sign().toHtmlForm(); }

    /** {@code sign().toRedirectUrl()}. */
    public java.net.URI toRedirectUrl() { return sign().toRedirectUrl(); }
}
