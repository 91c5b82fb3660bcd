package io.github.alipaystarter.autoconfigure.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.context.SmartLifecycle;

/**
 * A {@link SmartLifecycle} that runs its tasks on one daemon thread of its own from the start of the
 * context to its stop, without {@code @EnableScheduling}: the base of the starter's background beans
 * (the journal sweeper, the reconciliation runner). Started again after a stop, it schedules its tasks
 * again on a new thread.
 */
public abstract class DaemonSchedule implements SmartLifecycle {

    private final String threadName;

    private volatile ScheduledExecutorService executor;

    /** @param threadName the name of the one thread, shown in thread dumps */
    protected DaemonSchedule(String threadName) {
        this.threadName = threadName;
    }

    /** Schedules the tasks on the executor, which has one daemon thread; called at each start. */
    protected abstract void schedule(ScheduledExecutorService executor);

    @Override
    public synchronized void start() {
        if (this.executor != null) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor((runnable) -> {
            Thread thread = new Thread(runnable, this.threadName);
            thread.setDaemon(true);
            return thread;
        });
        this.executor = started;
        schedule(started);
    }

    @Override
    public synchronized void stop() {
        if (this.executor != null) {
            this.executor.shutdownNow();
            this.executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return this.executor != null;
    }

}
