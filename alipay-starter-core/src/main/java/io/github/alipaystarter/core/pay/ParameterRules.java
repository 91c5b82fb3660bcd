package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.internal.AlipayIds;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.internal.UrlRule;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules of spec table 4-1 (and of the notes under it, the guide and the usage rules) for single
 * values. Every check throws {@link AlipayParameterException} naming the parameter, the rule, the
 * value and the code Alipay would answer.
 */
final class ParameterRules {

    static final BigDecimal MIN_MONEY = new BigDecimal("0.01");
    static final BigDecimal MAX_MONEY = new BigDecimal("100000000.00");

    private static final Pattern IT_B_PAY = Pattern.compile("([1-9][0-9]*)([mhd])");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

    /**
     * Bank codes of spec 12.7 (银行列表) and 12.8 (纯借记卡银行列表), case as printed (rules v1.4: case
     * matters for defaultbank).
     */
    static final Set<String> BANK_CODES = Set.of(
            // 12.7
            "ICBCBTB", "ABCBTB", "CCBBTB", "SPDBB2B", "BOCB2C", "ICBCB2C", "CMB", "CCB", "ABC", "SPDB", "CIB", "GDB",
            "SDB", "CMBC", "COMM", "CITIC", "HZCBB2C", "CEBBANK", "SHBANK", "NBBANK", "SPABANK", "FDB", "POSTGC",
            "abc1003", "abc1004",
            // 12.8
            "CMB-DEBIT", "CCB-DEBIT", "ICBC-DEBIT", "COMM-DEBIT", "GDB-DEBIT", "BOC-DEBIT", "CEB-DEBIT", "SPDB-DEBIT",
            "PSBC-DEBIT", "BJBANK", "SHRCB", "WZCBB2C-DEBIT");

    /**
     * A well-formed bank code: letters, digits and {@code -} (spec 12.7 and 12.8 use {@code CMB-DEBIT},
     * {@code abc1003}). Table 4-1 gives defaultbank as "String" without a length; 32 is far above every
     * published code and keeps a mistake (a bank's name, a URL) from being sent.
     */
    static final Pattern BANK_CODE = Pattern.compile("[A-Za-z0-9-]{1,32}");

    /**
     * Table 12-3 (支付渠道), the channel values of spec v3.2. Alipay's later texts name more channels for
     * enable_paymethod and disable_paymethod, so a well-formed name outside this set is sent with a warning.
     */
    static final Set<String> CHANNELS = Set.of("directPay", "cartoon", "bankPay", "cash");

