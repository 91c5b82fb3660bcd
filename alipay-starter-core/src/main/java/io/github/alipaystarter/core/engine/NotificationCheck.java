package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import java.util.Map;
import java.util.Objects;

/**
 * The two verification steps the {@link NotificationProcessor} needs, split so that it can do the
 * cheap one (the signature, no I/O) first and skip the gateway round trip for a resend of a trade
 * already paid. {@link #of(NotificationVerifier)} adapts the core verifier; tests and users with their
 * own verification can implement it directly.
 */
interface NotificationCheck {

    /** Parses the parameters and checks the signature; {@link Verification.Verified} means "signature right". */
    Verification checkSignature(NotificationSource source, Map<String, String> parameters);

    /** Asks the gateway about the notify_id of a notification whose signature is already checked. */
    Verification checkNotifyId(TradeNotification notification);

    /** The core {@link NotificationVerifier} as a {@code NotificationCheck}. */
    static NotificationCheck of(NotificationVerifier verifier) {
        Objects.requireNonNull(verifier, "verifier");
        return new NotificationCheck() {
            @Override
            public Verification checkSignature(NotificationSource source, Map<String, String> parameters) {
                return verifier.checkSignature(source, parameters);
            }

            @Override
            public Verification checkNotifyId(TradeNotification notification) {
                return verifier.checkNotifyId(notification);
            }
        };
    }
}
