package io.github.alipaystarter.core.internal;

/** Masks secrets for toString and messages: never more than a length hint. */
public final class Secrets {

    private Secrets() {
    }

    /** {@code null} for null, {@code "******"} otherwise; never reveals a character of the value. */
    public static String mask(String secret) {
        return secret == null ? "null" : "******";
    }
}
