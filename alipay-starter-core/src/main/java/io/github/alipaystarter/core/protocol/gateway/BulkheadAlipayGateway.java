package io.github.alipaystarter.core.protocol.gateway;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An {@link AlipayGateway} that lets at most {@code maxConcurrentVerifications} notify_verify calls
 * wait on the gateway at once. One more waits at most {@code maxWait} for a call to end (a burst of
 * notifications against a gateway that answers in milliseconds passes; waiting calls are served in their
 * order of arrival), then is refused with a
 * {@link GatewayUnavailableException} ("bulkhead full"), which the processor answers {@code fail}: Alipay
 * resends the notification later (spec 8.2 (7)), so refusing costs nothing but a short delay, while
 * waiting on a slow gateway would hold a server thread for the whole read timeout. query_timestamp and single_trade_query (made by the application and by the
 * reconciler, not by strangers) pass through unlimited.
 *
 * <p>A decorator: it wraps whatever client the application uses (the JDK HttpClient one, another).
 * Thread-safe.
 */
public final class BulkheadAlipayGateway implements AlipayGateway {

    private static final System.Logger LOG = System.getLogger(BulkheadAlipayGateway.class.getName());

    private final AlipayGateway delegate;
    private final int maxConcurrentVerifications;
    private final long maxWaitNanos;
    private final Semaphore permits;
    private final AtomicLong refused = new AtomicLong();

    /** Refuses at once when {@code maxConcurrentVerifications} calls wait on the gateway. */
    public BulkheadAlipayGateway(AlipayGateway delegate, int maxConcurrentVerifications) {
        this(delegate, maxConcurrentVerifications, Duration.ZERO);
    }

    /**
     * @param maxConcurrentVerifications at least 1
     * @param maxWait how long a call beyond the limit waits for another to end before it is refused; zero
     *     or more
     */
    public BulkheadAlipayGateway(AlipayGateway delegate, int maxConcurrentVerifications, Duration maxWait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be zero or more, was " + maxWait);
        }
        this.maxWaitNanos = maxWait.toNanos();
        if (maxConcurrentVerifications < 1) {
            throw new IllegalArgumentException("maxConcurrentVerifications must be at least 1, was "
                    + maxConcurrentVerifications);
        }
        this.maxConcurrentVerifications = maxConcurrentVerifications;
        // Fair: calls waiting for a permit get it in their order of arrival, so under a burst no call is
        // overtaken again and again until its wait runs out (answered fail while later ones pass).
        this.permits = new Semaphore(maxConcurrentVerifications, true);
    }

    @Override
    public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
        if (!acquire()) {
            long n = refused.incrementAndGet();
            // Every refusal is logged; under a flood the line repeats, but it carries nothing from the request.
            LOG.log(System.Logger.Level.WARNING, "notify_verify refused: {0} calls already wait on the gateway"
                    + " (bulkhead full, {1} refused so far); the notification is answered fail and Alipay sends it"
                    + " again", maxConcurrentVerifications, n);
            throw new GatewayUnavailableException("notify_verify not called: " + maxConcurrentVerifications
                    + " calls already wait on the gateway (bulkhead full)");
        }
        try {
            return delegate.verifyNotifyId(notifyId);
        } finally {
            permits.release();
        }
    }

    /** A permit at once, or within maxWait behind the calls that wait already (the timed form keeps the order). */
    private boolean acquire() {
        if (maxWaitNanos == 0) {
            return permits.tryAcquire();
        }
        try {
            return permits.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String queryTimestamp() {
        return delegate.queryTimestamp();
    }

    @Override
    public TradeQueryResult singleTradeQuery(String outTradeNo) {
        return delegate.singleTradeQuery(outTradeNo);
    }

    /** The wrapped client. */
    public AlipayGateway delegate() {
        return delegate;
    }

    /** The configured limit. */
    public int maxConcurrentVerifications() {
        return maxConcurrentVerifications;
    }

    /** notify_verify calls waiting on the gateway now. */
    public int inFlight() {
        return maxConcurrentVerifications - permits.availablePermits();
    }

    /** notify_verify calls beyond the limit waiting for a permit now (an estimate, as the JDK gives it). */
    public int waiting() {
        return permits.getQueueLength();
    }

    /** notify_verify calls refused since start. */
    public long refusedCount() {
        return refused.get();
    }

    @Override
    public String toString() {
        return "BulkheadAlipayGateway{max=" + maxConcurrentVerifications + ", maxWait="
                + Duration.ofNanos(maxWaitNanos) + ", " + delegate + "}";
    }
}
