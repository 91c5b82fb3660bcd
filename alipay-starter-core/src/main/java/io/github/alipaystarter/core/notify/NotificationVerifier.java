package io.github.alipaystarter.core.notify;

import io.github.alipaystarter.core.gateway.AlipayGateway;
import io.github.alipaystarter.core.sign.AlipaySigner;
import java.util.Map;

/**
 * Verifies a notify or return: the signature over every parameter that arrived, then notify_id with
 * the gateway (spec 10). The two steps are public on their own so the processor can do the cheap one
 * first and skip the round trip for a resend of an already-paid trade.
 */
public final class NotificationVerifier {

    public NotificationVerifier(AlipaySigner signer, AlipayGateway gateway) {
        throw new UnsupportedOperationException("TODO core: NotificationVerifier");
    }

    /** Step 1: parse and check the signature; {@link Verification.Verified} means "signature right", notify_id not yet checked. */
    public Verification checkSignature(NotificationSource source, Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core");
    }

    /** Step 2: ask the gateway about notify_id of an already signature-checked notification. */
    public Verification checkNotifyId(TradeNotification notification) {
        throw new UnsupportedOperationException("TODO core");
    }

    /** Both steps. */
    public Verification verify(NotificationSource source, Map<String, String> parameters) {
        Verification v = checkSignature(source, parameters);
        return v instanceof Verification.Verified ok ? checkNotifyId(ok.notification()) : v;
    }
}
