package io.github.alipaystarter.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A local stand-in for Alipay's mapi gateway and cashier: {@code /gateway.do} checks
 * create_direct_pay_by_user requests as Alipay does and shows a cashier; paying redirects the browser to
 * return_url and posts signed notifications to notify_url on Alipay's resend schedule; notify_verify,
 * query_timestamp and single_trade_query answer as Alipay's do. No Spring; the JDK's HTTP server.
 *
 * <pre>{@code
 * try (AlipaySandbox sandbox = AlipaySandbox.builder().merchant(SandboxMerchant.DEMO).timeScale(0.001).start()) {
 *     URI gateway = sandbox.gatewayUrl();   // http://127.0.0.1:<port>/gateway.do
 *     ...
 * }
 * }</pre>
 *
 * Besides the HTTP interface, the methods below drive it from tests: create, pay, close and refund
 * trades, resend notifications, inject faults, and read every delivery. Every time the sandbox keeps
 * (resends, notify_id and anti-phishing key lifetimes, {@code gmt_*}) follows its {@link Clock} and
 * {@link SandboxScheduler}; with a {@link ManualSandboxClock} a test decides when time passes.
 */
public final class AlipaySandbox implements AutoCloseable {

    private final double timeScale;
    private final Duration returnValidity;
    private final SandboxParts parts;
    private final SandboxTrades trades;
    private final AntiPhishingKeys antiPhishingKeys;
    private final CashierHandler cashier;
    private final GatewayHandler gateway;
    private final SandboxServer server;
    private final SandboxThreads threads;
    private volatile boolean closed;

    private AlipaySandbox(Builder b) throws IOException {
        this.timeScale = b.timeScale;
        this.threads = new SandboxThreads(b.scheduler);
        SandboxSigner signer = new SandboxSigner(b.alipayPrivateKey, b.alipayPublicKey);
        NotifyIds notifyIds = new NotifyIds(b.clock);
        Notifier notifier = new Notifier(timeScale, b.notifyTimeout, signer, notifyIds, b.clock, threads.scheduler,
                threads.workers);
        ConsoleEvents events = new ConsoleEvents(b.log, b.clock);
        notifier.onDelivery(events::delivered);
        this.parts = new SandboxParts(new LinkedHashMap<>(b.merchants), b.clock, signer, notifyIds, notifier, events, new SandboxFaults());
        this.returnValidity = b.returnValidity != null ? b.returnValidity : notifier.scaled(Duration.ofMinutes(1));
        this.antiPhishingKeys = new AntiPhishingKeys(b.clock, b.antiPhishingKeyValidity);
        this.trades = new SandboxTrades(parts, antiPhishingKeys, returnValidity, b.notifyClosedTrades);
        this.cashier = new CashierHandler(parts, trades, timeScale);
        this.gateway = new GatewayHandler(parts, trades, antiPhishingKeys, cashier);
        this.server = new SandboxServer(this, events, gateway, cashier, b.bindAddress, b.port, threads.http);
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ addresses and configuration

    /** {@code http://<bind address>:<port>/gateway.do}: the merchant's gateway-url. */
    public URI gatewayUrl() {
        return server.baseUrl().resolve("gateway.do");
    }

    /** {@code http://<bind address>:<port>/}. */
    public URI baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.baseUrl().getPort();
    }

    public double timeScale() {
        return timeScale;
    }

    /** The clock the sandbox keeps its times with (the system's unless the builder was given one). */
    public Clock clock() {
        return parts.clock();
    }

    /** The configured merchants, in the order given. */
    public List<SandboxMerchant> merchants() {
        return List.copyOf(parts.merchants().values());
    }

    /** The first configured merchant. */
    public SandboxMerchant merchant() {
        return parts.merchants().values().iterator().next();
    }

    /**
     * "Alipay's" RSA public key (X.509, bare Base64), for an RSA merchant's {@code alipay-public-key}:
     * notifications, returns and query answers to RSA merchants are signed with its private half.
     */
    public String alipayPublicKey() {
        return parts.signer().alipayPublicKeyBase64();
    }

    /** "Alipay's" public key for one merchant: its own ({@link SandboxMerchant#alipayKeys}) or the sandbox's. */
    public String alipayPublicKey(String partner) {
        return parts.signer().alipayPublicKeyBase64(parts.requireMerchant(partner));
    }

    /** The scaled offsets of the 8 notification deliveries from the first one (0, 2m, 12m, 22m, 82m, ...). */
    public List<Duration> notificationSchedule() {
        return parts.notifier().offsets();
    }

