package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
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

    private VerifiedDelivery delivery(String no) {
        return new VerifiedDelivery(NotificationSource.NOTIFY, "110.75.1.1", clock.instant(), params(no), 321);
    }

    private RejectedDelivery forged(String address) {
        return new RejectedDelivery(clock.instant(), NotificationSource.NOTIFY, address, 65536, "ab".repeat(32),
                Outcome.BAD_SIGNATURE, "bad signature", "out_trade_no=A1&sign=ff", 1);
    }

    @Test
    void startedKeepsTheParametersAndTheFieldsReadFromThemWithoutOutcome() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);

        long id = journal.started(delivery("A1"));

        JournalEntry e = journal.latest(1).get(0);
        assertThat(e.id()).isEqualTo(id).isPositive();
        assertThat(e.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(e.outTradeNo()).isEqualTo("A1");
        assertThat(e.notifyId()).isEqualTo("nid-A1");
        assertThat(e.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(e.parameters()).isEqualTo(params("A1"));
        assertThat(e.remoteAddress()).isEqualTo("110.75.1.1");
        assertThat(e.bodySize()).isEqualTo(321);
        assertThat(e.receivedAt()).isEqualTo(clock.instant());
        assertThat(e.outcome()).isNull();
        assertThat(e.completedAt()).isNull();
        assertThat(e.rejected()).isFalse();
    }

    @Test
    void completedAddsTheOutcomeAndReason() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);
        long id = journal.started(delivery("A1"));
        clock.set(clock.instant().plusSeconds(1));

        journal.completed(id, new ProcessingResult(Outcome.WRONG_AMOUNT, "total_fee 1.00 differs", "A1"));

        JournalEntry e = journal.page("A1", 0, 10).get(0);
        assertThat(e.outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
        assertThat(e.reason()).isEqualTo("total_fee 1.00 differs");
        assertThat(e.completedAt()).isEqualTo(clock.instant());
    }

    @Test
    void verifiedWritesTheEntryWithItsOutcomeAtOnce() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);

        journal.verified(delivery("A1"), new ProcessingResult(Outcome.DUPLICATE, "already paid", "A1"));

        assertThat(journal.page("A1", 0, 10)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(e.completedAt()).isNotNull();
        });
    }

    @Test
    void rejectedEntriesAreKeptApartFromTheOrdersHistoryAndCompact() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);

        journal.rejected(forged("198.51.100.1"));

        assertThat(journal.latest(10)).isEmpty();
        assertThat(journal.page("A1", 0, 10)).isEmpty();
        assertThat(journal.rejectedPage(0, 10)).singleElement().satisfies(e -> {
            assertThat(e.rejected()).isTrue();
            assertThat(e.outTradeNo()).isNull();
            assertThat(e.parameters()).isEmpty();
            assertThat(e.rawBody()).isEqualTo("out_trade_no=A1&sign=ff");
            assertThat(e.bodySize()).isEqualTo(65536);
            assertThat(e.bodyDigest()).isEqualTo("ab".repeat(32));
            assertThat(e.remoteAddress()).isEqualTo("198.51.100.1");
            assertThat(e.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
            assertThat(e.summary()).isFalse();
        });
    }

    @Test
    void aFloodOfRejectedEntriesNeverPushesVerifiedOnesOut() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(3, clock);
        journal.verified(delivery("A1"), new ProcessingResult(Outcome.PAID, "paid", "A1"));

        for (int i = 0; i < 100; i++) {
            journal.rejected(forged("198.51.100." + i));
        }

        assertThat(journal.page("A1", 0, 10)).hasSize(1);
        assertThat(journal.rejectedPage(0, 10)).extracting(JournalEntry::remoteAddress)
                .containsExactly("198.51.100.99", "198.51.100.98", "198.51.100.97");
    }

    @Test
    void rejectedDeliveryCutsItsTextsAndReplacesControlCharacters() {
        RejectedDelivery d = new RejectedDelivery(clock.instant(), NotificationSource.RETURN, "x".repeat(100), 1,
                null, Outcome.MALFORMED, "r\n".repeat(400), "a\u0000b\r\nPAID".repeat(100), 1);

        assertThat(d.remoteAddress()).hasSize(RejectedDelivery.ADDRESS_MAX);
        assertThat(d.reason()).hasSize(RejectedDelivery.REASON_MAX).doesNotContain("\n");
        assertThat(d.excerpt()).hasSize(RejectedDelivery.EXCERPT_MAX).startsWith("a?b??PAID");
    }

    @Test
    void keepsTheNewestVerifiedEntriesUpToTheCapacity() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(3, clock);
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            ids.add(journal.started(delivery("A" + i)));
        }

        assertThat(journal.latest(10)).extracting(JournalEntry::outTradeNo).containsExactly("A5", "A4", "A3");
        assertThat(journal.latest(2)).extracting(JournalEntry::outTradeNo).containsExactly("A5", "A4");
        journal.completed(ids.get(0), new ProcessingResult(Outcome.PAID, "dropped already", "A1"));
        assertThat(journal.page("A1", 0, 10)).isEmpty();
        assertThat(journal.latest(10)).hasSize(3);
    }

    @Test
    void pagesNewestFirstAndCapsThePageSize() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(1000, clock);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(journal.started(delivery("A1")));
            journal.started(delivery("B1"));
        }

        assertThat(journal.page("A1", 0, 2)).extracting(JournalEntry::id).containsExactly(ids.get(4), ids.get(3));
        assertThat(journal.page("A1", 2, 2)).extracting(JournalEntry::id).containsExactly(ids.get(0));
        assertThat(journal.page("A1", 3, 2)).isEmpty();
        assertThat(journal.page(null, 0, 3)).extracting(JournalEntry::outTradeNo).containsExactly("B1", "A1", "B1");
        assertThat(journal.page("A1", -1, 2)).isEmpty();
        assertThat(journal.page("A1", 0, 0)).isEmpty();
        for (int i = 0; i < NotificationJournal.MAX_PAGE_SIZE; i++) {
            journal.started(delivery("A1"));
            journal.rejected(forged("192.0.2.1"));
        }
        assertThat(journal.page("A1", 0, 10_000)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal.rejectedPage(0, 10_000)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal.latest(Integer.MAX_VALUE)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
    }

    @Test
    @SuppressWarnings("removal")
    void theDeprecatedFindByOutTradeNoIsBoundedAndListsOldestFirst() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(1000, clock);
        long first = journal.started(delivery("A1"));
        journal.started(delivery("B1"));
        long third = journal.started(delivery("A1"));
        for (int i = 0; i < 300; i++) {
            journal.started(delivery("C1"));
        }

        assertThat(journal.findByOutTradeNo("A1")).extracting(JournalEntry::id).containsExactly(first, third);
        assertThat(journal.findByOutTradeNo("C1")).hasSize(NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal.findByOutTradeNo("nope")).isEmpty();
        assertThat(journal.findByOutTradeNo(null)).isEmpty();
    }

    @Test
    void toleratesOddInput() {
        InMemoryNotificationJournal journal = new InMemoryNotificationJournal(10, clock);
        Map<String, String> odd = new HashMap<>();
        odd.put("k", null);
        odd.put(null, "x");

        journal.started(new VerifiedDelivery(NotificationSource.NOTIFY, null, clock.instant(), null, -1));
        journal.started(new VerifiedDelivery(null, null, clock.instant(), odd, -1));
        journal.verified(null, null);
        journal.rejected(null);

        assertThat(journal.latest(2)).hasSize(2);
        assertThat(journal.latest(2).get(0).parameters()).containsEntry("k", "").containsEntry("", "x");
        assertThat(journal.latest(2).get(1).parameters()).isEmpty();
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
                    long id = journal.started(delivery(no));
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
        List<JournalEntry> kept = journal.page(null, 0, 1000);
        assertThat(kept).hasSize(100);
        assertThat(kept).extracting(JournalEntry::id).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(kept.get(0).id()).isEqualTo(ids.stream().mapToLong(Long::longValue).max().orElseThrow());
    }
}
