package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.protocol.notify.MalformedNotificationException;
import io.github.alipaystarter.core.protocol.notify.NotificationParser;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Verifies a notify or return: the signature over every parameter that arrived, then notify_id with
 * the gateway (spec 10). The two steps are public on their own so the processor can do the cheap one
 * first and skip the round trip for a resend of an already-paid trade.
 *
 * <p>Every failure is a distinct {@link Verification}; nothing here returns a boolean or throws for a
 * bad notification. There is no silent way around the notify_id check: the public constructor needs
 * a gateway, and the only verifier without one comes from
 * {@link #signatureOnlyInsecureForTests(AlipaySigner)}. Thread-safe when the gateway is.
 */
public final class NotificationVerifier {

    private static final System.Logger LOG = System.getLogger(NotificationVerifier.class.getName());

    private final AlipaySigner signer;
    /** null only for {@link #signatureOnlyInsecureForTests}. */
    private final AlipayGateway gateway;

    /** Both arguments are required: a null one throws {@link NullPointerException} here, never skips a check later. */
    public NotificationVerifier(AlipaySigner signer, AlipayGateway gateway) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
    }

    private NotificationVerifier(AlipaySigner signer) {
        this.signer = Objects.requireNonNull(signer, "signer");
        this.gateway = null;
    }

    /**
     * INSECURE, for tests only: a verifier that checks the signature but never asks the gateway about
     * notify_id, so {@link #checkNotifyId} answers {@link Verification.Verified} for any notification.
     * A notification replayed or forged by someone who knows the key passes. Never use it in production.
     */
    public static NotificationVerifier signatureOnlyInsecureForTests(AlipaySigner signer) {
        Objects.requireNonNull(signer, "signer");
        LOG.log(System.Logger.Level.WARNING,
                "NotificationVerifier.signatureOnlyInsecureForTests: notify_id will NOT be checked with the gateway."
                        + " Never use this verifier in production.");
        return new NotificationVerifier(signer);
    }

    /**
     * Step 1: check the signature over every parameter that arrived (unknown ones included, spec 9.1.1),
     * then parse. {@link Verification.Verified} means "signature right", notify_id not yet checked.
     * A missing or wrong sign is {@link Verification.BadSignature}; a missing, unknown or other
     * sign_type than the configured one is {@link Verification.UnsupportedSignType}; signed but
     * unreadable parameters are {@link Verification.Malformed}. The caller's map is not changed.
     */
    public Verification checkSignature(NotificationSource source, Map<String, String> parameters) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(parameters, "parameters");
        // iterate rather than containsKey(null): Map.of and friends throw for a null query
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                return new Verification.Malformed("a parameter name or value is null");
            }
        }
        try {
            signer.verify(parameters);
        } catch (SignatureException e) {
            return switch (e.reason()) {
                case MISSING_SIGN -> new Verification.BadSignature("no sign parameter");
                case UNSUPPORTED_SIGN_TYPE -> new Verification.UnsupportedSignType(parameters.get("sign_type"));
                case MISMATCH -> new Verification.BadSignature("sign does not match the parameters");
                // a key we cannot use is our configuration's fault, but the notification is still unverified
                case BAD_KEY -> new Verification.BadSignature("the verification key could not be used (check the configured keys)");
            };
        }
        try {
            return new Verification.Verified(NotificationParser.parse(source, parameters));
        } catch (MalformedNotificationException e) {
            return new Verification.Malformed(e.getMessage());
        }
    }

    /**
     * Step 2: ask the gateway about notify_id of an already signature-checked notification (spec 10:
     * only {@code true} verifies). {@code false}, {@code invalid} or any other text is
     * {@link Verification.NotifyIdRejected} with the answer in lower case. A gateway that cannot be
     * reached ({@link GatewayUnavailableException}) is {@link Verification.GatewayUnavailable}, and so
     * is an answer the client could not read at all ({@link GatewayResponseException}): that says
     * nothing about the notification, so it is treated as transient and Alipay's resend will ask again.
     */
    public Verification checkNotifyId(TradeNotification notification) {
        Objects.requireNonNull(notification, "notification");
        if (gateway == null) {
            return new Verification.Verified(notification);
        }
        String notifyId = notification.notifyId();
        if (notifyId == null || notifyId.isEmpty()) {
            return new Verification.Malformed("notify_id: required, but missing or empty");
        }
        NotifyVerifyAnswer answer;
        try {
            answer = gateway.verifyNotifyId(notifyId);
        } catch (GatewayUnavailableException e) {
            return new Verification.GatewayUnavailable(e.getMessage());
        } catch (GatewayResponseException e) {
            return new Verification.GatewayUnavailable("unreadable notify_verify answer: " + e.getMessage());
        }
        if (answer == NotifyVerifyAnswer.TRUE) {
            return new Verification.Verified(notification);
        }
        return new Verification.NotifyIdRejected(answer == null ? "null" : answer.name().toLowerCase(Locale.ROOT));
    }

    /** Both steps. */
    public Verification verify(NotificationSource source, Map<String, String> parameters) {
        Verification v = checkSignature(source, parameters);
        return v instanceof Verification.Verified ok ? checkNotifyId(ok.notification()) : v;
    }
}
