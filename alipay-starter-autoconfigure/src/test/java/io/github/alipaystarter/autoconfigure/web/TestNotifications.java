package io.github.alipaystarter.autoconfigure.web;

import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Builds notifications the way Alipay sends them, signed here independently of the core signer (spec
 * 9.1: every parameter but sign and sign_type, empty ones left out, sorted, raw values joined; MD5 of
 * the bytes of content + key in the charset), and form-encoded in the charset.
 */
final class TestNotifications {

    static final String PARTNER = "2088101122136241";

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    /** A subject with Chinese text, a space, {@code +} and {@code %}: all must survive one decoding. */
    static final String SUBJECT = "测试商品 A+B 100% 真丝";

    private static final AtomicInteger sequence = new AtomicInteger();

    private TestNotifications() {
    }

    static String newOutTradeNo() {
        return "T" + System.nanoTime() + "-" + sequence.incrementAndGet();
    }

    static String newNotifyId() {
        return "RqPnCoPT3K9%2Fvwbh3InWeOSUKSV1lX" + sequence.incrementAndGet();
    }

    /** An unsigned TRADE_SUCCESS notification of {@code totalFee} for {@code outTradeNo}. */
    static Map<String, String> paid(String outTradeNo, String totalFee) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("notify_time", "2026-11-26 10:20:30");
        p.put("notify_type", "trade_status_sync");
        p.put("notify_id", newNotifyId());
        p.put("out_trade_no", outTradeNo);
        p.put("subject", SUBJECT);
        p.put("body", "描述: 50% off + 包邮");
        p.put("payment_type", "1");
        p.put("trade_no", "2026112600001000" + Math.abs(outTradeNo.hashCode()));
        p.put("trade_status", "TRADE_SUCCESS");
        p.put("seller_id", PARTNER);
        p.put("seller_email", "seller@example.com");
        p.put("buyer_id", "2088002007018916");
        p.put("buyer_email", "buyer@example.com");
        p.put("total_fee", totalFee);
        p.put("price", totalFee);
        p.put("quantity", "1");
        p.put("gmt_create", "2026-11-26 10:19:00");
        p.put("gmt_payment", "2026-11-26 10:20:00");
        p.put("is_total_fee_adjust", "N");
        p.put("use_coupon", "N");
        p.put("discount", "0.00");
        return p;
    }

    /** The parameters plus sign_type MD5 and the MD5 sign made with {@code key}. */
    static Map<String, String> signed(Map<String, String> parameters, String key, Charset charset) {
        Map<String, String> signed = new LinkedHashMap<>(parameters);
        signed.remove("sign");
        signed.remove("sign_type");
        signed.put("sign", md5(parameters, key, charset));
        signed.put("sign_type", "MD5");
        return signed;
    }

    static String md5(Map<String, String> parameters, String key, Charset charset) {
        StringJoiner content = new StringJoiner("&");
        new TreeMap<>(parameters).forEach((name, value) -> {
            if (!name.equals("sign") && !name.equals("sign_type") && value != null && !value.isEmpty()) {
                content.add(name + "=" + value);
            }
        });
        return DigestUtils.md5Hex((content + key).getBytes(charset));
    }

    /** {@code application/x-www-form-urlencoded} in {@code charset}: ASCII bytes on the wire. */
    static String formEncode(Map<String, String> parameters, Charset charset) {
        StringJoiner form = new StringJoiner("&");
        parameters.forEach((name, value) -> form.add(URLEncoder.encode(name, charset) + "="
                + URLEncoder.encode(value, charset)));
        return form.toString();
    }

    static byte[] formBody(Map<String, String> parameters, Charset charset) {
        return formEncode(parameters, charset).getBytes(StandardCharsets.US_ASCII);
    }

}
