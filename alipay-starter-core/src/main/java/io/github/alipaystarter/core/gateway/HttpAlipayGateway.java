package io.github.alipaystarter.core.gateway;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.sign.AlipaySigner;

/**
 * {@link AlipayGateway} over the JDK's HttpClient, with the configured connect and read timeouts.
 * XML is parsed with DTDs and external entities disabled.
 */
public final class HttpAlipayGateway implements AlipayGateway {

    public HttpAlipayGateway(AlipayConfig config, AlipaySigner signer) {
        throw new UnsupportedOperationException("TODO core: HttpAlipayGateway");
    }

    @Override
    public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public String queryTimestamp() {
        throw new UnsupportedOperationException("TODO core");
    }

    @Override
    public TradeQueryResult singleTradeQuery(String outTradeNo) {
        throw new UnsupportedOperationException("TODO core");
    }
}
