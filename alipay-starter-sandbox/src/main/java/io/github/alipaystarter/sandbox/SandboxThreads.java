package io.github.alipaystarter.sandbox;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one sandbox, all daemons: the HTTP server's, the notification workers (deliveries and
 * the HTTP client), and the timer of the real-time {@link SandboxScheduler} when no other was given.
 */
final class SandboxThreads {

    final ExecutorService http = Executors.newCachedThreadPool(daemon("alipay-sandbox-http"));
    final ExecutorService workers = Executors.newCachedThreadPool(daemon("alipay-sandbox-notify"));
    private final ExecutorSandboxScheduler ownScheduler;
    final SandboxScheduler scheduler;

    /** With {@code given} null, a real-time scheduler of its own. */
    SandboxThreads(SandboxScheduler given) {
        this.ownScheduler = given == null
                ? new ExecutorSandboxScheduler(Executors.newSingleThreadScheduledExecutor(daemon("alipay-sandbox-scheduler")), workers)
                : null;
        this.scheduler = given != null ? given : ownScheduler;
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    void shutdown() {
        if (ownScheduler != null) {
            ownScheduler.shutdown();
        }
        workers.shutdownNow();
        http.shutdownNow();
    }
}
