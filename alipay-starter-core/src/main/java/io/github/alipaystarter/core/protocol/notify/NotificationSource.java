package io.github.alipaystarter.core.protocol.notify;

/** Where a notification came from. */
public enum NotificationSource {
    /** The asynchronous server-to-server POST to notify_url (spec 6). */
    NOTIFY,
    /** The buyer's browser redirected to return_url (spec 5). */
    RETURN,
    /** The merchant's own single_trade_query (reconciliation, guide 5.3). */
    QUERY
}
