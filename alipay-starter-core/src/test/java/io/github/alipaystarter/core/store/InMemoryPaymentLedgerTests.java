package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.payment.PaidTrade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InMemoryPaymentLedgerTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger(clock);
    private final ExecutorService pool = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static PaidTrade paid(String no, String amount) {
        return new PaidTrade(no, "2026112621001004", new BigDecimal(amount),
                OffsetDateTime.parse("2026-11-26T10:15:01+08:00"), TradeStatus.TRADE_SUCCESS, "2088002007013600",
                "buyer@example.com", "subject", null, NotificationSource.NOTIFY);
    }

    @Test
    void recordsATradeAsUnpaidWithScaleTwoAmount() {
        ledger.record("A1", new BigDecimal("9.9"), "cup");

        LedgerEntry e = ledger.find("A1").orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.UNPAID);
        assertThat(e.totalFee()).isEqualByComparingTo("9.90").hasToString("9.90");
        assertThat(e.subject()).isEqualTo("cup");
        assertThat(e.createdAt()).isEqualTo(clock.instant());
        assertThat(e.tradeNo()).isNull();
        assertThat(e.paidAt()).isNull();
    }

    @Test
    void recordIsIdempotentForTheSameAmountComparedAsMoney() {
        ledger.record("A1", new BigDecimal("1.0"), "cup");
        ledger.record("A1", new BigDecimal("1.00"), "cup again");
        ledger.record("A1", new BigDecimal("1"), "cup");

        assertThat(ledger.find("A1").orElseThrow().subject()).isEqualTo("cup");
    }

    @Test
    void recordWithAnotherAmountFailsWithTradeTotalfeeNotMatch() {
        ledger.record("A1", new BigDecimal("1.00"), "cup");

        assertThatThrownBy(() -> ledger.record("A1", new BigDecimal("1.01"), "cup"))
                .isInstanceOfSatisfying(AlipayParameterException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
                    assertThat(e.parameter()).isEqualTo("total_fee");
                })
                .hasMessageContaining("A1").hasMessageContaining("1.00");
        assertThat(ledger.find("A1").orElseThrow().totalFee()).isEqualByComparingTo("1.00");
    }

    @Test
    void recordOfATradeNoLongerUnpaidFailsWithTradeNotAllowedPay() {
        ledger.record("A1", new BigDecimal("1.00"), "cup");
        ledger.markPaid(paid("A1", "1.00"), t -> { });
        ledger.record("A2", new BigDecimal("2.00"), "mug");
        ledger.markClosed("A2");

        for (String no : List.of("A1", "A2")) {
            BigDecimal amount = ledger.find(no).orElseThrow().totalFee();
            assertThatThrownBy(() -> ledger.record(no, amount, "again"))
                    .isInstanceOfSatisfying(AlipayParameterException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.TRADE_NOT_ALLOWED_PAY));
        }
    }

    @Test
    void recordRejectsAnAmountWithMoreThanTwoDecimals() {
        assertThatThrownBy(() -> ledger.record("A1", new BigDecimal("1.005"), "cup"))
                .isInstanceOfSatisfying(AlipayParameterException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(AlipayErrorCode.ILLEGAL_FEE_PARAM));
        assertThat(ledger.find("A1")).isEmpty();
    }

    @Test
    void markPaidWinsOnceRunsOnWinAndStoresTheTrade() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        List<PaidTrade> wins = new ArrayList<>();

        assertThat(ledger.markPaid(paid("A1", "5.00"), wins::add)).isTrue();
        assertThat(ledger.markPaid(paid("A1", "5.00"), wins::add)).isFalse();

        assertThat(wins).hasSize(1);
        LedgerEntry e = ledger.find("A1").orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.PAID);
        assertThat(e.tradeNo()).isEqualTo("2026112621001004");
        assertThat(e.paidAt()).isEqualTo(OffsetDateTime.parse("2026-11-26T10:15:01+08:00"));
    }

    @Test
    void markPaidRollsBackAndRethrowsWhenOnWinThrows() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        RuntimeException boom = new IllegalStateException("boom");

        assertThatThrownBy(() -> ledger.markPaid(paid("A1", "5.00"), t -> {
            throw boom;
        })).isSameAs(boom);

        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
        AtomicInteger wins = new AtomicInteger();
        assertThat(ledger.markPaid(paid("A1", "5.00"), t -> wins.incrementAndGet())).isTrue();
        assertThat(wins).hasValue(1);
    }

    @Test
    void markPaidRollsBackWhenOnWinThrowsAnError() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");

        assertThatThrownBy(() -> ledger.markPaid(paid("A1", "5.00"), t -> {
            throw new AssertionError("handler bug");
        })).isInstanceOf(AssertionError.class);

        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void markPaidOfAnUnknownOrClosedTradeThrowsIllegalState() {
        ledger.record("A2", new BigDecimal("5.00"), "cup");
        ledger.markClosed("A2");

        assertThatThrownBy(() -> ledger.markPaid(paid("A1", "5.00"), t -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("A1");
        assertThatThrownBy(() -> ledger.markPaid(paid("A2", "5.00"), t -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLOSED");
    }

    @Test
    void markPaidWithAnotherAmountThanRecordedThrowsAndCallsNothing() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        AtomicInteger wins = new AtomicInteger();

        assertThatThrownBy(() -> ledger.markPaid(paid("A1", "0.01"), t -> wins.incrementAndGet()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(wins).hasValue(0);
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void markPaidOfARefundedTradeIsNotAWin() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        ledger.markPaid(paid("A1", "5.00"), t -> { });
        assertThat(ledger.markRefunded("A1")).isTrue();

        assertThat(ledger.markPaid(paid("A1", "5.00"), t -> { })).isFalse();
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
    }

    @Test
    void markPaidCalledFromInsideItsOwnOnWinIsRefused() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        AtomicInteger wins = new AtomicInteger();

        assertThatThrownBy(() -> ledger.markPaid(paid("A1", "5.00"), t -> {
            wins.incrementAndGet();
            ledger.markPaid(paid("A1", "5.00"), t2 -> wins.incrementAndGet());
        })).isInstanceOf(IllegalStateException.class).hasMessageContaining("twice");
        assertThat(wins).hasValue(1);
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void findShowsUnpaidWhileOnWinIsStillRunning() throws Exception {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        AtomicReference<LedgerStatus> seenInside = new AtomicReference<>();
        AtomicReference<LedgerStatus> seenByOtherThread = new AtomicReference<>();

        ledger.markPaid(paid("A1", "5.00"), t -> {
            seenInside.set(ledger.find("A1").orElseThrow().status());
            try {
                seenByOtherThread.set(pool.submit(() -> ledger.find("A1").orElseThrow().status()).get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(seenInside).hasValue(LedgerStatus.UNPAID);
        assertThat(seenByOtherThread).hasValue(LedgerStatus.UNPAID);
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aConcurrentCallerWaitsForTheWinnerAndWinsItselfAfterARollback() throws Exception {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        CountDownLatch firstInside = new CountDownLatch(1);
        AtomicReference<Thread> second = new AtomicReference<>();
        AtomicInteger secondWins = new AtomicInteger();

        Future<Boolean> first = pool.submit(() -> ledger.markPaid(paid("A1", "5.00"), t -> {
            firstInside.countDown();
            awaitParked(second);   // the second caller is now waiting for this transition's outcome
            throw new IllegalStateException("first handler fails");
        }));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Boolean> secondResult = pool.submit(() -> {
            second.set(Thread.currentThread());
            return ledger.markPaid(paid("A1", "5.00"), t -> secondWins.incrementAndGet());
        });

        assertThatThrownBy(first::get).hasCauseInstanceOf(IllegalStateException.class);
        assertThat(secondResult.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(secondWins).hasValue(1);
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void aConcurrentCallerAnswersAlreadyPaidOnlyAfterTheWinnerCommitted() throws Exception {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        CountDownLatch firstInside = new CountDownLatch(1);
        AtomicReference<Thread> second = new AtomicReference<>();
        AtomicInteger committed = new AtomicInteger();

        Future<Boolean> first = pool.submit(() -> ledger.markPaid(paid("A1", "5.00"), t -> {
            firstInside.countDown();
            awaitParked(second);
            committed.incrementAndGet();
        }));
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();
        Future<Integer> committedWhenSecondReturned = pool.submit(() -> {
            second.set(Thread.currentThread());
            boolean won = ledger.markPaid(paid("A1", "5.00"), t -> committed.incrementAndGet());
            return won ? -1 : committed.get();
        });

        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(committedWhenSecondReturned.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }

    /** Waits until the thread in {@code ref} is parked (waiting for the trade's lock); gives up after 10 s. */
    private static void awaitParked(AtomicReference<Thread> ref) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Thread t = ref.get();
            if (t != null && (t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING)) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the second caller never waited for the lock");
    }

    @Test
    void concurrentMarkPaidForOneTradeHasExactlyOneWinner() throws Exception {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        AtomicInteger onWin = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return ledger.markPaid(paid("A1", "5.00"), t -> onWin.incrementAndGet());
            }));
        }
        start.countDown();

        int winners = 0;
        for (Future<Boolean> f : results) {
            winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
        assertThat(onWin).hasValue(1);
    }

    @Test
    void markClosedMovesOnlyUnpaidTrades() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        ledger.record("A2", new BigDecimal("5.00"), "cup");
        ledger.markPaid(paid("A2", "5.00"), t -> { });

        assertThat(ledger.markClosed("A1")).isTrue();
        assertThat(ledger.markClosed("A1")).isFalse();
        assertThat(ledger.markClosed("A2")).isFalse();
        assertThat(ledger.markClosed("nope")).isFalse();
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);
        assertThat(ledger.find("A2").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    @Test
    void markRefundedMovesAPaidTradeAndKeepsThePayment() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        ledger.markPaid(paid("A1", "5.00"), t -> { });

        assertThat(ledger.markRefunded("A1")).isTrue();
        assertThat(ledger.markRefunded("A1")).isFalse();
        LedgerEntry e = ledger.find("A1").orElseThrow();
        assertThat(e.status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(e.tradeNo()).isEqualTo("2026112621001004");
    }

    @Test
    void markRefundedEndsAnUnpaidTradeSoThatNoLaterPaymentWinsAndReconciliationSkipsIt() {
        // issue 8, defect 2: the full refund verified before the payment was recorded
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        ledger.record("A2", new BigDecimal("5.00"), "cup");
        clock.set(clock.instant().plusSeconds(3600));

        assertThat(ledger.markRefunded("A1")).isTrue();
        assertThat(ledger.markRefunded("A1")).isFalse();
        AtomicInteger wins = new AtomicInteger();
        assertThat(ledger.markPaid(paid("A1", "5.00"), t -> wins.incrementAndGet())).isFalse();

        assertThat(wins).hasValue(0);
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.REFUNDED);
        assertThat(ledger.findUnpaidOlderThan(clock.instant(), 10)).extracting(LedgerEntry::outTradeNo)
                .containsExactly("A2");
    }

    @Test
    void markRefundedLeavesAClosedTradeClosed() {
        ledger.record("A1", new BigDecimal("5.00"), "cup");
        ledger.markClosed("A1");

        assertThat(ledger.markRefunded("A1")).isFalse();
        assertThat(ledger.find("A1").orElseThrow().status()).isEqualTo(LedgerStatus.CLOSED);
    }

    @Test
    void findUnpaidOlderThanListsOldUnpaidTradesOldestFirstUpToTheLimit() {
        Instant t0 = clock.instant();
        ledger.record("C", new BigDecimal("1.00"), "c");
        clock.set(t0.plusSeconds(60));
        ledger.record("B", new BigDecimal("1.00"), "b");
        ledger.record("A", new BigDecimal("1.00"), "a");
        clock.set(t0.plusSeconds(120));
        ledger.record("PAID", new BigDecimal("1.00"), "p");
        ledger.markPaid(paid("PAID", "1.00"), t -> { });
        clock.set(t0.plusSeconds(180));
        ledger.record("NEW", new BigDecimal("1.00"), "n");

        assertThat(ledger.findUnpaidOlderThan(t0.plusSeconds(180), 10)).extracting(LedgerEntry::outTradeNo)
                .containsExactly("C", "A", "B");
        assertThat(ledger.findUnpaidOlderThan(t0.plusSeconds(180), 2)).extracting(LedgerEntry::outTradeNo)
                .containsExactly("C", "A");
        assertThat(ledger.findUnpaidOlderThan(t0, 10)).isEmpty();
        assertThat(ledger.findUnpaidOlderThan(t0.plusSeconds(999), 0)).isEmpty();
    }

    @Test
    void countsTradesByStatusWithEveryStatusPresent() {
        assertThat(ledger.countByStatus()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                LedgerStatus.UNPAID, 0L, LedgerStatus.PAID, 0L, LedgerStatus.CLOSED, 0L, LedgerStatus.REFUNDED, 0L));
        ledger.record("U1", new BigDecimal("1.00"), "u");
        ledger.record("U2", new BigDecimal("1.00"), "u");
        ledger.record("P1", new BigDecimal("1.00"), "p");
        ledger.markPaid(paid("P1", "1.00"), t -> { });
        ledger.record("C1", new BigDecimal("1.00"), "c");
        ledger.markClosed("C1");

        assertThat(ledger.countByStatus()).containsEntry(LedgerStatus.UNPAID, 2L).containsEntry(LedgerStatus.PAID, 1L)
                .containsEntry(LedgerStatus.CLOSED, 1L).containsEntry(LedgerStatus.REFUNDED, 0L);
    }
}
