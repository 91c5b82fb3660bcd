/**
 * The request side of create_direct_pay_by_user (spec section 4): {@link
 * io.github.alipaystarter.core.pay.DirectPayService#directPay()} gives a single-use builder with one
 * setter per usable parameter of table 4-1; {@code sign()} checks every rule (lengths in bytes of the
 * {@code _input_charset}, money, forbidden characters, URLs, the parameters that exclude or require
 * each other), signs, tells the ledger, and returns a {@link io.github.alipaystarter.core.pay.SignedPayment}
 * to render as an auto-submitting form, a page or a redirect URL. A broken rule is an
 * {@link io.github.alipaystarter.core.error.AlipayParameterException} carrying the code Alipay would
 * have shown the buyer.
 */
package io.github.alipaystarter.core.pay;
