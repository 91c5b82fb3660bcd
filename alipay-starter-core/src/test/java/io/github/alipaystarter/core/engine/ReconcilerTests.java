package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.CountingLedger;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static io.github.alipaystarter.core.engine.PaymentFixtures.notification;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.GatewayResponseException;
import io.github.alipaystarter.core.protocol.gateway.GatewayUnavailableException;
import io.github.alipaystarter.core.protocol.gateway.NotifyVerifyAnswer;
import io.github.alipaystarter.core.protocol.gateway.TradeQueryResult;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.engine.PaymentFixtures.FakeCheck;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import io.github.alipaystarter.core.engine.PaymentFixtures.RecordingHandler;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReconcilerTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final InMemoryPaymentLedger memory = new InMemoryPaymentLedger(clock);
    private final CountingLedger ledger = new CountingLedger(memory);
    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(100, clock);
    private final FakeCheck check = new FakeCheck();
    private final RecordingHandler handler = new RecordingHandler();
    private final FakeGateway gateway = new FakeGateway();
    private final NotificationProcessor processor = NotificationProcessor.builder().seller(SELLER_ID).check(check)
            .ledger(ledger).journal(journal).handler(handler).clock(clock).build();
    private final Reconciler reconciler = new Reconciler(gateway, processor, ledger, clock);

    /** Answers single_trade_query from a map; any other call is a test failure. */
    static final class FakeGateway implements AlipayGateway {
        final Map<String, Supplier<TradeQueryResult>> answers = new HashMap<>();
        final List<String> queried = Collections.synchronizedList(new ArrayList<>());

        @Override
        public NotifyVerifyAnswer verifyNotifyId(String notifyId) {
            throw new AssertionError("reconciliation must not call notify_verify");
        }

        @Override
        public String queryTimestamp() {
            throw new AssertionError("not expected");
        }

        @Override
        public TradeQueryResult singleTradeQuery(String outTradeNo) {
            queried.add(outTradeNo);
            Supplier<TradeQueryResult> answer = answers.get(outTradeNo);
            return answer != null ? answer.get() : notFound();
        }
    }

    static TradeQueryResult trade(String no, String status, String amount, String sellerId) {
        Map<String, String> fields = new HashMap<>();
        fields.put("out_trade_no", no);
        fields.put("trade_status", status);
        fields.put("total_fee", amount);
        fields.put("seller_id", sellerId);
        fields.put("subject", "测试商品");
        return new TradeQueryResult(null, no, "2026112621009999", TradeStatus.of(status), new BigDecimal(amount),
                sellerId, "2088002007013600", "buyer@example.com",
                OffsetDateTime.parse("2026-11-26T10:15:01+08:00"), fields);
    }

    static TradeQueryResult notFound() {
        return new TradeQueryResult("TRADE_NOT_EXIST", null, null, null, null, null, null, null, null, Map.of());
    }

    @BeforeEach
    void recordTrade() {
        memory.record("T1", new BigDecimal("88.00"), "测试商品");
    }

    @Test
    void aPaidAnswerMarksTheTradePaidOnceAndALaterNotificationIsADuplicate() {
        gateway.answers.put("T1", () -> trade("T1", "TRADE_SUCCESS", "88.00", SELLER_ID));

        ProcessingResult first = reconciler.reconcile("T1");
        ProcessingResult again = reconciler.reconcile("T1");
        ProcessingResult notified = processor.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(first.outcome()).isEqualTo(Outcome.PAID);
        assertThat(again.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(notified.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(notified.answer()).isEqualTo("success");
        assertThat(check.notifyIdChecks).hasValue(0);
        assertThat(handler.paid).singleElement().satisfies(t -> {
            assertThat(t.source()).isEqualTo(NotificationSource.QUERY);
            assertThat(t.tradeNo()).isEqualTo("2026112621009999");
            assertThat(t.totalFee()).hasToString("88.00");
            assertThat(t.paidAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T10:15:01+08:00"));
        });
        assertThat(memory.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aQueryAnswerIsJournaledWithSourceQuery() {
        gateway.answers.put("T1", () -> trade("T1", "TRADE_FINISHED", "88.00", SELLER_ID));

        reconciler.reconcile("T1");

        assertThat(journal.page("T1", 0, NotificationJournal.MAX_PAGE_SIZE)).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(NotificationSource.QUERY);
            assertThat(e.outcome()).isEqualTo(Outcome.PAID);
            assertThat(e.tradeStatus()).isEqualTo("TRADE_FINISHED");
        });
    }

    @Test
    void tradeNotExistIsIgnoredAndTheTradeStaysUnpaid() {
        ProcessingResult r = reconciler.reconcile("T1");

        assertThat(r.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(r.outTradeNo()).isEqualTo("T1");
        assertThat(r.reason()).contains("TRADE_NOT_EXIST");
        assertThat(memory.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(journal.page("T1", 0, NotificationJournal.MAX_PAGE_SIZE)).hasSize(1);
    }

    @Test
    void anotherErrorCodeIsAnError() {
        gateway.answers.put("T1", () -> new TradeQueryResult("ILLEGAL_PARTNER", null, null, null, null, null, null,
                null, null, Map.of()));

        ProcessingResult r = reconciler.reconcile("T1");

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.reason()).contains("ILLEGAL_PARTNER");
    }

    @Test
    void anUnreachableGatewayIsGatewayUnavailableAndAnUnreadableAnswerAnError() {
        memory.record("T2", new BigDecimal("1.00"), "x");
        gateway.answers.put("T1", () -> {
            throw new GatewayUnavailableException("connect timed out");
        });
        gateway.answers.put("T2", () -> {
            throw new GatewayResponseException("not XML");
        });

        assertThat(reconciler.reconcile("T1").outcome()).isEqualTo(Outcome.GATEWAY_UNAVAILABLE);
        assertThat(reconciler.reconcile("T2").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void aPaidAnswerWithAnotherAmountOrSellerPaysNothing() {
        memory.record("T2", new BigDecimal("88.00"), "x");
        gateway.answers.put("T1", () -> trade("T1", "TRADE_SUCCESS", "0.01", SELLER_ID));
        gateway.answers.put("T2", () -> trade("T2", "TRADE_SUCCESS", "88.00", "2088000000000001"));

        assertThat(reconciler.reconcile("T1").outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
        assertThat(reconciler.reconcile("T2").outcome()).isEqualTo(Outcome.WRONG_SELLER);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void anAnswerAboutAnotherTradeIsAnError() {
        gateway.answers.put("T1", () -> trade("OTHER", "TRADE_SUCCESS", "88.00", SELLER_ID));

        assertThat(reconciler.reconcile("T1").outcome()).isEqualTo(Outcome.ERROR);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void aTradeTheLedgerDoesNotKnowIsAnUnknownTrade() {
        gateway.answers.put("NOPE", () -> trade("NOPE", "TRADE_SUCCESS", "88.00", SELLER_ID));

        assertThat(reconciler.reconcile("NOPE").outcome()).isEqualTo(Outcome.UNKNOWN_TRADE);
        assertThat(memory.find("NOPE")).isEmpty();
    }

    @Test
    void aWaitingTradeIsIgnoredAndAClosedOneClosed() {
        memory.record("T2", new BigDecimal("88.00"), "x");
        gateway.answers.put("T1", () -> trade("T1", "WAIT_BUYER_PAY", "88.00", SELLER_ID));
        gateway.answers.put("T2", () -> trade("T2", "TRADE_CLOSED", "88.00", SELLER_ID));

        assertThat(reconciler.reconcile("T1").outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(reconciler.reconcile("T2").outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(memory.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(memory.find("T2").orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);
        assertThat(handler.closed).hasSize(1);
    }

    @Test
    void reconcileUnpaidAsksOnlyAboutUnpaidTradesOlderThanTheGivenAge() {
        Instant t0 = clock.instant();                       // T1 recorded at t0
        clock.set(t0.plusSeconds(60));
        memory.record("PAID", new BigDecimal("1.00"), "p");
        gateway.answers.put("PAID", () -> trade("PAID", "TRADE_SUCCESS", "1.00", SELLER_ID));
        reconciler.reconcile("PAID");
        gateway.queried.clear();
        clock.set(t0.plus(Duration.ofMinutes(10)));
        memory.record("RECENT", new BigDecimal("1.00"), "r");
        clock.set(t0.plus(Duration.ofMinutes(20)));
        gateway.answers.put("T1", () -> trade("T1", "TRADE_SUCCESS", "88.00", SELLER_ID));

        List<ProcessingResult> results = reconciler.reconcileUnpaid(Duration.ofMinutes(15), 10);

        assertThat(gateway.queried).containsExactly("T1");
        assertThat(results).extracting(ProcessingResult::outTradeNo).containsExactly("T1");
        assertThat(results).extracting(ProcessingResult::outcome).containsExactly(Outcome.PAID);
        assertThat(handler.paid).extracting(PaidTrade::outTradeNo).containsExactly("PAID", "T1");
    }

    @Test
    void reconcileUnpaidGoesOnAfterATradeThatFails() {
        memory.record("T2", new BigDecimal("2.00"), "x");
        clock.set(clock.instant().plusSeconds(3600));
        gateway.answers.put("T1", () -> {
            throw new GatewayUnavailableException("connection reset");
        });
        gateway.answers.put("T2", () -> trade("T2", "TRADE_SUCCESS", "2.00", SELLER_ID));

        List<ProcessingResult> results = reconciler.reconcileUnpaid(Duration.ofMinutes(30), 10);

        assertThat(results).extracting(ProcessingResult::outcome)
                .containsExactlyInAnyOrder(Outcome.GATEWAY_UNAVAILABLE, Outcome.PAID);
        assertThat(memory.find("T2").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void reconcileUnpaidNeverThrowsWhenTheLedgerFails() {
        PaymentLedger broken = new CountingLedger(memory) {
            @Override
            public List<LedgerEntry> findUnpaidOlderThan(Instant olderThan, int limit) {
                throw new IllegalStateException("database down");
            }
        };
        Reconciler r = new Reconciler(gateway, processor, broken, clock);

        List<ProcessingResult> results = r.reconcileUnpaid(Duration.ofMinutes(30), 10);

        assertThat(results).singleElement().satisfies(x -> assertThat(x.outcome()).isEqualTo(Outcome.ERROR));
        assertThat(gateway.queried).isEmpty();
    }
}
