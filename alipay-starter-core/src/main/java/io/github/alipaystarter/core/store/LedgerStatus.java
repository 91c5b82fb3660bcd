package io.github.alipaystarter.core.store;

/** The life of a trade in the ledger. */
public enum LedgerStatus {
    UNPAID,
    PAID,
    CLOSED,
    REFUNDED
}
