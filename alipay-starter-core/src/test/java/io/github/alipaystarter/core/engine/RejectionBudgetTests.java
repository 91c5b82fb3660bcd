package io.github.alipaystarter.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.alipaystarter.core.engine.PaymentFixtures.MutableClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RejectionBudgetTests {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T02:00:10Z"));

    @Test
    void admitsTheBudgetPerMinuteThenCountsAndHandsOutOneSummaryAfterTheMinute() {
        RejectionBudget budget = new RejectionBudget(2, clock);

        assertThat(budget.admit(10).record()).isTrue();
        assertThat(budget.admit(10).record()).isTrue();
        RejectionBudget.Admission third = budget.admit(100);
        clock.set(Instant.parse("2026-11-26T02:00:50Z"));
        RejectionBudget.Admission fourth = budget.admit(200);
        assertThat(third.record()).isFalse();
        assertThat(fourth.record()).isFalse();
        assertThat(third.dueSummary()).isNull();
        assertThat(budget.drain()).as("the minute is not over").isNull();

        clock.set(Instant.parse("2026-11-26T02:01:05Z"));
        RejectionBudget.Admission next = budget.admit(10);

        assertThat(next.record()).isTrue();
        assertThat(next.dueSummary()).satisfies(s -> {
            assertThat(s.summary()).isTrue();
            assertThat(s.deliveries()).isEqualTo(2);
            assertThat(s.size()).isEqualTo(300);
            assertThat(s.receivedAt()).isEqualTo(Instant.parse("2026-11-26T02:00:00Z"));
            assertThat(s.reason()).contains("2026-11-26T02:00:50Z").contains("budget: 2");
        });
        assertThat(budget.drain()).isNull();
    }

    @Test
    void aMinuteWithinTheBudgetNeedsNoSummary() {
        RejectionBudget budget = new RejectionBudget(5, clock);
        budget.admit(1);

        clock.set(Instant.parse("2026-11-26T02:05:00Z"));

        assertThat(budget.drain()).isNull();
        assertThat(budget.admit(1).dueSummary()).isNull();
    }

    @Test
    void zeroKeepsOnlySummaries() {
        RejectionBudget budget = new RejectionBudget(0, clock);

        assertThat(budget.admit(1).record()).isFalse();
        clock.set(Instant.parse("2026-11-26T02:01:00Z"));
        assertThat(budget.drain().deliveries()).isEqualTo(1);
    }

    @Test
    void refusesANegativeBudget() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RejectionBudget(-1, clock));
    }
}
