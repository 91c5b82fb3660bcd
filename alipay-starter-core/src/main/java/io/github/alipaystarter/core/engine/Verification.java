package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.protocol.notify.TradeNotification;

/**
 * The outcome of verifying a notification: verified, or one precise, typed failure. Only
 * {@link Verified} carries a notification to trust.
 */
public sealed interface Verification {

    /** Signature right, notify_id confirmed by the gateway (or the check was skipped on purpose). */
    record Verified(TradeNotification notification) implements Verification { }

    /** No sign, or the sign does not match the content. */
    record BadSignature(String reason) implements Verification { }

    /** sign_type missing, unknown or not the configured one. */
    record UnsupportedSignType(String signType) implements Verification { }

    /** The gateway answered notify_verify with something other than {@code true} ({@code false}, {@code invalid}, ...). */
    record NotifyIdRejected(String answer) implements Verification { }

    /** The gateway could not be asked (timeout, I/O error, HTTP 5xx): transient, answer {@code fail} so Alipay retries. */
    record GatewayUnavailable(String reason) implements Verification { }

    /** The parameters cannot be a notification. */
    record Malformed(String reason) implements Verification { }
}