    /** How long a return's notify_id stays valid (a minute, scaled, unless the builder said otherwise). */
    public Duration returnNotifyIdValidity() {
        return returnValidity;
    }

    // ------------------------------------------------------------------ trades

    /**
     * Submits a create_direct_pay_by_user request as the gateway would receive it (signed parameters,
     * {@code _input_charset} among them) and creates or repeats the trade. Every check of the gateway
     * applies, the signature included, except the anti-phishing IP (there is no browser).
     *
     * @throws SandboxRejectedException with the code and reason the error page would show
     */
    public SandboxTrade createTrade(Map<String, String> signedParameters) {
        return trades.accept(new LinkedHashMap<>(signedParameters), SandboxTrades.direct(signedParameters, false)).snapshot();
    }

    /**
     * Starts a trade without a signed request (the sandbox trusts the caller: the signature and
     * anti-phishing checks are skipped, every other check applies). For the first merchant unless
     * {@link NewTrade#partner(String)} says otherwise.
     */
    public NewTrade newTrade(String outTradeNo, String totalFee) {
        return new NewTrade(outTradeNo, totalFee);
    }

    /**
     * Pays the trade as the buyer the request named (buyer_id / buyer_email), or else
     * {@link SandboxBuyer#DEFAULT}, would at the cashier.
     */
    public SandboxPayment pay(String outTradeNo) {
        return trades.pay(trades.record(outTradeNo));
    }

    /**
     * Pays the trade: it gets a trade_no and the merchant's paid status, the return parameters are
     * signed (see {@link SandboxPayment#returnUrl()}) and the notification starts (when the request had
     * a notify_url).
     *
     * @throws SandboxRejectedException TRADE_NOT_ALLOWED_PAY when the trade is not waiting for payment
     */
    public SandboxPayment pay(String outTradeNo, SandboxBuyer buyer) {
        return trades.pay(trades.record(outTradeNo), buyer);
    }

    /**
     * Closes an unpaid trade (TRADE_CLOSED). Sends nothing, as Alipay by default (spec 8.3), unless the
     * sandbox was built with {@link Builder#notifyClosedTrades(boolean) notifyClosedTrades(true)}.
     */
    public SandboxTrade close(String outTradeNo) {
        return trades.close(outTradeNo);
    }

    /** {@link #refund(String, BigDecimal)} with a money string such as {@code "0.01"}. */
    public SandboxTrade refund(String outTradeNo, String amount) {
        return refund(outTradeNo, new BigDecimal(amount));
    }

    /**
     * Refunds part or all of a TRADE_SUCCESS trade (spec 8.4 (2), 12.4). A partial refund is notified with
     * refund_status REFUND_SUCCESS and gmt_refund, trade_status staying TRADE_SUCCESS. A full refund closes
     * the trade (TRADE_CLOSED, gmt_close) and, as at Alipay, is notified only when closed trades are (rules
     * v1.4: 交易关闭通知 is off by default): see {@link Builder#notifyClosedTrades(boolean)}.
     */
    public SandboxTrade refund(String outTradeNo, BigDecimal amount) {
        return trades.refund(outTradeNo, amount);
    }

    /** Ends the refund window of a TRADE_SUCCESS trade: TRADE_FINISHED, notified (rules v1.4, 3). */
    public SandboxTrade finish(String outTradeNo) {
        return trades.finish(outTradeNo);
    }

    /** The trade's current state. @throws NoSuchElementException when the sandbox has no such trade */
    public SandboxTrade trade(String outTradeNo) {
        return trades.record(outTradeNo).snapshot();
    }

    /** Every trade, oldest first. */
    public List<SandboxTrade> trades() {
        return trades.snapshots();
    }

    /** Whether the sandbox has a trade with this out_trade_no. */
    public boolean hasTrade(String outTradeNo) {
        return trades.has(outTradeNo);
    }

    /** Every request the gateway refused, oldest first. */
    public List<SandboxRejection> rejections() {
        return trades.rejections();
    }

    // ------------------------------------------------------------------ notifications

    /**
     * Sends the trade's latest notification once more, now, with the same notify_id (valid again until
     * the merchant answers {@code success}): what the merchant sees when its {@code success} was lost.
     */
    public NotificationDelivery resendNotification(String outTradeNo) {
        return parts.notifier().resend(trades.latestNotice(outTradeNo));
    }

