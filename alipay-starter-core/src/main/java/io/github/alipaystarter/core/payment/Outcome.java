package io.github.alipaystarter.core.payment;

/** What became of one notification, return or query answer; {@link #answer()} is what Alipay is told. */
public enum Outcome {
    /** Verified and paid: onPaid was called by this delivery. */
    PAID(true),
    /** Verified, the trade was already paid: a duplicate, acknowledged. */
    DUPLICATE(true),
    /** Verified, closed (onClosed called). */
    CLOSED(true),
    /** Verified refund notification (onRefund called). */
    REFUNDED(true),
    /** Verified, but a status that needs no action (WAIT_BUYER_PAY, an unknown status): acknowledged. */
    IGNORED(true),
    /** Not a notification at all (garbage body, missing parameters). */
    MALFORMED(false),
    /** sign missing or wrong, or sign_type not the configured one. */
    BAD_SIGNATURE(false),
    /** notify_verify answered false or invalid. */
    NOTIFY_ID_REJECTED(false),
    /** seller_id / seller_email is not this merchant. */
    WRONG_SELLER(false),
    /** total_fee differs from the amount the ledger recorded. */
    WRONG_AMOUNT(false),
    /** out_trade_no was never recorded by the ledger (refused by default). */
    UNKNOWN_TRADE(false),
    /** The gateway could not be asked: transient, Alipay will retry. */
    GATEWAY_UNAVAILABLE(false),
    /** onPaid (or onClosed/onRefund) threw: rolled back, Alipay will retry. */
    HANDLER_FAILED(false),
    /** Anything else that went wrong on our side (database down, ...): rolled back, Alipay will retry. */
    ERROR(false),
    /**
     * Only in the journal, never an answer: the delivery's processing stopped (the process crashed or was
     * killed) before its outcome was written. The ledger says whether the trade was paid; Alipay resends
     * a notification it was not told {@code success} for.
     */
    INTERRUPTED(false);

    private final boolean acknowledged;

    Outcome(boolean acknowledged) {
        this.acknowledged = acknowledged;
    }

    /** Whether Alipay is told {@code success} (true) or {@code fail} (false). */
    public boolean acknowledged() {
        return acknowledged;
    }

    /** Exactly {@code success} or {@code fail}. */
    public String answer() {
        return acknowledged ? "success" : "fail";
    }
}
