package io.github.alipaystarter.core.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.notify.NotificationSource;
import io.github.alipaystarter.core.payment.PaymentFixtures.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InMemoryNotificationJournalTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));

    private static Map<String, String> params(String no) {
        return Map.of("out_trade_no", no, "notify_id", "nid-" + no, "trade_status", "TRADE_SUCCESS");
    }

    @Test
    void receivedKeepsTheParametersAndTheFieldsReadFromThem() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);

        long id = journal.received(NotificationSource.NOTIFY, params("A1"), "out_trade_no=A1");

        JournalEntry e = journal.latest(1).get(0);
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(e.outTradeNo()).isEqualTo("A1");
        assertThat(e.notifyId()).isEqualTo("nid-A1");
        assertThat(e.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(e.parameters()).isEqualTo(params("A1"));
        assertThat(e.rawBody()).isEqualTo("out_trade_no=A1");
        assertThat(e.receivedAt()).isEqualTo(clock.instant());
        assertThat(e.outcome()).isNull();
        assertThat(e.completedAt()).isNull();
    }

    @Test
    void completedAddsTheOutcomeAndReason() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);
        long id = journal.received(NotificationSource.RETURN, params("A1"), null);
        clock.set(clock.instant().plusSeconds(1));

        journal.completed(id, new ProcessingResult(Outcome.WRONG_AMOUNT, "total_fee 1.00 differs", "A1"));

        JournalEntry e = journal.findByOutTradeNo("A1").get(0);
        assertThat(e.outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
        assertThat(e.reason()).isEqualTo("total_fee 1.00 differs");
        assertThat(e.completedAt()).isEqualTo(clock.instant());
    }

    @Test
    void keepsOnlyTheNewestEntriesUpToItsCapacity() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(3, clock);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(journal.received(NotificationSource.NOTIFY, params("A" + i), null));
        }

        assertThat(journal.latest(10)).extracting(JournalEntry::outTradeNo).containsExactly("A5", "A4", "A3");
        assertThat(journal.latest(2)).extracting(JournalEntry::outTradeNo).containsExactly("A5", "A4");
        journal.completed(ids.get(0), new ProcessingResult(Outcome.PAID, "dropped already", "A1"));
        assertThat(journal.findByOutTradeNo("A1")).isEmpty();
        assertThat(journal.latest(10)).hasSize(3);
    }

    @Test
    void pagesNewestFirstForOneTradeOrForAllAndCapsThePageSize() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(1000, clock);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(journal.received(NotificationSource.NOTIFY, params("A1"), null));
            journal.received(NotificationSource.NOTIFY, params("B1"), null);
        }

        assertThat(journal.page("A1", 0, 2)).extracting(JournalEntry::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(journal.page("A1", 2, 2)).extracting(JournalEntry::id).containsExactly(ids.get(0));
        assertThat(journal.page("A1", 3, 2)).isEmpty();
        assertThat(journal.page(null, 0, 3)).extracting(JournalEntry::outTradeNo).containsExactly("B1", "A1", "B1");
        assertThat(journal.page("A1", -1, 2)).isEmpty();
        assertThat(journal.page("A1", 0, 0)).isEmpty();
        for (int i = 0; i < NotificationJournal.MAX_PAGE_SIZE; i++) {
            journal.received(NotificationSource.NOTIFY, params("A1"), null);
        }
        assertThat(journal.page("A1", 0, 10_000)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
    }

    @Test
    void findByOutTradeNoListsOldestFirst() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);
        long first = journal.received(NotificationSource.RETURN, params("A1"), null);
        journal.received(NotificationSource.NOTIFY, params("B1"), null);
        long third = journal.received(NotificationSource.NOTIFY, params("A1"), null);

        assertThat(journal.findByOutTradeNo("A1")).extracting(JournalEntry::id).containsExactly(first, third);
        assertThat(journal.findByOutTradeNo("nope")).isEmpty();
        assertThat(journal.findByOutTradeNo(null)).isEmpty();
    }

    @Test
    void keepsOddInputWithoutThrowing() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);
        Map<String, String> odd = new HashMap<>();
        odd.put(null, "x");
        odd.put("k", null);

        journal.received(NotificationSource.NOTIFY, null, "base64:AAEC");
        journal.received(null, odd, null);

        assertThat(journal.latest(2)).hasSize(2);
        assertThat(journal.latest(2).get(0).parameters()).containsEntry("k", "").containsEntry("", "x");
        assertThat(journal.latest(2).get(1).parameters()).isEmpty();
        assertThat(journal.latest(2).get(1).rawBody()).isEqualTo("base64:AAEC");
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new InMemoryNotificationJournal(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentDeliveriesGetDistinctIdsAndTheNewestAreKept() throws Exception {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(100, clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String no = "A" + i;
                done.add(pool.submit(() -> {
                    long id = journal.received(NotificationSource.NOTIFY, params(no), null);
                    ids.add(id);
                    journal.completed(id, new ProcessingResult(Outcome.PAID, "ok", no));
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(ids).hasSize(400);
        List<JournalEntry> kept = journal.latest(1000);
        assertThat(kept).hasSize(100);
        assertThat(kept).extracting(JournalEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(kept.get(0).id()).isEqualTo(ids.stream().mapToLong(Long::longValue).max().orElseThrow());
    }
}