    /**
     * Sends the trade's latest notification {@code n} times at the same moment (several Alipay servers,
     * or a resend racing the first); the notify_id stays valid until all {@code n} are answered.
     * Returns when all are answered.
     */
    public List<NotificationDelivery> sendNotificationConcurrently(String outTradeNo, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        return parts.notifier().burst(trades.latestNotice(outTradeNo), n);
    }

    /** Every notification delivery so far, oldest first. */
    public List<NotificationDelivery> deliveries() {
        return parts.notifier().deliveries();
    }

    /** The deliveries for one out_trade_no, oldest first. */
    public List<NotificationDelivery> deliveries(String outTradeNo) {
        return parts.notifier().deliveries(outTradeNo);
    }

    /**
     * Waits until at least {@code count} deliveries for {@code outTradeNo} were made, or the timeout
     * passed (real time, whatever the sandbox's clock); returns the deliveries (check the size).
     */
    public List<NotificationDelivery> awaitDeliveries(String outTradeNo, int count, Duration timeout) {
        try {
            return parts.notifier().await(outTradeNo, count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deliveries(outTradeNo);
        }
    }

    /** What notify_verify would answer now: {@code true}, {@code false} or {@code invalid}. */
    public String notifyVerify(String partner, String notifyId) {
        return gateway.verify(partner, notifyId);
    }

    // ------------------------------------------------------------------ faults and lifecycle

    /** Whether the buyer "closes the page" after paying: no return redirect (guide 5.3), only the notification. */
    public void dropReturnRedirect(boolean drop) {
        parts.faults().dropReturnRedirect(drop);
    }

    /** Makes notify_verify answer {@code false}, 500 or hang; {@link SandboxFault#NONE} heals it. */
    public void notifyVerifyFault(SandboxFault fault) {
        parts.faults().notifyVerify(fault);
    }

    /** Makes the whole {@code /gateway.do} answer 500 or hang; {@link SandboxFault#NONE} heals it. */
    public void gatewayFault(SandboxFault fault) {
        parts.faults().gateway(fault);
    }

    /** Forgets every trade, delivery, rejection and fault; stops pending resends. */
    public void reset() {
        parts.notifier().clear();
        parts.events().clear();
        trades.clear();
        cashier.clear();
        antiPhishingKeys.clear();
        parts.notifyIds().clear();
        parts.faults().reset();
    }

    /** Stops the server, the resends and every thread of the sandbox. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        parts.notifier().close();
        parts.faults().releaseHangs();
        server.stop();
        threads.shutdown();
    }

    @Override
    public String toString() {
        return "AlipaySandbox{gateway=" + gatewayUrl() + ", merchants=" + parts.merchants().values() + ", timeScale=" + timeScale + "}";
    }

    // ------------------------------------------------------------------ builders

    /** A trade started without a signed request; see {@link AlipaySandbox#newTrade(String, String)}. */
    public final class NewTrade {
        private final Map<String, String> p = new LinkedHashMap<>();
        private String partner = merchant().partner();

        private NewTrade(String outTradeNo, String totalFee) {
            p.put("out_trade_no", outTradeNo);
            p.put("total_fee", totalFee);
            p.put("subject", "sandbox trade " + outTradeNo);
            p.put("payment_type", "1");
            p.put("_input_charset", "utf-8");
        }

        public NewTrade partner(String partner) { this.partner = partner; return this; }
        public NewTrade subject(String subject) { p.put("subject", subject); return this; }
        public NewTrade body(String body) { p.put("body", body); return this; }
        public NewTrade notifyUrl(URI url) { p.put("notify_url", url.toString()); return this; }
        public NewTrade returnUrl(URI url) { p.put("return_url", url.toString()); return this; }
        public NewTrade extraCommonParam(String v) { p.put("extra_common_param", v); return this; }
        /** utf-8 (default), gbk or gb2312: the charset of the notifications and the return. */
        public NewTrade charset(String wireName) { p.put("_input_charset", wireName); return this; }
        /** Any other parameter of table 4-1 (buyer_email, price with quantity instead of total_fee, ...). */
        public NewTrade parameter(String name, String value) {
            if (value == null) {
                p.remove(name);
            } else {
                p.put(name, value);
            }
            return this;
        }

        /** Creates (or repeats) the trade. @throws SandboxRejectedException as the gateway would refuse it */
        public SandboxTrade create() {
            return trades.acceptTrusted(partner, p).snapshot();
        }
    }

    /** Configures and starts a sandbox. */
    public static final class Builder {
        private int port = 0;
        private String bindAddress = "127.0.0.1";
        private double timeScale = 1.0;
        private final Map<String, SandboxMerchant> merchants = new LinkedHashMap<>();
        private Duration notifyTimeout = Duration.ofSeconds(15);
        private Duration returnValidity;
        private Duration antiPhishingKeyValidity = Duration.ofSeconds(30);
        private boolean notifyClosedTrades;
        private PrivateKey alipayPrivateKey;
        private PublicKey alipayPublicKey;
        private SandboxLog log = SandboxLog.NONE;
        private Clock clock = Clock.systemUTC();
        private SandboxScheduler scheduler;

        private Builder() {
        }

        /**
         * The clock of every time the sandbox keeps: notify_id and anti-phishing key lifetimes, the
         * {@code gmt_*} and {@code notify_time} it sends, trade_no dates; the system's by default.
         * Resends are waited by the {@link #scheduler(SandboxScheduler) scheduler}, which should follow
         * the same clock.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        /** What waits the gaps between resends; by default a timer thread of the sandbox's, in real time. */
        public Builder scheduler(SandboxScheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler);
            return this;
        }

        /** Both {@link #clock(Clock)} and {@link #scheduler(SandboxScheduler)} from {@code time}: time passes when a test says. */
        public Builder manualTime(ManualSandboxClock time) {
            return clock(time).scheduler(time.scheduler());
        }

        /**
         * Where the console lines go (one per request, delivery, notify_verify, query, refund...);
         * none by default. {@code SandboxLog.printTo(System.out, false)} prints them.
         */
        public Builder log(SandboxLog log) {
            this.log = Objects.requireNonNull(log);
            return this;
        }

        /** The port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in [0, 65535]: " + port);
            }
            this.port = port;
            return this;
        }

        /** The address to listen on; 127.0.0.1 by default ("0.0.0.0" for every interface). */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress);
            return this;
        }

        /**
         * Multiplies every delay (resend schedule, notify_id lifetimes, the success page's redirect):
         * 1.0 is real time, 0.001 runs 1000 times faster (2m becomes 120 ms).
         */
        public Builder timeScale(double timeScale) {
            if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
                throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
            }
            this.timeScale = timeScale;
            return this;
        }

        /** Adds a merchant; with none, {@link SandboxMerchant#DEMO}. */
        public Builder merchant(SandboxMerchant merchant) {
            merchants.put(merchant.partner(), merchant);
            return this;
        }

        /** How long a notification POST may take (connect and answer); 15 s by default, not scaled. */
        public Builder notifyTimeout(Duration timeout) {
            this.notifyTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * How long a return's notify_id stays valid, not scaled; by default a minute times the time
         * scale (spec 8.1 (6)). Useful with a tiny time scale, when a scaled minute is too short for
         * the merchant's return page to call notify_verify.
         */
        public Builder returnNotifyIdValidity(Duration validity) {
            this.returnValidity = Objects.requireNonNull(validity);
            return this;
        }

        /**
         * How long an anti_phishing_key from query_timestamp stays good (default 30 s, about Alipay's; not
         * scaled by the time scale, since a browser submits in real time). A key is good for any number of
         * requests until then, and answered ANTI_PHISHING_KEY_TIMEOUT after.
         */
        public Builder antiPhishingKeyValidity(Duration validity) {
            if (validity == null || validity.isNegative() || validity.isZero()) {
                throw new IllegalArgumentException("antiPhishingKeyValidity must be positive, got " + validity);
            }
            this.antiPhishingKeyValidity = validity;
            return this;
        }

        /**
         * Whether closed trades are notified (TRADE_CLOSED: a full refund, a closed unpaid trade), as Alipay
         * does only when the merchant turned on 交易关闭通知. Default false: Alipay's default (rules v1.4, spec
         * 8.3) notifies neither, so a full refund is then only seen by querying.
         */
        public Builder notifyClosedTrades(boolean notifyClosedTrades) {
            this.notifyClosedTrades = notifyClosedTrades;
            return this;
        }

        /** "Alipay's" RSA key pair (PKCS#8 private, X.509 public; PEM or Base64); generated when not given. */
        public Builder alipayKeys(String privateKey, String publicKey) {
            this.alipayPrivateKey = SandboxCodec.privateKey(privateKey);
            this.alipayPublicKey = SandboxCodec.publicKey(publicKey);
            return this;
        }

        /** Starts the server. */
        public AlipaySandbox start() {
            if (merchants.isEmpty()) {
                merchant(SandboxMerchant.DEMO);
            }
            try {
                return new AlipaySandbox(this);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot start the sandbox on " + bindAddress + ":" + port, e);
            }
        }
    }
}
