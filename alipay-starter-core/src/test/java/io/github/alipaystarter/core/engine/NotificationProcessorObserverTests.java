package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import io.github.alipaystarter.core.store.InMemoryPaymentLedger;
import io.github.alipaystarter.core.store.LedgerStatus;
import static io.github.alipaystarter.core.engine.PaymentFixtures.SELLER_ID;
import static io.github.alipaystarter.core.engine.PaymentFixtures.notification;
import static io.github.alipaystarter.core.engine.PaymentFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.observe.AlipayObserver;
import io.github.alipaystarter.core.engine.PaymentFixtures.FakeCheck;
import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import io.github.alipaystarter.core.engine.PaymentFixtures.RecordingHandler;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The processor's observer hook: one call per delivery with its outcome, one per handler call. */
class NotificationProcessorObserverTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:00Z"));
    private final InMemoryPaymentLedger ledger = new InMemoryPaymentLedger(clock);
    private final RecordingHandler handler = new RecordingHandler();
    private final Recording observer = new Recording();
    private final NotificationProcessor processor = NotificationProcessor.builder().seller(SELLER_ID)
            .check(new FakeCheck()).ledger(ledger).handler(handler).observer(observer).clock(clock).build();

    @BeforeEach
    void recordTrades() {
        ledger.record("T1", new BigDecimal("88.00"), "a");
        ledger.record("T2", new BigDecimal("10.00"), "b");
    }

    @Test
    void tellsTheObserverTheOutcomeOfEveryDeliveryAndEveryHandlerCall() {
        processor.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));
        processor.process(NotificationSource.RETURN, notification("T1", "88.00", "TRADE_SUCCESS"));
        processor.process(NotificationSource.NOTIFY, with(notification("T1", "88.00", "TRADE_SUCCESS"), "sign", "forged"));

        assertThat(observer.outcomes).containsExactly("NOTIFY PAID", "RETURN DUPLICATE", "NOTIFY BAD_SIGNATURE");
        assertThat(observer.handlerCalls).containsExactly("onPaid ok");
    }

    @Test
    void tellsTheObserverOfAHandlerFailureWithWhatItThrew() {
        handler.failuresLeft = 1;

        ProcessingResult r = processor.process(NotificationSource.NOTIFY, notification("T2", "10.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.HANDLER_FAILED);
        assertThat(observer.outcomes).containsExactly("NOTIFY HANDLER_FAILED");
        assertThat(observer.handlerCalls).containsExactly("onPaid IllegalStateException");
        assertThat(ledger.find("T2").orElseThrow().status()).isEqualTo(LedgerStatus.UNPAID);
    }

    @Test
    void tellsTheObserverOfMalformedBodies() {
        processor.processRaw(NotificationSource.NOTIFY, "%zz".getBytes(StandardCharsets.US_ASCII), null);

        assertThat(observer.outcomes).containsExactly("NOTIFY MALFORMED");
    }

    @Test
    void anObserverThatThrowsChangesNeitherTheOutcomeNorTheHandlerCall() {
        AlipayObserver throwing = new AlipayObserver() {
            @Override
            public void notificationProcessed(NotificationSource source, ProcessingResult result) {
                throw new IllegalStateException("broken observer");
            }

            @Override
            public void handlerCalled(String callback, Duration duration, Throwable failure) {
                throw new IllegalStateException("broken observer");
            }
        };
        NotificationProcessor p = NotificationProcessor.builder().seller(SELLER_ID).check(new FakeCheck())
                .ledger(ledger).handler(handler).observer(throwing).clock(clock).build();

        ProcessingResult r = p.process(NotificationSource.NOTIFY, notification("T1", "88.00", "TRADE_SUCCESS"));

        assertThat(r.outcome()).isEqualTo(Outcome.PAID);
        assertThat(handler.paid).hasSize(1);
        assertThat(ledger.find("T1").orElseThrow().status()).isEqualTo(LedgerStatus.PAID);
    }

    static final class Recording implements AlipayObserver {
        final List<String> outcomes = new CopyOnWriteArrayList<>();
        final List<String> handlerCalls = new CopyOnWriteArrayList<>();

        @Override
        public void notificationProcessed(NotificationSource source, ProcessingResult result) {
            outcomes.add(source + " " + result.outcome());
        }

        @Override
        public void handlerCalled(String callback, Duration duration, Throwable failure) {
            assertThat(duration.isNegative()).isFalse();
            handlerCalls.add(callback + " " + (failure == null ? "ok" : failure.getClass().getSimpleName()));
        }
    }
}
