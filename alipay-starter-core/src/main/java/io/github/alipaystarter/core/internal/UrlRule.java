package io.github.alipaystarter.core.internal;

import java.net.URI;
import java.util.Locale;

/**
 * The one rule for the URLs Alipay is given or called at (gateway, notify_url, return_url, show_url):
 * an absolute http or https URL with a host, without custom query parameters (guide 5.2 C: everything
 * after "?" is a custom parameter, which Alipay drops or mis-signs) and without a fragment. Callers
 * turn a {@link Problem} into their own exception: a configuration error at start-up, a request
 * parameter error when signing.
 */
public final class UrlRule {

    /** What is wrong with a URL. */
    public enum Problem {
        /** Relative, not http(s), or without a host. */
        NOT_ABSOLUTE_HTTP,
        /** Carries a query string. */
        CUSTOM_QUERY,
        /** Carries a fragment. */
        FRAGMENT
    }

    private UrlRule() {
    }

    /** The first problem of {@code uri}, or null when it follows the rule. */
    public static Problem check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            return Problem.NOT_ABSOLUTE_HTTP;
        }
        if (uri.getRawQuery() != null) {
            return Problem.CUSTOM_QUERY;
        }
        if (uri.getRawFragment() != null) {
            return Problem.FRAGMENT;
        }
        return null;
    }
}
