package io.github.alipaystarter.core.payment;

import io.github.alipaystarter.core.engine.NotificationProcessor;

/**
 * The result of {@link NotificationProcessor#process}: the outcome, a human reason (never a secret)
 * and the out_trade_no when one could be read.
 */
public record ProcessingResult(Outcome outcome, String reason, String outTradeNo) {

    /** Exactly {@code success} or {@code fail}, for the notify answer. */
    public String answer() {
        return outcome.answer();
    }
}
