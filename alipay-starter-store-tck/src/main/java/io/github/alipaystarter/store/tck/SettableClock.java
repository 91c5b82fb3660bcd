package io.github.alipaystarter.store.tck;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock a contract hands to the implementation under test: the system's time, unless a test sets
 * a fixed instant for a while (to record trades "in the past"). Usable in a shop's own tests of its
 * store too (a sweeper or a reconciliation run at a chosen time). UTC; thread-safe.
 */
public final class SettableClock extends Clock {

    private volatile Instant fixed;

    /** The system's time until {@link #set} is called. */
    public SettableClock() {
    }

    /** Fixed at {@code at} until {@link #set} is called again. */
    public SettableClock(Instant at) {
        this.fixed = at;
    }

    /** Reads {@code at} from now on; null goes back to the system's time. */
    public void set(Instant at) {
        this.fixed = at;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }
}
