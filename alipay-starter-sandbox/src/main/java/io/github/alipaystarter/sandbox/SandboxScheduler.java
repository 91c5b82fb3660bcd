package io.github.alipaystarter.sandbox;

import java.time.Duration;

/**
 * Runs the sandbox's delayed work, the notification resends, once a delay has passed on the sandbox's
 * clock. The default runs each task on the sandbox's own threads in real time;
 * {@link ManualSandboxClock#scheduler()} runs it when a test moves its clock past the task's time, so a
 * test can say exactly which deliveries have been made at each instant.
 *
 * <pre>{@code
 * ManualSandboxClock time = new ManualSandboxClock();
 * AlipaySandbox sandbox = AlipaySandbox.builder().clock(time).scheduler(time.scheduler()).start();
 * }</pre>
 */
@FunctionalInterface
public interface SandboxScheduler {

    /**
     * Runs {@code task} once, after {@code delay} (zero: as soon as possible). A task may be run when the
     * sandbox has been closed meanwhile; the sandbox's own tasks then do nothing.
     */
    void schedule(Duration delay, Runnable task);

    /** The scheduler that runs tasks when {@code clock} is advanced; the same as {@code clock.scheduler()}. */
    static SandboxScheduler manual(ManualSandboxClock clock) {
        return clock.scheduler();
    }
}
