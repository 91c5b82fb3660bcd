package io.github.alipaystarter.core.observe;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.time.Duration;
import java.util.List;

/**
 * Told what the starter does, for metrics, health and the like: every processed notification, return
 * and query answer, every gateway call, every call of the application's payment handler and every
 * signed payment request. Plain Java, so that the core needs neither Spring nor Micrometer; the
 * auto-configuration adapts it to Micrometer.
 *
 * <p>Every method has an empty default, so an implementation overrides only what it needs. Methods are
 * called on the thread that did the work, right after it, and must be quick and must not block.
 * Through {@link #of(List)} (which the processor and the auto-configuration use) an observer that
 * throws is logged and never changes how a payment is processed or answered.
 */
public interface AlipayObserver {

    /** Observes nothing. */
    AlipayObserver NONE = new AlipayObserver() {
    };

    /**
     * A notification, return or query answer was processed (and journaled): called once per delivery,
     * with the outcome Alipay is answered with.
     */
    default void notificationProcessed(NotificationSource source, ProcessingResult result) {
    }

    /** A call to the gateway ended, with an answer or a failure. */
    default void gatewayCalled(GatewayCall call) {
    }

    /**
     * The application's {@link io.github.alipaystarter.core.payment.PaymentHandler} returned or threw.
     *
     * @param callback {@code onPaid}, {@code onClosed} or {@code onRefund}
     * @param failure what it threw, or null when it returned
     */
    default void handlerCalled(String callback, Duration duration, Throwable failure) {
    }

    /** A payment request was validated, signed and recorded by the ledger, and is about to be rendered. */
    default void paymentRequested(SignedPayment payment) {
    }

    /**
     * All of {@code observers}, in order, each isolated from the others and from the caller: what one
     * throws is logged and the next is still called. {@link #NONE} for an empty list.
     */
    static AlipayObserver of(List<? extends AlipayObserver> observers) {
        List<AlipayObserver> all = observers == null ? List.of()
                : observers.stream().filter(o -> o != null && o != NONE).map(o -> (AlipayObserver) o).toList();
        return all.isEmpty() ? NONE : new CompositeObserver(all);
    }
}
