/**
 * The storage contracts and their in-memory implementations:
 * {@link io.github.alipaystarter.core.store.PaymentLedger} (one row per out_trade_no, the state machine
 * that makes {@code onPaid} happen once) and {@link io.github.alipaystarter.core.store.NotificationJournal}
 * (what was received and what was answered). Implement them to keep payments in your own store, and run
 * the contract test kit (module alipay-starter-test) against your implementation.
 */
package io.github.alipaystarter.core.store;
