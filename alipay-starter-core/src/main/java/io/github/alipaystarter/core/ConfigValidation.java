package io.github.alipaystarter.core;

import io.github.alipaystarter.core.internal.AlipayIds;
import io.github.alipaystarter.core.internal.RsaKeys;
import io.github.alipaystarter.core.internal.UrlRule;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The guide's 5.2 checks (A–D) on a configuration: partner {@code 2088} + 12 digits, a 32-character
 * key of letters and digits, no stray spaces, absolute http(s) URLs without custom query parameters,
 * a supported charset, RSA keys present and parseable when sign type is RSA, and no unresolved
 * {@code ${...}} placeholder. Every problem is reported at once. Messages never contain a secret's value.
 */
final class ConfigValidation {

    private static final Pattern MD5_KEY = Pattern.compile("[A-Za-z0-9]{32}");
    /** {@code ${NAME}} or {@code ${NAME:default}} (a default would have been used: only the name counts). */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]*)(?::[^}]*)?}");

    private ConfigValidation() {
    }

    /** Parses a URL, or throws {@link AlipayConfigException} naming the property; null or blank gives null. */
    static URI uri(String property, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        noUnresolvedPlaceholder(property, value);
        noStraySpaces(property, value, false);
        try {
            return new URI(value);
        } catch (URISyntaxException e) {
            throw new AlipayConfigException(property, "is not a valid URL (" + e.getReason() + ")",
                    "give an absolute URL such as https://shop.example.com/alipay/notify");
        }
    }

    /**
     * Runs every check and throws one {@link AlipayConfigException} with all the problems found (so
     * that three wrong values are fixed in one restart, not three), in the order below; a problem the
     * builder met earlier (a URL or charset that could not be parsed) takes its property's place.
     */
    static void validate(AlipayConfig.Builder b, Map<String, AlipayConfigException.Problem> earlier) {
        List<AlipayConfigException.Problem> problems = new ArrayList<>();
        // guide 5.2 A: partner and key set correctly, without spaces, not swapped
        check(problems, earlier, "partner", () -> partner(b));
        // the seller defaults to the partner: then the partner's check speaks for it
        if (!Objects.equals(b.seller(), b.partner())) {
            check(problems, earlier, "seller", () -> seller(b));
        }
        if (b.signType() == null) {
            problems.add(new AlipayConfigException.Problem("sign-type", "is empty",
                    "use MD5 (with key) or RSA (with private-key and alipay-public-key)"));
        } else if (b.signType() == SignType.MD5) {
            check(problems, earlier, "key", () -> md5Key(b));
        } else {
            check(problems, earlier, "private-key", () -> privateKey(b));
            check(problems, earlier, "alipay-public-key", () -> alipayPublicKey(b));
        }
        check(problems, earlier, "input-charset", () -> {
            if (b.inputCharset() == null) {
                throw new AlipayConfigException("input-charset", "is empty", "use utf-8, gbk or gb2312");
            }
            Charsets.wireName(b.inputCharset()); // guide 5.2 D: one of the three
        });
        check(problems, earlier, "gateway-url", () -> {
            if (b.gatewayUrl() == null) {
                throw new AlipayConfigException("gateway-url", "is empty", "leave it unset for " + AlipayConfig.DEFAULT_GATEWAY);
            }
            absoluteWithoutQuery("gateway-url", b.gatewayUrl());
            httpsUnlessLoopback(b.gatewayUrl());
        });
        check(problems, earlier, "notify-url", () -> absoluteWithoutQuery("notify-url", b.notifyUrl()));
        check(problems, earlier, "return-url", () -> absoluteWithoutQuery("return-url", b.returnUrl()));
        check(problems, earlier, "show-url", () -> absoluteWithoutQuery("show-url", b.showUrl()));
        check(problems, earlier, "connect-timeout", () -> positive("connect-timeout", b.connectTimeout()));
        check(problems, earlier, "read-timeout", () -> positive("read-timeout", b.readTimeout()));
        earlier.forEach((property, problem) -> {
            if (!problems.contains(problem)) {
                problems.add(problem);
            }
        });
        if (!problems.isEmpty()) {
            throw new AlipayConfigException(problems);
        }
    }

    private static void check(List<AlipayConfigException.Problem> problems, Map<String, AlipayConfigException.Problem> earlier,
            String property, Runnable check) {
        AlipayConfigException.Problem known = earlier.get(property);
        if (known != null) {
            problems.add(known);
            return;
        }
        try {
            check.run();
        } catch (AlipayConfigException e) {
            problems.addAll(e.problems());
        }
    }

    private static void partner(AlipayConfig.Builder b) {
        required("partner", b.partner(), false);
        noStraySpaces("partner", b.partner(), false);
        if (!AlipayIds.isPartnerId(b.partner())) {
            String hint = MD5_KEY.matcher(b.partner()).matches()
                    ? "; it looks like the MD5 key: partner and key may be swapped" : "";
            throw new AlipayConfigException("partner",
                    "must be 2088 followed by 12 digits (16 digits in all), but is "
                            // a swapped key is a secret: show the value only when it cannot be one
                            + (hint.isEmpty() ? "\"" + b.partner() + "\" (" + describeShape(b.partner()) + ")" : describeShape(b.partner()))
                            + hint,
                    "copy the 合作身份者ID (PID) from the merchant service center (b.alipay.com)");
        }
    }

    private static void seller(AlipayConfig.Builder b) {
        required("seller", b.seller(), false);
        noStraySpaces("seller", b.seller(), false);
        if (b.seller().length() > 100) {
            throw new AlipayConfigException("seller", "is longer than 100 characters",
                    "use the seller's user id (2088...) or its Alipay account (email or mobile)");
        }
    }

    private static void md5Key(AlipayConfig.Builder b) {
        required("key", b.key(), true);
        noStraySpaces("key", b.key(), true);
        if (!MD5_KEY.matcher(b.key()).matches()) {
            String hint = AlipayIds.isPartnerId(b.key())
                    ? "; it looks like a partner id: partner and key may be swapped" : "";
            throw new AlipayConfigException("key",
                    "must be 32 letters and digits, but is " + describeShape(b.key()) + hint,
                    "copy the 安全校验码 (MD5 key) from the merchant service center; keep it out of source control");
        }
    }

    private static void privateKey(AlipayConfig.Builder b) {
        rsaKey("private-key", b.privateKey(), RsaKeys::privateKey, "an RSA private key",
                "give the PKCS#8 private key as PEM or bare Base64 (openssl pkcs8 -topk8 -nocrypt -in rsa_private_key.pem)");
    }

    private static void alipayPublicKey(AlipayConfig.Builder b) {
        rsaKey("alipay-public-key", b.alipayPublicKey(), RsaKeys::publicKey, "an RSA public key",
                "give Alipay's RSA public key (X.509 SubjectPublicKeyInfo) as PEM or bare Base64");
    }

    /** A key that must be set and readable by {@code reader}; never shows the value. */
    private static void rsaKey(String property, String value, java.util.function.Consumer<String> reader, String what,
            String fix) {
        required(property, value, true);
        try {
            reader.accept(value);
        } catch (IllegalArgumentException e) {
            throw new AlipayConfigException(property, "cannot be read as " + what + " (" + e.getMessage() + ")", fix);
        }
    }

    /**
     * A {@code ${NAME}} left in a value: Spring Boot keeps a placeholder it cannot resolve as it is, so
     * {@code alipay.key=${ALIPAY_KEY}} without that environment variable arrives here as the text
     * "${ALIPAY_KEY}". Says so, rather than judging the text as a key. Names the placeholder only, never
     * the rest of a secret's value.
     */
    static void noUnresolvedPlaceholder(String property, String value) {
        if (value == null) {
            return;
        }
        Matcher m = PLACEHOLDER.matcher(value);
        if (!m.find()) {
            return;
        }
        String name = m.group(1).strip();
        throw new AlipayConfigException(property,
                "is the unresolved placeholder \"" + m.group() + "\": no property or environment variable named "
                        + name + " is set",
                "set the environment variable " + name + " before starting the application (export " + name
                        + "=..., or your platform's secret settings), or give alipay." + property + " a value");
    }

    /** Guide 5.2 B/C: reachable absolute URLs; no custom parameters after "?" (Alipay drops or mis-signs them). */
    static void absoluteWithoutQuery(String property, URI uri) {
        if (uri == null) {
            return;
        }
        UrlRule.Problem problem = UrlRule.check(uri);
        if (problem == null) {
            return;
        }
        throw switch (problem) {
            case NOT_ABSOLUTE_HTTP -> new AlipayConfigException(property, "must be an absolute http(s) URL, but is \"" + uri + "\"",
                    "give the full address Alipay can reach, such as https://shop.example.com/alipay/notify");
            case CUSTOM_QUERY -> new AlipayConfigException(property, "carries custom query parameters (\"?" + uri.getRawQuery() + "\")",
                    "remove everything after \"?\" (guide 5.2 C); put your own data in out_trade_no or extra_common_param");
            case FRAGMENT -> new AlipayConfigException(property, "carries a fragment (\"#" + uri.getRawFragment() + "\")",
                    "remove everything after \"#\"");
        };
    }

    /**
     * Spec 4.2 (the interface accepts https only). The starter relies on the transport for the answers of
     * single_trade_query and query_timestamp: how their {@code <sign>} is computed is not documented and could
     * not be established from real answers (README, "Trusting gateway answers"), so plain http is allowed
     * only to this machine (the sandbox in tests), never across a network.
     */
    static void httpsUnlessLoopback(URI gateway) {
        if (!"http".equalsIgnoreCase(gateway.getScheme()) || isLoopback(gateway.getHost())) {
            return;
        }
        throw new AlipayConfigException("gateway-url", "uses http on a host that is not this machine (\"" + gateway
                + "\"): trade queries, query_timestamp and notify_verify answers would travel unauthenticated",
                "use https (the real gateway is " + AlipayConfig.DEFAULT_GATEWAY
                        + "); plain http is accepted only for localhost, 127.0.0.0/8 or [::1], such as the sandbox");
    }

    /** localhost, a 127.x.y.z literal or [::1]; no DNS lookup. */
    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static void required(String property, String value, boolean secret) {
        noUnresolvedPlaceholder(property, value);
        if (value == null || value.isEmpty()) {
            throw new AlipayConfigException(property, "is not set",
                    "set alipay." + property + (secret ? " (from an environment variable or a secret store, not source control)" : ""));
        }
    }

    private static void noStraySpaces(String property, String value, boolean secret) {
        if (!value.equals(value.strip())) {
            throw new AlipayConfigException(property, "has leading or trailing spaces"
                    + (secret ? "" : " (\"" + value + "\")"),
                    "remove the spaces (guide 5.2 A); check quotes in your properties or environment");
        }
    }

    private static void positive(String property, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new AlipayConfigException(property, "must be a positive duration, but is " + d, "use e.g. 5s");
        }
    }

    /** Describes a value without revealing it: its length and the kinds of characters. */
    private static String describeShape(String value) {
        boolean spaces = value.chars().anyMatch(Character::isWhitespace);
        boolean other = value.chars().anyMatch(c -> !Character.isLetterOrDigit(c) && !Character.isWhitespace(c));
        return value.length() + " characters long" + (spaces ? ", with spaces" : "") + (other ? ", with punctuation" : "");
    }
}
