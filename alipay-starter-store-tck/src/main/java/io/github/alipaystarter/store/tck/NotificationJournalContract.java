package io.github.alipaystarter.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of a {@link NotificationJournal}: extend it in a test of your own and return your
 * journal from {@link #createJournal}. It checks what the processor and the actuator endpoint rely on:
 * a verified delivery kept in full (parameters in their order, Chinese text intact) with its outcome,
 * in one write or started and completed (an outcome offered with a payment written exactly when the
 * journal says so); a rejected delivery kept compactly and never in an order's
 * history; summaries of rejected deliveries with their count; pages newest first, bounded by
 * {@link NotificationJournal#MAX_PAGE_SIZE} whatever is asked.
 *
 * <p>One journal serves the whole class and must keep at least 1,000 entries of each kind; every test
 * uses out_trade_nos of its own, so a journal on a shared database works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class NotificationJournalContract {

    private NotificationJournal journal;

    /** The journal under test, created once for the class; it takes completion times from {@code clock}. */
    protected abstract NotificationJournal createJournal(Clock clock);

    /** Called once after all tests of the class: drop tables, close pools. Does nothing by default. */
    protected void cleanUp() {
    }

    /** The journal under test. */
    protected final NotificationJournal journal() {
        return journal;
    }

    @BeforeAll
    final void createTheJournal() {
        journal = createJournal(Clock.systemUTC());
        assertThat(journal).as("createJournal").isNotNull();
    }

    @AfterAll
    final void cleanUpAfterTheContract() {
        cleanUp();
    }

    @Test
    void keepsChineseParametersInTheirOrderAndReadsThemBackIdentically() {
        String no = newTradeNo();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("out_trade_no", no);
        parameters.put("subject", "测试商品 100% + & = \"引号\" \\ 反斜杠");
        parameters.put("body", "第一行\n第二行\r\n\ttab");
        parameters.put("notify_id", "RqPnCoPT3K9%2Fvwbh3InWeOSBqh");
        parameters.put("trade_status", "TRADE_SUCCESS");
        parameters.put("empty", "");
        parameters.put("sign", "abc123");

        long id = journal.started(delivery(parameters));

        JournalEntry e = single(journal.page(no, 0, 10));
        assertThat(e.id()).isEqualTo(id).isPositive();
        assertThat(e.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(e.outTradeNo()).isEqualTo(no);
        assertThat(e.notifyId()).isEqualTo("RqPnCoPT3K9%2Fvwbh3InWeOSBqh");
        assertThat(e.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(e.parameters()).containsExactlyEntriesOf(parameters);
        assertThat(e.remoteAddress()).isEqualTo("110.75.143.21");
        assertThat(e.bodySize()).isEqualTo(912);
        assertThat(e.rejected()).isFalse();
        assertThat(e.outcome()).isNull();
        assertThat(e.reason()).isNull();
        assertThat(e.receivedAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
        assertThat(e.completedAt()).isNull();
    }

    @Test
    void verifiedWritesOneEntryWithItsOutcome() {
        String no = newTradeNo();

        journal.verified(delivery(no), new ProcessingResult(Outcome.DUPLICATE, "TRADE_SUCCESS for a trade already PAID", no));

        JournalEntry e = single(journal.page(no, 0, 10));
        assertThat(e.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(e.reason()).isEqualTo("TRADE_SUCCESS for a trade already PAID");
        assertThat(e.completedAt()).isAfterOrEqualTo(e.receivedAt());
    }

    @Test
    void completedRecordsTheOutcomeAndFillsAMissingOutTradeNo() {
        String no = newTradeNo();
        long id = journal.started(delivery(Map.of("garbage", "yes")));

        journal.completed(id, new ProcessingResult(Outcome.MALFORMED, "out_trade_no missing; 原因 " + "r".repeat(200), no));

        JournalEntry e = single(journal.page(no, 0, 10));
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(e.reason()).startsWith("out_trade_no missing; 原因 rrr");
        assertThat(e.completedAt()).isAfterOrEqualTo(e.receivedAt());
    }

    @Test
    void completedKeepsTheOutTradeNoThatArrived() {
        String no = newTradeNo();
        String another = newTradeNo();
        long id = journal.started(delivery(no));

        journal.completed(id, new ProcessingResult(Outcome.PAID, "paid", another));

        assertThat(single(journal.page(no, 0, 10)).outcome()).isEqualTo(Outcome.PAID);
        assertThat(journal.page(another, 0, 10)).isEmpty();
    }

    @Test
    void anOutcomeOfferedWithAPaymentOutsideATransactionIsWrittenOrLeftForCompleted() {
        String no = newTradeNo();
        long id = journal.started(delivery(no));
        ProcessingResult paid = new ProcessingResult(Outcome.PAID, "TRADE_SUCCESS: paid, onPaid called", no);

        boolean written = journal.completedWithPayment(id, paid);

        assertThat(journal.page(no, 0, 10)).singleElement().satisfies(e -> assertThat(e.outcome())
                .as("the outcome is there exactly when completedWithPayment said it wrote it")
                .isEqualTo(written ? Outcome.PAID : null));
        journal.completed(id, paid);
        assertThat(journal.page(no, 0, 10)).singleElement().satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.PAID));
    }

    @Test
    void completedIgnoresAnIdOfZeroOrBelow() {
        String no = newTradeNo();
        long id = journal.started(delivery(no));

        assertThatCode(() -> {
            journal.completed(0, new ProcessingResult(Outcome.PAID, "paid", no));
            journal.completed(-1, new ProcessingResult(Outcome.PAID, "paid", no));
        }).doesNotThrowAnyException();

        assertThat(single(journal.page(no, 0, 10))).satisfies(e -> {
            assertThat(e.id()).isEqualTo(id);
            assertThat(e.outcome()).isNull();
        });
    }

    @Test
    void rejectedDeliveriesAreCompactAndNeverInAnOrdersHistory() {
        String no = newTradeNo();
        String body = "out_trade_no=" + no + "&sign=forged&" + "x".repeat(70_000);
        RejectedDelivery forged = new RejectedDelivery(Instant.now(), NotificationSource.NOTIFY, "203.0.113.50",
                body.length(), "0123456789abcdef".repeat(4), Outcome.BAD_SIGNATURE, "bad signature: " + "y".repeat(999),
                body, 1);

        journal.rejected(forged);

        assertThat(journal.page(no, 0, 10)).isEmpty();
        JournalEntry e = journal.rejectedPage(0, 1).get(0);
        assertThat(e.rejected()).isTrue();
        assertThat(e.summary()).isFalse();
        assertThat(e.outTradeNo()).isNull();
        assertThat(e.parameters()).isEmpty();
        assertThat(e.rawBody()).hasSize(RejectedDelivery.EXCERPT_MAX).startsWith("out_trade_no=" + no);
        assertThat(e.reason()).hasSize(RejectedDelivery.REASON_MAX);
        assertThat(e.bodySize()).isEqualTo(body.length());
        assertThat(e.bodyDigest()).isEqualTo("0123456789abcdef".repeat(4));
        assertThat(e.remoteAddress()).isEqualTo("203.0.113.50");
        assertThat(e.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(e.deliveries()).isOne();
    }

    @Test
    void aSummaryOfRejectedDeliveriesReadsBackWithItsCount() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);

        journal.rejected(RejectedDelivery.summary(minute, minute.plusSeconds(59), 49_940, 49_940L * 65_536, 60));

        JournalEntry e = journal.rejectedPage(0, 1).get(0);
        assertThat(e.summary()).isTrue();
        assertThat(e.deliveries()).isEqualTo(49_940);
        assertThat(e.bodySize()).isEqualTo(49_940L * 65_536);
        assertThat(e.reason()).startsWith("49940 more rejected deliveries");
    }

    @Test
    void pagesNewestFirstForOneTradeOrForAllAndCapsThePageSize() {
        String no = newTradeNo();
        long[] ids = new long[5];
        for (int i = 0; i < 5; i++) {
            ids[i] = journal.started(delivery(no));
            journal.started(delivery(no + "x"));
        }

        assertThat(journal.page(no, 0, 2)).extracting(JournalEntry::id).containsExactly(ids[4], ids[3]);
        assertThat(journal.page(no, 1, 2)).extracting(JournalEntry::id).containsExactly(ids[2], ids[1]);
        assertThat(journal.page(no, 2, 2)).extracting(JournalEntry::id).containsExactly(ids[0]);
        assertThat(journal.page(no, 3, 2)).isEmpty();
        assertThat(journal.page(null, 0, 3)).extracting(JournalEntry::outTradeNo).containsExactly(no + "x", no, no + "x");
        assertThat(journal.page(no, -1, 2)).isEmpty();
        assertThat(journal.page(no, 0, 0)).isEmpty();
        assertThat(journal.rejectedPage(-1, 2)).isEmpty();
        assertThat(journal.rejectedPage(0, 0)).isEmpty();
        for (int i = 0; i < NotificationJournal.MAX_PAGE_SIZE; i++) {
            journal.started(delivery(no));
            journal.rejected(new RejectedDelivery(Instant.now(), NotificationSource.NOTIFY, null, 1, null,
                    Outcome.MALFORMED, "x", "x", 1));
        }
        assertThat(journal.page(no, 0, 10_000)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal.rejectedPage(0, 10_000)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal.latest(Integer.MAX_VALUE)).hasSize(NotificationJournal.MAX_PAGE_SIZE);
        assertThat(journal.latest(0)).isEmpty();
    }

    // --- helpers for subclasses ---

    /** A verified notify with {@code parameters}, from 110.75.143.21, 912 bytes, received now. */
    protected static VerifiedDelivery delivery(Map<String, String> parameters) {
        return new VerifiedDelivery(NotificationSource.NOTIFY, "110.75.143.21", Instant.now(), parameters, 912);
    }

    /** A verified notify of out_trade_no {@code no}. */
    protected static VerifiedDelivery delivery(String no) {
        return delivery(Map.of("out_trade_no", no));
    }

    /** The one entry of a page. */
    protected static JournalEntry single(List<JournalEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }

    /** A new out_trade_no, unique across runs. */
    protected static String newTradeNo() {
        return "J" + UUID.randomUUID().toString().replace("-", "");
    }
}
