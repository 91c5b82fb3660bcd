package io.github.alipaystarter.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.store.LedgerEntry;
import io.github.alipaystarter.core.store.LedgerStatus;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of a {@link PaymentLedger}: extend it in a test of your own and return your ledger from
 * {@link #createLedger}. It checks the rules the starter's ledgers pass: what is recorded and refused
 * ({@link io.github.alipaystarter.core.store.LedgerRules}), that {@code markPaid} wins exactly once, also
 * when 200 deliveries race from 16 threads, that a false answer comes only once PAID is committed, that
 * an {@code onWin} that throws leaves the trade UNPAID and a retry pays it once, and that a closed or
 * refunded trade is never paid afterwards.
 *
 * <p>One ledger serves the whole class; every test uses out_trade_nos of its own, so a ledger on a
 * shared database works. When your ledger keeps the application's work inside its unit of work (a
 * database transaction), override {@link #writeInsideOnPaid} and {@link #committedWrites} so that the
 * contract also checks that this work commits and rolls back with the PAID state.
 */
public abstract class PaymentLedgerContract extends LedgerContractSupport {

    // --- record ---

    @Test
    void recordsATradeAsUnpaid() {
        String no = newTradeNo();
        ledger().record(no, new BigDecimal("12.5"), "测试商品 Chinese subject");

        LedgerEntry e = ledger().find(no).orElseThrow();
        assertThat(e.outTradeNo()).isEqualTo(no);
        assertThat(e.totalFee()).isEqualTo(new BigDecimal("12.50"));
        assertThat(e.subject()).isEqualTo("测试商品 Chinese subject");
        assertThat(e.status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(e.tradeNo()).isNull();
        assertThat(e.paidAt()).isNull();
        assertThat(e.createdAt()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));
    }

    @Test
    void findsNothingForAnUnknownTrade() {
        assertThat(ledger().find(newTradeNo())).isEmpty();
        assertThat(ledger().find(null)).isEmpty();
    }

    @Test
    void recordIsIdempotentForTheSameAmountComparedAsMoney() {
        String no = newTradeNo();
        ledger().record(no, new BigDecimal("10.00"), "first");
        ledger().record(no, new BigDecimal("10"), "second");
        ledger().record(no, new BigDecimal("10.0"), "third");

        LedgerEntry e = ledger().find(no).orElseThrow();
        assertThat(e.totalFee()).isEqualTo(new BigDecimal("10.00"));
        assertThat(e.subject()).isEqualTo("first");
    }

    @Test
    void recordRefusesAnotherAmountWithTradeTotalfeeNotMatch() {
        String no = newTradeNo();
        ledger().record(no, new BigDecimal("10.00"), "s");

        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger().record(no, new BigDecimal("10.01"), "s"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH))
                .withMessageContaining("10.00");
        assertThat(ledger().find(no).orElseThrow().totalFee()).isEqualTo(new BigDecimal("10.00"));
    }

    @Test
    void recordRefusesAPaidClosedOrRefundedTradeWithTradeNotAllowedPay() {
        String paid = newTrade("3.00");
        assertThat(ledger().markPaid(paid(paid, "3.00", TradeStatus.TRADE_SUCCESS), t -> { })).isTrue();
        String closed = newTrade("3.00");
        assertThat(ledger().markClosed(closed)).isTrue();
        String refunded = newTrade("3.00");
        assertThat(ledger().markRefunded(refunded)).isTrue();

        for (String no : List.of(paid, closed, refunded)) {
            assertThatExceptionOfType(AlipayParameterException.class)
                    .isThrownBy(() -> ledger().record(no, new BigDecimal("3.00"), "again"))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_NOT_ALLOWED_PAY));
        }
    }

    @Test
    void recordRefusesMoreThanTwoDecimals() {
        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger().record(newTradeNo(), new BigDecimal("1.001"), "s"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_FEE_PARAM));
    }

    @Test
    void recordAcceptsAmountsFromOneFenToTwelveDigitsOnly() {
        for (String amount : List.of("0", "0.00", "-1.00", "10000000000.00")) {
            String no = newTradeNo();
            assertThatExceptionOfType(AlipayParameterException.class)
                    .as(amount)
                    .isThrownBy(() -> ledger().record(no, new BigDecimal(amount), "s"))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_FEE_PARAM));
            assertThat(ledger().find(no)).isEmpty();
        }
        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger().record(newTradeNo(), null, "s"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_FEE_PARAM));
        for (String amount : List.of("0.01", "9999999999.99")) {
            String no = newTradeNo();
            ledger().record(no, new BigDecimal(amount), "s");
            assertThat(ledger().find(no).orElseThrow().totalFee()).isEqualTo(new BigDecimal(amount));
        }
    }

    @Test
    void recordAcceptsAnOutTradeNoOfAtMostSixtyFourCharacters() {
        String longest = (newTradeNo() + "x".repeat(64)).substring(0, 64);
        ledger().record(longest, new BigDecimal("1.00"), "s");
        assertThat(ledger().find(longest).orElseThrow().outTradeNo()).isEqualTo(longest);

        String tooLong = longest + "9";
        assertThatExceptionOfType(AlipayParameterException.class)
                .isThrownBy(() -> ledger().record(tooLong, new BigDecimal("1.00"), "s"))
                .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_LENGTH));
        for (String blank : new String[] {null, "", "  "}) {
            assertThatExceptionOfType(AlipayParameterException.class)
                    .isThrownBy(() -> ledger().record(blank, new BigDecimal("1.00"), "s"))
                    .satisfies(e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_ARGUMENT));
        }
    }

    @Test
    void racingRecordsOfOneNewTradeAllSucceed() throws Exception {
        String no = newTradeNo();
        List<Throwable> failures = runConcurrently(32, i -> ledger().record(no, new BigDecimal("66.60"), "race " + i));

        assertThat(failures).isEmpty();
        assertThat(ledger().find(no).orElseThrow().totalFee()).isEqualTo(new BigDecimal("66.60"));
    }

    @Test
    void racingRecordsWithAnotherAmountAreRefused() throws Exception {
        String no = newTradeNo();
        List<Throwable> failures = runConcurrently(32,
                i -> ledger().record(no, i % 2 == 0 ? new BigDecimal("1.00") : new BigDecimal("2.00"), "race"));

        BigDecimal kept = ledger().find(no).orElseThrow().totalFee();
        assertThat(failures).hasSize(16).allSatisfy(f -> assertThat(f).isInstanceOfSatisfying(
                AlipayParameterException.class,
                e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH)));
        assertThat(kept).isIn(new BigDecimal("1.00"), new BigDecimal("2.00"));
    }

    // --- markPaid ---

    @Test
    void markPaidWinsOnceAndStoresThePayment() {
        String no = newTrade("99.99");
        OffsetDateTime paidAt = OffsetDateTime.of(2026, 11, 26, 9, 30, 15, 123_456_000, ZoneOffset.ofHours(8));
        PaidTrade trade = new PaidTrade(no, "2026112621001004010012345678", new BigDecimal("99.99"), paidAt,
                TradeStatus.TRADE_SUCCESS, "2088102122524333", "buyer@example.com", "s", null, NotificationSource.NOTIFY);
        List<PaidTrade> handled = new ArrayList<>();

        assertThat(ledger().markPaid(trade, handled::add)).isTrue();
        assertThat(ledger().markPaid(trade, handled::add)).isFalse();

        assertThat(handled).containsExactly(trade);
        LedgerEntry e = ledger().find(no).orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.PAID);
        assertThat(e.tradeNo()).isEqualTo("2026112621001004010012345678");
        assertThat(e.paidAt()).isEqualTo(paidAt);
    }

    @Test
    void tradeFinishedAfterTradeSuccessIsADuplicate() {
        String no = newTrade("1.00");
        AtomicInteger calls = new AtomicInteger();
        assertThat(ledger().markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> calls.incrementAndGet())).isTrue();
        assertThat(ledger().markPaid(paid(no, "1.00", TradeStatus.TRADE_FINISHED), t -> calls.incrementAndGet())).isFalse();
        assertThat(calls).hasValue(1);
    }

    @Test
    void markPaidThrowsForAnUnknownTrade() {
        assertThatIllegalStateException()
                .isThrownBy(() -> ledger().markPaid(paid(newTradeNo(), "1.00", TradeStatus.TRADE_SUCCESS), t -> { }))
                .withMessageContaining("not in the ledger");
    }

    @Test
    void markPaidThrowsForAClosedTradeAndCallsNoHandler() {
        String no = newTrade("1.00");
        assertThat(ledger().markClosed(no)).isTrue();
        AtomicInteger calls = new AtomicInteger();

        assertThatIllegalStateException()
                .isThrownBy(() -> ledger().markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> calls.incrementAndGet()))
                .withMessageContaining("CLOSED");
        assertThat(calls).hasValue(0);
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);
    }

    @Test
    void markPaidThrowsWhenThePaidAmountDiffersFromTheRecordedOne() {
        String no = newTrade("10.00");
        assertThatIllegalStateException()
                .isThrownBy(() -> ledger().markPaid(paid(no, "10.01", TradeStatus.TRADE_SUCCESS), t -> { }))
                .withMessageContaining("10.00").withMessageContaining("10.01");
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void markPaidComparesTheAmountAsMoney() {
        String no = newTrade("10.00");
        assertThat(ledger().markPaid(paid(no, "10", TradeStatus.TRADE_SUCCESS), t -> { })).isTrue();
    }

    @Test
    void markPaidReturnsFalseForARefundedTrade() {
        String no = newTrade("1.00");
        assertThat(ledger().markPaid(paid(no, "1.00", TradeStatus.TRADE_SUCCESS), t -> { })).isTrue();
        assertThat(ledger().markRefunded(no)).isTrue();
        assertThat(ledger().markPaid(paid(no, "1.00", TradeStatus.TRADE_FINISHED), t -> { })).isFalse();
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
    }

    @Test
    void markRefundedEndsAnUnpaidTradeSoThatALaterPaymentDoesNotWin() {
        // a full refund verified before the payment was recorded
        String no = newTrade("3.00");
        assertThat(ledger().markRefunded(no)).isTrue();
        assertThat(ledger().markRefunded(no)).isFalse();

        List<String> called = new ArrayList<>();
        assertThat(ledger().markPaid(paid(no, "3.00", TradeStatus.TRADE_SUCCESS), t -> called.add(t.outTradeNo())))
                .isFalse();
        assertThat(called).isEmpty();
        LedgerEntry e = ledger().find(no).orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(e.paidAt()).as("never paid").isNull();
        assertThat(ledger().findUnpaidOlderThan(Instant.now().plusSeconds(86400), 1000))
                .extracting(LedgerEntry::outTradeNo).doesNotContain(no);
    }

    @Test
    void markRefundedLeavesAClosedTradeClosed() {
        String no = newTrade("3.00");
        assertThat(ledger().markClosed(no)).isTrue();
        assertThat(ledger().markRefunded(no)).isFalse();
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);
    }

    @Test
    void onPaidWorkCommitsWithThePaidRow() {
        String no = newTrade("8.00");
        assertThat(ledger().markPaid(paid(no, "8.00", TradeStatus.TRADE_SUCCESS), t -> writeInsideOnPaid(t, "winner")))
                .isTrue();
        List<String> committed = committedWrites(no);
        if (committed != null) {
            assertThat(committed).containsExactly("winner");
        }
    }

    @Test
    void onPaidFailureLeavesTheTradeUnpaidUndoesItsWorkAndIsRethrown() {
        String no = newTrade("8.00");
        IllegalStateException boom = new IllegalStateException("order service down");

        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> ledger().markPaid(paid(no, "8.00", TradeStatus.TRADE_SUCCESS), t -> {
                    writeInsideOnPaid(t, "rolled back");
                    throw boom;
                }))
                .isSameAs(boom);

        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        List<String> committed = committedWrites(no);
        if (committed != null) {
            assertThat(committed).isEmpty();
        }
    }

    @Test
    void aHandlerThatThrowsOnceIsCalledAgainAndTheOrderEndsPaidOnce() {
        String no = newTrade("20.00");
        AtomicInteger attempts = new AtomicInteger();
        Consumer<PaidTrade> flaky = t -> {
            writeInsideOnPaid(t, "attempt " + attempts.incrementAndGet());
            if (attempts.get() == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        };

        assertThatIllegalStateException()
                .isThrownBy(() -> ledger().markPaid(paid(no, "20.00", TradeStatus.TRADE_SUCCESS), flaky));
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(ledger().markPaid(paid(no, "20.00", TradeStatus.TRADE_SUCCESS), flaky)).isTrue();
        assertThat(ledger().markPaid(paid(no, "20.00", TradeStatus.TRADE_FINISHED), flaky)).isFalse();

        assertThat(attempts).hasValue(2);
        List<String> committed = committedWrites(no);
        if (committed != null) {
            assertThat(committed).containsExactly("attempt 2");
        }
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void twoHundredConcurrentDeliveriesGiveOneOnPaidAndFalseOnlyAfterItsCommit() throws Exception {
        String no = newTrade("88.88");
        AtomicInteger onPaidCalls = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());

        List<Object> results = deliverConcurrently(no, (i, t) -> {
            onPaidCalls.incrementAndGet();
            writeInsideOnPaid(t, "delivery " + i);
            pauseWhileOthersQueueUp();
        }, problems);

        assertThat(problems).isEmpty();
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(CALLS - 1);
        assertThat(onPaidCalls).hasValue(1);
        List<String> committed = committedWrites(no);
        if (committed != null) {
            assertThat(committed).hasSize(1);
        }
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void whenTheFirstWinnerFailsUnderConcurrencyAnotherDeliveryPaysExactlyOnce() throws Exception {
        String no = newTrade("77.70");
        AtomicBoolean failedOnce = new AtomicBoolean();
        AtomicInteger onPaidCalls = new AtomicInteger();
        List<String> problems = Collections.synchronizedList(new ArrayList<>());

        List<Object> results = deliverConcurrently(no, (i, t) -> {
            onPaidCalls.incrementAndGet();
            writeInsideOnPaid(t, "delivery " + i);
            pauseWhileOthersQueueUp();
            if (failedOnce.compareAndSet(false, true)) {
                throw new IllegalStateException("first onPaid fails");
            }
        }, problems);

        assertThat(problems).isEmpty();
        assertThat(results).filteredOn(Boolean.TRUE::equals).hasSize(1);
        assertThat(results).filteredOn(r -> r instanceof IllegalStateException).hasSize(1);
        assertThat(results).filteredOn(Boolean.FALSE::equals).hasSize(CALLS - 2);
        assertThat(onPaidCalls).hasValue(2);
        List<String> committed = committedWrites(no);
        if (committed != null) {
            assertThat(committed).hasSize(1);
        }
    }

    // --- other transitions ---

    @Test
    void markClosedMovesOnlyAnUnpaidTrade() {
        String no = newTrade("1.00");
        assertThat(ledger().markClosed(no)).isTrue();
        assertThat(ledger().markClosed(no)).isFalse();
        assertThat(ledger().find(no).orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);

        String paidNo = newTrade("1.00");
        ledger().markPaid(paid(paidNo, "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
        assertThat(ledger().markClosed(paidNo)).isFalse();
        String refundedNo = newTrade("1.00");
        ledger().markRefunded(refundedNo);
        assertThat(ledger().markClosed(refundedNo)).isFalse();
        assertThat(ledger().find(refundedNo).orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(ledger().markClosed(newTradeNo())).isFalse();
        assertThat(ledger().markRefunded(newTradeNo())).isFalse();
    }

    @Test
    void markRefundedMovesAPaidTradeOnceAndKeepsItsPayment() {
        String no = newTrade("1.00");
        PaidTrade trade = paid(no, "1.00", TradeStatus.TRADE_SUCCESS);
        ledger().markPaid(trade, t -> { });
        assertThat(ledger().markRefunded(no)).isTrue();
        assertThat(ledger().markRefunded(no)).isFalse();
        LedgerEntry e = ledger().find(no).orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(e.tradeNo()).isEqualTo(trade.tradeNo());
        assertThat(e.paidAt()).isEqualTo(trade.paidAt());
    }

    @Test
    void findsUnpaidTradesOlderThanAnInstantOldestFirst() {
        Instant base = Instant.parse("2001-02-03T04:05:06.123456Z");
        List<String> nos = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                String no = newTradeNo();
                nos.add(no);
                clock().set(base.plusSeconds(i * 60L));
                ledger().record(no, new BigDecimal("1.00"), "old " + i);
            }
        } finally {
            clock().set(null);
        }
        ledger().markPaid(paid(nos.get(1), "1.00", TradeStatus.TRADE_SUCCESS), t -> { });

        List<LedgerEntry> unpaid = ledger().findUnpaidOlderThan(base.plusSeconds(150), 10);
        assertThat(unpaid).extracting(LedgerEntry::outTradeNo).containsExactly(nos.get(0), nos.get(2));
        assertThat(unpaid.get(0).createdAt()).isEqualTo(base);
        assertThat(ledger().findUnpaidOlderThan(base.plusSeconds(1000), 2)).extracting(LedgerEntry::outTradeNo)
                .containsExactly(nos.get(0), nos.get(2));
        assertThat(ledger().findUnpaidOlderThan(base, 10)).isEmpty();
        assertThat(ledger().findUnpaidOlderThan(base.plusSeconds(1000), 0)).isEmpty();
    }

    @Test
    void countsTradesByStatusWithEveryStatusPresent() {
        Map<LedgerStatus, Long> before = ledger().countByStatus();
        assertThat(before).containsOnlyKeys(LedgerStatus.values());
        String unpaid = newTradeNo();
        String paid = newTradeNo();
        String closed = newTradeNo();
        String refunded = newTradeNo();
        for (String no : List.of(unpaid, paid, closed, refunded)) {
            ledger().record(no, new BigDecimal("1.00"), "count");
        }
        ledger().markPaid(paid(paid, "1.00", TradeStatus.TRADE_SUCCESS), t -> { });
        ledger().markClosed(closed);
        ledger().markRefunded(refunded);

        Map<LedgerStatus, Long> after = ledger().countByStatus();
        for (LedgerStatus status : LedgerStatus.values()) {
            assertThat(after.get(status) - before.get(status)).as(status.name()).isEqualTo(1);
        }
    }
}
