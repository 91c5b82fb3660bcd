package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static io.github.alipaystarter.core.engine.PaymentFixtures.notification;
import static io.github.alipaystarter.core.engine.PaymentFixtures.returned;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.PaymentFixtures.FakeCheck;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Many deliveries of one payment at once: the notify and the return racing, TRADE_SUCCESS and
 * TRADE_FINISHED, resends. One committed onPaid, and no {@code success} before the payment is committed.
 */
class NotificationProcessorConcurrencyTests {

    private static final int THREADS = 16;
    private static final int DELIVERIES = 200;

    private final List<Thread> poolThreads = new CopyOnWriteArrayList<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
        Thread t = new Thread(r, "delivery-" + poolThreads.size());
        poolThreads.add(t);
        return t;
    });
    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger();
    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10_000);
    private final FakeCheck check = new FakeCheck();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private NotificationProcessor processor(PaymentHandler handler) {
        ledger.record("T1", new BigDecimal("88.00"), "测试商品");
        return NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger).journal(journal)
                .handler(handler).build();
    }

    /** Delivery i: the notify or the return, TRADE_SUCCESS or TRADE_FINISHED, mixed. */
    private static ProcessingResult deliver(NotificationProcessor processor, int i) {
        String status = i % 3 == 0 ? "TRADE_FINISHED" : "TRADE_SUCCESS";
        return i % 2 == 0
                ? processor.process(NotificationSource.NOTIFY, notification("T1", "88.00", status))
                : processor.process(NotificationSource.RETURN, returned("T1", "88.00", status));
    }

    private <T> List<T> runAll(Function<Integer, T> delivery) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < DELIVERIES; i++) {
            int n = i;
            futures.add(pool.submit(() -> {
                start.await();
                return delivery.apply(n);
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void twoHundredConcurrentDeliveriesOfOnePaymentCallOnPaidOnceAndAllAnswerSuccess() throws Exception {
        AtomicInteger committed = new AtomicInteger();
        NotificationProcessor processor = processor(trade -> committed.incrementAndGet());

        List<ProcessingResult> results = runAll(i -> deliver(processor, i));

        assertThat(committed).hasValue(1);
        assertThat(results).extracting(ProcessingResult::answer).containsOnly("success").hasSize(DELIVERIES);
        Map<Outcome, Long> outcomes = results.stream()
                .collect(Collectors.groupingBy(ProcessingResult::outcome, Collectors.counting()));
        assertThat(outcomes).containsOnlyKeys(Outcome.PAID, Outcome.DUPLICATE)
                .containsEntry(Outcome.PAID, 1L).containsEntry(Outcome.DUPLICATE, (long) DELIVERIES - 1);
        assertThat(ledger.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);

        List<JournalEntry> entries = journal.page("T1", 0, NotificationJournal.MAX_PAGE_SIZE);
        assertThat(entries).hasSize(DELIVERIES);
        assertThat(entries).extracting(JournalEntry::outcome).containsOnly(Outcome.PAID, Outcome.DUPLICATE);
        assertThat(entries).filteredOn(e -> e.outcome() == Outcome.PAID).hasSize(1);
        assertThat(entries).extracting(JournalEntry::source)
                .contains(NotificationSource.NOTIFY, NotificationSource.RETURN);
    }

    @Test
    void whenTheFirstOnPaidThrowsNoDeliveryAnswersSuccessBeforeThePaymentIsCommitted() throws Exception {
        AtomicInteger onPaidCalls = new AtomicInteger();
        AtomicBoolean committed = new AtomicBoolean();
        AtomicBoolean othersWereWaiting = new AtomicBoolean();
        NotificationProcessor processor = processor(trade -> {
            if (onPaidCalls.incrementAndGet() == 1) {
                // Hold the first attempt until every other delivery thread waits for this trade's outcome,
                // then fail: they must neither answer "already paid" nor be lost.
                othersWereWaiting.set(awaitOtherThreadsParked());
                throw new IllegalStateException("order database unavailable");
            }
            assertThat(committed.get()).as("a second committed onPaid").isFalse();
            committed.set(true);
        });

        // Each delivery returns its result and whether the payment was committed when it got its answer.
        List<Map.Entry<ProcessingResult, Boolean>> answers = runAll(i -> {
            ProcessingResult r = deliver(processor, i);
            return Map.entry(r, committed.get());
        });

        assertThat(othersWereWaiting).as("the other delivery threads waited for the first attempt").isTrue();
        assertThat(onPaidCalls).hasValue(2);
        assertThat(committed).isTrue();
        assertThat(answers).filteredOn(a -> a.getKey().answer().equals("success"))
                .hasSize(DELIVERIES - 1)
                .allSatisfy(a -> assertThat(a.getValue()).as("committed when %s was answered", a.getKey()).isTrue());
        assertThat(answers).filteredOn(a -> a.getKey().answer().equals("fail")).singleElement()
                .satisfies(a -> assertThat(a.getKey().outcome()).isEqualTo(Outcome.HANDLER_FAILED));
        assertThat(answers).filteredOn(a -> a.getKey().outcome() == Outcome.PAID).hasSize(1);
        assertThat(ledger.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
        assertThat(journal.page("T1", 0, NotificationJournal.MAX_PAGE_SIZE)).hasSize(DELIVERIES)
                .filteredOn(e -> e.outcome() == Outcome.HANDLER_FAILED).hasSize(1);
    }

    /** True once every other pool thread is parked (on the trade's lock: 200 queued tasks leave none idle). */
    private boolean awaitOtherThreadsParked() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            long parked = poolThreads.stream().filter(t -> t != Thread.currentThread())
                    .filter(t -> t.getState() == Thread.State.WAITING).count();
            if (poolThreads.size() == THREADS && parked == THREADS - 1) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
