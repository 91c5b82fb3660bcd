package io.github.alipaystarter.sandbox;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The faults a test has injected: a gateway or notify_verify that fails or hangs, a buyer who closes the page. */
final class SandboxFaults {

    private volatile boolean dropReturnRedirect;
    private volatile SandboxFault notifyVerify = SandboxFault.NONE;
    private volatile SandboxFault gateway = SandboxFault.NONE;
    private volatile CountDownLatch hangRelease = new CountDownLatch(1);

    boolean dropReturnRedirect() {
        return dropReturnRedirect;
    }

    void dropReturnRedirect(boolean drop) {
        this.dropReturnRedirect = drop;
    }

    SandboxFault notifyVerify() {
        return notifyVerify;
    }

    void notifyVerify(SandboxFault fault) {
        this.notifyVerify = Objects.requireNonNull(fault);
        releaseHangs();
    }

    SandboxFault gateway() {
        return gateway;
    }

    void gateway(SandboxFault fault) {
        if (fault == SandboxFault.ANSWER_FALSE) {
            throw new IllegalArgumentException("ANSWER_FALSE applies to notify_verify only");
        }
        this.gateway = Objects.requireNonNull(fault);
        releaseHangs();
    }

    /** Holds the calling HTTP thread until the fault is healed, the sandbox closes, or ten minutes pass. */
    void hang() {
        try {
            hangRelease.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void releaseHangs() {
        CountDownLatch old = hangRelease;
        hangRelease = new CountDownLatch(1);
        old.countDown();
    }

    void reset() {
        dropReturnRedirect = false;
        notifyVerify = SandboxFault.NONE;
        gateway = SandboxFault.NONE;
        releaseHangs();
    }
}
