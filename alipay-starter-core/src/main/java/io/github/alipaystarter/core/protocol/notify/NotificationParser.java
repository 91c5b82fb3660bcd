package io.github.alipaystarter.core.protocol.notify;

import io.github.alipaystarter.core.internal.Texts;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses decoded parameters into a {@link TradeNotification}. Does not verify anything.
 *
 * <p>Required for a notify or a return: {@code notify_id}, {@code sign}, {@code sign_type} and
 * {@code out_trade_no} (the spec marks out_trade_no "may be empty", but a notification the merchant
 * cannot tie to an order is useless). A {@link NotificationSource#QUERY} (built by the merchant from a
 * single_trade_query answer) has no notify_id and no sign, so only out_trade_no is required there.
 * A parameter present with an empty value counts as absent.
 *
 * <p>Money ({@code total_fee}, {@code price}, {@code discount}) is parsed as BigDecimal with scale 2,
 * rejecting more than 2 decimals, exponents, signs other than a leading minus and anything that is not
 * a plain decimal number; {@code discount} may be negative (spec 6.2: "如果需要折扣，本参数为负数"),
 * total_fee and price may not. Times are {@code yyyy-MM-dd HH:mm:ss} in China time (spec 5.2, 6.2:
 * "支付宝时间"), returned at the fixed offset +08:00 (China has had no daylight saving since 1991).
 *
 * <p>The caller's map is never changed; the notification's {@link TradeNotification#raw()} is an
 * unmodifiable copy in the caller's iteration order, unknown parameters included.
 */
public final class NotificationParser {

    /** China Standard Time, the zone of every time Alipay sends. */
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    /** A plain decimal: optional leading minus, up to 15 integer digits, optional fraction. */
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]+)?");

    private static final Pattern WHOLE = Pattern.compile("[0-9]{1,9}");

    private NotificationParser() {
    }

    /** Throws {@link MalformedNotificationException} naming the parameter and the problem. */
    public static TradeNotification parse(NotificationSource source, Map<String, String> parameters) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(parameters, "parameters");
        Map<String, String> raw = copyOf(parameters);

        String notifyId = value(raw, "notify_id");
        String sign = value(raw, "sign");
        String signType = value(raw, "sign_type");
        if (source != NotificationSource.QUERY) {
            require("notify_id", notifyId);
            require("sign", sign);
            require("sign_type", signType);
        }
        String outTradeNo = require("out_trade_no", value(raw, "out_trade_no"));

        BigDecimal totalFee = nonNegative("total_fee", money("total_fee", value(raw, "total_fee")));
        BigDecimal price = nonNegative("price", money("price", value(raw, "price")));
        BigDecimal discount = money("discount", value(raw, "discount"));

        return new TradeNotification(
                source,
                raw,
                notifyId,
                chinaTime("notify_time", value(raw, "notify_time")),
                value(raw, "notify_type"),
                signType,
                value(raw, "is_success"),
                outTradeNo,
                value(raw, "trade_no"),
                value(raw, "subject"),
                value(raw, "body"),
                value(raw, "payment_type"),
                TradeStatus.of(value(raw, "trade_status")),
                totalFee,
                price,
                quantity(value(raw, "quantity")),
                discount,
                value(raw, "seller_id"),
                value(raw, "seller_email"),
                value(raw, "buyer_id"),
                value(raw, "buyer_email"),
                chinaTime("gmt_create", value(raw, "gmt_create")),
                chinaTime("gmt_payment", value(raw, "gmt_payment")),
                chinaTime("gmt_close", value(raw, "gmt_close")),
                RefundStatus.fromWire(value(raw, "refund_status")),
                chinaTime("gmt_refund", value(raw, "gmt_refund")),
                value(raw, "extra_common_param"));
    }

    /**
     * An Alipay amount ({@code 387.00}, {@code 10}, {@code -5}) as BigDecimal with scale 2; null for
     * null or empty. Throws {@link MalformedNotificationException} naming {@code parameter} for a value
     * that is not a plain decimal number or has more than 2 decimals. Negative values are accepted
     * here (discount); callers that need a positive amount check that themselves.
     */
    public static BigDecimal money(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw malformed(parameter, "is not an amount in yuan like 387.00", value);
        }
        BigDecimal amount = new BigDecimal(value);
        if (amount.scale() > 2) {
            throw malformed(parameter, "has more than 2 decimals (amounts are in yuan, to the fen)", value);
        }
        return amount.setScale(2);
    }

    /**
     * An Alipay time ({@code yyyy-MM-dd HH:mm:ss}, China time) at +08:00; null for null or empty.
     * Throws {@link MalformedNotificationException} naming {@code parameter} for any other text.
     */
    public static OffsetDateTime chinaTime(String parameter, String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            LocalDateTime fast = fastTime(value);
            return (fast != null ? fast : LocalDateTime.parse(value, TIME)).atOffset(CHINA);
        } catch (DateTimeParseException e) {
            throw malformed(parameter, "is not a time in the format yyyy-MM-dd HH:mm:ss", value);
        }
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss} of exactly 19 ASCII characters read without the formatter (the usual
     * case, several times per notification); null for any other text, which then goes to {@link #TIME}.
     * {@link LocalDateTime#of} rejects what the STRICT formatter rejects (hour 24, February 30, ...).
     */
    private static LocalDateTime fastTime(String v) {
        if (v.length() != 19 || v.charAt(4) != '-' || v.charAt(7) != '-' || v.charAt(10) != ' '
                || v.charAt(13) != ':' || v.charAt(16) != ':') {
            return null;
        }
        int year = digits(v, 0, 4);
        int month = digits(v, 5, 7);
        int day = digits(v, 8, 10);
        int hour = digits(v, 11, 13);
        int minute = digits(v, 14, 16);
        int second = digits(v, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second);
        } catch (java.time.DateTimeException e) {
            throw new DateTimeParseException(e.getMessage(), v, 0);
        }
    }

    /** The ASCII digits {@code v[from, to)} as a number, or -1. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static BigDecimal quantity(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!WHOLE.matcher(value).matches()) {
            throw malformed("quantity", "is not a whole number", value);
        }
        return new BigDecimal(value);
    }

    private static BigDecimal nonNegative(String parameter, BigDecimal amount) {
        if (amount != null && amount.signum() < 0) {
            throw malformed(parameter, "is negative", amount.toPlainString());
        }
        return amount;
    }

    private static Map<String, String> copyOf(Map<String, String> parameters) {
        Map<String, String> copy = new LinkedHashMap<>();
        parameters.forEach((name, value) -> {
            if (name == null) {
                throw new MalformedNotificationException("a parameter has no name (null key)");
            }
            if (value == null) {
                throw new MalformedNotificationException(name, name + ": has no value (null)");
            }
            copy.put(name, value);
        });
        return copy;
    }

    private static String value(Map<String, String> raw, String name) {
        String v = raw.get(name);
        return v == null || v.isEmpty() ? null : v;
    }

    private static String require(String name, String value) {
        if (value == null) {
            throw new MalformedNotificationException(name, name + ": required, but missing or empty");
        }
        return value;
    }

    private static MalformedNotificationException malformed(String parameter, String problem, String value) {
        return new MalformedNotificationException(parameter, parameter + ": " + problem + ", got \"" + printable(value) + "\"");
    }

    /** The value as it may appear in a message or log: at most 64 characters, control characters replaced. */
    static String printable(String value) {
        return Texts.forLog(value, 64);
    }
}