    /** A channel name: letters, digits and {@code _}. */
    static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9_]{1,32}");

    private ParameterRules() {
    }

    static AlipayParameterException violation(String parameter, String rule, String value, AlipayErrorCode code) {
        return new AlipayParameterException(parameter, rule, value, code);
    }

    static boolean isEmpty(String value) {
        return value == null || value.isEmpty();
    }

    /**
     * No control characters in a text value: a line break inside a form field is normalised to CR LF
     * by the browser on submission (HTML form encoding), so the signed and the sent value differ
     * (ILLEGAL_SIGN).
     */
    static void noControlCharacters(String parameter, String value) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (Character.isISOControl(cp)) {
                throw violation(parameter, "must not contain control characters (line breaks, tabs): browsers "
                        + "rewrite line breaks in form fields, which breaks the signature", value, AlipayErrorCode.ILLEGAL_SIGN);
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * Every character of a value representable in the {@code _input_charset}: a character the charset
     * cannot hold is sent by browsers as {@code &#nnnn;} while the signature was made over something
     * else (ILLEGAL_SIGN).
     */
    static void encodable(String parameter, String value, Charset charset) {
        if (!charset.newEncoder().canEncode(value)) {
            throw violation(parameter, "every character must exist in the _input_charset " + Charsets.wireName(charset)
                    + " (otherwise the browser sends a character reference and the signature no longer matches)",
                    value, AlipayErrorCode.ILLEGAL_SIGN);
        }
    }

    /**
     * Alipay's length of a String(n) value: every character outside ASCII counts 2, whatever the
     * {@code _input_charset} (spec 4.2: subject String(256) "该参数最长为128个汉字"; royalty remarks
     * "1000个字符，即500个汉字"). Counting utf-8 bytes (3 per Chinese character) would refuse valid values.
     */
    static int alipayLength(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            length += cp < 0x80 ? 1 : 2;
            i += Character.charCount(cp);
        }
        return length;
    }

    /** A maximum String(n) length of table 4-1, counted as Alipay does (see {@link #alipayLength}). */
    static void maxLength(String parameter, String value, int max) {
        int length = alipayLength(value);
        if (length > max) {
            throw violation(parameter, "at most " + max + " (table 4-1, String(" + max + "); a Chinese or other non-ASCII"
                    + " character counts 2, spec 4.2: 最长为" + (max / 2) + "个汉字), was " + length, value,
                    AlipayErrorCode.ILLEGAL_LENGTH);
        }
    }

    /**
     * Spec 4.2, note under table 4-1: body, subject and extra_common_param must not contain special
     * characters such as {@code # % & +} (Alipay refuses them in these parameters), nor foreign scripts that
     * Alipay's systems do not support (Korean, Thai, Tibetan, Mongolian, Arabic).
     */
    static void plainText(String parameter, String value, AlipayErrorCode code) {
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            if (cp == '#' || cp == '%' || cp == '&' || cp == '+') {
                throw violation(parameter, "must not contain # % & + (spec 4.2, note under table 4-1; found '"
                        + (char) cp + "')", value, code);
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            if (script == Character.UnicodeScript.HANGUL || script == Character.UnicodeScript.THAI
                    || script == Character.UnicodeScript.TIBETAN || script == Character.UnicodeScript.MONGOLIAN
                    || script == Character.UnicodeScript.ARABIC) {
                throw violation(parameter, "must not use Korean, Thai, Tibetan, Mongolian or Arabic script (spec 4.2, "
                        + "note under table 4-1; found " + script + ")", value, code);
            }
            i += Character.charCount(cp);
        }
    }

    /**
     * Money (table 4-1, total_fee and price): RMB yuan in [0.01, 100000000.00] with at most two
     * decimals; returned at scale 2, the form Alipay itself uses ({@code 387.00}). Trailing zeros
     * beyond the second decimal are harmless ({@code 1.000} is 1.00); a third significant decimal
     * is refused, never rounded.
     */
    static BigDecimal money(String parameter, BigDecimal value, AlipayErrorCode code) {
        String shown = value.toPlainString();
        if (value.stripTrailingZeros().scale() > 2) {
            throw violation(parameter, "at most 2 decimals (table 4-1: 精确到小数点后两位)", shown, code);
        }
        if (value.compareTo(MIN_MONEY) < 0 || value.compareTo(MAX_MONEY) > 0) {
            throw violation(parameter, "must be in [0.01, 100000000.00] yuan (table 4-1)", shown, code);
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    /** seller_id and buyer_id: the 16-digit Alipay user id, 2088 followed by 12 digits. */
    static void userId(String parameter, String value) {
        if (!AlipayIds.isPartnerId(value)) {
            throw violation(parameter, "must be the 16-digit Alipay user id: 2088 followed by 12 digits (table 4-1)",
                    value, AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
    }

    /** An account name (email or mobile): no white space at all. */
    static void account(String parameter, String value) {
        noControlCharacters(parameter, value);
        if (value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw violation(parameter, "must be an Alipay account (email or mobile number) without spaces", value,
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        maxLength(parameter, value, 100);
    }

    /**
     * notify_url, return_url and show_url: absolute http or https URLs, without custom query
     * parameters (guide 5.2 C: "?id=123" and everything after "?" are custom parameters) and without
     * a fragment.
     */
    static void url(String parameter, String value, int maxLength) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw violation(parameter, "must be a valid URL (" + e.getReason() + ")", value,
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        UrlRule.Problem problem = UrlRule.check(uri);
        if (problem != null) {
            throw switch (problem) {
                case NOT_ABSOLUTE_HTTP -> violation(parameter, "must be an absolute http or https URL with a host", value,
                        AlipayErrorCode.ILLEGAL_ARGUMENT);
                case CUSTOM_QUERY -> violation(parameter, "must not carry query parameters (guide 5.2 C: everything after '?' is a "
                        + "custom parameter; put the order number in out_trade_no or extra_common_param)", value,
                        AlipayErrorCode.ILLEGAL_ARGUMENT);
                case FRAGMENT -> violation(parameter, "must not carry a fragment ('#')", value, AlipayErrorCode.ILLEGAL_ARGUMENT);
            };
        }
        noControlCharacters(parameter, value);
        maxLength(parameter, value, maxLength);
    }

    /**
     * it_b_pay (table 4-1): 1m to 15d; units m (minutes), h (hours), d (days); {@code 1c} (close at
     * midnight of the day the trade was created) only as exactly {@code 1c}; no decimals (1.5h is 90m).
     */
    static void itBPay(String value) {
        if (value.equals("1c")) {
            return;
        }
        Matcher m = IT_B_PAY.matcher(value);
        if (!m.matches()) {
            throw violation("it_b_pay", "must be a whole number followed by m, h or d (e.g. 30m, 2h, 3d), or exactly 1c"
                    + " (table 4-1; no decimals: write 90m for 1.5h)", value, AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
        }
        long amount = m.group(1).length() > 6 ? Long.MAX_VALUE : Long.parseLong(m.group(1));
        long minutes = switch (m.group(2)) {
            case "m" -> amount;
            case "h" -> amount > 360 ? Long.MAX_VALUE : amount * 60;
            default -> amount > 15 ? Long.MAX_VALUE : amount * 60 * 24;
        };
        if (minutes > 15 * 24 * 60) {
            throw violation("it_b_pay", "must be between 1m and 15d (table 4-1)", value,
                    AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT);
        }
    }

    /**
     * exter_invoke_ip (table 4-1, String(15)): the buyer's IPv4 address. An IPv4-mapped IPv6 address
     * ({@code ::ffff:1.2.3.4}) is turned into its IPv4 form; other IPv6 addresses do not fit.
     */
    static String ipv4(String value) {
        String v = value;
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.startsWith("::ffff:") && IPV4.matcher(v.substring(7)).matches()) {
            v = v.substring(7);
        }
        if (!IPV4.matcher(v).matches()) {
            throw violation("exter_invoke_ip", "must be the buyer's IPv4 address in dotted form, at most 15 characters "
                    + "(table 4-1; once anti-phishing IP checking is on it must never be empty, guide 5.1)", value,
                    AlipayErrorCode.ILLEGAL_EXTER_INVOKE_IP);
        }
        return v;
    }

}
