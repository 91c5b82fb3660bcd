package io.github.alipaystarter.core.observe;

import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.ProcessingResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the recent trouble in delivering payments, for a health check: handler failures (onPaid,
 * onClosed or onRefund threw, so a payment is taken but not booked until Alipay's resend succeeds) and
 * gateway failures (notify_verify or single_trade_query could not be asked). Counts what happened within
 * the last {@code window}, with the time and reason of the latest. Bounded: at most
 * {@value #MAX_REMEMBERED} occurrences of each kind are remembered, so a flood cannot grow it.
 * Thread-safe.
 */
public final class DeliveryTrouble implements AlipayObserver {

    /** The most occurrences of one kind remembered; the count within the window stops there. */
    public static final int MAX_REMEMBERED = 10_000;

    /** What went wrong. */
    public enum Kind {
        /** The application's payment handler threw: rolled back, Alipay sends again. */
        HANDLER_FAILED,
        /** A gateway call timed out, failed or got an unreadable answer. */
        GATEWAY_UNAVAILABLE
    }

    /**
     * Trouble of one kind within the window.
     *
     * @param count occurrences within the window (at most {@link #MAX_REMEMBERED})
     * @param last when the latest occurred, within the window or not; null if never
     * @param lastReason why the latest occurred (no secret: the processor's reason or the gateway
     *     client's message); null if never
     */
    public record Recent(int count, Instant last, String lastReason) {
    }

    private final Duration window;
    private final Clock clock;
    private final Map<Kind, ArrayDeque<Instant>> times = new EnumMap<>(Kind.class);
    private final Map<Kind, Instant> lasts = new EnumMap<>(Kind.class);
    private final Map<Kind, String> lastReasons = new EnumMap<>(Kind.class);

    public DeliveryTrouble(Duration window, Clock clock) {
        this.window = Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        for (Kind k : Kind.values()) {
            times.put(k, new ArrayDeque<>());
        }
    }

    public Duration window() {
        return window;
    }

    @Override
    public void notificationProcessed(NotificationSource source, ProcessingResult result) {
        if (result != null && result.outcome() == Outcome.HANDLER_FAILED) {
            String no = result.outTradeNo() == null ? "" : " (out_trade_no " + result.outTradeNo() + ")";
            add(Kind.HANDLER_FAILED, String.valueOf(source).toLowerCase(java.util.Locale.ROOT) + no + ": " + result.reason());
        }
    }

    @Override
    public void gatewayCalled(GatewayCall call) {
        if (call != null && call.failed()) {
            add(Kind.GATEWAY_UNAVAILABLE, call.service() + " " + call.result() + ": " + call.problem());
        }
    }

    private synchronized void add(Kind kind, String reason) {
        ArrayDeque<Instant> q = times.get(kind);
        Instant now = clock.instant();
        prune(q, now);
        if (q.size() == MAX_REMEMBERED) {
            q.removeFirst();
        }
        q.addLast(now);
        lasts.put(kind, now);
        lastReasons.put(kind, printable(reason));
    }

    /** The trouble of each kind within the window, as of now. */
    public synchronized Map<Kind, Recent> recent() {
        Instant now = clock.instant();
        Map<Kind, Recent> recent = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            ArrayDeque<Instant> q = times.get(k);
            prune(q, now);
            recent.put(k, new Recent(q.size(), lasts.get(k), lastReasons.get(k)));
        }
        return recent;
    }

    private void prune(ArrayDeque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && q.peekFirst().isBefore(cutoff)) {
            q.removeFirst();
        }
    }

    private static String printable(String s) {
        if (s == null) {
            return "-";
        }
        StringBuilder b = new StringBuilder(Math.min(s.length(), 300));
        for (int i = 0; i < s.length() && i < 300; i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return b.toString();
    }
}
