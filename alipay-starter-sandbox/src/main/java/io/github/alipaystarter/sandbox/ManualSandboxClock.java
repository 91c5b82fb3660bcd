package io.github.alipaystarter.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A clock that stands still until a test moves it, with a {@link SandboxScheduler} bound to it: the
 * notification resends, notify_id lifetimes, anti-phishing key lifetimes and every {@code gmt_*}
 * timestamp of a sandbox built with it follow this clock, and a resend is made exactly when
 * {@link #advance(Duration)} reaches its time, in the thread that advances.
 *
 * <pre>{@code
 * ManualSandboxClock time = new ManualSandboxClock();
 * try (AlipaySandbox sandbox = AlipaySandbox.builder().manualTime(time).start()) {
 *     sandbox.newTrade("T-1", "0.01").notifyUrl(shop).create();
 *     sandbox.pay("T-1");                          // the first delivery, made before pay returns
 *     time.advance(Duration.ofMinutes(2).minusSeconds(1));
 *     assert sandbox.deliveries("T-1").size() == 1; // the second is not due yet
 *     time.advance(Duration.ofSeconds(1));
 *     assert sandbox.deliveries("T-1").size() == 2;
 * }
 * }</pre>
 *
 * A task scheduled with no delay is due at once and runs in the scheduling thread before
 * {@code schedule} returns; tasks due at the same instant run in the order they were scheduled.
 * Safe for use from several threads (the sandbox's HTTP threads read it while a test advances it).
 */
public final class ManualSandboxClock extends Clock {

    /** Where a clock made with {@link #ManualSandboxClock()} starts: 2025-01-01 10:00:00 in China (UTC+8). */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T02:00:00Z");

    private record Task(Instant due, long sequence, Runnable work) {
    }

    private final Object lock = new Object();
    private final PriorityQueue<Task> queue = new PriorityQueue<>((a, b) -> {
        int byTime = a.due().compareTo(b.due());
        return byTime != 0 ? byTime : Long.compare(a.sequence(), b.sequence());
    });
    private final SandboxScheduler scheduler = this::schedule;
    private volatile Instant now;
    private long sequence;

    /** A clock at {@link #DEFAULT_START}. */
    public ManualSandboxClock() {
        this(DEFAULT_START);
    }

    public ManualSandboxClock(Instant start) {
        this.now = Objects.requireNonNull(start);
    }

    @Override
    public Instant instant() {
        return now;
    }

    /** UTC; the sandbox formats its times in China's zone itself. */
    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in another zone: the same instant, moved by the same {@link #advance}. */
    @Override
    public Clock withZone(ZoneId zone) {
        ManualSandboxClock source = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return source.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return source.withZone(other);
            }
        };
    }

    /** The scheduler whose tasks run when this clock reaches their time. */
    public SandboxScheduler scheduler() {
        return scheduler;
    }

    /**
     * Moves the clock forward by {@code by}, running each task that falls due on the way at its own
     * instant (the clock reads that instant while it runs), tasks scheduled meanwhile included.
     *
     * @return how many tasks ran
     */
    public int advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("a clock only moves forward: " + by);
        }
        Instant target = now.plus(by);
        int ran = 0;
        for (Task task = nextDueBy(target); task != null; task = nextDueBy(target)) {
            task.work().run();
            ran++;
        }
        synchronized (lock) {
            if (now.isBefore(target)) {
                now = target;
            }
        }
        return ran;
    }

    /** Moves the clock to {@code instant} (not before now), as {@link #advance(Duration)} does. */
    public int advanceTo(Instant instant) {
        return advance(Duration.between(now, instant));
    }

    /** Runs what is due now without moving the clock; how many tasks ran. */
    public int runDue() {
        return advance(Duration.ZERO);
    }

    /** When the next task is due; empty when none is waiting. */
    public Optional<Instant> nextDue() {
        synchronized (lock) {
            return Optional.ofNullable(queue.peek()).map(Task::due);
        }
    }

    /** The times of the tasks waiting, earliest first. */
    public List<Instant> pending() {
        synchronized (lock) {
            List<Task> tasks = new ArrayList<>(queue);
            tasks.sort(queue.comparator());
            return tasks.stream().map(Task::due).toList();
        }
    }

    private Task nextDueBy(Instant target) {
        synchronized (lock) {
            Task next = queue.peek();
            if (next == null || next.due().isAfter(target)) {
                return null;
            }
            queue.poll();
            if (next.due().isAfter(now)) {
                now = next.due();
            }
            return next;
        }
    }

    private void schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task);
        if (delay.isNegative() || delay.isZero()) {
            task.run();
            return;
        }
        synchronized (lock) {
            queue.add(new Task(now.plus(delay), sequence++, task));
        }
    }

    @Override
    public String toString() {
        return "ManualSandboxClock[" + now + ", " + pending().size() + " pending]";
    }
}
