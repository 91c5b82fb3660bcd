package io.github.alipaystarter.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * Posts signed notifications to notify_url and resends them on Alipay's schedule until the merchant
 * answers exactly {@code success} (spec 8.2 (7)): 8 deliveries, the gaps 2m, 10m, 10m, 1h, 2h, 6h, 15h,
 * each multiplied by the time scale. The gaps are measured on the sandbox's clock and waited by its
 * {@link SandboxScheduler}, so a test with a {@link ManualSandboxClock} decides when each one is over.
 */
final class Notifier {

    /** The gaps before the 2nd..8th delivery (spec 8.2 (7)). */
    static final List<Duration> GAPS = List.of(Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(10),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    /** One notification (one notify_id), sent once and then resent until {@code success}. */
    final class Notice {
        final SandboxMerchant merchant;
        final String outTradeNo;
        final String notifyId;
        final URI url;
        final Charset charset;
        final Map<String, String> baseParameters; // without notify_time, sign, sign_type
        final AtomicInteger attempts = new AtomicInteger();
        volatile boolean answeredSuccess;
        volatile int scheduledDone; // how many of the 8 scheduled deliveries were made

        Notice(SandboxMerchant merchant, String outTradeNo, String notifyId, URI url, Charset charset,
                Map<String, String> baseParameters) {
            this.merchant = merchant;
            this.outTradeNo = outTradeNo;
            this.notifyId = notifyId;
            this.url = url;
            this.charset = charset;
            this.baseParameters = baseParameters;
        }
    }

    private final double timeScale;
    private final Duration timeout;
    private final SandboxSigner signer;
    private final NotifyIds notifyIds;
    private final Clock clock;
    private final SandboxScheduler scheduler;
    private final ExecutorService workers;
    private final HttpClient http;
    private final List<NotificationDelivery> deliveries = new CopyOnWriteArrayList<>();
    private final List<Notice> allNotices = new CopyOnWriteArrayList<>();
    private final Map<String, Notice> latestByTrade = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;
    /** Told of each delivery and what comes next (the console); see {@link #onDelivery}. */
    private volatile BiConsumer<NotificationDelivery, String> listener = (d, next) -> { };

    Notifier(double timeScale, Duration timeout, SandboxSigner signer, NotifyIds notifyIds, Clock clock,
            SandboxScheduler scheduler, ExecutorService workers) {
        this.timeScale = timeScale;
        this.timeout = timeout;
        this.signer = signer;
        this.notifyIds = notifyIds;
        this.clock = clock;
        this.scheduler = scheduler;
        this.workers = workers;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect is not "success" (spec 8.2 (8))
                .executor(workers)
                .build();
    }

    /** Hook for the console: each delivery, with the next attempt or why there is none. */
    void onDelivery(BiConsumer<NotificationDelivery, String> listener) {
        this.listener = listener;
    }

    private void report(NotificationDelivery d, String next) {
        try {
            listener.accept(d, next);
        } catch (RuntimeException ignored) {
            // the console must never stop the resends
        }
    }

    Duration scaled(Duration d) {
        return Duration.ofNanos(Math.max(0L, Math.round(d.toNanos() * timeScale)));
    }

    /** The nominal offsets of the 8 deliveries from the first, scaled. */
    List<Duration> offsets() {
        List<Duration> out = new ArrayList<>();
        Duration sum = Duration.ZERO;
        out.add(sum);
        for (Duration gap : GAPS) {
            sum = sum.plus(scaled(gap));
            out.add(sum);
        }
        return out;
    }

    /** Starts a notification: the first delivery now, the rest on the schedule. */
    Notice start(SandboxMerchant merchant, String key, String outTradeNo, URI url, Charset charset,
            Map<String, String> params) {
        String notifyId = notifyIds.issueAsync(merchant.partner());
        Map<String, String> base = new LinkedHashMap<>();
        base.put("notify_type", "trade_status_sync");
        base.put("notify_id", notifyId);
        base.putAll(params);
        Notice notice = new Notice(merchant, outTradeNo, notifyId, url, charset, Collections.unmodifiableMap(base));
        latestByTrade.put(key, notice);
        allNotices.add(notice);
        scheduleScheduled(notice, Duration.ZERO);
        return notice;
    }

    Notice latest(String key) {
        return latestByTrade.get(key);
    }

    private void scheduleScheduled(Notice notice, Duration delay) {
        if (closed) {
            return;
        }
        scheduler.schedule(delay, () -> scheduledDelivery(notice));
    }

    private void scheduledDelivery(Notice notice) {
        if (notice.answeredSuccess || closed) {
            return;
        }
        int index = notice.scheduledDone; // 0-based index of this scheduled delivery
        Instant startedAt = clock.instant();
        NotificationDelivery d = deliver(notice);
        notice.scheduledDone = index + 1;
        if (notice.answeredSuccess) {
            report(d, "answered success: no more attempts");
            return;
        }
        if (index < GAPS.size()) {
            // the gap runs from the start of this delivery, so a slow merchant does not stretch the schedule
            Duration delay = scaled(GAPS.get(index)).minus(Duration.between(startedAt, clock.instant()));
            Duration wait = delay.isNegative() ? Duration.ZERO : delay;
            report(d, "next attempt (" + (index + 2) + " of " + (GAPS.size() + 1) + ") in " + ConsoleEvents.human(wait)
                    + " at " + ConsoleEvents.clock(clock.instant().plus(wait)));
            scheduleScheduled(notice, wait);
        } else {
            report(d, "no more attempts: " + (GAPS.size() + 1) + " of " + (GAPS.size() + 1)
                    + " made, the notify_id is no longer valid");
            // the schedule is over: the notify_id is no longer valid (spec 8.2 (7): about 25 hours)
            NotifyIds.Entry e = notifyIds.get(notice.notifyId);
            if (e != null) {
                e.invalidated = true;
            }
        }
    }

    /** One more delivery now, outside the schedule, with the notify_id valid again until {@code success}. */
    NotificationDelivery resend(Notice notice) {
        revive(notice);
        NotificationDelivery d = deliver(notice);
        report(d, d.success() ? "extra delivery (resend), answered success: no more attempts"
                : "extra delivery (resend); the schedule goes on");
        return d;
    }

    /** {@code n} deliveries at the same moment; the notify_id stays valid until all have been answered. */
    List<NotificationDelivery> burst(Notice notice, int n) {
        revive(notice);
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<NotificationDelivery>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return deliver(notice, false);
            }, workers));
        }
        start.countDown();
        List<NotificationDelivery> out = new ArrayList<>();
        for (CompletableFuture<NotificationDelivery> f : futures) {
            out.add(f.join());
        }
        out.forEach(d -> report(d, "extra delivery (one of " + n + " at once)"));
        if (out.stream().anyMatch(NotificationDelivery::success)) {
            markSuccess(notice);
        }
        return out;
    }

    private void revive(Notice notice) {
        NotifyIds.Entry e = notifyIds.get(notice.notifyId);
        if (e != null) {
            e.invalidated = false;
        }
        notice.answeredSuccess = false;
    }

    private void markSuccess(Notice notice) {
        notice.answeredSuccess = true;
        NotifyIds.Entry e = notifyIds.get(notice.notifyId);
        if (e != null) {
            e.invalidated = true; // spec 8.2 (12)
        }
    }

    private NotificationDelivery deliver(Notice notice) {
        return deliver(notice, true);
    }

    private NotificationDelivery deliver(Notice notice, boolean markOnSuccess) {
        int attempt = notice.attempts.incrementAndGet();
        Instant sentAt = clock.instant();
        Map<String, String> unsigned = new LinkedHashMap<>();
        unsigned.put("notify_time", TradeFields.CHINA_TIME.format(sentAt));
        unsigned.putAll(notice.baseParameters);
        Map<String, String> signed = Collections.unmodifiableMap(signer.sign(notice.merchant, unsigned, notice.charset));
        String form = SandboxCodec.encodeForm(signed, notice.charset);
        // like the real gateway, the content type names no charset: the merchant must know its own
        HttpRequest request = HttpRequest.newBuilder(notice.url)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("User-Agent", "Mozilla/4.0 (alipay-starter-sandbox)")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.getBytes(StandardCharsets.US_ASCII)))
                .build();
        NotificationDelivery delivery;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = response.body();
            boolean success = response.statusCode() == 200 && SuccessAnswer.isSuccess(body);
            delivery = new NotificationDelivery(notice.outTradeNo, notice.notifyId, attempt, notice.url, signed, sentAt,
                    Duration.between(sentAt, clock.instant()), response.statusCode(),
                    new String(body, StandardCharsets.ISO_8859_1), null, success);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delivery = new NotificationDelivery(notice.outTradeNo, notice.notifyId, attempt, notice.url, signed, sentAt,
                    Duration.between(sentAt, clock.instant()), -1, null, "interrupted (sandbox closing)", false);
        } catch (Exception e) {
            delivery = new NotificationDelivery(notice.outTradeNo, notice.notifyId, attempt, notice.url, signed, sentAt,
                    Duration.between(sentAt, clock.instant()), -1, null, describe(e), false);
        }
        deliveries.add(delivery);
        synchronized (deliveries) {
            deliveries.notifyAll();
        }
        if (delivery.success() && markOnSuccess) {
            markSuccess(notice);
        }
        return delivery;
    }

    /** {@code ConnectException: UnresolvedAddressException}: the JDK's client often gives no message, its cause says why. */
    private static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() != null ? ": " + e.getMessage() : "");
        Throwable cause = e.getCause();
        if (e.getMessage() == null && cause != null) {
            text += ": " + cause.getClass().getSimpleName() + (cause.getMessage() != null ? " " + cause.getMessage() : "");
        }
        return text;
    }

    List<NotificationDelivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** The deliveries for one out_trade_no, oldest first. */
    List<NotificationDelivery> deliveries(String outTradeNo) {
        return deliveries.stream().filter(d -> d.outTradeNo().equals(outTradeNo)).toList();
    }

    /**
     * Waits until {@code count} deliveries for the trade have been made; returns them (maybe fewer on timeout).
     * The timeout is real time whatever the sandbox's clock: it bounds how long the caller's thread waits.
     */
    List<NotificationDelivery> await(String outTradeNo, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (deliveries) {
            while (true) {
                List<NotificationDelivery> mine = deliveries.stream()
                        .filter(d -> outTradeNo == null || d.outTradeNo().equals(outTradeNo)).toList();
                long left = deadline - System.nanoTime();
                if (mine.size() >= count || left <= 0) {
                    return mine;
                }
                TimeUnit.NANOSECONDS.timedWait(deliveries, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }

    void clear() {
        allNotices.forEach(n -> n.answeredSuccess = true); // stops their schedules
        allNotices.clear();
        deliveries.clear();
        latestByTrade.clear();
    }

    void close() {
        closed = true;
    }
}
