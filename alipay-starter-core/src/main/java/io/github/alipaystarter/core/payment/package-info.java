/**
 * What the merchant implements and receives when a payment ends:
 * {@link io.github.alipaystarter.core.payment.PaymentHandler} with {@code onPaid},
 * {@link io.github.alipaystarter.core.payment.PaidTrade}, and the outcome of a processed delivery.
 */
package io.github.alipaystarter.core.payment;
