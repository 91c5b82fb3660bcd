package io.github.alipaystarter.autoconfigure.observe;

import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.observe.ObservedAlipayGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Wraps every {@link AlipayGateway} bean (the auto-configured client or the application's own) in an
 * {@link ObservedAlipayGateway} when at least one {@link AlipayObserver} bean exists, so that every
 * gateway call, from notify_verify, reconciliation, anti-phishing or a health check, reaches the
 * observers (metrics, health). Without an observer the gateway bean is left as it is.
 */
public final class ObservedGatewayPostProcessor implements BeanPostProcessor {

    private final ObjectProvider<AlipayObserver> observers;

    public ObservedGatewayPostProcessor(ObjectProvider<AlipayObserver> observers) {
        this.observers = observers;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AlipayGateway gateway && !(bean instanceof ObservedAlipayGateway)) {
            AlipayObserver observer = AlipayObserver.of(this.observers.orderedStream().toList());
            if (observer != AlipayObserver.NONE) {
                return new ObservedAlipayGateway(gateway, observer);
            }
        }
        return bean;
    }

}
