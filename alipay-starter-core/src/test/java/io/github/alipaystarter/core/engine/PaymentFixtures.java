package io.github.alipaystarter.core.engine;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.payment.TradeClosed;
import io.github.alipaystarter.core.payment.TradeRefunded;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.RefundStatus;
import io.github.alipaystarter.core.protocol.notify.TradeNotification;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Notifications as Alipay sends them, and a {@link NotificationCheck} that stands in for the real verifier. */
public final class PaymentFixtures {

    static final String SELLER_ID = "2088101122334455";
    static final String SELLER_EMAIL = "Shop@Example.com";
    static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PaymentFixtures() {
    }

    /** A correctly "signed" trade_status_sync notification for {@code outTradeNo}. */
    static Map<String, String> notification(String outTradeNo, String totalFee, String tradeStatus) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_id", "nid-" + outTradeNo + "-" + tradeStatus);
        p.put("notify_type", "trade_status_sync");
        p.put("notify_time", "2026-11-26 10:15:30");
        p.put("out_trade_no", outTradeNo);
        p.put("trade_no", "2026112621001004" + Math.abs(outTradeNo.hashCode() % 10000));
        p.put("subject", "测试商品 + 100%");
        p.put("payment_type", "1");
        p.put("trade_status", tradeStatus);
        p.put("total_fee", totalFee);
        p.put("seller_id", SELLER_ID);
        p.put("seller_email", "shop@example.com");
        p.put("buyer_id", "2088002007013600");
        p.put("buyer_email", "buyer@example.com");
        p.put("gmt_create", "2026-11-26 10:14:00");
        p.put("gmt_payment", "2026-11-26 10:15:01");
        p.put("sign_type", "MD5");
        p.put("sign", FakeCheck.GOOD_SIGN);
        return p;
    }

    /** The same as a return (spec 5.2): is_success=T. */
    static Map<String, String> returned(String outTradeNo, String totalFee, String tradeStatus) {
        Map<String, String> p = notification(outTradeNo, totalFee, tradeStatus);
        p.remove("notify_type");
        p.put("is_success", "T");
        return p;
    }

    static Map<String, String> with(Map<String, String> p, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(p);
        if (value == null) {
            copy.remove(name);
        } else {
            copy.put(name, value);
        }
        return copy;
    }

    /**
     * Stands in for NotificationVerifier: the signature is "right" when sign equals {@link #GOOD_SIGN},
     * sign_type must be MD5, notify_id, sign and sign_type are required (as the real parser requires),
     * and notify_id is answered with {@link #notifyIdAnswer} (Verified when null). Counts every call.
     */
    static final class FakeCheck implements NotificationCheck {
        static final String GOOD_SIGN = "0123456789abcdef0123456789abcdef";

        final AtomicInteger signatureChecks = new AtomicInteger();
        final AtomicInteger notifyIdChecks = new AtomicInteger();
        final List<String> notifyIdsAsked = Collections.synchronizedList(new ArrayList<>());
        volatile Verification notifyIdAnswer;

        @Override
        public Verification checkSignature(NotificationSource source, Map<String, String> parameters) {
            signatureChecks.incrementAndGet();
            for (String required : List.of("notify_id", "sign", "sign_type")) {
                String v = parameters.get(required);
                if (v == null || v.isEmpty()) {
                    return new Verification.Malformed(required + " is missing");
                }
            }
            if (!"MD5".equals(parameters.get("sign_type"))) {
                return new Verification.UnsupportedSignType(parameters.get("sign_type"));
            }
            if (!GOOD_SIGN.equals(parameters.get("sign"))) {
                return new Verification.BadSignature("sign does not match the content");
            }
            try {
                return new Verification.Verified(parse(source, parameters));
            } catch (RuntimeException e) {
                return new Verification.Malformed(e.getMessage());
            }
        }

        @Override
        public Verification checkNotifyId(TradeNotification notification) {
            notifyIdChecks.incrementAndGet();
            notifyIdsAsked.add(notification.notifyId());
            Verification answer = notifyIdAnswer;
            return answer != null ? answer : new Verification.Verified(notification);
        }
    }

    static TradeNotification parse(NotificationSource source, Map<String, String> p) {
        return new TradeNotification(source, p, p.get("notify_id"), time(p.get("notify_time")), p.get("notify_type"),
                p.get("sign_type"), p.get("is_success"), p.get("out_trade_no"), p.get("trade_no"), p.get("subject"),
                p.get("body"), p.get("payment_type"), TradeStatus.of(p.get("trade_status")), money(p.get("total_fee")),
                money(p.get("price")), null, money(p.get("discount")), p.get("seller_id"), p.get("seller_email"),
                p.get("buyer_id"), p.get("buyer_email"), time(p.get("gmt_create")), time(p.get("gmt_payment")),
                time(p.get("gmt_close")), RefundStatus.fromWire(p.get("refund_status")), time(p.get("gmt_refund")),
                p.get("extra_common_param"));
    }

    static OffsetDateTime time(String s) {
        return s == null ? null : LocalDateTime.parse(s, TIME).atOffset(CHINA);
    }

    static BigDecimal money(String s) {
        return s == null ? null : new BigDecimal(s).setScale(2);
    }

    /** A clock the test moves by hand. */
    public static final class MutableClock extends Clock {
        private volatile Instant now;

        public MutableClock(Instant now) {
            this.now = now;
        }

        public void set(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Records every call; onPaid can be told to fail. */
    static class RecordingHandler implements PaymentHandler {
        final List<PaidTrade> paid = Collections.synchronizedList(new ArrayList<>());
        final List<TradeClosed> closed = Collections.synchronizedList(new ArrayList<>());
        final List<TradeRefunded> refunds = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger onPaidCalls = new AtomicInteger();
        volatile int failuresLeft;

        @Override
        public void onPaid(PaidTrade trade) {
            onPaidCalls.incrementAndGet();
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("order database unavailable");
            }
            paid.add(trade);
        }

        @Override
        public void onClosed(TradeClosed event) {
            closed.add(event);
        }

        @Override
        public void onRefund(TradeRefunded event) {
            refunds.add(event);
        }

        int calls() {
            return onPaidCalls.get() + closed.size() + refunds.size();
        }
    }
}
