package io.github.alipaystarter.sandbox;

/** A failure the sandbox can be told to simulate. */
public enum SandboxFault {
    /** Behave normally. */
    NONE,
    /** notify_verify answers {@code false} whatever the notify_id (only for notify_verify). */
    ANSWER_FALSE,
    /** Answer HTTP 500 with Alipay's system error page. */
    HTTP_500,
    /** Never answer (until the fault is cleared or the sandbox closes): the caller's read timeout must fire. */
    HANG
}
