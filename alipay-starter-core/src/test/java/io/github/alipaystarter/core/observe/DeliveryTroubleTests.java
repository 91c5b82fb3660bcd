package io.github.alipaystarter.core.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.observe.DeliveryTrouble.Kind;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeliveryTroubleTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T08:00:00Z"));
    private final DeliveryTrouble trouble = new DeliveryTrouble(Duration.ofMinutes(15), clock);

    @Test
    void reportsNothingBeforeAnyTrouble() {
        assertThat(trouble.recent()).containsEntry(Kind.HANDLER_FAILED, new DeliveryTrouble.Recent(0, null, null))
                .containsEntry(Kind.GATEWAY_UNAVAILABLE, new DeliveryTrouble.Recent(0, null, null));
    }

    @Test
    void countsHandlerFailuresWithinTheWindowAndKeepsTheLatest() {
        trouble.notificationProcessed(NotificationSource.NOTIFY,
                new ProcessingResult(Outcome.HANDLER_FAILED, "onPaid threw java.lang.IllegalStateException", "T1"));
        clock.set(clock.instant().plus(Duration.ofMinutes(10)));
        trouble.notificationProcessed(NotificationSource.RETURN,
                new ProcessingResult(Outcome.HANDLER_FAILED, "onPaid threw java.lang.RuntimeException", "T2"));
        trouble.notificationProcessed(NotificationSource.NOTIFY, new ProcessingResult(Outcome.PAID, "paid", "T3"));

        DeliveryTrouble.Recent recent = trouble.recent().get(Kind.HANDLER_FAILED);
        assertThat(recent.count()).isEqualTo(2);
        assertThat(recent.last()).isEqualTo(clock.instant());
        assertThat(recent.lastReason()).isEqualTo("return (out_trade_no T2): onPaid threw java.lang.RuntimeException");

        clock.set(clock.instant().plus(Duration.ofMinutes(6)));
        assertThat(trouble.recent().get(Kind.HANDLER_FAILED).count()).as("the first is out of the window").isEqualTo(1);
        clock.set(clock.instant().plus(Duration.ofMinutes(10)));
        DeliveryTrouble.Recent later = trouble.recent().get(Kind.HANDLER_FAILED);
        assertThat(later.count()).isZero();
        assertThat(later.last()).as("the latest stays known").isEqualTo(clock.instant().minus(Duration.ofMinutes(16)));
    }

    @Test
    void countsFailedGatewayCallsOnly() {
        trouble.gatewayCalled(new GatewayCall("notify_verify", "true", Duration.ofMillis(5), null));
        trouble.gatewayCalled(new GatewayCall("notify_verify", "timeout", Duration.ofSeconds(10), "timed out"));

        DeliveryTrouble.Recent recent = trouble.recent().get(Kind.GATEWAY_UNAVAILABLE);
        assertThat(recent.count()).isEqualTo(1);
        assertThat(recent.lastReason()).isEqualTo("notify_verify timeout: timed out");
        assertThat(trouble.recent().get(Kind.HANDLER_FAILED).count()).isZero();
    }

    @Test
    void remembersAtMostABoundedNumberOfOccurrences() {
        for (int i = 0; i < DeliveryTrouble.MAX_REMEMBERED + 50; i++) {
            trouble.gatewayCalled(new GatewayCall("notify_verify", "unavailable", Duration.ZERO, "refused"));
        }

        assertThat(trouble.recent().get(Kind.GATEWAY_UNAVAILABLE).count()).isEqualTo(DeliveryTrouble.MAX_REMEMBERED);
    }

    @Test
    void keepsControlCharactersOutOfTheReason() {
        trouble.gatewayCalled(new GatewayCall("notify_verify", "error", Duration.ZERO, "line\nbreak"));

        assertThat(trouble.recent().get(Kind.GATEWAY_UNAVAILABLE).lastReason()).isEqualTo("notify_verify error: line?break");
    }
}
