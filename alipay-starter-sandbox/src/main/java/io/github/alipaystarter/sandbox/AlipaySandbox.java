package io.github.alipaystarter.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
 * trades, resend notifications, inject faults, and read every delivery.
 */
public final class AlipaySandbox implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AlipaySandbox.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter TRADE_NO_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.ofHours(8));
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final Map<String, SandboxMerchant> merchants;
    private final double timeScale;
    private final Duration returnValidity;
    private final SandboxSigner signer;
    private final NotifyIds notifyIds = new NotifyIds();
    private final Notifier notifier;
    private final HttpServer server;
    private final ExecutorService httpExecutor;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService workers;
    private final URI baseUrl;
    private final ConsoleEvents events;

    private final Map<String, TradeRecord> trades = new ConcurrentHashMap<>();
    private final Map<String, TradeRecord> checkouts = new ConcurrentHashMap<>();
    /** Issued anti_phishing_keys: partner and expiry. Good for any number of requests until they expire. */
    private final Map<String, IssuedKey> antiPhishingKeys = new ConcurrentHashMap<>();
    private final Duration antiPhishingKeyValidity;
    private final boolean notifyClosedTrades;
    private final List<SandboxRejection> rejections = new CopyOnWriteArrayList<>();
    private final AtomicLong tradeSequence = new AtomicLong();

    private volatile boolean dropReturnRedirect;
    private volatile SandboxFault notifyVerifyFault = SandboxFault.NONE;
    private volatile SandboxFault gatewayFault = SandboxFault.NONE;
    private volatile CountDownLatch hangRelease = new CountDownLatch(1);
    private volatile boolean closed;

    private AlipaySandbox(Builder b) throws IOException {
        this.merchants = new LinkedHashMap<>(b.merchants);
        this.timeScale = b.timeScale;
        this.signer = new SandboxSigner(b.alipayPrivateKey, b.alipayPublicKey);
        this.httpExecutor = Executors.newCachedThreadPool(daemon("alipay-sandbox-http"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon("alipay-sandbox-scheduler"));
        this.workers = Executors.newCachedThreadPool(daemon("alipay-sandbox-notify"));
        this.notifier = new Notifier(timeScale, b.notifyTimeout, signer, notifyIds, scheduler, workers);
        this.events = new ConsoleEvents(b.log);
        this.notifier.onDelivery(events::delivered);
        this.returnValidity = b.returnValidity != null ? b.returnValidity : notifier.scaled(Duration.ofMinutes(1));
        this.antiPhishingKeyValidity = b.antiPhishingKeyValidity;
        this.notifyClosedTrades = b.notifyClosedTrades;
        InetAddress address = InetAddress.getByName(b.bindAddress);
        this.server = HttpServer.create(new InetSocketAddress(address, b.port), 64);
        this.server.setExecutor(httpExecutor);
        this.server.createContext("/", this::handle);
        this.server.start();
        String host = address.getHostAddress().contains(":") ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        this.baseUrl = URI.create("http://" + host + ":" + server.getAddress().getPort() + "/");
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------ addresses and configuration

    /** {@code http://<bind address>:<port>/gateway.do}: the merchant's gateway-url. */
    public URI gatewayUrl() {
        return baseUrl.resolve("gateway.do");
    }

    /** {@code http://<bind address>:<port>/}. */
    public URI baseUrl() {
        return baseUrl;
    }

    public int port() {
        return baseUrl.getPort();
    }

    public double timeScale() {
        return timeScale;
    }

    /** The configured merchants, in the order given. */
    public List<SandboxMerchant> merchants() {
        return List.copyOf(merchants.values());
    }

    /** The first configured merchant. */
    public SandboxMerchant merchant() {
        return merchants.values().iterator().next();
    }

    /**
     * "Alipay's" RSA public key (X.509, bare Base64), for an RSA merchant's {@code alipay-public-key}:
     * notifications, returns and query answers to RSA merchants are signed with its private half.
     */
    public String alipayPublicKey() {
        return signer.alipayPublicKeyBase64();
    }

    /** "Alipay's" public key for one merchant: its own ({@link SandboxMerchant#alipayKeys}) or the sandbox's. */
    public String alipayPublicKey(String partner) {
        SandboxMerchant m = merchants.get(partner);
        if (m == null) {
            throw new NoSuchElementException("partner " + partner + " is not a merchant of this sandbox");
        }
        return signer.alipayPublicKeyBase64(m);
    }

    /** The scaled offsets of the 8 notification deliveries from the first one (0, 2m, 12m, 22m, 82m, ...). */
    public List<Duration> notificationSchedule() {
        return notifier.offsets();
    }

    /** How long a return's notify_id stays valid (a minute, scaled, unless the builder said otherwise). */
    public Duration returnNotifyIdValidity() {
        return returnValidity;
    }

    // ------------------------------------------------------------------ the programmatic API

    /**
     * Submits a create_direct_pay_by_user request as the gateway would receive it (signed parameters,
     * {@code _input_charset} among them) and creates or repeats the trade. Every check of the gateway
     * applies, the signature included, except the anti-phishing IP (there is no browser).
     *
     * @throws SandboxRejectedException with the code and reason the error page would show
     */
    public SandboxTrade createTrade(Map<String, String> signedParameters) {
        Charset cs = SandboxCodec.legalCharset(signedParameters.get("_input_charset"));
        PayRequestChecker.Arrival arrival = new PayRequestChecker.Arrival(
                cs != null ? cs : SandboxCodec.GATEWAY_DEFAULT_CHARSET, false, null, false);
        return accept(new LinkedHashMap<>(signedParameters), arrival).snapshot();
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
        TradeRecord t = record(outTradeNo);
        return payRecord(t, requestedBuyer(t));
    }

    private static SandboxBuyer requestedBuyer(TradeRecord t) {
        if (t.requestedBuyerId == null && t.requestedBuyerEmail == null) {
            return SandboxBuyer.DEFAULT;
        }
        return new SandboxBuyer(t.requestedBuyerId != null ? t.requestedBuyerId : SandboxBuyer.DEFAULT.id(),
                t.requestedBuyerEmail != null ? t.requestedBuyerEmail : SandboxBuyer.DEFAULT.email());
    }

    /**
     * Pays the trade: it gets a trade_no and the merchant's paid status, the return parameters are
     * signed (see {@link SandboxPayment#returnUrl()}) and the notification starts (when the request had
     * a notify_url).
     *
     * @throws SandboxRejectedException TRADE_NOT_ALLOWED_PAY when the trade is not waiting for payment
     */
    public SandboxPayment pay(String outTradeNo, SandboxBuyer buyer) {
        return payRecord(record(outTradeNo), buyer);
    }

    /**
     * Closes an unpaid trade (TRADE_CLOSED). Sends nothing, as Alipay by default (spec 8.3), unless the
     * sandbox was built with {@link Builder#notifyClosedTrades(boolean) notifyClosedTrades(true)}.
     */
    public SandboxTrade close(String outTradeNo) {
        TradeRecord t = record(outTradeNo);
        Map<String, String> params;
        synchronized (t) {
            if (!t.status.equals(TradeStatus.WAIT_BUYER_PAY)) {
                throw new IllegalStateException("trade " + outTradeNo + " is " + t.status + "; only WAIT_BUYER_PAY can be closed");
            }
            t.status = TradeStatus.TRADE_CLOSED;
            t.gmtClose = Instant.now();
            params = tradeParameters(t);
        }
        if (notifyClosedTrades) {
            notifyMerchant(t, params);
        }
        events.action("CLOSE", "out_trade_no=" + outTradeNo + " -> TRADE_CLOSED (not notified: spec 8.3)");
        return t.snapshot();
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
        TradeRecord t = record(outTradeNo);
        Map<String, String> params;
        synchronized (t) {
            if (!t.status.equals(TradeStatus.TRADE_SUCCESS)) {
                throw new IllegalStateException("trade " + outTradeNo + " is " + t.status + "; only TRADE_SUCCESS can be refunded");
            }
            if (amount.signum() <= 0 || amount.scale() > 2) {
                throw new IllegalArgumentException("refund amount must be positive with at most 2 decimals: " + amount);
            }
            BigDecimal left = t.totalFee.subtract(t.refunded);
            if (amount.compareTo(left) > 0) {
                throw new IllegalArgumentException("refund " + amount.toPlainString() + " is more than the "
                        + left.toPlainString() + " left of trade " + outTradeNo);
            }
            t.refunded = t.refunded.add(amount).setScale(2);
            t.gmtRefund = Instant.now();
            if (t.refunded.compareTo(t.totalFee) == 0) {
                t.status = TradeStatus.TRADE_CLOSED;
                t.gmtClose = t.gmtRefund;
            }
            params = tradeParameters(t);
            params.put("refund_status", "REFUND_SUCCESS");
            params.put("gmt_refund", Notifier.CHINA_TIME.format(t.gmtRefund));
            events.action("REFUND", "out_trade_no=" + outTradeNo + " " + amount.toPlainString() + " -> " + t.status
                    + " (" + t.refunded.toPlainString() + " of " + Pages.money(t.totalFee) + " refunded)");
        }
        if (notifyClosedTrades || !TradeStatus.TRADE_CLOSED.equals(t.snapshot().status())) {
            notifyMerchant(t, params);
        }
        return t.snapshot();
    }

    /** Ends the refund window of a TRADE_SUCCESS trade: TRADE_FINISHED, notified (rules v1.4, 3). */
    public SandboxTrade finish(String outTradeNo) {
        TradeRecord t = record(outTradeNo);
        Map<String, String> params;
        synchronized (t) {
            if (!t.status.equals(TradeStatus.TRADE_SUCCESS)) {
                throw new IllegalStateException("trade " + outTradeNo + " is " + t.status + "; only TRADE_SUCCESS can finish");
            }
            t.status = TradeStatus.TRADE_FINISHED;
            t.gmtClose = Instant.now(); // spec 6.3: a TRADE_FINISHED notification carries gmt_close
            params = tradeParameters(t);
        }
        events.action("FINISH", "out_trade_no=" + outTradeNo + " -> TRADE_FINISHED");
        notifyMerchant(t, params);
        return t.snapshot();
    }

    /**
     * Sends the trade's latest notification once more, now, with the same notify_id (valid again until
     * the merchant answers {@code success}): what the merchant sees when its {@code success} was lost.
     */
    public NotificationDelivery resendNotification(String outTradeNo) {
        return notifier.resend(latestNotice(outTradeNo));
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
        return notifier.burst(latestNotice(outTradeNo), n);
    }

    /** Whether the buyer "closes the page" after paying: no return redirect (guide 5.3), only the notification. */
    public void dropReturnRedirect(boolean drop) {
        this.dropReturnRedirect = drop;
    }

    /** Makes notify_verify answer {@code false}, 500 or hang; {@link SandboxFault#NONE} heals it. */
    public void notifyVerifyFault(SandboxFault fault) {
        this.notifyVerifyFault = Objects.requireNonNull(fault);
        releaseHangs();
    }

    /** Makes the whole {@code /gateway.do} answer 500 or hang; {@link SandboxFault#NONE} heals it. */
    public void gatewayFault(SandboxFault fault) {
        if (fault == SandboxFault.ANSWER_FALSE) {
            throw new IllegalArgumentException("ANSWER_FALSE applies to notify_verify only");
        }
        this.gatewayFault = Objects.requireNonNull(fault);
        releaseHangs();
    }

    private void releaseHangs() {
        CountDownLatch old = hangRelease;
        hangRelease = new CountDownLatch(1);
        old.countDown();
    }

    /** Every notification delivery so far, oldest first. */
    public List<NotificationDelivery> deliveries() {
        return notifier.deliveries();
    }

    /** The deliveries for one out_trade_no, oldest first. */
    public List<NotificationDelivery> deliveries(String outTradeNo) {
        return notifier.deliveries().stream().filter(d -> d.outTradeNo().equals(outTradeNo)).toList();
    }

    /**
     * Waits until at least {@code count} deliveries for {@code outTradeNo} were made, or the timeout
     * passed; returns the deliveries (check the size).
     */
    public List<NotificationDelivery> awaitDeliveries(String outTradeNo, int count, Duration timeout) {
        try {
            return notifier.await(outTradeNo, count, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return deliveries(outTradeNo);
        }
    }

    /** The trade's current state. @throws NoSuchElementException when the sandbox has no such trade */
    public SandboxTrade trade(String outTradeNo) {
        return record(outTradeNo).snapshot();
    }

    /** Every trade, oldest first. */
    public List<SandboxTrade> trades() {
        return trades.values().stream().map(TradeRecord::snapshot)
                .sorted(java.util.Comparator.comparing(SandboxTrade::gmtCreate)).toList();
    }

    /** Whether the sandbox has a trade with this out_trade_no. */
    public boolean hasTrade(String outTradeNo) {
        return trades.values().stream().anyMatch(t -> t.outTradeNo.equals(outTradeNo));
    }

    /** Every request the gateway refused, oldest first. */
    public List<SandboxRejection> rejections() {
        return List.copyOf(rejections);
    }

    /** What notify_verify would answer now: {@code true}, {@code false} or {@code invalid}. */
    public String notifyVerify(String partner, String notifyId) {
        return notifyIds.verify(partner, notifyId, partner != null && merchants.containsKey(partner));
    }

    /** Forgets every trade, delivery, rejection and fault; stops pending resends. */
    public void reset() {
        notifier.clear();
        events.clear();
        trades.clear();
        checkouts.clear();
        antiPhishingKeys.clear();
        rejections.clear();
        notifyIds.clear();
        dropReturnRedirect = false;
        notifyVerifyFault = SandboxFault.NONE;
        gatewayFault = SandboxFault.NONE;
        releaseHangs();
    }

    /** Stops the server, the resends and every thread of the sandbox. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        notifier.close();
        releaseHangs();
        server.stop(0);
        scheduler.shutdownNow();
        workers.shutdownNow();
        httpExecutor.shutdownNow();
    }

    @Override
    public String toString() {
        return "AlipaySandbox{gateway=" + gatewayUrl() + ", merchants=" + merchants.values() + ", timeScale=" + timeScale + "}";
    }

    // ------------------------------------------------------------------ trades

    private static String key(String partner, String outTradeNo) {
        return partner + "|" + outTradeNo;
    }

    private TradeRecord record(String outTradeNo) {
        List<TradeRecord> found = trades.values().stream().filter(t -> t.outTradeNo.equals(outTradeNo)).toList();
        if (found.isEmpty()) {
            throw new NoSuchElementException("the sandbox has no trade with out_trade_no " + outTradeNo);
        }
        if (found.size() > 1) {
            throw new IllegalStateException("out_trade_no " + outTradeNo + " exists for several merchants");
        }
        return found.get(0);
    }

    private Notifier.Notice latestNotice(String outTradeNo) {
        TradeRecord t = record(outTradeNo);
        Notifier.Notice n = notifier.latest(key(t.merchant.partner(), outTradeNo));
        if (n == null) {
            throw new IllegalStateException("trade " + outTradeNo + " has no notification yet (not paid, or no notify_url)");
        }
        return n;
    }

    private final PayRequestChecker.Context checkerContext = new PayRequestChecker.Context() {
        @Override
        public SandboxMerchant merchant(String partner) {
            return merchants.get(partner);
        }

        @Override
        public boolean isOtherMerchantsSeller(String partner, String idOrAccount) {
            return merchants.values().stream().filter(m -> !m.partner().equals(partner))
                    .anyMatch(m -> m.sellerId().equals(idOrAccount) || m.sellerEmail().equalsIgnoreCase(idOrAccount));
        }

        @Override
        public PayRequestChecker.KeyProblem checkAntiPhishingKey(String partner, String key) {
            IssuedKey issued = antiPhishingKeys.get(key);
            if (issued == null) {
                return new PayRequestChecker.KeyProblem("ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key '" + key
                        + "' was not issued by query_timestamp (send the encrypt_key exactly as received)");
            }
            if (!issued.partner().equals(partner)) {
                return new PayRequestChecker.KeyProblem("ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key '" + key
                        + "' was issued to partner " + issued.partner());
            }
            if (!Instant.now().isBefore(issued.expiresAt())) {
                return new PayRequestChecker.KeyProblem("ANTI_PHISHING_KEY_TIMEOUT", "anti_phishing_key '" + key
                        + "' expired: a key lives " + antiPhishingKeyValidity.toMillis() + " ms after query_timestamp;"
                        + " fetch it just before sending the buyer to the gateway");
            }
            return null;
        }

        @Override
        public TradeRecord trade(String partner, String outTradeNo) {
            return trades.get(key(partner, outTradeNo));
        }
    };

    private TradeRecord accept(Map<String, String> params, PayRequestChecker.Arrival arrival) {
        synchronized (trades) {
            PayOrder order;
            try {
                order = PayRequestChecker.check(params, arrival, checkerContext);
            } catch (SandboxRejectedException e) {
                rejections.add(e.rejection());
                LOG.log(System.Logger.Level.DEBUG, "sandbox refused a request: {0}", e.rejection().summary());
                events.refused(e.rejection());
                throw e;
            }
            SandboxMerchant merchant = merchants.get(params.get("partner"));
            String k = key(merchant.partner(), order.outTradeNo());
            TradeRecord existing = trades.get(k);
            if (existing != null) {
                synchronized (existing) {
                    existing.update(order);
                }
                events.accepted(params, existing.snapshot(), true);
                return existing;
            }
            TradeRecord t = new TradeRecord(merchant, order, Instant.now());
            trades.put(k, t);
            events.accepted(params, t.snapshot(), false);
            return t;
        }
    }

    private SandboxPayment payRecord(TradeRecord t, SandboxBuyer buyer) {
        Map<String, String> notifyParams = null;
        URI returnUrl = null;
        synchronized (t) {
            if (!t.status.equals(TradeStatus.WAIT_BUYER_PAY)) {
                SandboxRejection r = new SandboxRejection("TRADE_NOT_ALLOWED_PAY", ErrorTexts.meaning("TRADE_NOT_ALLOWED_PAY"),
                        "out_trade_no", "trade " + t.outTradeNo + " is " + t.status + ", it cannot be paid again", null,
                        SandboxCodec.wireName(t.charset), Map.of(), Instant.now());
                rejections.add(r);
                events.refused(r);
                throw new SandboxRejectedException(r);
            }
            if (buyer.id().equals(t.sellerId) || buyer.email().equalsIgnoreCase(t.sellerEmail)) {
                throw new IllegalArgumentException("the buyer is the seller (BUYER_SELLER_EQUAL)");
            }
            Instant now = Instant.now();
            t.tradeNo = TRADE_NO_DATE.format(now) + String.format("%020d", System.currentTimeMillis() % 100_000_000_000L * 1000
                    + tradeSequence.incrementAndGet() % 1000);
            t.status = t.merchant.tradeStatusOnPay();
            t.buyerId = buyer.id();
            t.buyerEmail = buyer.email();
            t.gmtPayment = now;
            if (TradeStatus.TRADE_FINISHED.equals(t.status)) {
                t.gmtClose = now; // a finished trade is ended: its notifications carry gmt_close (spec 6.3)
            }
            if (t.returnUrl != null) {
                Map<String, String> r = new LinkedHashMap<>();
                r.put("is_success", "T");
                r.put("out_trade_no", t.outTradeNo);
                r.put("subject", t.subject);
                r.put("payment_type", t.paymentType);
                r.put("exterface", "create_direct_pay_by_user");
                r.put("trade_no", t.tradeNo);
                r.put("trade_status", t.status.value());
                r.put("notify_id", notifyIds.issue(t.merchant.partner(), now.plus(returnValidity)));
                r.put("notify_time", Notifier.CHINA_TIME.format(now));
                r.put("notify_type", "trade_status_sync");
                r.put("seller_email", t.sellerEmail);
                r.put("buyer_email", t.buyerEmail);
                r.put("seller_id", t.sellerId);
                r.put("buyer_id", t.buyerId);
                r.put("total_fee", Pages.money(t.totalFee));
                putIfPresent(r, "body", t.body);
                putIfPresent(r, "extra_common_param", t.extraCommonParam);
                t.returnParameters = signer.sign(t.merchant, r, t.charset);
                returnUrl = dropReturnRedirect ? null : returnRedirect(t);
            }
            if (t.notifyUrl != null) {
                notifyParams = tradeParameters(t);
            }
        }
        events.paid(t.snapshot());
        if (notifyParams != null) {
            notifyMerchant(t, notifyParams);
        }
        return new SandboxPayment(t.snapshot(), returnUrl);
    }

    private static URI returnRedirect(TradeRecord t) {
        return URI.create(t.returnUrl + "?" + SandboxCodec.encodeForm(t.returnParameters, t.charset));
    }

    /** The business parameters of a notification (spec 6.2), without notify_*, sign and sign_type. */
    private static Map<String, String> tradeParameters(TradeRecord t) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("out_trade_no", t.outTradeNo);
        p.put("subject", t.subject);
        p.put("payment_type", t.paymentType);
        putIfPresent(p, "trade_no", t.tradeNo);
        p.put("trade_status", t.status.value());
        p.put("gmt_create", Notifier.CHINA_TIME.format(t.gmtCreate));
        if (t.gmtPayment != null) {
            p.put("gmt_payment", Notifier.CHINA_TIME.format(t.gmtPayment));
        }
        if (t.gmtClose != null) {
            p.put("gmt_close", Notifier.CHINA_TIME.format(t.gmtClose));
        }
        p.put("seller_email", t.sellerEmail);
        putIfPresent(p, "buyer_email", t.buyerEmail);
        p.put("seller_id", t.sellerId);
        putIfPresent(p, "buyer_id", t.buyerId);
        p.put("price", Pages.money(t.price));
        p.put("total_fee", Pages.money(t.totalFee));
        p.put("quantity", Integer.toString(t.quantity));
        putIfPresent(p, "body", t.body);
        p.put("discount", "0.00");
        p.put("is_total_fee_adjust", "N");
        p.put("use_coupon", "N");
        putIfPresent(p, "extra_common_param", t.extraCommonParam);
        return p;
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }

    private void notifyMerchant(TradeRecord t, Map<String, String> params) {
        if (t.notifyUrl == null || closed) {
            return;
        }
        notifier.start(t.merchant, key(t.merchant.partner(), t.outTradeNo), t.outTradeNo, t.notifyUrl, t.charset, params);
    }

    // ------------------------------------------------------------------ HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/gateway.do" -> gateway(exchange);
                case "/cashier/pay" -> cashierPay(exchange);
                case "/cashier/cancel" -> cashierCancel(exchange);
                case "/cashier/return" -> cashierReturn(exchange);
                case "/", "/index.html" -> console(exchange);
                case "/console/resend", "/console/refund", "/console/close", "/console/finish" -> consoleAction(exchange, path);
                default -> html(exchange, 404, Pages.message("404", "没有这个页面 · No such page: " + Pages.escape(path)));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "sandbox error on " + exchange.getRequestURI().getPath(), e);
            try {
                html(exchange, 500, Pages.message("SYSTEM_ERROR", "沙箱内部错误 · Sandbox error: " + Pages.escape(e.toString())));
            } catch (IOException | RuntimeException ignored) {
                // the answer may have been started already
            }
        }
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("request body larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    private void hang() {
        try {
            hangRelease.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void gateway(HttpExchange exchange) throws IOException {
        SandboxFault fault = gatewayFault;
        if (fault == SandboxFault.HANG) {
            hang();
            return;
        }
        if (fault == SandboxFault.HTTP_500) {
            html(exchange, 500, Pages.message("SYSTEM_ERROR", "支付宝系统错误 · SYSTEM_ERROR (sandbox fault injection)"));
            return;
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        boolean post = exchange.getRequestMethod().equalsIgnoreCase("POST");
        byte[] body = post ? readBody(exchange) : new byte[0];
        // The gateway takes the charset from the URL before it reads anything else: a form whose
        // action lacks ?_input_charset= is read as gbk (hence the rule in rules v1.4, 3).
        Charset fromUrl = SandboxCodec.legalCharset(SandboxCodec.rawValue(rawQuery, "_input_charset"));
        Charset decodeIn = fromUrl != null ? fromUrl : SandboxCodec.GATEWAY_DEFAULT_CHARSET;
        Map<String, String> params;
        try {
            params = SandboxCodec.decodeForm(rawQuery, decodeIn);
            if (post && body.length > 0) {
                Map<String, String> form = SandboxCodec.decodeForm(body, decodeIn);
                for (Map.Entry<String, String> e : form.entrySet()) {
                    String before = params.putIfAbsent(e.getKey(), e.getValue());
                    if (before != null && !before.equals(e.getValue())) {
                        throw new SandboxCodec.MalformedFormException(e.getKey(), "parameter '" + e.getKey()
                                + "' is in the URL as '" + before + "' and in the form as '" + e.getValue() + "'");
                    }
                }
            }
        } catch (SandboxCodec.MalformedFormException e) {
            String code = "_input_charset".equals(e.parameter) ? "ILLEGAL_CHARSET" : "ILLEGAL_ARGUMENT";
            SandboxRejection r = new SandboxRejection(code, ErrorTexts.meaning(code), e.parameter, e.getMessage(), null,
                    SandboxCodec.wireName(decodeIn), Map.of(), Instant.now());
            rejections.add(r);
            events.refused(r);
            errorPage(exchange, r);
            return;
        }
        String service = params.getOrDefault("service", "");
        switch (service) {
            case "notify_verify" -> notifyVerify(exchange, params);
            case "query_timestamp" -> {
                queryTimestamp(exchange, params, decodeIn);
                events.query(service, params, xmlSummary(exchange));
            }
            case "single_trade_query" -> {
                singleTradeQuery(exchange, params, decodeIn);
                events.query(service, params, xmlSummary(exchange));
            }
            default -> createDirectPay(exchange, params, decodeIn, fromUrl == null);
        }
    }

    private void createDirectPay(HttpExchange exchange, Map<String, String> params, Charset decodeIn, boolean defaulted)
            throws IOException {
        String remoteIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        TradeRecord t;
        try {
            t = accept(params, new PayRequestChecker.Arrival(decodeIn, defaulted, remoteIp, false));
        } catch (SandboxRejectedException e) {
            errorPage(exchange, e.rejection());
            return;
        }
        String token = token();
        checkouts.put(token, t);
        html(exchange, 200, Pages.cashier(t, token));
    }

    private void errorPage(HttpExchange exchange, SandboxRejection r) throws IOException {
        exchange.getResponseHeaders().add("X-Sandbox-Error-Code", r.code());
        if (r.parameter() != null) {
            exchange.getResponseHeaders().add("X-Sandbox-Error-Parameter", r.parameter());
        }
        // Alipay answers its error page with 200
        html(exchange, 200, Pages.error(r));
    }

    private void notifyVerify(HttpExchange exchange, Map<String, String> params) throws IOException {
        SandboxFault fault = notifyVerifyFault;
        if (fault == SandboxFault.HANG) {
            hang();
            return;
        }
        if (fault == SandboxFault.HTTP_500) {
            events.notifyVerify(params.get("partner"), params.get("notify_id"), "HTTP 500 (fault injected)");
            text(exchange, 500, "text/html;charset=utf-8", "SYSTEM_ERROR");
            return;
        }
        String answer = fault == SandboxFault.ANSWER_FALSE ? "false" : notifyVerify(params.get("partner"), params.get("notify_id"));
        events.notifyVerify(params.get("partner"), params.get("notify_id"), answer
                + (fault == SandboxFault.ANSWER_FALSE ? " (fault injected: false)" : ""));
        text(exchange, 200, "text/plain;charset=utf-8", answer);
    }

    private void queryTimestamp(HttpExchange exchange, Map<String, String> params, Charset cs) throws IOException {
        String partner = params.get("partner");
        SandboxMerchant m = partner == null ? null : merchants.get(partner);
        if (m == null) {
            xml(exchange, cs, "<is_success>F</is_success><error>ILLEGAL_PARTNER</error>");
            return;
        }
        if (params.containsKey("sign") && !signer.verifyFromMerchant(m, params, signCharset(params, cs))) {
            xml(exchange, cs, "<is_success>F</is_success><error>ILLEGAL_SIGN</error>");
            return;
        }
        // The shape of a real encrypt_key: KP, then Base64 (here the URL-safe alphabet, so '-' and '_'), ending
        // "==". It lives a time (about 30 s at Alipay), for any number of requests, then ANTI_PHISHING_KEY_TIMEOUT.
        String key = "KP" + Base64.getUrlEncoder().encodeToString(randomBytes(28));
        antiPhishingKeys.put(key, new IssuedKey(partner, Instant.now().plus(antiPhishingKeyValidity)));
        xml(exchange, cs, "<is_success>T</is_success><request><param name=\"service\">query_timestamp</param>"
                + "<param name=\"partner\">" + Pages.escape(partner) + "</param></request>"
                + "<response><timestamp><encrypt_key>" + key + "</encrypt_key></timestamp></response>");
    }

    private static Charset signCharset(Map<String, String> params, Charset decodedIn) {
        Charset cs = SandboxCodec.legalCharset(params.get("_input_charset"));
        return cs != null ? cs : decodedIn;
    }

    private void singleTradeQuery(HttpExchange exchange, Map<String, String> params, Charset decodedIn) throws IOException {
        Charset cs = signCharset(params, decodedIn);
        String partner = params.get("partner");
        SandboxMerchant m = partner == null ? null : merchants.get(partner);
        if (m == null) {
            xml(exchange, cs, "<is_success>F</is_success><error>ILLEGAL_PARTNER</error>");
            return;
        }
        if (!m.signType().name().equals(params.get("sign_type"))) {
            xml(exchange, cs, "<is_success>F</is_success><error>ILLEGAL_SIGN_TYPE</error>");
            return;
        }
        if (!signer.verifyFromMerchant(m, params, cs)) {
            xml(exchange, cs, "<is_success>F</is_success><error>ILLEGAL_SIGN</error>");
            return;
        }
        String outTradeNo = params.get("out_trade_no");
        String tradeNo = params.get("trade_no");
        TradeRecord t = trades.values().stream()
                .filter(r -> r.merchant.partner().equals(partner))
                .filter(r -> (outTradeNo != null && !outTradeNo.isEmpty() && r.outTradeNo.equals(outTradeNo))
                        || (tradeNo != null && !tradeNo.isEmpty() && tradeNo.equals(r.tradeNo)))
                .findFirst().orElse(null);
        if (t == null) {
            xml(exchange, cs, "<is_success>F</is_success><error>TRADE_NOT_EXIST</error>");
            return;
        }
        Map<String, String> fields = new java.util.TreeMap<>();
        synchronized (t) {
            putIfPresent(fields, "body", t.body);
            putIfPresent(fields, "buyer_email", t.buyerEmail);
            putIfPresent(fields, "buyer_id", t.buyerId);
            fields.put("discount", "0.00");
            fields.put("flag_trade_locked", "0");
            fields.put("gmt_create", Notifier.CHINA_TIME.format(t.gmtCreate));
            fields.put("gmt_last_modified_time", Notifier.CHINA_TIME.format(Instant.now()));
            if (t.gmtPayment != null) {
                fields.put("gmt_payment", Notifier.CHINA_TIME.format(t.gmtPayment));
            }
            if (t.gmtClose != null) {
                fields.put("gmt_close", Notifier.CHINA_TIME.format(t.gmtClose));
            }
            fields.put("is_total_fee_adjust", "F");
            fields.put("operator_role", "B");
            fields.put("out_trade_no", t.outTradeNo);
            fields.put("payment_type", t.paymentType);
            fields.put("price", Pages.money(t.price));
            fields.put("quantity", Integer.toString(t.quantity));
            fields.put("seller_email", t.sellerEmail);
            fields.put("seller_id", t.sellerId);
            fields.put("subject", t.subject);
            fields.put("to_buyer_fee", Pages.money(t.refunded));
            fields.put("to_seller_fee", t.gmtPayment != null ? Pages.money(t.totalFee.subtract(t.refunded)) : "0.00");
            fields.put("total_fee", Pages.money(t.totalFee));
            putIfPresent(fields, "trade_no", t.tradeNo);
            fields.put("trade_status", t.status.value());
            fields.put("use_coupon", "F");
            if (t.gmtRefund != null) {
                fields.put("refund_status", "REFUND_SUCCESS");
            }
        }
        // the answer's sign covers the <trade> elements, canonical as in spec 9.1
        String sign = signer.signature(m, SandboxCodec.canonical(fields), cs);
        StringBuilder x = new StringBuilder("<is_success>T</is_success><request>");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equals("sign") && !e.getKey().equals("sign_type")) {
                x.append("<param name=\"").append(Pages.escape(e.getKey())).append("\">").append(Pages.escape(e.getValue())).append("</param>");
            }
        }
        x.append("</request><response><trade>");
        fields.forEach((k, v) -> x.append('<').append(k).append('>').append(Pages.escape(v)).append("</").append(k).append('>'));
        x.append("</trade></response><sign>").append(Pages.escape(sign)).append("</sign><sign_type>")
                .append(m.signType().name()).append("</sign_type>");
        xml(exchange, cs, x.toString());
    }

    private Map<String, String> readForm(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestMethod().equalsIgnoreCase("POST") ? readBody(exchange) : new byte[0];
        try {
            Map<String, String> p = SandboxCodec.decodeForm(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            p.putAll(SandboxCodec.decodeForm(body, StandardCharsets.UTF_8));
            return p;
        } catch (SandboxCodec.MalformedFormException e) {
            return Map.of();
        }
    }

    private void cashierPay(HttpExchange exchange) throws IOException {
        String token = readForm(exchange).get("token");
        TradeRecord t = token == null ? null : checkouts.get(token);
        if (t == null) {
            html(exchange, 400, Pages.message("收银台已失效", "收银台已失效，请回到商户重新发起付款 · This checkout is unknown or expired."));
            return;
        }
        int before = t.notifyUrl != null ? deliveries(t.outTradeNo).size() : 0;
        try {
            payRecord(t, requestedBuyer(t));
        } catch (SandboxRejectedException e) {
            errorPage(exchange, e.rejection());
            return;
        }
        String returnPath = t.returnUrl != null ? "/cashier/return?token=" + token : null;
        long refresh = Math.max(0, Math.round(3 * timeScale));
        // the first delivery, if it is over within a few seconds: one that could not connect is shown
        // in red, and the page then waits for the buyer instead of leaving it behind
        NotificationDelivery first = null;
        if (t.notifyUrl != null) {
            List<NotificationDelivery> seen = awaitDeliveries(t.outTradeNo, before + 1, Duration.ofSeconds(3));
            first = seen.size() > before ? seen.get(before) : null;
        }
        boolean unreachable = first != null && ConsoleEvents.unreachable(first);
        html(exchange, 200, Pages.success(t, returnPath, refresh, dropReturnRedirect, !unreachable,
                SuccessNotice.card(t.notifyUrl, first)));
    }

    private void cashierCancel(HttpExchange exchange) throws IOException {
        String token = readForm(exchange).get("token");
        TradeRecord t = token == null ? null : checkouts.remove(token);
        String back = t != null && t.showUrl != null
                ? "<br><a href=\"" + Pages.escape(t.showUrl.toString()) + "\">返回商品页 Back to the product</a>" : "";
        html(exchange, 200, Pages.message("已取消 Cancelled", "付款已取消，交易仍等待付款 · Payment cancelled; the trade still waits for payment." + back));
    }

    private void cashierReturn(HttpExchange exchange) throws IOException {
        Map<String, String> form = readForm(exchange);
        TradeRecord t = checkouts.get(form.getOrDefault("token", ""));
        if (t == null || t.returnParameters == null) {
            html(exchange, 400, Pages.message("无返回", "没有可返回的付款 · Nothing to return to."));
            return;
        }
        if (dropReturnRedirect) {
            html(exchange, 200, Pages.message("页面已关闭", "买家关闭了页面（指南 5.3）· The buyer closed the page (guide 5.3): no return."));
            return;
        }
        exchange.getResponseHeaders().add("Location", returnRedirect(t).toString());
        exchange.sendResponseHeaders(302, -1);
    }

    private void console(HttpExchange exchange) throws IOException {
        Map<String, String> query;
        try {
            query = SandboxCodec.decodeForm(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
        } catch (SandboxCodec.MalformedFormException e) {
            query = Map.of();
        }
        html(exchange, 200, ConsolePage.render(this, events, query.get("message"), query.containsKey("error")));
    }

    private void consoleAction(HttpExchange exchange, String path) throws IOException {
        if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
            exchange.getResponseHeaders().add("Allow", "POST");
            html(exchange, 405, Pages.message("405", "POST only"));
            return;
        }
        ConsolePage.Result r = ConsolePage.act(this, path.substring("/console/".length()), readForm(exchange));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("message", r.message());
        if (r.error()) {
            q.put("error", "1");
        }
        exchange.getResponseHeaders().add("Location", "/?" + SandboxCodec.encodeForm(q, StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(303, -1);
    }

    private static final String XML_ANSWER = "alipay-sandbox.xml-answer";

    /** {@code T}, {@code F ILLEGAL_SIGN}, or {@code T TRADE_SUCCESS}: the gist of an XML answer, for the console. */
    private static String xmlSummary(HttpExchange exchange) {
        Object inner = exchange.getAttribute(XML_ANSWER);
        if (!(inner instanceof String x)) {
            return "(no answer)";
        }
        java.util.regex.Matcher ok = java.util.regex.Pattern.compile("<is_success>(\\w)</is_success>").matcher(x);
        java.util.regex.Matcher error = java.util.regex.Pattern.compile("<error>([^<]*)</error>").matcher(x);
        java.util.regex.Matcher status = java.util.regex.Pattern.compile("<trade_status>([^<]*)</trade_status>").matcher(x);
        return (ok.find() ? ok.group(1) : "?") + (error.find() ? " " + error.group(1) : "")
                + (status.find() ? " " + status.group(1) : "");
    }

    private static void html(HttpExchange exchange, int status, String html) throws IOException {
        text(exchange, status, "text/html;charset=utf-8", html);
    }

    private static void xml(HttpExchange exchange, Charset cs, String inner) throws IOException {
        String wire = SandboxCodec.wireName(cs);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"" + wire + "\"?>\n<alipay>" + inner + "</alipay>").getBytes(cs);
        exchange.setAttribute(XML_ANSWER, inner); // for the console line
        send(exchange, 200, "text/xml;charset=" + wire, body);
    }

    private static void text(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static String token() {
        return HexFormat.of().formatHex(randomBytes(16));
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
            SandboxMerchant m = merchants.get(partner);
            if (m == null) {
                throw new IllegalArgumentException("partner " + partner + " is not a merchant of this sandbox");
            }
            Map<String, String> params = new LinkedHashMap<>();
            params.put("service", "create_direct_pay_by_user");
            params.put("partner", partner);
            params.put("sign_type", m.signType().name());
            if (!p.containsKey("seller_email") && !p.containsKey("seller_account_name")) {
                params.put("seller_id", m.sellerId());
            }
            params.putAll(p);
            Charset cs = SandboxCodec.legalCharset(params.get("_input_charset"));
            return accept(params, new PayRequestChecker.Arrival(cs != null ? cs : SandboxCodec.GATEWAY_DEFAULT_CHARSET,
                    false, null, true)).snapshot();
        }
    }

    private record IssuedKey(String partner, Instant expiresAt) {
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

        private Builder() {
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
