/**
 * Observing the starter without Spring or Micrometer: {@link io.github.alipaystarter.core.observe.AlipayObserver}
 * and the decorators that feed it ({@link io.github.alipaystarter.core.observe.ObservedAlipayGateway},
 * {@link io.github.alipaystarter.core.observe.ObservedPaymentHandler}); {@link
 * io.github.alipaystarter.core.observe.DeliveryTrouble} keeps recent failures for a health check.
 */
package io.github.alipaystarter.core.observe;
