package io.github.alipaystarter.autoconfigure;

import java.util.List;

/**
 * The application defines no {@link io.github.alipaystarter.core.payment.PaymentHandler} bean (or
 * several, none of them primary). Start-up stops: without a handler, paid trades would be marked paid
 * in the ledger and never reach the application, and could not be delivered again later.
 */
public class PaymentHandlerMissingException extends RuntimeException {

    private final List<String> candidates;

    public PaymentHandlerMissingException(List<String> candidates) {
        super(candidates.isEmpty() ? "No PaymentHandler bean defined"
                : "No unique PaymentHandler bean: found " + candidates.size() + " " + candidates);
        this.candidates = List.copyOf(candidates);
    }

    /** The class names of the handlers found when there were several; empty when there was none. */
    public List<String> candidates() {
        return this.candidates;
    }

}
