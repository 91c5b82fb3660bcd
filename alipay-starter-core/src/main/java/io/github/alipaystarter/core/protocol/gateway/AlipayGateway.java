package io.github.alipaystarter.core.protocol.gateway;

/**
 * The calls the merchant makes to the gateway. Every method throws {@link GatewayUnavailableException}
 * for a timeout, an I/O error or an HTTP error status, and {@link GatewayResponseException} for an
 * answer it cannot read.
 */
public interface AlipayGateway {

    /** service=notify_verify (spec 10). The notify_id is URL-encoded exactly once. */
    NotifyVerifyAnswer verifyNotifyId(String notifyId);

    /** service=query_timestamp: the anti_phishing_key ({@code <encrypt_key>}). */
    String queryTimestamp();

    /** service=single_trade_query by out_trade_no, signed. */
    TradeQueryResult singleTradeQuery(String outTradeNo);
}
