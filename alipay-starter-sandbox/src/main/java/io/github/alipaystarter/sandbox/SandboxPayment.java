package io.github.alipaystarter.sandbox;

import java.net.URI;

/**
 * The result of paying a trade.
 *
 * @param trade the trade after payment
 * @param returnUrl where the buyer's browser is sent: return_url with the signed parameters of spec
 *     5.2; null when the request had no return_url or the return redirect is dropped
 */
public record SandboxPayment(SandboxTrade trade, URI returnUrl) {
}
