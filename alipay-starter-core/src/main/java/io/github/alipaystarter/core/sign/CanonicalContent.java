package io.github.alipaystarter.core.sign;

import java.util.Map;

/**
 * The string to sign (spec 9.1): every parameter but {@code sign} and {@code sign_type}, those with
 * an empty (or null) value left out, sorted by key in byte order, raw values joined as
 * {@code k=v} with {@code &}. Never mutates the argument.
 */
public final class CanonicalContent {

    private CanonicalContent() {
    }

    public static String of(Map<String, String> parameters) {
        throw new UnsupportedOperationException("TODO core: CanonicalContent.of");
    }
}
