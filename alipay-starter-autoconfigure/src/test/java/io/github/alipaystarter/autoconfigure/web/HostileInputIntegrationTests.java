package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import io.github.alipaystarter.core.internal.Texts;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Issue 10's bad-input suite: more than 10,000 generated deliveries that must all be refused, sent over
 * real HTTP to the notify and return endpoints of a running application (Tomcat on a random port, the
 * in-memory ledger, a fake notify_verify), with every log event of the application captured at DEBUG.
 *
 * <p>Each case starts from a notification that would pay a recorded trade and breaks it: truncated and
 * oversized bodies, wrong and mixed charsets, duplicated keys, missing or other-key signatures, amounts
 * and sellers tampered with (after signing, and signed with the right key), unknown trades, notify_ids
 * the gateway rejects, injection strings, binary junk, malformed encodings. For every case: no handler
 * call, no 5xx, the notify answer exactly {@code fail}, the return a redirect (or a 4xx from the
 * container) without a stack trace; across all of them the key in no log event and every log line of
 * the starter free of control characters. The same unbroken notification at the end pays, once: the
 * harness sees a handler call when there is one.
 */
@SpringBootTest(classes = EndpointTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = { "alipay.input-charset=utf-8", "logging.level.io.github.alipaystarter=DEBUG" })
class HostileInputIntegrationTests {

    private static final FakeAlipayGateway gateway = FakeAlipayGateway.get();

    private static final Charset UTF8 = StandardCharsets.UTF_8;

    private static final int MAX_BODY = 8 * 1024;

    private static final String AMOUNT = "388.00";

    private static final String OTHER_KEY = "vutsrqponmlkjihgfedcba9876543210";

    /** Injected into values: fake log lines, SQL, markup, lookups, format strings, separators, bidi overrides. */
    private static final List<String> INJECTIONS = List.of(
            "T1\n2026-12-01 10:00:00.000  INFO 1 --- [main] Alipay NOTIFY for out_trade_no T9: PAID",
            "T1\r\nFORGED-LOG-LINE answered success", "x\u2028FORGED-LOG-LINE", "x\u2029FORGED", "x\u0085FORGED",
            "x\u001b[31mred\u001b[0m", "x\u202Eenil egrof", "\u0000", "a\u0000b", "' OR '1'='1", "1; DROP TABLE alipay_trade;--",
            "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1:1/a}", "#{7*7}", "%s%s%s%n%n",
            "{0}{1}{2}", "../../../../etc/passwd", "\\\\server\\share", "TRADE_SUCCESS\nTRADE_SUCCESS", "   ",
            "测试\n支付成功", "\uD800", "\uFFFF\uFFFE", "x".repeat(3000), "=&=&=", "%00%0a%0d", "+", "&sign=",
            "success", "fail\nsuccess");

    @LocalServerPort
    int port;

    @Autowired
    RecordingPaymentHandler handler;

    @Autowired
    PaymentLedger ledger;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

    private final CapturingAppender logs = new CapturingAppender();

    private String recorded;

    @DynamicPropertySource
    static void alipayProperties(DynamicPropertyRegistry registry) {
        registry.add("alipay.partner", () -> TestNotifications.PARTNER);
        registry.add("alipay.key", () -> TestNotifications.KEY);
        registry.add("alipay.gateway-url", gateway::url);
        registry.add("alipay.notify-url", () -> "http://127.0.0.1:8080/alipay/notify");
        registry.add("alipay.return-url", () -> "http://127.0.0.1:8080/alipay/return");
        registry.add("alipay.web.result-url", () -> "/orders/{outTradeNo}/result?outcome={outcome}");
        registry.add("alipay.web.max-body-size", () -> MAX_BODY + "B");
    }

    @BeforeEach
    void captureLogs() {
        this.recorded = TestNotifications.newOutTradeNo();
        this.ledger.record(this.recorded, new BigDecimal(AMOUNT), TestNotifications.SUBJECT);
        this.logs.attach();
    }

    @AfterEach
    void releaseLogs() {
        this.logs.detach();
    }

