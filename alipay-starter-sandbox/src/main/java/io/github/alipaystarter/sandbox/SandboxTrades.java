package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's trades and what happens to them: accepting a create_direct_pay_by_user request,
 * paying (trade_no, signed return, notification), closing, refunding and finishing, and the
 * rejections on the way. Each trade is guarded by its own monitor; accepting is serialized.
 */
final class SandboxTrades implements PayRequestChecker.Context {

    private static final System.Logger LOG = System.getLogger(AlipaySandbox.class.getName());
    private static final DateTimeFormatter TRADE_NO_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.ofHours(8));

    private final SandboxParts parts;
    private final AntiPhishingKeys antiPhishingKeys;
    private final Duration returnValidity;
    private final boolean notifyClosedTrades;
    private final Map<String, TradeRecord> trades = new ConcurrentHashMap<>();
    private final List<TradeRecord> oldestFirst = new CopyOnWriteArrayList<>();
    private final List<SandboxRejection> rejections = new CopyOnWriteArrayList<>();
    private final AtomicLong tradeSequence = new AtomicLong();

    SandboxTrades(SandboxParts parts, AntiPhishingKeys antiPhishingKeys, Duration returnValidity, boolean notifyClosedTrades) {
        this.parts = parts;
        this.antiPhishingKeys = antiPhishingKeys;
        this.returnValidity = returnValidity;
        this.notifyClosedTrades = notifyClosedTrades;
    }

    // ------------------------------------------------------------------ what the request checker asks

    @Override
    public SandboxMerchant merchant(String partner) {
        return parts.merchant(partner);
    }

    @Override
    public boolean isOtherMerchantsSeller(String partner, String idOrAccount) {
        return parts.merchants().values().stream().filter(m -> !m.partner().equals(partner))
                .anyMatch(m -> m.sellerId().equals(idOrAccount) || m.sellerEmail().equalsIgnoreCase(idOrAccount));
    }

    @Override
    public PayRequestChecker.KeyProblem checkAntiPhishingKey(String partner, String key) {
        return antiPhishingKeys.check(partner, key);
    }

    @Override
    public TradeRecord trade(String partner, String outTradeNo) {
        return trades.get(key(partner, outTradeNo));
    }

    @Override
    public Instant now() {
        return parts.clock().instant();
    }

    // ------------------------------------------------------------------ the trade's life

    /** Checks a create_direct_pay_by_user request and creates or repeats its trade. */
    TradeRecord accept(Map<String, String> params, PayRequestChecker.Arrival arrival) {
        synchronized (trades) {
            PayOrder order;
            try {
                order = PayRequestChecker.check(params, arrival, this);
            } catch (SandboxRejectedException e) {
                LOG.log(System.Logger.Level.DEBUG, "sandbox refused a request: {0}", e.rejection().summary());
                refused(e.rejection());
                throw e;
            }
            SandboxMerchant merchant = parts.merchant(params.get("partner"));
            String k = key(merchant.partner(), order.outTradeNo());
            TradeRecord existing = trades.get(k);
            if (existing != null) {
                synchronized (existing) {
                    existing.update(order);
                }
                parts.events().accepted(params, existing.snapshot(), true);
                return existing;
            }
            TradeRecord t = new TradeRecord(merchant, order, now());
            trades.put(k, t);
            oldestFirst.add(t);
            parts.events().accepted(params, t.snapshot(), false);
            return t;
        }
    }

    /**
     * Accepts a request the caller vouches for (no signature or anti-phishing check): the partner's
     * service, sign_type and seller are added to {@code given}, which wins over them.
     */
    TradeRecord acceptTrusted(String partner, Map<String, String> given) {
        SandboxMerchant m = parts.merchant(partner);
        if (m == null) {
            throw new IllegalArgumentException("partner " + partner + " is not a merchant of this sandbox");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "create_direct_pay_by_user");
        params.put("partner", partner);
        params.put("sign_type", m.signType().name());
        if (!given.containsKey("seller_email") && !given.containsKey("seller_account_name")) {
            params.put("seller_id", m.sellerId());
        }
        params.putAll(given);
        return accept(params, direct(params, true));
    }

    /** How a request made through the API arrives: in its own _input_charset, from no browser. */
    static PayRequestChecker.Arrival direct(Map<String, String> params, boolean trusted) {
        Charset cs = SandboxCodec.legalCharset(params.get("_input_charset"));
        return new PayRequestChecker.Arrival(cs != null ? cs : SandboxCodec.GATEWAY_DEFAULT_CHARSET, false, null, trusted);
    }

    /** Records a refused request (for {@link AlipaySandbox#rejections()} and the console). */
    void refused(SandboxRejection r) {
        rejections.add(r);
        parts.events().refused(r);
    }

    /** Pays as the buyer the request named (buyer_id / buyer_email), or else {@link SandboxBuyer#DEFAULT}. */
    SandboxPayment pay(TradeRecord t) {
        SandboxBuyer buyer = t.requestedBuyerId == null && t.requestedBuyerEmail == null ? SandboxBuyer.DEFAULT
                : new SandboxBuyer(t.requestedBuyerId != null ? t.requestedBuyerId : SandboxBuyer.DEFAULT.id(),
                        t.requestedBuyerEmail != null ? t.requestedBuyerEmail : SandboxBuyer.DEFAULT.email());
        return pay(t, buyer);
    }

    SandboxPayment pay(TradeRecord t, SandboxBuyer buyer) {
        Map<String, String> notifyParams = null;
        URI returnUrl = null;
        synchronized (t) {
            if (!t.status.equals(TradeStatus.WAIT_BUYER_PAY)) {
                SandboxRejection r = new SandboxRejection("TRADE_NOT_ALLOWED_PAY", ErrorTexts.meaning("TRADE_NOT_ALLOWED_PAY"),
                        "out_trade_no", "trade " + t.outTradeNo + " is " + t.status + ", it cannot be paid again", null,
                        SandboxCodec.wireName(t.charset), Map.of(), now());
                refused(r);
                throw new SandboxRejectedException(r);
            }
            if (buyer.id().equals(t.sellerId) || buyer.email().equalsIgnoreCase(t.sellerEmail)) {
                throw new IllegalArgumentException("the buyer is the seller (BUYER_SELLER_EQUAL)");
            }
            Instant now = now();
            t.tradeNo = TRADE_NO_DATE.format(now) + String.format("%020d", now.toEpochMilli() % 100_000_000_000L * 1000
                    + tradeSequence.incrementAndGet() % 1000);
            t.status = t.merchant.tradeStatusOnPay();
            t.buyerId = buyer.id();
            t.buyerEmail = buyer.email();
            t.gmtPayment = now;
            if (TradeStatus.TRADE_FINISHED.equals(t.status)) {
                t.gmtClose = now; // a finished trade is ended: its notifications carry gmt_close (spec 6.3)
            }
            if (t.returnUrl != null) {
                String notifyId = parts.notifyIds().issue(t.merchant.partner(), now.plus(returnValidity));
                t.returnParameters = parts.signer().sign(t.merchant, TradeFields.returnParameters(t, notifyId, now), t.charset);
                returnUrl = parts.faults().dropReturnRedirect() ? null : returnRedirect(t);
            }
            if (t.notifyUrl != null) {
                notifyParams = TradeFields.notification(t);
            }
        }
        parts.events().paid(t.snapshot());
        if (notifyParams != null) {
            notifyMerchant(t, notifyParams);
        }
        return new SandboxPayment(t.snapshot(), returnUrl);
    }

    /** Closes an unpaid trade; notified only when closed trades are. */
    SandboxTrade close(String outTradeNo) {
        TradeRecord t = record(outTradeNo);
        Map<String, String> params = end(t, TradeStatus.WAIT_BUYER_PAY, TradeStatus.TRADE_CLOSED, "be closed");
        if (notifyClosedTrades) {
            notifyMerchant(t, params);
        }
        parts.events().action("CLOSE", "out_trade_no=" + outTradeNo + " -> TRADE_CLOSED (not notified: spec 8.3)");
        return t.snapshot();
    }

    /** Ends the refund window of a TRADE_SUCCESS trade: TRADE_FINISHED, notified. */
    SandboxTrade finish(String outTradeNo) {
        TradeRecord t = record(outTradeNo);
        Map<String, String> params = end(t, TradeStatus.TRADE_SUCCESS, TradeStatus.TRADE_FINISHED, "finish");
        parts.events().action("FINISH", "out_trade_no=" + outTradeNo + " -> TRADE_FINISHED");
        notifyMerchant(t, params);
        return t.snapshot();
    }

    /** Moves the trade from {@code from} to the ended status {@code to} (gmt_close now); its notification's parameters. */
    private Map<String, String> end(TradeRecord t, TradeStatus from, TradeStatus to, String verb) {
        synchronized (t) {
            requireStatus(t, from, verb);
            t.status = to;
            t.gmtClose = now(); // spec 6.3: a TRADE_CLOSED or TRADE_FINISHED notification carries gmt_close
            return TradeFields.notification(t);
        }
    }

    private static void requireStatus(TradeRecord t, TradeStatus expected, String verb) {
        if (!t.status.equals(expected)) {
            throw new IllegalStateException("trade " + t.outTradeNo + " is " + t.status + "; only " + expected + " can " + verb);
        }
    }

    /** Refunds part or all of a TRADE_SUCCESS trade; a full refund closes it. */
    SandboxTrade refund(String outTradeNo, BigDecimal amount) {
        TradeRecord t = record(outTradeNo);
        Map<String, String> params;
        synchronized (t) {
            requireStatus(t, TradeStatus.TRADE_SUCCESS, "be refunded");
            if (amount.signum() <= 0 || amount.scale() > 2) {
                throw new IllegalArgumentException("refund amount must be positive with at most 2 decimals: " + amount);
            }
            BigDecimal left = t.totalFee.subtract(t.refunded);
            if (amount.compareTo(left) > 0) {
                throw new IllegalArgumentException("refund " + amount.toPlainString() + " is more than the "
                        + left.toPlainString() + " left of trade " + outTradeNo);
            }
            t.refunded = t.refunded.add(amount).setScale(2);
            t.gmtRefund = now();
            if (t.refunded.compareTo(t.totalFee) == 0) {
                t.status = TradeStatus.TRADE_CLOSED;
                t.gmtClose = t.gmtRefund;
            }
            params = TradeFields.notification(t);
            params.put("refund_status", "REFUND_SUCCESS");
            params.put("gmt_refund", TradeFields.CHINA_TIME.format(t.gmtRefund));
            parts.events().action("REFUND", "out_trade_no=" + outTradeNo + " " + amount.toPlainString() + " -> " + t.status
                    + " (" + t.refunded.toPlainString() + " of " + Pages.money(t.totalFee) + " refunded)");
        }
        if (notifyClosedTrades || !TradeStatus.TRADE_CLOSED.equals(t.snapshot().status())) {
            notifyMerchant(t, params);
        }
        return t.snapshot();
    }

    private void notifyMerchant(TradeRecord t, Map<String, String> params) {
        if (t.notifyUrl != null) {
            parts.notifier().start(t.merchant, key(t.merchant.partner(), t.outTradeNo), t.outTradeNo, t.notifyUrl,
                    t.charset, params);
        }
    }

    static URI returnRedirect(TradeRecord t) {
        return URI.create(t.returnUrl + "?" + SandboxCodec.encodeForm(t.returnParameters, t.charset));
    }

    // ------------------------------------------------------------------ finding trades

    /** @throws NoSuchElementException when there is no such trade */
    TradeRecord record(String outTradeNo) {
        List<TradeRecord> found = trades.values().stream().filter(t -> t.outTradeNo.equals(outTradeNo)).toList();
        if (found.isEmpty()) {
            throw new NoSuchElementException("the sandbox has no trade with out_trade_no " + outTradeNo);
        }
        if (found.size() > 1) {
            throw new IllegalStateException("out_trade_no " + outTradeNo + " exists for several merchants");
        }
        return found.get(0);
    }

    /** The partner's trade with this out_trade_no or trade_no (either may be null or empty); null when none. */
    TradeRecord find(String partner, String outTradeNo, String tradeNo) {
        return trades.values().stream()
                .filter(r -> r.merchant.partner().equals(partner))
                .filter(r -> (outTradeNo != null && !outTradeNo.isEmpty() && r.outTradeNo.equals(outTradeNo))
                        || (tradeNo != null && !tradeNo.isEmpty() && tradeNo.equals(r.tradeNo)))
                .findFirst().orElse(null);
    }

    /** The trade's latest notification. @throws IllegalStateException when it has none */
    Notifier.Notice latestNotice(String outTradeNo) {
        TradeRecord t = record(outTradeNo);
        Notifier.Notice n = parts.notifier().latest(key(t.merchant.partner(), outTradeNo));
        if (n == null) {
            throw new IllegalStateException("trade " + outTradeNo + " has no notification yet (not paid, or no notify_url)");
        }
        return n;
    }

    List<SandboxTrade> snapshots() {
        return oldestFirst.stream().map(TradeRecord::snapshot).toList();
    }

    boolean has(String outTradeNo) {
        return trades.values().stream().anyMatch(t -> t.outTradeNo.equals(outTradeNo));
    }

    List<SandboxRejection> rejections() {
        return List.copyOf(rejections);
    }

    void clear() {
        trades.clear();
        oldestFirst.clear();
        rejections.clear();
    }

    private static String key(String partner, String outTradeNo) {
        return partner + "|" + outTradeNo;
    }
}
