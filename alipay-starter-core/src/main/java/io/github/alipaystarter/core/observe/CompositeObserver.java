package io.github.alipaystarter.core.observe;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** {@link AlipayObserver#of}: calls each observer in turn; one that throws is logged, never propagated. */
final class CompositeObserver implements AlipayObserver {

    private static final System.Logger LOG = System.getLogger(AlipayObserver.class.getName());

    private final List<AlipayObserver> observers;

    CompositeObserver(List<AlipayObserver> observers) {
        this.observers = List.copyOf(observers);
    }

    @Override
    public void notificationProcessed(NotificationSource source, ProcessingResult result) {
        each(o -> o.notificationProcessed(source, result));
    }

    @Override
    public void gatewayCalled(GatewayCall call) {
        each(o -> o.gatewayCalled(call));
    }

    @Override
    public void handlerCalled(String callback, Duration duration, Throwable failure) {
        each(o -> o.handlerCalled(callback, duration, failure));
    }

    @Override
    public void paymentRequested(SignedPayment payment) {
        each(o -> o.paymentRequested(payment));
    }

    private void each(Consumer<AlipayObserver> call) {
        for (AlipayObserver o : observers) {
            try {
                call.accept(o);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the Alipay observer " + o.getClass().getName()
                        + " threw; ignored, processing goes on", e);
            }
        }
    }

    @Override
    public String toString() {
        return "AlipayObserver.of(" + observers + ")";
    }
}
