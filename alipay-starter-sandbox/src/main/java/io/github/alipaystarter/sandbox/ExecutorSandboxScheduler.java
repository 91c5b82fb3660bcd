package io.github.alipaystarter.sandbox;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The real-time {@link SandboxScheduler}: a timer thread that hands each due task to a worker pool, so a
 * slow merchant never holds up the other notifications.
 */
final class ExecutorSandboxScheduler implements SandboxScheduler {

    private final ScheduledExecutorService timer;
    private final Executor workers;

    ExecutorSandboxScheduler(ScheduledExecutorService timer, Executor workers) {
        this.timer = timer;
        this.workers = workers;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        try {
            timer.schedule(() -> runOnWorker(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            // the sandbox is closing: nothing more is sent
        }
    }

    private void runOnWorker(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException closing) {
            // the sandbox is closing: nothing more is sent
        }
    }

    void shutdown() {
        timer.shutdownNow();
    }
}
