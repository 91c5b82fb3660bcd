package io.github.alipaystarter.autoconfigure.metrics;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.observe.GatewayCall;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The starter's meters, fed by the core's {@link AlipayObserver} hook. Names and tags are a contract
 * (dashboards rely on them; the README's metrics table lists them):
 * <ul>
 * <li>{@value #NOTIFICATIONS} counter, tags {@code source} (notify, return, query) and {@code outcome}
 * (an {@link io.github.alipaystarter.core.payment.Outcome} name, e.g. PAID, DUPLICATE, BAD_SIGNATURE);</li>
 * <li>{@value #GATEWAY_REQUESTS} timer, tags {@code service} (notify_verify, single_trade_query,
 * query_timestamp) and {@code result} (see {@link GatewayCall#result()});</li>
 * <li>{@value #HANDLER} timer, tags {@code callback} (onPaid, onClosed, onRefund) and {@code result}
 * (ok, error);</li>
 * <li>{@value #PAYMENTS_REQUESTED} counter (signed payment requests), tag {@code charset} (the
 * _input_charset, e.g. utf-8, gbk).</li>
 * </ul>
 * Every tag takes a small, fixed set of values: no out_trade_no, no reason text.
 *
 * <p>Plain meters rather than the Observation API: an observation's default meter handler adds an
 * {@code error} tag and {@code .active} long-task timers, so the names and tags above could not be kept
 * exact.
 */
public class MicrometerAlipayObserver implements AlipayObserver {

    /** Counter of processed notifications, returns and query answers. */
    public static final String NOTIFICATIONS = "alipay.notifications";

    /** Timer of gateway calls. */
    public static final String GATEWAY_REQUESTS = "alipay.gateway.requests";

    /** Timer of the payment handler's callbacks. */
    public static final String HANDLER = "alipay.handler";

    /** Counter of signed payment requests. */
    public static final String PAYMENTS_REQUESTED = "alipay.payments.requested";

    private final MeterRegistry registry;

    /**
     * The notification counters once registered, by source (the last row: unknown) and outcome: every
     * delivery counts, forgeries included, so the builder and the registry's look-up are not paid each time.
     */
    private final Counter[][] notificationCounters = new Counter[NotificationSource.values().length + 1][Outcome.values().length];

    /** The timers once registered, by name and tags. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public MicrometerAlipayObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void notificationProcessed(NotificationSource source, ProcessingResult result) {
        int row = (source != null) ? source.ordinal() : NotificationSource.values().length;
        int column = result.outcome().ordinal();
        Counter counter = this.notificationCounters[row][column];
        if (counter == null) {
            // Registering twice from two threads is harmless: the registry returns the same counter.
            counter = Counter.builder(NOTIFICATIONS)
                .description("Alipay notifications, returns and query answers processed, by outcome")
                .tag("source", (source != null) ? source.name().toLowerCase(Locale.ROOT) : "unknown")
                .tag("outcome", result.outcome().name())
                .register(this.registry);
            this.notificationCounters[row][column] = counter;
        }
        counter.increment();
    }

    @Override
    public void gatewayCalled(GatewayCall call) {
        timer(GATEWAY_REQUESTS, "Calls to the Alipay gateway, by service and result", "service", call.service(),
                call.result())
            .record(call.duration());
    }

    @Override
    public void handlerCalled(String callback, Duration duration, Throwable failure) {
        timer(HANDLER, "Calls of the application's PaymentHandler, by callback and result", "callback", callback,
                (failure != null) ? "error" : "ok")
            .record(duration);
    }

    private Timer timer(String name, String description, String firstTag, String firstValue, String result) {
        return this.timers.computeIfAbsent(name + '\n' + firstValue + '\n' + result, (key) -> Timer.builder(name)
            .description(description)
            .tag(firstTag, firstValue)
            .tag("result", result)
            .register(this.registry));
    }

    @Override
    public void paymentRequested(SignedPayment payment) {
        String charset = payment.parameters().get("_input_charset");
        Counter.builder(PAYMENTS_REQUESTED)
            .description("Payment requests signed (create_direct_pay_by_user), by _input_charset")
            .tag("charset", (charset != null) ? charset.toLowerCase(Locale.ROOT) : payment.inputCharset().name().toLowerCase(Locale.ROOT))
            .register(this.registry)
            .increment();
    }

}
