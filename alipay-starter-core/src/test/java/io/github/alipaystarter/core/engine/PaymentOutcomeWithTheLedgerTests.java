package io.github.alipaystarter.core.engine;

import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static io.github.alipaystarter.core.engine.PaymentFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.engine.PaymentFixtures.FakeCheck;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import io.github.alipaystarter.core.engine.PaymentFixtures.RecordingHandler;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A payment's journal outcome offered to the journal inside the ledger's transition
 * ({@link NotificationJournal#completedWithPayment}), so that a journal sharing the ledger's transaction
 * commits it with the PAID state; whatever the journal does there, the answer and the final journal
 * outcome are those of the ledger.
 */
class PaymentOutcomeWithTheLedgerTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final InMemoryPaymentLedger memory = new InMemoryPaymentLedger(clock);
    private final TransactionLikeLedger ledger = new TransactionLikeLedger(memory);
    private final InMemoryNotificationJournal entries = new InMemoryNotificationJournal(100, clock);
    private final FakeCheck check = new FakeCheck();
    private final RecordingHandler handler = new RecordingHandler();

    @BeforeEach
    void recordTrade() {
        memory.record("T1", new BigDecimal("88.00"), "测试商品");
    }

    private ProcessingResult pay(NotificationJournal journal) {
        return NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger).journal(journal)
                .handler(handler).clock(clock).build()
                .process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));
    }

    private JournalEntry onlyEntry() {
        List<JournalEntry> page = entries.page("T1", 0, 10);
        assertThat(page).hasSize(1);
        return page.get(0);
    }

    @Test
    void aJournalThatTakesItWritesThePaidOutcomeInsideTheTransitionAfterOnPaidAndNothingAfter() {
        OfferedJournal journal = new OfferedJournal(entries, true, ledger);

        ProcessingResult r = pay(journal);

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(journal.writes).containsExactly("started", "completedWithPayment inside the transition");
        assertThat(journal.offered).singleElement().isSameAs(r);
        assertThat(onlyEntry().outcome()).isEqualTo(Outcome.PAID);
        assertThat(handler.paid).hasSize(1);
    }

    @Test
    void aJournalThatDeclinesGetsThePaidOutcomeAfterTheTransition() {
        OfferedJournal journal = new OfferedJournal(entries, false, ledger);

        ProcessingResult r = pay(journal);

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(journal.writes).containsExactly("started", "completedWithPayment inside the transition",
                "completed PAID outside");
        assertThat(onlyEntry().outcome()).isEqualTo(Outcome.PAID);
    }

    @Test
    void whenOnPaidThrowsNothingIsOfferedAndTheHandlerFailureIsJournaled() {
        handler.failuresLeft = 1;
        OfferedJournal journal = new OfferedJournal(entries, true, ledger);

        ProcessingResult r = pay(journal);

        assertThat(r.outcome()).isEqualTo(Outcome.HANDLER_FAILED);
        assertThat(journal.writes).containsExactly("started", "completed HANDLER_FAILED outside");
        assertThat(onlyEntry().outcome()).isEqualTo(Outcome.HANDLER_FAILED);
        assertThat(memory.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void whenTheLedgerFailsToCommitAfterTheOfferTheAnsweredErrorReplacesIt() {
        ledger.failAfterOnWin = new IllegalStateException("commit failed: connection lost");
        OfferedJournal journal = new OfferedJournal(entries, true, ledger);

        ProcessingResult r = pay(journal);

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.answer()).isEqualTo("fail");
        assertThat(journal.writes).containsExactly("started", "completedWithPayment inside the transition",
                "completed ERROR outside");
        assertThat(onlyEntry().outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aJournalThatThrowsWhenOfferedNeitherUndoesThePaymentNorLosesTheOutcome() {
        OfferedJournal journal = new OfferedJournal(entries, true, ledger);
        journal.throwWhenOffered = true;

        ProcessingResult r = pay(journal);

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(memory.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
        assertThat(journal.writes).containsExactly("started", "completedWithPayment inside the transition",
                "completed PAID outside");
        assertThat(onlyEntry().outcome()).isEqualTo(Outcome.PAID);
    }

    @Test
    void aJournalThatKeepsTheDefaultIsCompletedAsBefore() {
        ProcessingResult r = pay(entries);

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(onlyEntry().outcome()).isEqualTo(Outcome.PAID);
        assertThat(onlyEntry().completedAt()).isNotNull();
    }

    /** The in-memory ledger, telling when its onWin runs; can fail after onWin as a failed commit would. */
    private static final class TransactionLikeLedger implements PaymentLedger {
        private final PaymentLedger target;
        volatile boolean insideTransition;
        volatile RuntimeException failAfterOnWin;

        TransactionLikeLedger(PaymentLedger target) {
            this.target = target;
        }

        @Override
        public void record(String outTradeNo, BigDecimal totalFee, String subject) {
            target.record(outTradeNo, totalFee, subject);
        }

        @Override
        public Optional<io.github.alipaystarter.core.store.LedgerEntry> find(String outTradeNo) {
            return target.find(outTradeNo);
        }

        @Override
        public boolean markPaid(PaidTrade trade, Consumer<PaidTrade> onWin) {
            boolean won = target.markPaid(trade, t -> {
                insideTransition = true;
                try {
                    onWin.accept(t);
                } finally {
                    insideTransition = false;
                }
            });
            RuntimeException failure = failAfterOnWin;
            if (failure != null) {
                throw failure;
            }
            return won;
        }

        @Override
        public boolean markClosed(String outTradeNo) {
            return target.markClosed(outTradeNo);
        }

        @Override
        public boolean markRefunded(String outTradeNo) {
            return target.markRefunded(outTradeNo);
        }

        @Override
        public List<io.github.alipaystarter.core.store.LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
            return target.findUnpaidOlderThan(olderThan, limit);
        }
    }

    /** Records its writes and where they happen; takes (or declines) the outcome offered with the payment. */
    private static final class OfferedJournal extends ForwardingJournal {
        final List<String> writes = new CopyOnWriteArrayList<>();
        final List<ProcessingResult> offered = new CopyOnWriteArrayList<>();
        private final boolean takes;
        private final TransactionLikeLedger ledger;
        volatile boolean throwWhenOffered;

        OfferedJournal(NotificationJournal target, boolean takes, TransactionLikeLedger ledger) {
            super(target);
            this.takes = takes;
            this.ledger = ledger;
        }

        @Override
        public void verified(VerifiedDelivery delivery, ProcessingResult result) {
            writes.add("verified");
            super.verified(delivery, result);
        }

        @Override
        public long started(VerifiedDelivery delivery) {
            writes.add("started");
            return super.started(delivery);
        }

        @Override
        public void completed(long id, ProcessingResult result) {
            writes.add("completed " + result.outcome() + (ledger.insideTransition ? " inside" : " outside"));
            super.completed(id, result);
        }

        @Override
        public boolean completedWithPayment(long id, ProcessingResult result) {
            writes.add("completedWithPayment " + (ledger.insideTransition ? "inside the transition" : "outside"));
            offered.add(result);
            if (throwWhenOffered) {
                throw new IllegalStateException("journal table locked");
            }
            if (takes) {
                target.completed(id, result);
            }
            return takes;
        }

        @Override
        public void rejected(RejectedDelivery delivery) {
            writes.add("rejected");
            super.rejected(delivery);
        }
    }
}
