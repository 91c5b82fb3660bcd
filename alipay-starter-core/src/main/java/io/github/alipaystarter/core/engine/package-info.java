/**
 * The processing engine: turns a delivery (an asynchronous notification, a synchronous return or a query
 * answer) into at most one {@code onPaid} call. {@link io.github.alipaystarter.core.engine.NotificationProcessor}
 * verifies the signature and the notify_id, checks seller and amount against the ledger, moves the ledger,
 * writes the journal and calls the {@link io.github.alipaystarter.core.payment.PaymentHandler};
 * {@link io.github.alipaystarter.core.engine.Reconciler} asks the gateway about trades that stayed unpaid.
 * Applications do not call this package directly: the Spring Boot starter wires it behind its endpoints.
 */
package io.github.alipaystarter.core.engine;