    @Test
    void refusesEveryGeneratedBadInputWithoutCallingTheHandlerAndLogsNeitherTheKeyNorAForgedLine() throws Exception {
        Random random = new Random(20261201L);
        List<Delivery> deliveries = new ArrayList<>();
        notifyCases(random, deliveries);
        returnCases(random, deliveries);
        Collections.shuffle(deliveries, random);

        Map<String, AtomicInteger> perKind = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        ExecutorService senders = Executors.newFixedThreadPool(6);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (Delivery delivery : deliveries) {
                sent.add(senders.submit(() -> {
                    perKind.computeIfAbsent(delivery.kind(), (k) -> new AtomicInteger()).incrementAndGet();
                    String problem = check(delivery);
                    if (problem != null) {
                        problems.add(delivery.kind() + ": " + problem);
                    }
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        finally {
            senders.shutdownNow();
        }

        assertThat(deliveries).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(problems).as("cases answered wrongly (of %d; per kind %s)", deliveries.size(), perKind)
            .isEmpty();
        assertThat(this.handler.calls(this.recorded)).as("onPaid calls for the recorded trade").isEmpty();
        assertThat(this.logs.count.get()).as("log events captured").isGreaterThan(deliveries.size());
        assertThat(this.logs.starterEvents.get()).as("log events of the starter captured").isGreaterThan(deliveries.size());
        assertThat(this.logs.withKey).as("log events containing the MD5 key").isEmpty();
        assertThat(this.logs.unclean).as("starter log lines with control or line-separator characters").isEmpty();

        // The control: the unbroken notification pays, once, and the handler call is seen.
        HttpResponse<String> paid = post(TestNotifications.formBody(valid(), UTF8), false);
        assertThat(paid.body()).isEqualTo("success");
        assertThat(this.handler.calls(this.recorded)).hasSize(1);
    }

    /** Null when the answer is right, else what is wrong. */
    private String check(Delivery delivery) {
        try {
            if (delivery.returnQuery() != null) {
                String response = rawGet("/alipay/return?" + delivery.returnQuery());
                int status = Integer.parseInt(response.substring(9, 12));
                if (status >= 500) {
                    return "return answered HTTP " + status;
                }
                if (status != 302 && (status < 400 || status >= 500)) {
                    return "return answered HTTP " + status + " instead of a redirect";
                }
                if (status == 302 && !response.contains("/result?outcome=")) {
                    return "return redirected elsewhere: " + response.lines().filter((l) -> l.startsWith("Location"))
                        .findFirst().orElse("no Location");
                }
                String body = response;
                if (body.contains("Exception") || body.contains("\tat ") || body.contains("at io.github")) {
                    return "return page shows a stack trace";
                }
                return null;
            }
            HttpResponse<String> response = post(delivery.body(), delivery.chunked());
            if (response.statusCode() != 200) {
                return "notify answered HTTP " + response.statusCode();
            }
            if (!response.body().equals("fail")) {
                return "notify answered \"" + response.body() + "\"";
            }
            return null;
        }
        catch (Exception ex) {
            return "no answer: " + ex;
        }
    }

    /**
     * GET with the request target's bytes exactly as given (java.net.URI refuses a malformed escape such as
     * {@code %zz}, which a browser or an attacker sends anyway); the whole answer as ISO-8859-1 text.
     */
    private String rawGet(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private HttpResponse<String> post(byte[] body, boolean chunked) throws Exception {
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/alipay/notify"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(publisher)
            .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.ISO_8859_1));
    }

    // ---- the cases ----

    record Delivery(String kind, byte[] body, boolean chunked, String returnQuery) {
    }

    /** A signed TRADE_SUCCESS that would pay the recorded trade; a fresh notify_id each time. */
    private Map<String, String> valid() {
        return TestNotifications.signed(TestNotifications.paid(this.recorded, AMOUNT), TestNotifications.KEY, UTF8);
    }

    private static void add(List<Delivery> out, String kind, byte[] body) {
        out.add(new Delivery(kind, body, false, null));
    }

    private static void add(List<Delivery> out, String kind, Map<String, String> parameters) {
        add(out, kind, TestNotifications.formBody(parameters, UTF8));
    }

    private static void times(int n, Runnable r) {
        for (int i = 0; i < n; i++) {
            r.run();
        }
    }

    private void notifyCases(Random random, List<Delivery> out) {
        // Truncated: every proper prefix lacks the final sign_type=MD5.
        times(1500, () -> {
            byte[] full = TestNotifications.formBody(valid(), UTF8);
            add(out, "truncated", java.util.Arrays.copyOf(full, random.nextInt(full.length)));
        });
        // Oversized: declared or chunked, junk or a valid notification padded with a parameter.
        times(300, () -> {
            int size = MAX_BODY + 1 + random.nextInt(60 * 1024);
            byte[] body;
            if (random.nextBoolean()) {
                Map<String, String> padded = TestNotifications.paid(this.recorded, AMOUNT);
                padded.put("padding", "x".repeat(size));
                body = TestNotifications.formBody(TestNotifications.signed(padded, TestNotifications.KEY, UTF8), UTF8);
            }
            else {
                body = new byte[size];
                random.nextBytes(body);
            }
            out.add(new Delivery("oversized", body, random.nextBoolean(), null));
        });
        // Wrong charset: a GBK merchant's notification (signed and encoded in GBK) at this UTF-8 merchant.
        Charset gbk = Charset.forName("GBK");
        times(500, () -> add(out, "wrong charset", TestNotifications.formBody(
                TestNotifications.signed(TestNotifications.paid(this.recorded, AMOUNT), TestNotifications.KEY, gbk), gbk)));
        // Mixed charsets: signed over the UTF-8 text, the subject (or body) percent-encoded in GBK.
        times(500, () -> {
            Map<String, String> p = valid();
            String gbkParameter = random.nextBoolean() ? "subject" : "body";
            StringBuilder form = new StringBuilder();
            p.forEach((k, v) -> {
                if (form.length() > 0) {
                    form.append('&');
                }
                form.append(k).append('=').append(java.net.URLEncoder.encode(v, k.equals(gbkParameter) ? gbk : UTF8));
            });
            add(out, "mixed charsets", form.toString().getBytes(StandardCharsets.US_ASCII));
        });
        // Duplicated keys, same or different value, anywhere.
        times(800, () -> {
            Map<String, String> p = valid();
            List<String> keys = new ArrayList<>(p.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            String value = random.nextBoolean() ? p.get(key) : "0.01";
            String form = new String(TestNotifications.formBody(p, UTF8), StandardCharsets.US_ASCII);
            String dup = java.net.URLEncoder.encode(key, UTF8) + "=" + java.net.URLEncoder.encode(value, UTF8);
            form = random.nextBoolean() ? dup + "&" + form : form + "&" + dup;
            add(out, "duplicated key", form.getBytes(StandardCharsets.US_ASCII));
        });
        // Missing signature, empty, wrong sign_type.
        List<Supplier<Map<String, String>>> unsigned = List.of(
                () -> without(valid(), "sign"), () -> without(valid(), "sign_type"), () -> with(valid(), "sign", ""),
                () -> with(valid(), "sign_type", "md5"), () -> with(valid(), "sign_type", "RSA"),
                () -> with(valid(), "sign_type", "DSA"), () -> with(valid(), "sign_type", ""),
                () -> without(without(valid(), "sign"), "sign_type"),
                () -> with(valid(), "sign", valid().get("sign").toUpperCase(java.util.Locale.ROOT) + "0"));
        times(450, () -> add(out, "missing signature", unsigned.get(random.nextInt(unsigned.size())).get()));
        // Signed with another key (a random one, or a fixed other one).
        times(800, () -> {
            String key = random.nextBoolean() ? OTHER_KEY : randomKey(random);
            add(out, "other key", TestNotifications.signed(TestNotifications.paid(this.recorded, AMOUNT), key, UTF8));
        });
        // Amounts tampered with after signing.
        List<String> amounts = List.of("0.01", "388.01", "387.99", "388.001", "-388.00", "388", "388.0", "3.88E2",
                "388.00 ", " 388.00", "0", "", "abc", "NaN", "99999999999999999999.99", "388,00", "３８８.００");
        times(600, () -> add(out, "amount after signing", with(valid(), "total_fee", amounts.get(random.nextInt(amounts.size())))));
        // Amounts other than recorded, signed with the right key (Alipay would never send these for the order).
        List<String> otherAmounts = List.of("0.01", "388.01", "387.99", "3880.00", "38.80", "1.00", "100000000.00");
        times(400, () -> {
            Map<String, String> p = TestNotifications.paid(this.recorded, otherAmounts.get(random.nextInt(otherAmounts.size())));
            add(out, "amount signed", TestNotifications.signed(p, TestNotifications.KEY, UTF8));
        });
        // Sellers: another seller_id or none, after signing and signed with the right key.
        List<String> sellers = List.of("2088000000000001", "2088101122136242", "", "2088101122136241 ", "208810112213624");
        times(300, () -> add(out, "seller after signing", with(valid(), "seller_id", sellers.get(random.nextInt(sellers.size())))));
        // (Not "2088101122136241 ": a signed seller_id is compared trimmed, and that one is the merchant.)
        List<String> signedSellers = List.of("2088000000000001", "2088101122136242", "", "208810112213624");
        times(400, () -> {
            Map<String, String> p = TestNotifications.paid(this.recorded, AMOUNT);
            String seller = signedSellers.get(random.nextInt(signedSellers.size()));
            if (seller.isEmpty()) {
                p.remove("seller_id");
            }
            else {
                p.put("seller_id", seller);
            }
            add(out, "seller signed", TestNotifications.signed(p, TestNotifications.KEY, UTF8));
        });
        // Unknown trades, signed with the right key.
        times(600, () -> add(out, "unknown trade", TestNotifications.signed(
                TestNotifications.paid(TestNotifications.newOutTradeNo(), AMOUNT), TestNotifications.KEY, UTF8)));
        // A notify_id the gateway does not know (notify_verify answers false).
        times(300, () -> {
            Map<String, String> p = TestNotifications.paid(this.recorded, AMOUNT);
            gateway.reject(p.get("notify_id"));
            add(out, "notify_id rejected", TestNotifications.signed(p, TestNotifications.KEY, UTF8));
        });
        // Injection strings: anywhere with another key; in out_trade_no (an unknown trade) with the right key.
        List<String> targets = List.of("out_trade_no", "subject", "trade_status", "notify_id", "buyer_email",
                "seller_id", "total_fee", "sign_type", "notify_time", "extra_common_param");
        times(1200, () -> {
            String injection = INJECTIONS.get(random.nextInt(INJECTIONS.size()));
            Map<String, String> p = TestNotifications.paid(this.recorded, AMOUNT);
            if (random.nextBoolean()) {
                p.put("out_trade_no", injection);
                add(out, "injection, right key", TestNotifications.signed(p, TestNotifications.KEY, UTF8));
            }
            else {
                p.put(targets.get(random.nextInt(targets.size())), injection);
                if (random.nextInt(4) == 0) {
                    p.put(injection, "x");
                }
                add(out, "injection, other key", TestNotifications.signed(p, OTHER_KEY, UTF8));
            }
        });
        // Binary junk, sometimes behind a valid-looking start.
        times(1200, () -> {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            if (random.nextInt(3) == 0) {
                byte[] start = TestNotifications.formBody(valid(), UTF8);
                ByteArrayOutputStream both = new ByteArrayOutputStream();
                both.write(start, 0, random.nextInt(start.length));
                both.write(junk, 0, Math.min(junk.length, MAX_BODY - both.size()));
                junk = both.toByteArray();
            }
            add(out, "binary junk", junk);
        });
        // Malformed form encodings and empty bodies.
        List<String> malformed = List.of("", "=", "&&&", "a", "%", "%zz=1", "a=%E6%B5", "a=%FF%FE", "=x", "x=%u0041",
                "sign=&sign_type=", "%73%69%67%6e=1", "a=1&&b=2&", "a==b", "\u0000=\u0000", "a=b;c=d", "a=%0", "+=+");
        times(700, () -> add(out, "malformed", malformed.get(random.nextInt(malformed.size())).getBytes(UTF8)));
    }

    private void returnCases(Random random, List<Delivery> out) {
        List<Supplier<String>> queries = List.of(
                () -> form(TestNotifications.signed(TestNotifications.paid(this.recorded, AMOUNT), OTHER_KEY, UTF8)),
                () -> form(with(returnValid(), "total_fee", "0.01")),
                () -> form(without(returnValid(), "sign")),
                () -> form(TestNotifications.signed(TestNotifications.paid(TestNotifications.newOutTradeNo(), AMOUNT),
                        TestNotifications.KEY, UTF8)),
                () -> {
                    Map<String, String> p = TestNotifications.paid(this.recorded, AMOUNT);
                    p.put("out_trade_no", INJECTIONS.get(random.nextInt(INJECTIONS.size())));
                    return form(TestNotifications.signed(p, TestNotifications.KEY, UTF8));
                },
                () -> {
                    String full = form(returnValid());
                    return full.substring(0, random.nextInt(full.length()));
                },
                () -> {
                    byte[] junk = new byte[1 + random.nextInt(512)];
                    random.nextBytes(junk);
                    StringBuilder q = new StringBuilder();
                    for (byte b : junk) {
                        q.append('%').append(String.format("%02X", b & 0xFF));
                    }
                    return q.toString();
                },
                () -> form(returnValid()) + "&" + form(returnValid()),
                () -> "a=%E6%B5&b=%zz&%0d%0aFORGED=1",
                () -> "is_success=T&out_trade_no=" + java.net.URLEncoder.encode("T1\nFORGED-LOG-LINE", UTF8));
        times(1600, () -> out.add(new Delivery("return", null, false, queries.get(random.nextInt(queries.size())).get())));
    }

    /** A return signed with the right key for the recorded trade, but with is_success F (never pays). */
    private Map<String, String> returnValid() {
        Map<String, String> p = TestNotifications.paid(this.recorded, AMOUNT);
        p.put("is_success", "F");
        return TestNotifications.signed(p, TestNotifications.KEY, UTF8);
    }

    private static String form(Map<String, String> parameters) {
        return TestNotifications.formEncode(parameters, UTF8);
    }

    private static Map<String, String> with(Map<String, String> parameters, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, String> without(Map<String, String> parameters, String key) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.remove(key);
        return copy;
    }

    private static String randomKey(Random random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    /** Every log event of the application while attached: the key anywhere, or unclean starter lines. */
    static final class CapturingAppender extends AppenderBase<ILoggingEvent> {

        final AtomicInteger count = new AtomicInteger();

        final AtomicInteger starterEvents = new AtomicInteger();

        final ConcurrentLinkedQueue<String> withKey = new ConcurrentLinkedQueue<>();

        final ConcurrentLinkedQueue<String> unclean = new ConcurrentLinkedQueue<>();

        private final List<ch.qos.logback.core.Appender<ILoggingEvent>> detached = new ArrayList<>();

        private final java.util.logging.Logger julStarter = java.util.logging.Logger.getLogger("io.github.alipaystarter");

        void attach() {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            setContext(context);
            start();
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            // Thousands of lines: keep them off the console while the cases run.
            root.iteratorForAppenders().forEachRemaining(this.detached::add);
            this.detached.forEach(root::detachAppender);
            root.addAppender(this);
            // The core logs through System.Logger (java.util.logging, bridged to SLF4J): DEBUG there too.
            this.julStarter.setLevel(java.util.logging.Level.ALL);
        }

        void detach() {
            Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(this);
            this.detached.forEach(root::addAppender);
            this.detached.clear();
            this.julStarter.setLevel(null);
            stop();
        }

        @Override
        protected void append(ILoggingEvent event) {
            this.count.incrementAndGet();
            String message = event.getFormattedMessage();
            StringBuilder all = new StringBuilder(String.valueOf(message));
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(' ').append(t.getMessage());
            }
            if (all.toString().contains(TestNotifications.KEY) && this.withKey.size() < 20) {
                this.withKey.add(event.getLoggerName() + ": " + all);
            }
            if (event.getLoggerName().startsWith("io.github.alipaystarter")) {
                this.starterEvents.incrementAndGet();
                if (!Texts.isLogSafe(message) && this.unclean.size() < 20) {
                    this.unclean.add(event.getLoggerName() + ": " + message);
                }
            }
        }

    }

}
