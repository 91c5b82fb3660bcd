package io.github.alipaystarter.sandbox;

/** Thrown by the programmatic API when the sandbox refuses a request as Alipay would. */
public final class SandboxRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient SandboxRejection rejection;

    public SandboxRejectedException(SandboxRejection rejection) {
        super(rejection.summary());
        this.rejection = rejection;
    }

    public SandboxRejection rejection() {
        return rejection;
    }

    public String code() {
        return rejection.code();
    }
}
