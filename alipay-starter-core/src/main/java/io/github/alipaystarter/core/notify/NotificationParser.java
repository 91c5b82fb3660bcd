package io.github.alipaystarter.core.notify;

import java.util.Map;

/**
 * Parses decoded parameters into a {@link TradeNotification}. Does not verify anything.
 * Required: notify_id, sign, sign_type (and out_trade_no for a trade notification); money parsed as
 * BigDecimal scale 2 (rejecting more than 2 decimals); times {@code yyyy-MM-dd HH:mm:ss} at +08:00.
 */
public final class NotificationParser {

    private NotificationParser() {
    }

    /** Throws {@link MalformedNotificationException} naming the parameter and the problem. */
    public static TradeNotification parse(NotificationSource source, Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core: NotificationParser.parse");
    }
}
