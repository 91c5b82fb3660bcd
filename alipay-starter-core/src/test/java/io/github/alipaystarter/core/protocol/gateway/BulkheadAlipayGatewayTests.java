package io.github.alipaystarter.core.protocol.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BulkheadAlipayGatewayTests {

    /** A gateway whose notify_verify waits until released. */
    static class HeldGateway implements AlipayGateway {
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered;
        final AtomicInteger calls = new AtomicInteger();

        HeldGateway(int expected) {
            entered = new CountDownLatch(expected);
        }

        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            calls.incrementAndGet();
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return NotifyVerifyAnswer.TRUE;
        }

        @Override
        public String queryTimestamp() {
            return "KP0123==";
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            return TradeQueryResult.error("TRADE_NOT_EXIST");
        }
    }

    private final ExecutorService callers = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aCallThatEndsAndAsksAgainWaitsBehindTheCallAlreadyWaiting() throws Exception {
        CountDownLatch firstEntered = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        AlipayGateway recording = new HeldGateway(0) {
            @Override
            public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
                order.add(notifyId);
                if (notifyId.equals("A1")) {
                    firstEntered.countDown();
                    try {
                        releaseFirst.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return NotifyVerifyAnswer.TRUE;
            }
        };
        BulkheadAlipayGateway bulkhead = new BulkheadAlipayGateway(recording, 1, java.time.Duration.ofSeconds(30));

        // A holds the only permit, then asks again the moment it gave it back (as a busy server thread does)
        Future<?> a = callers.submit(() -> {
            bulkhead.verifyNotifyId("A1");
            bulkhead.verifyNotifyId("A2");
        });
        assertThat(firstEntered.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> b = callers.submit(() -> bulkhead.verifyNotifyId("B"));
        while (bulkhead.waiting() < 1) {
            Thread.onSpinWait();
        }
        releaseFirst.countDown();
        a.get(10, TimeUnit.SECONDS);
        b.get(10, TimeUnit.SECONDS);

        assertThat(order).containsExactly("A1", "B", "A2");
        assertThat(bulkhead.refusedCount()).isZero();
    }

    @Test
    void refusesTheCallBeyondTheLimitAtOnceWithoutCallingTheGateway() throws Exception {
        HeldGateway held = new HeldGateway(3);
        BulkheadAlipayGateway gateway = new BulkheadAlipayGateway(held, 3);
        List<Future<NotifyVerifyAnswer>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            waiting.add(callers.submit(() -> gateway.verifyNotifyId("waiting")));
        }
        assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> gateway.verifyNotifyId("one more"))
                .isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("bulkhead full");
        assertThat(held.calls).hasValue(3);
        assertThat(gateway.inFlight()).isEqualTo(3);
        assertThat(gateway.refusedCount()).isEqualTo(1);

        held.release.countDown();
        for (Future<NotifyVerifyAnswer> f : waiting) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(NotifyVerifyAnswer.TRUE);
        }
        assertThat(gateway.inFlight()).isZero();
        assertThat(gateway.verifyNotifyId("after")).isEqualTo(NotifyVerifyAnswer.TRUE);
    }

    @Test
    void releasesThePermitWhenTheGatewayThrows() {
        AlipayGateway failing = new HeldGateway(1) {
            @Override
            public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
                throw new GatewayUnavailableException("down");
            }
        };
        BulkheadAlipayGateway gateway = new BulkheadAlipayGateway(failing, 1);

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> gateway.verifyNotifyId("x")).hasMessage("down");
        }
        assertThat(gateway.inFlight()).isZero();
        assertThat(gateway.refusedCount()).isZero();
    }

    @Test
    void letsTheApplicationsOwnCallsThrough() throws Exception {
        HeldGateway held = new HeldGateway(1);
        BulkheadAlipayGateway gateway = new BulkheadAlipayGateway(held, 1);
        callers.submit(() -> gateway.verifyNotifyId("holding the only permit"));
        assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();

        assertThat(gateway.queryTimestamp()).isEqualTo("KP0123==");
        assertThat(gateway.singleTradeQuery("A-1").errorCode()).isEqualTo("TRADE_NOT_EXIST");
        held.release.countDown();
    }

    @Test
    void aCallBeyondTheLimitWaitsForAPermitUpToMaxWait() throws Exception {
        HeldGateway held = new HeldGateway(1);
        BulkheadAlipayGateway gateway = new BulkheadAlipayGateway(held, 1, java.time.Duration.ofSeconds(30));
        Future<NotifyVerifyAnswer> first = callers.submit(() -> gateway.verifyNotifyId("holding the only permit"));
        assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();

        Future<NotifyVerifyAnswer> second = callers.submit(() -> gateway.verifyNotifyId("waits"));
        // the second waits for the permit (not refused) until the first call ends
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (gateway.waiting() == 0) {
            assertThat(System.nanoTime()).as("the second call waiting for a permit").isLessThan(deadline);
            Thread.sleep(5);
        }
        assertThat(second).isNotDone();
        assertThat(held.calls).hasValue(1);
        held.release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(NotifyVerifyAnswer.TRUE);
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(NotifyVerifyAnswer.TRUE);
        assertThat(held.calls).hasValue(2);
        assertThat(gateway.refusedCount()).isZero();
    }

    @Test
    void aCallBeyondTheLimitIsRefusedOnceMaxWaitHasPassed() throws Exception {
        HeldGateway held = new HeldGateway(1);
        BulkheadAlipayGateway gateway = new BulkheadAlipayGateway(held, 1, java.time.Duration.ofMillis(100));
        callers.submit(() -> gateway.verifyNotifyId("holding the only permit"));
        assertThat(held.entered.await(10, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> gateway.verifyNotifyId("one more"))
                .isInstanceOf(GatewayUnavailableException.class)
                .hasMessageContaining("bulkhead full");
        assertThat(System.nanoTime() - started).as("refused after waiting").isGreaterThanOrEqualTo(
                TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(held.calls).hasValue(1);
        assertThat(gateway.refusedCount()).isEqualTo(1);
        held.release.countDown();
    }

    @Test
    void needsANonNegativeMaxWait() {
        assertThatThrownBy(() -> new BulkheadAlipayGateway(new HeldGateway(1), 1, java.time.Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void needsAPositiveLimit() {
        assertThatThrownBy(() -> new BulkheadAlipayGateway(new HeldGateway(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
