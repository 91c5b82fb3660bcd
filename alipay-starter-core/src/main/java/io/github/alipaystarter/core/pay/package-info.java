/**
 * The request side of create_direct_pay_by_user (spec section 4). A
 * {@link io.github.alipaystarter.core.pay.PaymentRequest} is an immutable value, checked when built (lengths
 * as Alipay counts them, money, forbidden characters, URLs, the parameters that exclude or require each
 * other), with typed options for the parameters that go together ({@link io.github.alipaystarter.core.pay.Amount},
 * {@link io.github.alipaystarter.core.pay.DefaultPayMethod}, {@link io.github.alipaystarter.core.pay.QrCode},
 * {@link io.github.alipaystarter.core.pay.Royalties}). {@link
 * io.github.alipaystarter.core.pay.DirectPayService#recordAndSign} applies the merchant's configuration,
 * records the trade in the ledger and signs, returning a {@link io.github.alipaystarter.core.pay.SignedPayment}
 * to render as an auto-submitting form, a page or a redirect URL, without further effect. A broken rule is an
 * {@link io.github.alipaystarter.core.error.AlipayParameterException} carrying the code Alipay would have
 * shown the buyer.
 */
package io.github.alipaystarter.core.pay;
