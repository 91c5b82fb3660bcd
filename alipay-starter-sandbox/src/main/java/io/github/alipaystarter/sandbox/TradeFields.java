package io.github.alipaystarter.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trade as the wire shows it: the parameters of a notification (spec 6.2), of a return (spec 5.2)
 * and the {@code <trade>} of a single_trade_query answer. Callers hold the trade's monitor.
 */
final class TradeFields {

    /** Alipay's times: {@code yyyy-MM-dd HH:mm:ss} in China (UTC+8). */
    static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.ofHours(8));

    private TradeFields() {
    }

    /** The business parameters of a notification (spec 6.2), without notify_*, sign and sign_type. */
    static Map<String, String> notification(TradeRecord t) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("out_trade_no", t.outTradeNo);
        p.put("subject", t.subject);
        p.put("payment_type", t.paymentType);
        putIfPresent(p, "trade_no", t.tradeNo);
        p.put("trade_status", t.status.value());
        putTimes(p, t);
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

    /** The unsigned parameters of the return to return_url after payment (spec 5.2). */
    static Map<String, String> returnParameters(TradeRecord t, String notifyId, Instant now) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("is_success", "T");
        r.put("out_trade_no", t.outTradeNo);
        r.put("subject", t.subject);
        r.put("payment_type", t.paymentType);
        r.put("exterface", "create_direct_pay_by_user");
        r.put("trade_no", t.tradeNo);
        r.put("trade_status", t.status.value());
        r.put("notify_id", notifyId);
        r.put("notify_time", CHINA_TIME.format(now));
        r.put("notify_type", "trade_status_sync");
        r.put("seller_email", t.sellerEmail);
        r.put("buyer_email", t.buyerEmail);
        r.put("seller_id", t.sellerId);
        r.put("buyer_id", t.buyerId);
        r.put("total_fee", Pages.money(t.totalFee));
        putIfPresent(r, "body", t.body);
        putIfPresent(r, "extra_common_param", t.extraCommonParam);
        return r;
    }

    /** The {@code <trade>} elements of a single_trade_query answer, sorted by name as they are signed. */
    static Map<String, String> query(TradeRecord t, Instant now) {
        Map<String, String> f = new TreeMap<>();
        putIfPresent(f, "body", t.body);
        putIfPresent(f, "buyer_email", t.buyerEmail);
        putIfPresent(f, "buyer_id", t.buyerId);
        f.put("discount", "0.00");
        f.put("flag_trade_locked", "0");
        putTimes(f, t);
        f.put("gmt_last_modified_time", CHINA_TIME.format(now));
        f.put("is_total_fee_adjust", "F");
        f.put("operator_role", "B");
        f.put("out_trade_no", t.outTradeNo);
        f.put("payment_type", t.paymentType);
        f.put("price", Pages.money(t.price));
        f.put("quantity", Integer.toString(t.quantity));
        f.put("seller_email", t.sellerEmail);
        f.put("seller_id", t.sellerId);
        f.put("subject", t.subject);
        f.put("to_buyer_fee", Pages.money(t.refunded));
        f.put("to_seller_fee", t.gmtPayment != null ? Pages.money(t.totalFee.subtract(t.refunded)) : "0.00");
        f.put("total_fee", Pages.money(t.totalFee));
        putIfPresent(f, "trade_no", t.tradeNo);
        f.put("trade_status", t.status.value());
        f.put("use_coupon", "F");
        if (t.gmtRefund != null) {
            f.put("refund_status", "REFUND_SUCCESS");
        }
        return f;
    }

    private static void putTimes(Map<String, String> m, TradeRecord t) {
        m.put("gmt_create", CHINA_TIME.format(t.gmtCreate));
        if (t.gmtPayment != null) {
            m.put("gmt_payment", CHINA_TIME.format(t.gmtPayment));
        }
        if (t.gmtClose != null) {
            m.put("gmt_close", CHINA_TIME.format(t.gmtClose));
        }
    }

    private static void putIfPresent(Map<String, String> m, String k, String v) {
        if (v != null && !v.isEmpty()) {
            m.put(k, v);
        }
    }
}
