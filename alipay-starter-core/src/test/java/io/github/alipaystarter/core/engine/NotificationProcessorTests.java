package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.payment.TradeClosed;
import io.github.alipaystarter.core.payment.TradeRefunded;
import io.github.alipaystarter.core.store.CountingLedger;
import io.github.alipaystarter.core.store.InMemoryNotificationJournal;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.JournalEntry;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.RejectedDelivery;
import io.github.alipaystarter.core.store.VerifiedDelivery;
import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_EMAIL;
import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static io.github.alipaystarter.core.engine.PaymentFixtures.notification;
import static io.github.alipaystarter.core.engine.PaymentFixtures.returned;
import static io.github.alipaystarter.core.engine.PaymentFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.engine.PaymentFixtures.FakeCheck;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import io.github.alipaystarter.core.engine.PaymentFixtures.RecordingHandler;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class NotificationProcessorTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final InMemoryPaymentLedger memory = new InMemoryPaymentLedger(clock);
    private final CountingLedger ledger = new CountingLedger(memory);
    private final InMemoryNotificationJournal journal = new InMemoryNotificationJournal(1000, clock);
    private final FakeCheck check = new FakeCheck();
    private final RecordingHandler handler = new RecordingHandler();
    private NotificationProcessor processor = processor(SELLER_ID, false);

    private NotificationProcessor processor(String seller, boolean acceptUnknownTrades) {
        return NotificationProcessor.builder().seller(seller).check(check).ledger(ledger).journal(journal)
                .handler(handler).acceptUnknownTrades(acceptUnknownTrades).clock(clock).build();
    }

    @BeforeEach
    void recordTrade() {
        memory.record("T1", new BigDecimal("88.00"), "测试商品");
    }

    private LedgerStatus status(String no) {
        return memory.find(no).orElseThrow().status();
    }

    private ProcessingResult notify(Map<String, String> p) {
        return processor.process(NotificationSource.NOTIFY, p);
    }

    @Test
    void aVerifiedPaidNotificationCallsOnPaidOnceAndAnswersSuccess() {
        ProcessingResult r = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(r.answer()).isEqualTo("success");
        assertThat(r.outTradeNo()).isEqualTo("T1");
        assertThat(handler.paid).singleElement().satisfies(t -> {
            assertThat(t.outTradeNo()).isEqualTo("T1");
            assertThat(t.tradeNo()).startsWith("2026112621001004");
            assertThat(t.totalFee()).hasToString("88.00");
            assertThat(t.paidAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T10:15:01+08:00"));
            assertThat(t.status()).isEqualTo(TradeStatus.TRADE_SUCCESS);
            assertThat(t.buyerId()).isEqualTo("2088002007013600");
            assertThat(t.subject()).isEqualTo("测试商品 + 100%");
            assertThat(t.source()).isEqualTo(NotificationSource.NOTIFY);
        });
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
        assertThat(check.notifyIdChecks).hasValue(1);
    }

    @Test
    void theAmountIsComparedAsMoney() {
        ProcessingResult r = notify(notification("T1", "88.0", "TRADE_FINISHED"));

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(handler.paid).singleElement().satisfies(t -> assertThat(t.totalFee()).hasToString("88.00"));
    }

    @Test
    void aReturnWithIsSuccessTIsProcessedLikeANotification() {
        ProcessingResult r = processor.process(NotificationSource.RETURN, returned("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(handler.paid).singleElement().satisfies(t -> assertThat(t.source()).isEqualTo(NotificationSource.RETURN));
        assertThat(check.notifyIdChecks).hasValue(1);
    }

    @Test
    void aReturnWithIsSuccessFIsIgnoredAndPaysNothing() {
        ProcessingResult r = processor.process(NotificationSource.RETURN,
                with(returned("T1", "88.00", "TRADE_SUCCESS"), "is_success", "F"));

        assertThat(r.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(handler.calls()).isZero();
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);
    }

    record Rejection(String name, Map<String, String> parameters, Verification notifyIdAnswer, Outcome expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Rejection> rejections() {
        Map<String, String> ok = notification("T1", "88.00", "TRADE_SUCCESS");
        return Stream.of(
                new Rejection("forged signature", with(ok, "sign", "ffffffffffffffffffffffffffffffff"), null, Outcome.BAD_SIGNATURE),
                new Rejection("missing signature", with(ok, "sign", null), null, Outcome.MALFORMED),
                new Rejection("sign_type not the configured one", with(ok, "sign_type", "DSA"), null, Outcome.BAD_SIGNATURE),
                new Rejection("missing notify_id", with(ok, "notify_id", null), null, Outcome.MALFORMED),
                new Rejection("unreadable total_fee", with(ok, "total_fee", "eighty"), null, Outcome.MALFORMED),
                new Rejection("notify_verify false", ok, new Verification.NotifyIdRejected("false"), Outcome.NOTIFY_ID_REJECTED),
                new Rejection("notify_verify invalid", ok, new Verification.NotifyIdRejected("invalid"), Outcome.NOTIFY_ID_REJECTED),
                new Rejection("gateway timeout", ok, new Verification.GatewayUnavailable("read timed out"), Outcome.GATEWAY_UNAVAILABLE),
                new Rejection("another seller_id", with(ok, "seller_id", "2088000000000001"), null, Outcome.WRONG_SELLER),
                new Rejection("no seller_id", with(ok, "seller_id", null), null, Outcome.WRONG_SELLER),
                new Rejection("another amount", with(ok, "total_fee", "0.01"), null, Outcome.WRONG_AMOUNT),
                new Rejection("no amount", with(ok, "total_fee", null), null, Outcome.WRONG_AMOUNT),
                new Rejection("unknown out_trade_no", with(ok, "out_trade_no", "NEVER-RECORDED"), null, Outcome.UNKNOWN_TRADE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void eachRejectionAnswersFailCallsNoHandlerAndIsJournaled(Rejection c) {
        check.notifyIdAnswer = c.notifyIdAnswer();

        ProcessingResult r = notify(c.parameters());

        assertThat(r.outcome()).isEqualTo(c.expected());
        assertThat(r.answer()).isEqualTo("fail");
        assertThat(r.reason()).isNotBlank();
        assertThat(handler.calls()).isZero();
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);
        boolean beforeTheSignatureHeld = c.expected() == Outcome.BAD_SIGNATURE || c.expected() == Outcome.MALFORMED;
        if (beforeTheSignatureHeld) {
            // Anyone can send these: compact, and never in the history of the order they name.
            assertThat(journal.latest(10)).isEmpty();
            assertThat(journal.page("T1", 0, 10)).isEmpty();
            assertThat(journal.rejectedPage(0, 10)).singleElement().satisfies(e -> {
                assertThat(e.rejected()).isTrue();
                assertThat(e.outcome()).isEqualTo(c.expected());
                assertThat(e.reason()).isEqualTo(r.reason());
                assertThat(e.outTradeNo()).isNull();
                assertThat(e.parameters()).isEmpty();
                assertThat(e.bodyDigest()).hasSize(64);
                assertThat(e.rawBody()).hasSizeLessThanOrEqualTo(RejectedDelivery.EXCERPT_MAX);
            });
        } else {
            assertThat(journal.rejectedPage(0, 10)).isEmpty();
            assertThat(journal.latest(10)).singleElement().satisfies(e -> {
                assertThat(e.rejected()).isFalse();
                assertThat(e.outcome()).isEqualTo(c.expected());
                assertThat(e.reason()).isEqualTo(r.reason());
                assertThat(e.parameters()).isEqualTo(c.parameters());
            });
        }
    }

    @Test
    void aBadSignatureCostsNoLedgerAndNoGatewayCall() {
        ProcessingResult r = notify(with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "00000000000000000000000000000000"));

        assertThat(r.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(ledger.calls).hasValue(0);
        assertThat(check.notifyIdChecks).hasValue(0);
    }

    @Test
    void anUnknownTradeIsRefusedWithoutAGatewayCall() {
        notify(notification("NEVER-RECORDED", "88.00", "TRADE_SUCCESS"));

        assertThat(check.notifyIdChecks).hasValue(0);
        assertThat(memory.find("NEVER-RECORDED")).isEmpty();
    }

    @Test
    void anUnknownTradeIsRecordedWithTheNotificationsAmountAndPaidWhenAccepted() {
        processor = processor(SELLER_ID, true);

        ProcessingResult r = notify(notification("NEW-1", "12.30", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        LedgerEntry e = memory.find("NEW-1").orElseThrow();
        assertThat(e.totalFee()).hasToString("12.30");
        assertThat(e.subject()).isEqualTo("测试商品 + 100%");
        assertThat(e.status()).isEqualTo(LedgerStatus.PAID);
        assertThat(handler.paid).hasSize(1);
        assertThat(check.notifyIdChecks).hasValue(1);
    }

    @Test
    void anAcceptedUnknownTradeIsNotRecordedWhenNotifyIdIsRejected() {
        processor = processor(SELLER_ID, true);
        check.notifyIdAnswer = new Verification.NotifyIdRejected("false");

        assertThat(notify(notification("NEW-1", "12.30", "TRADE_SUCCESS")).outcome()).isEqualTo(Outcome.NOTIFY_ID_REJECTED);
        assertThat(memory.find("NEW-1")).isEmpty();
    }

    @Test
    void aSellerAccountIsComparedWithSellerEmailIgnoringCase() {
        processor = processor(SELLER_EMAIL, false);

        assertThat(notify(notification("T1", "88.00", "TRADE_SUCCESS")).outcome()).isEqualTo(Outcome.PAID);
    }

    @Test
    void aSellerAccountRejectsANotificationWithoutSellerEmail() {
        processor = processor(SELLER_EMAIL, false);

        ProcessingResult r = notify(with(notification("T1", "88.00", "TRADE_SUCCESS"), "seller_email", null));

        assertThat(r.outcome()).isEqualTo(Outcome.WRONG_SELLER);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void aSellerAccountRejectsAnotherSellerEmail() {
        processor = processor(SELLER_EMAIL, false);

        ProcessingResult r = notify(with(notification("T1", "88.00", "TRADE_SUCCESS"), "seller_email", "thief@example.com"));

        assertThat(r.outcome()).isEqualTo(Outcome.WRONG_SELLER);
        assertThat(handler.calls()).isZero();
    }

    @Test
    void aResendForATradeAlreadyPaidAnswersSuccessWithoutANotifyIdCall() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        check.notifyIdAnswer = new Verification.GatewayUnavailable("the gateway is down, and must not be asked");

        ProcessingResult r = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(r.answer()).isEqualTo("success");
        assertThat(check.notifyIdChecks).hasValue(1);
        assertThat(handler.onPaidCalls).hasValue(1);
    }

    @Test
    void aResendOfAPaidTradeWithAnotherAmountIsStillWrongAmount() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(notify(notification("T1", "1.00", "TRADE_SUCCESS")).outcome()).isEqualTo(Outcome.WRONG_AMOUNT);
    }

    @Test
    void tradeSuccessThenTradeFinishedCallsOnPaidOnce() {
        ProcessingResult first = notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult second = notify(notification("T1", "88.00", "TRADE_FINISHED"));
        ProcessingResult byReturn = processor.process(NotificationSource.RETURN, returned("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(first.outcome()).isEqualTo(Outcome.PAID);
        assertThat(second.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(byReturn.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(List.of(first, second, byReturn)).extracting(ProcessingResult::answer).containsOnly("success");
        assertThat(handler.onPaidCalls).hasValue(1);
    }

    @Test
    void aFailingHandlerAnswersFailLeavesTheTradeUnpaidAndTheResendPays() {
        handler.failuresLeft = 1;

        ProcessingResult failed = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(failed.outcome()).isEqualTo(Outcome.HANDLER_FAILED);
        assertThat(failed.answer()).isEqualTo("fail");
        assertThat(failed.reason()).contains("IllegalStateException").doesNotContain("order database");
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);

        ProcessingResult resent = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(resent.outcome()).isEqualTo(Outcome.PAID);
        assertThat(resent.answer()).isEqualTo("success");
        assertThat(handler.onPaidCalls).hasValue(2);
        assertThat(handler.paid).hasSize(1);
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aFailingLedgerIsAnErrorThatAnswersFail() {
        ledger.markPaidFailure = new IllegalStateException("connection refused");

        ProcessingResult r = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.answer()).isEqualTo("fail");
        assertThat(handler.calls()).isZero();
        assertThat(journal.latest(1).get(0).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aVerifierThatThrowsIsAnErrorNotAnException() {
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).ledger(ledger).handler(handler)
                .journal(journal).check(new NotificationCheck() {
                    @Override
                    public Verification checkSignature(NotificationSource source, Map<String, String> parameters) {
                        throw new IllegalStateException("bug");
                    }

                    @Override
                    public Verification checkNotifyId(TradeNotification notification) {
                        throw new IllegalStateException("bug");
                    }
                }).build();

        ProcessingResult r = p.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        // The signature was never established: kept as a rejected delivery.
        assertThat(journal.rejectedPage(0, 1).get(0).outcome()).isEqualTo(Outcome.ERROR);
    }

    @Test
    void aFailingJournalDoesNotChangeTheAnswerForAPayment() {
        NotificationJournal broken = new FailingJournal(7, false);
        NotificationJournal brokenFromTheStart = new FailingJournal(0, true);
        memory.record("T2", new BigDecimal("88.00"), "second");

        ProcessingResult r1 = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .handler(handler).journal(broken).build()
                .process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult r2 = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .handler(handler).journal(brokenFromTheStart).build()
                .process(NotificationSource.NOTIFY, notification("T2", "88.00", "TRADE_SUCCESS"));

        assertThat(r1.outcome()).isEqualTo(Outcome.PAID);
        assertThat(r2.outcome()).isEqualTo(Outcome.PAID);
        assertThat(handler.paid).hasSize(2);
    }

    @Test
    void tradeClosedClosesTheTradeAndCallsOnClosed() {
        ProcessingResult r = notify(notification("T1", "88.00", "TRADE_CLOSED"));

        assertThat(r.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(r.answer()).isEqualTo("success");
        assertThat(status("T1")).isEqualTo(LedgerStatus.CLOSED);
        assertThat(handler.closed).singleElement().satisfies(n -> assertThat(n.outTradeNo()).isEqualTo("T1"));
        assertThat(handler.onPaidCalls).hasValue(0);
    }

    @Test
    void tradeClosedForAPaidTradeWithoutRefundStatusChangesNothing() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        ProcessingResult r = notify(notification("T1", "88.00", "TRADE_CLOSED"));

        assertThat(r.outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
        assertThat(handler.closed).isEmpty();
    }

    @Test
    void aPaymentForATradeClosedInTheLedgerIsAnErrorAndPaysNothing() {
        notify(notification("T1", "88.00", "TRADE_CLOSED"));

        ProcessingResult r = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(r.reason()).contains("CLOSED");
        assertThat(handler.onPaidCalls).hasValue(0);
        assertThat(status("T1")).isEqualTo(LedgerStatus.CLOSED);
    }

    @Test
    void waitBuyerPayAndUnknownStatusesAreAcknowledgedAndIgnored() {
        ProcessingResult waiting = notify(notification("T1", "88.00", "WAIT_BUYER_PAY"));
        ProcessingResult pending = notify(notification("T1", "88.00", "TRADE_PENDING"));
        ProcessingResult future = notify(notification("T1", "88.00", "TRADE_SOMETHING_NEW"));

        assertThat(List.of(waiting, pending, future)).extracting(ProcessingResult::outcome).containsOnly(Outcome.IGNORED);
        assertThat(List.of(waiting, pending, future)).extracting(ProcessingResult::answer).containsOnly("success");
        assertThat(handler.calls()).isZero();
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void aPartialRefundCallsOnRefundAndNeverOnPaidAgain() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        Map<String, String> partial = with(with(notification("T1", "88.00", "TRADE_SUCCESS"),
                "refund_status", "REFUND_SUCCESS"), "gmt_refund", "2026-11-27 09:00:00");

        ProcessingResult r = notify(partial);
        ProcessingResult resent = notify(partial);

        assertThat(r.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(r.answer()).isEqualTo("success");
        assertThat(resent.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(handler.refunds).hasSize(2);
        assertThat(handler.onPaidCalls).hasValue(1);
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
        assertThat(check.notifyIdChecks).as("refunds are verified with the gateway").hasValue(3);
    }

    @Test
    void aRefundWithTradeFinishedAsInTheSpecsSampleIsARefund() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        ProcessingResult r = notify(with(notification("T1", "88.00", "TRADE_FINISHED"), "refund_status", "REFUND_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(handler.onPaidCalls).hasValue(1);
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aFullRefundMarksTheTradeRefundedAndALaterPaidResendIsADuplicate() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        ProcessingResult r = notify(with(notification("T1", "88.00", "TRADE_CLOSED"), "refund_status", "REFUND_SUCCESS"));
        ProcessingResult late = notify(notification("T1", "88.00", "TRADE_FINISHED"));

        assertThat(r.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(status("T1")).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(handler.refunds).hasSize(1);
        assertThat(handler.closed).isEmpty();
        assertThat(late.outcome()).isEqualTo(Outcome.DUPLICATE);
        assertThat(handler.onPaidCalls).hasValue(1);
    }

    @Test
    void aFullRefundVerifiedBeforeThePaymentWasRecordedEndsTheTradeAndTheResendNeverCallsOnPaid() {
        // issue 8, defect 2, exactly: the first TRADE_SUCCESS delivery fails, the full refund is verified
        // and answered success, then Alipay's pending resend of the TRADE_SUCCESS arrives.
        handler.failuresLeft = 1;
        ProcessingResult first = notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(first.answer()).isEqualTo("fail");
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);

        ProcessingResult refund = notify(with(with(notification("T1", "88.00", "TRADE_CLOSED"),
                "refund_status", "REFUND_SUCCESS"), "gmt_refund", "2026-11-26 11:00:00"));
        assertThat(refund.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(refund.answer()).isEqualTo("success");
        assertThat(status("T1")).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(handler.refunds).singleElement().satisfies(e -> {
            assertThat(e.refundStatus()).isEqualTo(RefundStatus.REFUND_SUCCESS);
            assertThat(e.full()).isTrue();
            assertThat(e.beforePayment()).as("onPaid never succeeded for it").isTrue();
        });

        ProcessingResult resend = notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult finished = notify(notification("T1", "88.00", "TRADE_FINISHED"));
        ProcessingResult returned = processor.process(NotificationSource.RETURN, returned("T1", "88.00", "TRADE_SUCCESS"));
        ProcessingResult refundResend = notify(with(notification("T1", "88.00", "TRADE_CLOSED"),
                "refund_status", "REFUND_SUCCESS"));

        assertThat(List.of(resend, finished, returned)).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.DUPLICATE);
            assertThat(r.answer()).isEqualTo("success");
        });
        assertThat(refundResend.outcome()).isEqualTo(Outcome.REFUNDED);
        assertThat(handler.onPaidCalls).as("only the failed first delivery reached onPaid").hasValue(1);
        assertThat(handler.paid).isEmpty();
        assertThat(handler.closed).isEmpty();
        assertThat(handler.refunds).hasSize(2);
        assertThat(status("T1")).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(memory.findUnpaidOlderThan(clock.instant().plusSeconds(86400), 10)).isEmpty();
    }

    @Test
    void aVerifiedCloseEndsAnUnpaidTradeAndALaterPaymentNeverCallsOnPaid() {
        ProcessingResult closed = notify(notification("T1", "88.00", "TRADE_CLOSED"));
        ProcessingResult late = notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(closed.outcome()).isEqualTo(Outcome.CLOSED);
        assertThat(status("T1")).isEqualTo(LedgerStatus.CLOSED);
        assertThat(late.answer()).isEqualTo("fail");
        assertThat(handler.onPaidCalls).hasValue(0);
        assertThat(memory.findUnpaidOlderThan(clock.instant().plusSeconds(86400), 10)).isEmpty();
    }

    @Test
    void aFullRefundDeliversTheWholeAmountTheRefundTimeAndThatThePaymentCameFirst() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        notify(with(with(with(notification("T1", "88.0", "TRADE_CLOSED"), "refund_status", "REFUND_SUCCESS"),
                "gmt_refund", "2026-11-27 09:30:05"), "gmt_close", "2026-11-27 09:30:06"));

        TradeRefunded e = handler.refunds.get(0);
        assertThat(handler.refunds).hasSize(1);
        assertThat(e.outTradeNo()).isEqualTo("T1");
        assertThat(e.tradeNo()).isEqualTo(notification("T1", "88.00", "TRADE_CLOSED").get("trade_no"));
        assertThat(e.full()).isTrue();
        assertThat(e.refundStatus()).isEqualTo(RefundStatus.REFUND_SUCCESS);
        assertThat(e.totalFee()).isEqualTo(new BigDecimal("88.00"));
        assertThat(e.refundFee()).isEqualTo(new BigDecimal("88.00"));
        assertThat(e.refundedAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T09:30:05+08:00"));
        assertThat(e.beforePayment()).isFalse();
        assertThat(e.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(handler.closed).isEmpty();
    }

    @Test
    void aPartialRefundDeliversNotFullAndTheRefundFeeOnlyWhenTheNotificationCarriesIt() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        notify(with(with(notification("T1", "88.00", "TRADE_SUCCESS"), "refund_status", "REFUND_SUCCESS"),
                "gmt_refund", "2026-11-27 10:00:00"));
        notify(with(with(with(notification("T1", "88.00", "TRADE_SUCCESS"), "refund_status", "REFUND_SUCCESS"),
                "gmt_refund", "2026-11-28 10:00:00"), "refund_fee", "10.5"));

        assertThat(handler.refunds).hasSize(2).allSatisfy(e -> {
            assertThat(e.full()).isFalse();
            assertThat(e.refundStatus()).isEqualTo(RefundStatus.REFUND_SUCCESS);
            assertThat(e.totalFee()).isEqualTo(new BigDecimal("88.00"));
            assertThat(e.beforePayment()).isFalse();
        });
        assertThat(handler.refunds.get(0).refundFee()).isNull();
        assertThat(handler.refunds.get(0).refundedAt()).isEqualTo(OffsetDateTime.parse("2026-11-27T10:00:00+08:00"));
        assertThat(handler.refunds.get(1).refundFee()).isEqualTo(new BigDecimal("10.50"));
        assertThat(handler.refunds.get(1).refundedAt()).isEqualTo(OffsetDateTime.parse("2026-11-28T10:00:00+08:00"));
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aRefundThatWasClosedIsNotFull() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));

        notify(with(notification("T1", "88.00", "TRADE_CLOSED"), "refund_status", "REFUND_CLOSED"));

        assertThat(handler.refunds).singleElement().satisfies(e -> {
            assertThat(e.full()).isFalse();
            assertThat(e.refundStatus()).isEqualTo(RefundStatus.REFUND_CLOSED);
            assertThat(e.refundFee()).isNull();
        });
        assertThat(status("T1")).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aCloseDeliversTheTradeNumbersAndGmtCloseElseTheNotifyTime() {
        memory.record("T2", new BigDecimal("1.00"), "second");

        notify(with(notification("T1", "88.00", "TRADE_CLOSED"), "gmt_close", "2026-11-26 12:00:01"));
        notify(notification("T2", "1.00", "TRADE_CLOSED"));

        assertThat(handler.closed).hasSize(2);
        TradeClosed first = handler.closed.get(0);
        assertThat(first.outTradeNo()).isEqualTo("T1");
        assertThat(first.tradeNo()).isEqualTo(notification("T1", "88.00", "TRADE_CLOSED").get("trade_no"));
        assertThat(first.closedAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T12:00:01+08:00"));
        assertThat(first.source()).isEqualTo(NotificationSource.NOTIFY);
        assertThat(handler.closed.get(1).closedAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T10:15:30+08:00"));
        assertThat(handler.refunds).isEmpty();
    }

    @Test
    void aFailingOnRefundAnswersFail() {
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .journal(journal).handler(new PaymentHandler() {
                    @Override
                    public void onPaid(PaidTrade trade) {
                    }

                    @Override
                    public void onRefund(TradeRefunded refund) {
                        throw new IllegalStateException("refund table locked");
                    }
                }).build();

        ProcessingResult r = p.process(NotificationSource.NOTIFY,
                with(notification("T1", "88.00", "TRADE_SUCCESS"), "refund_status", "REFUND_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.HANDLER_FAILED);
        assertThat(r.answer()).isEqualTo("fail");
    }

    @Test
    void paidAtFallsBackToNotifyTimeThenToTheClockInChinaTime() {
        memory.record("T2", new BigDecimal("88.00"), "second");

        notify(with(notification("T1", "88.00", "TRADE_SUCCESS"), "gmt_payment", null));
        notify(with(with(notification("T2", "88.00", "TRADE_SUCCESS"), "gmt_payment", null), "notify_time", null));

        assertThat(handler.paid).extracting(PaidTrade::paidAt).containsExactly(
                OffsetDateTime.parse("2026-11-26T10:15:30+08:00"),
                OffsetDateTime.parse("2026-11-26T10:00:00+08:00"));
    }

    @Test
    void theJournalHoldsOneEntryPerDeliveryWithItsOutcome() {
        notify(with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "00000000000000000000000000000000"));
        processor.process(NotificationSource.RETURN, returned("T1", "88.00", "TRADE_SUCCESS"));
        notify(notification("T1", "88.00", "TRADE_SUCCESS"));
        notify(notification("T1", "88.00", "TRADE_FINISHED"));

        List<JournalEntry> entries = journal.page("T1", 0, 10);
        assertThat(entries).extracting(JournalEntry::outcome)
                .containsExactly(Outcome.DUPLICATE, Outcome.DUPLICATE, Outcome.PAID);
        assertThat(entries).extracting(JournalEntry::source).containsExactly(NotificationSource.NOTIFY,
                NotificationSource.NOTIFY, NotificationSource.RETURN);
        assertThat(entries).allSatisfy(e -> assertThat(e.completedAt()).isNotNull());
        assertThat(journal.rejectedPage(0, 10)).extracting(JournalEntry::outcome).containsExactly(Outcome.BAD_SIGNATURE);
    }

    @Test
    void aDuplicateOrARejectionIsOneWriteAndOnlyAPaymentWritesAProcessingEntryFirst() {
        CountingJournal counting = new CountingJournal(journal);
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .journal(counting).handler(handler).clock(clock).build();

        p.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));
        assertThat(counting.writes).containsExactly("started", "completed");
        counting.writes.clear();

        p.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));
        p.process(NotificationSource.NOTIFY, with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "ff"));
        p.process(NotificationSource.NOTIFY, with(notification("T1", "0.01", "TRADE_SUCCESS"), "sign", "ff"));
        assertThat(counting.writes).containsExactly("verified", "rejected", "rejected");
    }

    @Test
    void aPaymentsEntryIsInTheJournalAsProcessingBeforeOnPaidRunsSoACrashLeavesATrace() {
        List<JournalEntry> seenInOnPaid = new java.util.ArrayList<>();
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .journal(journal).handler(trade -> seenInOnPaid.addAll(journal.page("T1", 0, 10))).clock(clock).build();

        p.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(seenInOnPaid).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isNull();
            assertThat(e.completedAt()).isNull();
            assertThat(e.parameters()).containsEntry("out_trade_no", "T1");
        });
        assertThat(journal.page("T1", 0, 10)).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(seenInOnPaid.get(0).id());
            assertThat(e.outcome()).isEqualTo(Outcome.PAID);
        });
    }

    @Test
    void anErrorInOnPaidStillCompletesTheProcessingEntry() {
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .journal(journal).handler(trade -> {
                    throw new StackOverflowError("simulated");
                }).clock(clock).build();

        assertThatCode(() -> p.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS")))
                .isInstanceOf(StackOverflowError.class);

        assertThat(journal.page("T1", 0, 10)).singleElement()
                .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.ERROR));
        assertThat(status("T1")).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void rejectedDeliveriesBeyondTheBudgetAreCountedAndSummarisedOnceTheMinuteIsOver() {
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(check).ledger(ledger)
                .journal(journal).handler(handler).clock(clock).rejectedPerMinute(3).build();
        Map<String, String> forged = with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "ff");

        for (int i = 0; i < 10; i++) {
            assertThat(p.process(NotificationSource.NOTIFY, forged).answer()).isEqualTo("fail");
        }
        assertThat(journal.rejectedPage(0, 100)).hasSize(3).allSatisfy(e -> assertThat(e.summary()).isFalse());

        clock.set(Instant.parse("2026-11-26T02:01:00Z"));
        p.flushRejectedSummary();

        List<JournalEntry> rejected = journal.rejectedPage(0, 100);
        assertThat(rejected).hasSize(4);
        assertThat(rejected.get(0)).satisfies(summary -> {
            assertThat(summary.summary()).isTrue();
            assertThat(summary.deliveries()).isEqualTo(7);
            assertThat(summary.reason()).startsWith("7 more rejected deliveries");
        });
        p.flushRejectedSummary();
        assertThat(journal.rejectedPage(0, 100)).hasSize(4);
        assertThat(journal.latest(10)).isEmpty();
        assertThat(handler.calls()).isZero();
    }

    @Test
    void noParametersAtAllIsMalformedAndNeverReachesTheVerifier() {
        ProcessingResult r = notify(Map.of());
        ProcessingResult nothing = notify(null);

        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(r.answer()).isEqualTo("fail");
        assertThat(nothing.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(check.signatureChecks).hasValue(0);
        assertThat(journal.rejectedPage(0, 10)).hasSize(2);
    }

    @Test
    void aGarbageBodyIsMalformedAndJournaledAsReceived() {
        ProcessingResult[] results = new ProcessingResult[1];

        assertThatCode(() -> results[0] = processor.processRaw(NotificationSource.NOTIFY,
                "%zz&&==".getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8)).doesNotThrowAnyException();

        assertThat(results[0].outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(results[0].answer()).isEqualTo("fail");
        assertThat(journal.rejectedPage(0, 1)).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo(Outcome.MALFORMED);
            assertThat(e.rawBody()).isEqualTo("%zz&&==");
            assertThat(e.bodySize()).isEqualTo(7);
            assertThat(e.bodyDigest()).isEqualTo(sha256("%zz&&==".getBytes(StandardCharsets.US_ASCII)));
        });
        assertThat(handler.calls()).isZero();
        assertThat(ledger.calls).hasValue(0);
    }

    @Test
    void aBinaryBodyIsMalformedAndKeptAsSizeDigestAndAPrintableExcerpt() {
        byte[] binary = {0, 1, 2, (byte) 0xff, (byte) 0xfe, '=', '&', (byte) 0x80, 0x7f};

        ProcessingResult r = processor.processRaw(new DeliveryContext(NotificationSource.NOTIFY, "203.0.113.9"),
                binary, StandardCharsets.UTF_8);

        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        JournalEntry e = journal.rejectedPage(0, 1).get(0);
        assertThat(e.bodySize()).isEqualTo(binary.length);
        assertThat(e.bodyDigest()).isEqualTo(sha256(binary));
        assertThat(e.remoteAddress()).isEqualTo("203.0.113.9");
        assertThat(e.rawBody()).doesNotContainPattern("\\p{Cntrl}").contains("=&");
    }

    @Test
    void a64KilobyteForgedBodyIsKeptInAFewHundredCharacters() {
        String body = form(with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "ff"), StandardCharsets.UTF_8)
                + "&padding=" + "A".repeat(64 * 1024);

        processor.processRaw(new DeliveryContext(NotificationSource.NOTIFY, "198.51.100.7"),
                body.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        JournalEntry e = journal.rejectedPage(0, 1).get(0);
        assertThat(e.outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
        assertThat(e.bodySize()).isEqualTo(body.length());
        assertThat(e.rawBody()).hasSize(RejectedDelivery.EXCERPT_MAX);
        assertThat(e.reason().length()).isLessThanOrEqualTo(RejectedDelivery.REASON_MAX);
        assertThat(e.outTradeNo()).isNull();
        assertThat(journal.page("T1", 0, 10)).isEmpty();
    }

    @Test
    void aRefusedUnreadBodyIsJournaledCompactlyWithItsSize() {
        ProcessingResult r = processor.refuse(new DeliveryContext(NotificationSource.NOTIFY, "192.0.2.1"), 1_000_000,
                "body larger than 65536 bytes");

        assertThat(r.outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(r.answer()).isEqualTo("fail");
        assertThat(journal.rejectedPage(0, 1)).singleElement().satisfies(e -> {
            assertThat(e.bodySize()).isEqualTo(1_000_000);
            assertThat(e.bodyDigest()).isNull();
            assertThat(e.rawBody()).isNull();
            assertThat(e.remoteAddress()).isEqualTo("192.0.2.1");
            assertThat(e.reason()).isEqualTo("body larger than 65536 bytes");
        });
    }

    @Test
    void theRemoteAddressOfAVerifiedDeliveryIsJournaled() {
        processor.process(new DeliveryContext(NotificationSource.NOTIFY, "110.75.143.1"),
                notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(journal.page("T1", 0, 1)).singleElement().satisfies(e -> {
            assertThat(e.remoteAddress()).isEqualTo("110.75.143.1");
            assertThat(e.outcome()).isEqualTo(Outcome.PAID);
            assertThat(e.rejected()).isFalse();
        });
    }

    @Test
    void anEmptyBodyIsMalformed() {
        assertThat(processor.processRaw(NotificationSource.NOTIFY, new byte[0], null).outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(processor.processRaw(NotificationSource.NOTIFY, null, null).outcome()).isEqualTo(Outcome.MALFORMED);
        assertThat(journal.rejectedPage(0, 10)).hasSize(2);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Throws from the write it is told to; {@code startedId} is what started() answers. */
    private static final class FailingJournal extends ForwardingJournal {
        private final long startedId;
        private final boolean failFromTheStart;

        FailingJournal(long startedId, boolean failFromTheStart) {
            super(NotificationJournal.NONE);
            this.startedId = startedId;
            this.failFromTheStart = failFromTheStart;
        }

        @Override
        public void verified(VerifiedDelivery delivery, ProcessingResult result) {
            throw new IllegalStateException("journal table missing");
        }

        @Override
        public long started(VerifiedDelivery delivery) {
            if (failFromTheStart) {
                throw new IllegalStateException("journal table missing");
            }
            return startedId;
        }

        @Override
        public void completed(long id, ProcessingResult result) {
            throw new IllegalStateException("journal table missing");
        }

        @Override
        public void rejected(RejectedDelivery delivery) {
            throw new IllegalStateException("journal table missing");
        }
    }

    /** Names each write, then passes it on. */
    private static final class CountingJournal extends ForwardingJournal {
        final List<String> writes = new java.util.concurrent.CopyOnWriteArrayList<>();

        CountingJournal(NotificationJournal target) {
            super(target);
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
            writes.add("completed");
            super.completed(id, result);
        }

        @Override
        public void rejected(RejectedDelivery delivery) {
            writes.add("rejected");
            super.rejected(delivery);
        }
    }

    @Test
    void aFormBodyIsDecodedInTheGivenCharsetAndPaid() {
        for (Charset cs : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))) {
            String no = "RAW-" + cs.name();
            memory.record(no, new BigDecimal("88.00"), "raw");
            String body = form(notification(no, "88.00", "TRADE_SUCCESS"), cs);

            ProcessingResult r = processor.processRaw(NotificationSource.NOTIFY, body.getBytes(StandardCharsets.US_ASCII), cs);

            assertThat(r.outcome()).as(cs.name()).isEqualTo(Outcome.PAID);
            assertThat(journal.page(no, 0, 10)).singleElement().satisfies(e -> {
                // Verified: the decoded parameters are kept in full, the raw bytes are not needed.
                assertThat(e.rawBody()).isNull();
                assertThat(e.bodySize()).isEqualTo(body.length());
                assertThat(e.parameters()).containsEntry("subject", "测试商品 + 100%")
                        .containsExactlyEntriesOf(FormData.decode(body, cs));
            });
        }
        assertThat(handler.paid).extracting(PaidTrade::subject).containsOnly("测试商品 + 100%");
    }

    private static String form(Map<String, String> p, Charset cs) {
        return p.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), cs) + "=" + URLEncoder.encode(e.getValue(), cs))
                .collect(Collectors.joining("&"));
    }

    @Test
    void logLinesCarryNeitherTheSignatureNorBuyerDataNorLineBreaksFromOutside() {
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(NotificationProcessor.class.getName());
        List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler capture = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                String text = new java.util.logging.SimpleFormatter().formatMessage(record);
                lines.add(record.getThrown() == null ? text : text + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Level before = jul.getLevel();
        jul.setLevel(java.util.logging.Level.ALL);
        jul.addHandler(capture);
        try {
            handler.failuresLeft = 1;
            notify(notification("T1", "88.00", "TRADE_SUCCESS"));
            notify(notification("T1", "88.00", "TRADE_SUCCESS"));
            notify(notification("T1", "88.00", "TRADE_FINISHED"));
            notify(with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "ffffffffffffffffffffffffffffffff"));
            notify(notification("T1\r\nFORGED LOG LINE", "88.00", "TRADE_SUCCESS"));
        } finally {
            jul.removeHandler(capture);
            jul.setLevel(before);
        }

        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        assertThat(lines).noneMatch(l -> l.contains(FakeCheck.GOOD_SIGN) || l.contains("ffffffffffffffff"))
                .noneMatch(l -> l.contains("buyer@example.com") || l.contains("2088002007013600"))
                .noneMatch(l -> l.contains("\nFORGED"));
    }

    @Test
    void theConfigConstructorTakesTheSellerFromTheConfiguration() {
        AlipayConfig config = AlipayConfig.builder().partner(SELLER_ID).key("0123456789abcdefghij0123456789ab").build();
        NotificationProcessor fromConfig = NotificationProcessor.builder().config(config).check(check).ledger(ledger)
                .journal(journal).handler(handler).build();

        assertThat(fromConfig.process(NotificationSource.NOTIFY, with(notification("T1", "88.00", "TRADE_SUCCESS"),
                "seller_id", "2088000000000009")).outcome()).isEqualTo(Outcome.WRONG_SELLER);
        assertThat(fromConfig.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS")).outcome())
                .isEqualTo(Outcome.PAID);
    }
}
