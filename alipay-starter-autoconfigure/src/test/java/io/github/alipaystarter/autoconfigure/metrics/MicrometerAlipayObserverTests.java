package io.github.alipaystarter.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.observe.GatewayCall;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters' names, tags and counts, with the meters kept once registered. */
class MicrometerAlipayObserverTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final MicrometerAlipayObserver observer = new MicrometerAlipayObserver(registry);

    private double notifications(String source, String outcome) {
        return registry.get(MicrometerAlipayObserver.NOTIFICATIONS).tag("source", source).tag("outcome", outcome)
                .counter().count();
    }

    @Test
    void countsEveryDeliveryBySourceAndOutcome() {
        for (int i = 0; i < 3; i++) {
            observer.notificationProcessed(NotificationSource.NOTIFY, new ProcessingResult(Outcome.DUPLICATE, "dup", "T1"));
        }
        observer.notificationProcessed(NotificationSource.NOTIFY, new ProcessingResult(Outcome.PAID, "paid", "T1"));
        observer.notificationProcessed(NotificationSource.RETURN, new ProcessingResult(Outcome.DUPLICATE, "dup", "T1"));
        observer.notificationProcessed(null, new ProcessingResult(Outcome.MALFORMED, "no source", null));

        assertThat(notifications("notify", "DUPLICATE")).isEqualTo(3);
        assertThat(notifications("notify", "PAID")).isEqualTo(1);
        assertThat(notifications("return", "DUPLICATE")).isEqualTo(1);
        assertThat(notifications("unknown", "MALFORMED")).isEqualTo(1);
        assertThat(registry.find(MicrometerAlipayObserver.NOTIFICATIONS).counters()).hasSize(4);
    }

    @Test
    void countsExactlyFromManyThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                for (int i = 0; i < 1000; i++) {
                    observer.notificationProcessed(NotificationSource.NOTIFY,
                            new ProcessingResult(Outcome.BAD_SIGNATURE, "forged", null));
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(notifications("notify", "BAD_SIGNATURE")).isEqualTo(8000);
    }

    @Test
    void timesGatewayCallsAndHandlerCallsByTheirTags() {
        observer.gatewayCalled(new GatewayCall("notify_verify", "true", Duration.ofMillis(5), null));
        observer.gatewayCalled(new GatewayCall("notify_verify", "true", Duration.ofMillis(7), null));
        observer.gatewayCalled(new GatewayCall("notify_verify", "unavailable", Duration.ofMillis(200), "timeout"));
        observer.handlerCalled("onPaid", Duration.ofMillis(3), null);
        observer.handlerCalled("onPaid", Duration.ofMillis(4), new IllegalStateException("x"));

        assertThat(registry.get(MicrometerAlipayObserver.GATEWAY_REQUESTS).tag("service", "notify_verify")
                .tag("result", "true").timer().count()).isEqualTo(2);
        assertThat(registry.get(MicrometerAlipayObserver.GATEWAY_REQUESTS).tag("service", "notify_verify")
                .tag("result", "unavailable").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(200);
        assertThat(registry.get(MicrometerAlipayObserver.HANDLER).tag("callback", "onPaid").tag("result", "ok")
                .timer().count()).isEqualTo(1);
        assertThat(registry.get(MicrometerAlipayObserver.HANDLER).tag("callback", "onPaid").tag("result", "error")
                .timer().count()).isEqualTo(1);
    }
}
