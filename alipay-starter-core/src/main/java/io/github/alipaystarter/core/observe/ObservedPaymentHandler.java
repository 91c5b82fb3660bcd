package io.github.alipaystarter.core.observe;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.TradeClosed;
import io.github.alipaystarter.core.payment.TradeRefunded;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link PaymentHandler} that tells an {@link AlipayObserver} how long each callback took and whether
 * it threw; what it throws is rethrown unchanged, so rollback and the {@code fail} answer are as before.
 */
public final class ObservedPaymentHandler implements PaymentHandler {

    private final PaymentHandler handler;
    private final AlipayObserver observer;

    public ObservedPaymentHandler(PaymentHandler handler, AlipayObserver observer) {
        this.handler = Objects.requireNonNull(handler, "handler");
        this.observer = AlipayObserver.of(java.util.List.of(Objects.requireNonNull(observer, "observer")));
    }

    @Override
    public void onPaid(PaidTrade trade) {
        call("onPaid", () -> handler.onPaid(trade));
    }

    @Override
    public void onClosed(TradeClosed closed) {
        call("onClosed", () -> handler.onClosed(closed));
    }

    @Override
    public void onRefund(TradeRefunded refund) {
        call("onRefund", () -> handler.onRefund(refund));
    }

    private void call(String callback, Runnable call) {
        long start = System.nanoTime();
        try {
            call.run();
        } catch (RuntimeException | Error e) {
            observer.handlerCalled(callback, Duration.ofNanos(System.nanoTime() - start), e);
            throw e;
        }
        observer.handlerCalled(callback, Duration.ofNanos(System.nanoTime() - start), null);
    }

    @Override
    public String toString() {
        return "ObservedPaymentHandler{" + handler + "}";
    }
}
