package io.github.alipaystarter.sandbox;

import java.net.ConnectException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sandbox's console: formats one line per event for a {@link SandboxLog} and remembers, for the
 * console page, what came after each delivery (the next attempt). Never prints a key: only parameters
 * as sent on the wire (which carry the signature, not the key) and canonical strings (signed without it).
 */
final class ConsoleEvents {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

    private final SandboxLog log;
    private final Clock clock;
    private final Map<NotificationDelivery, String> after = new ConcurrentHashMap<>();

    ConsoleEvents(SandboxLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    private void line(String event, String text, boolean problem) {
        try {
            log.line(CLOCK.format(clock.instant()) + " " + String.format("%-13s", event) + " " + text, problem);
        } catch (RuntimeException ignored) {
            // a broken console must never break the gateway
        }
    }

    void accepted(Map<String, String> params, SandboxTrade trade, boolean repeat) {
        line("REQUEST", (repeat ? "accepted (repeat) " : "accepted ") + "out_trade_no=" + trade.outTradeNo() + " total_fee="
                + Pages.money(trade.totalFee()) + " partner=" + trade.partner() + " charset=" + trade.charset()
                + " notify_url=" + orNone(trade.notifyUrl()) + " return_url=" + orNone(trade.returnUrl())
                + " | signed: " + SandboxCodec.canonical(params), false);
    }

    void refused(SandboxRejection r) {
        String signed = r.canonicalContent() != null ? r.canonicalContent()
                : r.parameters().isEmpty() ? "(nothing decoded)" : SandboxCodec.canonical(r.parameters());
        line("REQUEST", "REFUSED " + r.code() + " (" + r.meaning() + ")"
                + (r.parameter() != null ? " parameter " + r.parameter() : "") + ": " + r.reason()
                + " | charset " + r.charset() + " | signed: " + signed, true);
    }

    void paid(SandboxTrade t) {
        line("PAID", "out_trade_no=" + t.outTradeNo() + " trade_no=" + t.tradeNo() + " " + t.status() + " "
                + Pages.money(t.totalFee()) + " buyer=" + t.buyerEmail()
                + (t.notifyUrl() == null ? " (no notify_url: no notification)" : ""), false);
    }

    void action(String event, String text) {
        line(event, text, false);
    }

    /**
     * One delivery: URL, status, answer, and what comes next ({@code next}: the next attempt, or why
     * there is none).
     */
    void delivered(NotificationDelivery d, String next) {
        after.put(d, next);
        StringBuilder b = new StringBuilder("out_trade_no=").append(d.outTradeNo()).append(" #").append(d.attempt())
                .append(" POST ").append(d.url()).append(" -> ");
        if (d.httpStatus() < 0) {
            b.append(unreachable(d) ? "CANNOT CONNECT (" : "NO ANSWER (").append(d.error()).append(')');
        } else {
            b.append("HTTP ").append(d.httpStatus()).append(' ').append(quoted(d.body()));
        }
        b.append(" in ").append(d.took().toMillis()).append(" ms; ").append(d.success() ? "" : "not success; ").append(next);
        line("NOTIFY", b.toString(), !d.success());
    }

    void notifyVerify(String partner, String notifyId, String answer) {
        line("NOTIFY_VERIFY", "partner=" + partner + " notify_id=" + notifyId + " -> " + answer, !"true".equals(answer));
    }

    void query(String service, Map<String, String> params, String answer) {
        StringBuilder b = new StringBuilder("partner=").append(params.get("partner"));
        for (String k : new String[] {"out_trade_no", "trade_no"}) {
            if (params.get(k) != null && !params.get(k).isEmpty()) {
                b.append(' ').append(k).append('=').append(params.get(k));
            }
        }
        line(service.toUpperCase(java.util.Locale.ROOT), b.append(" -> ").append(answer).toString(), false);
    }

    /** What came after a delivery, as the console said; null when not known (still running). */
    String after(NotificationDelivery d) {
        return after.get(d);
    }

    void clear() {
        after.clear();
    }

    /** Whether the delivery never reached a server (refused, unknown host, no route): not a slow answer. */
    static boolean unreachable(NotificationDelivery d) {
        if (d.httpStatus() >= 0 || d.error() == null) {
            return false;
        }
        String e = d.error();
        return e.startsWith(ConnectException.class.getSimpleName()) || e.startsWith("UnknownHostException")
                || e.startsWith("UnresolvedAddressException") || e.startsWith("NoRouteToHostException")
                || e.startsWith("HttpConnectTimeoutException");
    }

    static String quoted(String body) {
        if (body == null) {
            return "(none)";
        }
        String shown = body.length() > 120 ? body.substring(0, 120) + "..." : body;
        return "\"" + shown.replace("\\", "\\\\").replace("\r", "\\r").replace("\n", "\\n").replace("\"", "\\\"") + "\"";
    }

    static String human(Duration d) {
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        if (d.compareTo(Duration.ofMinutes(1)) < 0) {
            return d.toSeconds() + "s";
        }
        if (d.compareTo(Duration.ofHours(1)) < 0) {
            return d.toMinutes() + "m" + (d.toSecondsPart() != 0 ? d.toSecondsPart() + "s" : "");
        }
        return d.toHours() + "h" + (d.toMinutesPart() != 0 ? d.toMinutesPart() + "m" : "");
    }

    static String clock(Instant at) {
        return CLOCK.format(at);
    }

    private static String orNone(URI u) {
        return u == null ? "(none)" : u.toString();
    }
}
