package io.github.alipaystarter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The clock tests move by hand, and its scheduler: tasks run when their time is reached, never before. */
class ManualSandboxClockTests {

    final ManualSandboxClock time = new ManualSandboxClock();
    final List<String> ran = new CopyOnWriteArrayList<>();

    @Test
    void standsStillUntilAdvanced() {
        assertThat(time.instant()).isEqualTo(ManualSandboxClock.DEFAULT_START);
        time.advance(Duration.ofSeconds(5));
        assertThat(time.instant()).isEqualTo(ManualSandboxClock.DEFAULT_START.plusSeconds(5));
        assertThat(time.withZone(ZoneId.of("Asia/Shanghai")).instant()).isEqualTo(time.instant());
    }

    @Test
    void runsATaskExactlyWhenItIsDueAndNotBefore() {
        time.scheduler().schedule(Duration.ofMinutes(2), () -> ran.add("at " + time.instant()));
        assertThat(time.nextDue()).contains(ManualSandboxClock.DEFAULT_START.plus(Duration.ofMinutes(2)));
        assertThat(time.advance(Duration.ofMinutes(2).minusNanos(1))).isZero();
        assertThat(ran).isEmpty();
        assertThat(time.advance(Duration.ofNanos(1))).isEqualTo(1);
        assertThat(ran).containsExactly("at " + ManualSandboxClock.DEFAULT_START.plus(Duration.ofMinutes(2)));
        assertThat(time.pending()).isEmpty();
    }

    @Test
    void runsEachTaskAtItsOwnInstantInTimeOrderThenOrderOfScheduling() {
        Instant start = time.instant();
        time.scheduler().schedule(Duration.ofMinutes(10), () -> ran.add("b " + Duration.between(start, time.instant())));
        time.scheduler().schedule(Duration.ofMinutes(2), () -> {
            ran.add("a " + Duration.between(start, time.instant()));
            // scheduled while running: due within the same advance, so it runs too
            time.scheduler().schedule(Duration.ofMinutes(3), () -> ran.add("c " + Duration.between(start, time.instant())));
        });
        time.scheduler().schedule(Duration.ofMinutes(10), () -> ran.add("d " + Duration.between(start, time.instant())));
        assertThat(time.advance(Duration.ofHours(1))).isEqualTo(4);
        assertThat(ran).containsExactly("a PT2M", "c PT5M", "b PT10M", "d PT10M");
        assertThat(time.instant()).isEqualTo(start.plus(Duration.ofHours(1)));
    }

    @Test
    void runsATaskWithoutDelayAtOnceInTheSchedulingThread() {
        Thread caller = Thread.currentThread();
        time.scheduler().schedule(Duration.ZERO, () -> ran.add(Thread.currentThread() == caller ? "same thread" : "other"));
        assertThat(ran).containsExactly("same thread");
    }

    @Test
    void neverMovesBackwards() {
        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> time.advanceTo(ManualSandboxClock.DEFAULT_START.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stampsTheSandboxsTimesWithTheClock() {
        try (AlipaySandbox sandbox = AlipaySandbox.builder().manualTime(time).start()) {
            sandbox.newTrade("T-1", "0.01").create();
            time.advance(Duration.ofSeconds(90));
            SandboxTrade paid = sandbox.pay("T-1").trade();
            assertThat(paid.gmtCreate()).isEqualTo(ManualSandboxClock.DEFAULT_START);
            assertThat(paid.gmtPayment()).isEqualTo(ManualSandboxClock.DEFAULT_START.plusSeconds(90));
            assertThat(paid.tradeNo()).startsWith("20250101");
            assertThat(sandbox.clock()).isSameAs(time);
        }
    }
}
