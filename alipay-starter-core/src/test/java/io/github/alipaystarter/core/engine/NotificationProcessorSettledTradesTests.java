package io.github.alipaystarter.core.engine;

import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static io.github.alipaystarter.core.engine.PaymentFixtures.notification;
import static io.github.alipaystarter.core.engine.PaymentFixtures.returned;
import static io.github.alipaystarter.core.engine.PaymentFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.alipaystarter.core.engine.PaymentFixtures.FakeCheck;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import io.github.alipaystarter.core.engine.PaymentFixtures.RecordingHandler;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.CountingLedger;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The processor's memory of settled trades: a repeated paid notification for a trade it saw PAID or
 * REFUNDED, or paid itself, is a DUPLICATE without a ledger read, with the same checks, journal rows and
 * observer outcomes as when the ledger is read.
 */
class NotificationProcessorSettledTradesTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final InMemoryPaymentLedger memory = new InMemoryPaymentLedger(clock);
    private final FindCounting ledger = new FindCounting(memory);
    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(1000, clock);
    private final FakeCheck check = new FakeCheck();
    private final RecordingHandler handler = new RecordingHandler();
    private final NotificationProcessorObserverTests.Recording observer = new NotificationProcessorObserverTests.Recording();

    private NotificationProcessor processor(PaymentLedger l, int remembered) {
        return NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(l).journal(journal)
                .handler(handler).observer(observer).clock(clock).settledTradesRemembered(remembered).build();
    }

    private final NotificationProcessor processor = processor(ledger, NotificationProcessor.DEFAULT_SETTLED_TRADES_REMEMBERED);

    private ProcessingResult notify(NotificationProcessor p, Map<String, String> params) {
        return p.process(NotificationSource.NOTIFY, params);
    }

    private LedgerStatus status(String no) {
        return memory.find(no).orElseThrow().status();
    }

    @Test
    void theSecondAndLaterDeliveriesOfAPaymentDoNotReadTheLedger() {
        memory.record("T1", new BigDecimal("88.00"), "a");

        ProcessingResult first = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(first.outcome()).isEqualTo(Outcome.PAID);
        assertThat(ledger.finds).as("the first delivery reads the ledger").hasValue(1);

        ProcessingResult second = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult returned = processor.process(NotificationSource.RETURN, returned("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult finished = notify(processor, notification("T1", "88.0", "TRADE_FINISHED"));

        assertThat(List.of(second, returned, finished)).extracting(ProcessingResult::outcome).containsOnly(Outcome.DUPLICATE);
        assertThat(List.of(second, returned, finished)).extracting(ProcessingResult::answer).containsOnly("success");
        assertThat(second.reason()).isEqualTo("TRADE_SUCCESS for a trade already PAID in the ledger");
        assertThat(finished.reason()).isEqualTo("TRADE_FINISHED for a trade already PAID in the ledger");
        assertThat(ledger.finds).as("no read after the payment").hasValue(1);
        assertThat(check.notifyIdChecks).as("duplicates do not ask the gateway").hasValue(1);
        assertThat(handler.onPaidCalls).hasValue(1);
    }

    @Test
    void aTradeSeenPaidInTheLedgerIsReadOnceThenRemembered() {
        memory.record("T1", new BigDecimal("88.00"), "a");
        paidElsewhere("T1", "88.00");

        ProcessingResult first = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult second = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(List.of(first, second)).extracting(ProcessingResult::outcome).containsOnly(Outcome.DUPLICATE);
        assertThat(second.reason()).isEqualTo(first.reason());
        assertThat(ledger.finds).hasValue(1);
        assertThat(handler.onPaidCalls).hasValue(0);
    }

    @Test
    void aWrongAmountForARememberedTradeIsStillWrongAmount() {
        memory.record("T1", new BigDecimal("88.00"), "a");
        notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));

        ProcessingResult wrong = notify(processor, notification("T1", "0.01", "TRADE_SUCCESS"));
        ProcessingResult missing = notify(processor, with(notification("T1", "88.00", "TRADE_FINISHED"), "total_fee", null));

        assertThat(wrong.outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
        assertThat(wrong.answer()).isEqualTo("fail");
        assertThat(wrong.reason()).isEqualTo("total_fee 0.01 differs from the recorded 88.00");
        assertThat(missing.outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
        assertThat(missing.reason()).isEqualTo("total_fee is missing");
        assertThat(ledger.finds).as("checked against the remembered amount").hasValue(1);
    }

    @Test
    void aRefundOfARememberedTradeReadsTheLedgerAndRefunds() {
        memory.record("T1", new BigDecimal("88.00"), "a");
        notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(ledger.finds).hasValue(1);

        ProcessingResult refund = notify(processor, with(notification("T1", "88.00", "TRADE_CLOSED"),
                "refund_status", "REFUND_SUCCESS"));

        assertThat(refund.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(ledger.finds).as("a refund always reads the ledger").hasValue(2);
        assertThat(status("T1")).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(handler.refunds).singleElement().satisfies(e -> assertThat(e.beforePayment()).isFalse());

        // The refund made the instance forget it: the next payment reads the new status, then remembers it.
        ProcessingResult resent = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult again = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(List.of(resent, again)).extracting(ProcessingResult::reason)
                .containsOnly("TRADE_SUCCESS for a trade already REFUNDED in the ledger");
        assertThat(ledger.finds).hasValue(3);
        assertThat(handler.onPaidCalls).hasValue(1);
    }

    @Test
    void aTradeSeenUnpaidIsNotRememberedAndAPaymentWonElsewhereIsStillADuplicate() {
        memory.record("T1", new BigDecimal("88.00"), "a");
        // Another instance pays the trade between this delivery's read (UNPAID) and its markPaid.
        ledger.afterFind = no -> paidElsewhere(no, "88.00");

        ProcessingResult r = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(r.reason()).isEqualTo("TRADE_SUCCESS: already paid");
        assertThat(handler.onPaidCalls).hasValue(0);
        assertThat(processor.settledTradesSize()).as("seen UNPAID, not paid here").isZero();

        ledger.afterFind = no -> { };
        ProcessingResult next = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(next.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.finds).as("the next delivery reads the ledger, the one after does not").hasValue(2);
    }

    @Test
    void otherStatusesNeverUseOrFillTheMemory() {
        memory.record("T1", new BigDecimal("88.00"), "a");

        notify(processor, notification("T1", "88.00", "WAIT_BUYER_PAY"));
        notify(processor, notification("T1", "88.00", "WAIT_BUYER_PAY"));
        check.notifyIdAnswer = new Verification.NotifyIdRejected("false");
        ProcessingResult rejected = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(rejected.outcome()).isEqualTo(Outcome.NOTIFY_ID_REJECTED);
        assertThat(processor.settledTradesSize()).isZero();
        assertThat(ledger.finds).hasValue(3);

        check.notifyIdAnswer = null;
        notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult closed = notify(processor, notification("T1", "88.00", "TRADE_CLOSED"));
        assertThat(closed.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(ledger.finds).as("a close of a remembered trade reads the ledger").hasValue(5);
    }

    @Test
    void aPaymentWhoseHandlerFailedIsNotRememberedAndTheRetryPaysOnce() {
        memory.record("T1", new BigDecimal("88.00"), "a");
        handler.failuresLeft = 1;

        ProcessingResult failed = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(failed.outcome()).isEqualTo(Outcome.HANDLER_FAILED);
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);
        assertThat(processor.settledTradesSize()).isZero();

        ProcessingResult retry = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult resent = notify(processor, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(retry.outcome()).isEqualTo(Outcome.PAID);
        assertThat(resent.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(handler.paid).hasSize(1);
        assertThat(handler.onPaidCalls).hasValue(2);
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
        assertThat(ledger.finds).as("the failed delivery and the retry read the ledger").hasValue(2);
    }

    @Test
    void zeroReadsTheLedgerEveryTime() {
        memory.record("T1", new BigDecimal("88.00"), "a");
        NotificationProcessor off = processor(ledger, 0);

        for (int i = 0; i < 4; i++) {
            notify(off, notification("T1", "88.00", "TRADE_SUCCESS"));
        }

        assertThat(ledger.finds).hasValue(4);
        assertThat(off.settledTradesSize()).isZero();
        assertThat(handler.onPaidCalls).hasValue(1);
    }

    @Test
    void theMemoryHoldsAtMostItsCapacity() {
        int capacity = 10;
        NotificationProcessor bounded = processor(ledger, capacity);
        int trades = capacity + 7;
        for (int i = 0; i < trades; i++) {
            memory.record("B" + i, new BigDecimal("1.00"), "b");
            assertThat(notify(bounded, notification("B" + i, "1.00", "TRADE_SUCCESS")).outcome()).isEqualTo(Outcome.PAID);
            assertThat(bounded.settledTradesSize()).isLessThanOrEqualTo(capacity);
        }
        ledger.finds.set(0);

        // The latest trades are still known; the earliest were forgotten and are read (then remembered) again.
        notify(bounded, notification("B" + (trades - 1), "1.00", "TRADE_SUCCESS"));
        assertThat(ledger.finds).hasValue(0);
        ProcessingResult early = notify(bounded, notification("B0", "1.00", "TRADE_SUCCESS"));
        assertThat(early.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(ledger.finds).hasValue(1);
        assertThat(bounded.settledTradesSize()).isLessThanOrEqualTo(capacity);

        NotificationProcessor one = processor(ledger, 1);
        notify(one, notification("B1", "1.00", "TRADE_SUCCESS"));
        notify(one, notification("B2", "1.00", "TRADE_SUCCESS"));
        assertThat(one.settledTradesSize()).isEqualTo(1);
    }

    @Test
    void aNegativeCapacityIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> NotificationProcessor.builder().settledTradesRemembered(-1))
                .withMessageContaining("settledTradesRemembered");
    }

    @Test
    void journalRowsAndObserverOutcomesAreThoseOfTheLedgerPath() {
        List<Map<String, String>> deliveries = List.of(
                notification("J1", "5.00", "TRADE_SUCCESS"),
                notification("J1", "5.00", "TRADE_SUCCESS"),
                returned("J1", "5.00", "TRADE_SUCCESS"),
                notification("J1", "5.01", "TRADE_FINISHED"),
                notification("J1", "5.00", "TRADE_FINISHED"),
                with(notification("J1", "5.00", "TRADE_SUCCESS"), "refund_status", "REFUND_SUCCESS"),
                notification("J1", "5.00", "TRADE_SUCCESS"));

        List<String> remembered = run(NotificationProcessor.DEFAULT_SETTLED_TRADES_REMEMBERED, deliveries);
        List<String> readEveryTime = run(0, deliveries);

        assertThat(remembered).isEqualTo(readEveryTime);
        assertThat(remembered).filteredOn(row -> row.contains("DUPLICATE")).as("4 journal rows, 4 observer calls").hasSize(8);
    }

    /** Runs the deliveries through a fresh ledger, journal and observer; their rows and outcomes as text. */
    private List<String> run(int remembered, List<Map<String, String>> deliveries) {
        InMemoryPaymentLedger own = new InMemoryPaymentLedger(clock);
        own.record("J1", new BigDecimal("5.00"), "j");
        InMemoryNotificationJournal rows = new InMemoryNotificationJournal(100, clock);
        NotificationProcessorObserverTests.Recording seen = new NotificationProcessorObserverTests.Recording();
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(new FakeCheck()).ledger(own)
                .journal(rows).handler(new RecordingHandler()).observer(seen).clock(clock)
                .settledTradesRemembered(remembered).build();
        for (Map<String, String> d : deliveries) {
            p.process(d.containsKey("is_success") ? NotificationSource.RETURN : NotificationSource.NOTIFY, d);
        }
        List<JournalEntry> entries = rows.page("J1", 0, 100);
        assertThat(entries).hasSize(deliveries.size());
        return java.util.stream.Stream.concat(
                entries.stream().map(e -> e.source() + " " + e.outTradeNo() + " " + e.tradeStatus() + " " + e.outcome()
                        + " " + e.reason() + " " + e.parameters() + " " + e.receivedAt() + " " + e.completedAt()),
                seen.outcomes.stream()).toList();
    }

    private void paidElsewhere(String no, String fee) {
        assertThat(memory.markPaid(new PaidTrade(no, "2026112621001004000", new BigDecimal(fee),
                OffsetDateTime.parse("2026-11-26T10:15:01+08:00"), TradeStatus.TRADE_SUCCESS, null, null, "a", null,
                NotificationSource.NOTIFY), t -> { })).isTrue();
    }

    /** Counts ledger reads; can act between a read and the rest of the delivery (another instance). */
    static final class FindCounting extends CountingLedger {
        final AtomicInteger finds = new AtomicInteger();
        volatile Consumer<String> afterFind = no -> { };

        FindCounting(PaymentLedger delegate) {
            super(delegate);
        }

        @Override
        public Optional<LedgerEntry> find(String outTradeNo) {
            finds.incrementAndGet();
            Optional<LedgerEntry> found = super.find(outTradeNo);
            afterFind.accept(outTradeNo);
            return found;
        }
    }
}
