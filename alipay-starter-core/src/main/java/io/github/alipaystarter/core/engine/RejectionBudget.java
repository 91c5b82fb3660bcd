package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.store.RejectedDelivery;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * How many rejected deliveries are recorded one by one per minute of the clock (anyone can
 * send forged notifications, so what they cost in journal and log must be bounded). Beyond the budget
 * a delivery is only counted; the count of a minute becomes one summary, handed out once the minute is
 * over, by the next {@link #admit} or by {@link #drain}. Per process: with several instances, each has
 * its own budget. Thread-safe.
 */
public final class RejectionBudget {

    private final int perMinute;
    private final Clock clock;

    private Instant window;
    private int recorded;
    private long overCount;
    private long overBytes;
    private Instant overLast;

    /** @param perMinute deliveries recorded one by one per minute; 0 records only summaries */
    public RejectionBudget(int perMinute, Clock clock) {
        if (perMinute < 0) {
            throw new IllegalArgumentException("the rejected deliveries' budget per minute must be 0 or more, was "
                    + perMinute);
        }
        this.perMinute = perMinute;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public int perMinute() {
        return perMinute;
    }

    /** Whether to record one more rejected delivery of {@code size} bytes, and a summary due, if any. */
    public synchronized Admission admit(long size) {
        Instant now = clock.instant();
        RejectedDelivery due = roll(now);
        if (recorded < perMinute) {
            recorded++;
            return new Admission(true, due);
        }
        overCount++;
        overBytes += Math.max(size, 0);
        overLast = now;
        return new Admission(false, due);
    }

    /** The summary of a minute that is over and had deliveries beyond the budget, or null. */
    public synchronized RejectedDelivery drain() {
        return roll(clock.instant());
    }

    private RejectedDelivery roll(Instant now) {
        Instant minute = now.truncatedTo(ChronoUnit.MINUTES);
        if (minute.equals(window)) {
            return null;
        }
        RejectedDelivery due = overCount == 0 ? null
                : RejectedDelivery.summary(window, overLast, overCount, overBytes, perMinute);
        window = minute;
        recorded = 0;
        overCount = 0;
        overBytes = 0;
        overLast = null;
        return due;
    }

    /**
     * @param record whether to record this delivery one by one (else it is only counted)
     * @param dueSummary a summary of an earlier minute to record now, or null
     */
    public record Admission(boolean record, RejectedDelivery dueSummary) {
    }
}
