package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.ParameterRules.violation;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules of spec table 4-1 that hold whatever the merchant's configuration: applied by
 * {@link PaymentRequest.Builder#build()}, one method per parameter or group, each returning the value to
 * keep (normalised, e.g. money at scale 2) or throwing {@link AlipayParameterException}.
 */
final class RequestRules {

    private static final System.Logger LOG = System.getLogger(RequestRules.class.getName());
    /** Printable ASCII without {@code & = # % +}: see {@link PaymentRequest.Builder}. */
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[\\x20-\\x7E&&[^&=#%+]]+");
    private static final Pattern EXTEND_PARAM_NAME = Pattern.compile("[A-Za-z0-9_]+");
    /**
     * Printable ASCII, at most 64: the encrypt_key query_timestamp really returns is Base64-shaped
     * ({@code KP...==}, with {@code + / = _ -}) and must be sent exactly as received.
     */
    private static final Pattern ANTI_PHISHING_KEY = Pattern.compile("[\\x20-\\x7E]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");

    private RequestRules() {
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    static URI url(String parameter, URI url, int maxLength) {
        if (url == null) {
            return null;
        }
        ParameterRules.url(parameter, url.toString(), maxLength);
        return url;
    }

    static URI returnUrl(URI url) {
        url("return_url", url, 200);
        if (url != null) {
            noExclamationMark(url.toString());
        }
        return url;
    }

    static void noExclamationMark(String returnUrl) {
        if (returnUrl.indexOf('!') >= 0) {
            throw violation("return_url", "must not contain '!' (rules v1.4: the buyer would stay on Alipay's "
                    + "success page)", returnUrl, AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
    }

    static String outTradeNo(String outTradeNo) {
        if (outTradeNo == null || outTradeNo.isBlank()) {
            throw violation("out_trade_no", "is required (table 4-1: 不可空)", outTradeNo,
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw violation("out_trade_no", "printable ASCII only, without & = # % + (they break the return URL and "
                    + "the notification it comes back in)", outTradeNo, AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        ParameterRules.maxLength("out_trade_no", outTradeNo, 64);
        return outTradeNo;
    }

    static String subject(String subject) {
        if (subject == null || subject.isBlank()) {
            throw violation("subject", "is required (table 4-1: 不可空)", subject,
                    AlipayErrorCode.SUBJECT_MUST_NOT_BE_NULL);
        }
        ParameterRules.noControlCharacters("subject", subject);
        ParameterRules.plainText("subject", subject, AlipayErrorCode.ILLEGAL_ARGUMENT);
        ParameterRules.maxLength("subject", subject, 256);
        return subject;
    }

    static PaymentType paymentType(PaymentType paymentType) {
        if (paymentType == null) {
            throw violation("payment_type", "must be 1 (purchase) or 4 (donation) (spec 12.6)", null,
                    AlipayErrorCode.ILLEGAL_PAYMENT_TYPE);
        }
        return paymentType;
    }

    /** seller_email, buyer_email, seller_account_name, buyer_account_name: an account without spaces. */
    static String account(String parameter, String value) {
        String v = emptyToNull(value);
        if (v != null) {
            ParameterRules.account(parameter, v);
        }
        return v;
    }

    static String userId(String parameter, String value) {
        String v = emptyToNull(value);
        if (v != null) {
            ParameterRules.userId(parameter, v);
        }
        return v;
    }

    /** Rules v1.4: buyer and seller differ; accounts compared ignoring case, ids exactly. */
    static void buyerIsNotSeller(String parameter, String buyer, String seller, boolean ignoreCase) {
        if (buyer != null && seller != null && (ignoreCase ? buyer.equalsIgnoreCase(seller) : buyer.equals(seller))) {
            throw violation(parameter, "must not be the seller's account (rules v1.4: buyer and seller differ)", buyer,
                    AlipayErrorCode.BUYER_SELLER_EQUAL);
        }
    }

    /** total_fee, or price and quantity (table 4-1: never both; rules v1.4: price needs quantity). */
    static Amount amount(Amount amount) {
        if (amount == null || amount instanceof Amount.Total t && t.totalFee() == null) {
            throw violation("total_fee", "is required: send total_fee, or price and quantity (table 4-1)", null,
                    AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        if (amount instanceof Amount.Total t) {
            return Amount.of(ParameterRules.money("total_fee", t.totalFee(), AlipayErrorCode.ILLEGAL_FEE_PARAM));
        }
        Amount.PriceTimesQuantity pq = (Amount.PriceTimesQuantity) amount;
        if (pq.price() == null) {
            throw violation("price", "is required with quantity (table 4-1)", null, AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        BigDecimal unit = ParameterRules.money("price", pq.price(), AlipayErrorCode.ILLEGAL_FEE_PARAM);
        if (pq.quantity() < 1) {
            throw violation("quantity", "must be a whole number of at least 1", String.valueOf(pq.quantity()),
                    AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        BigDecimal total = unit.multiply(BigDecimal.valueOf(pq.quantity()));
        if (total.compareTo(ParameterRules.MAX_MONEY) > 0) {
            throw violation("quantity", "price × quantity must not exceed 100000000.00 yuan (was "
                    + total.toPlainString() + ")", String.valueOf(pq.quantity()), AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        return Amount.of(unit, pq.quantity());
    }

    static String body(String body) {
        String v = emptyToNull(body);
        if (v != null) {
            ParameterRules.noControlCharacters("body", v);
            ParameterRules.plainText("body", v, AlipayErrorCode.ILLEGAL_ARGUMENT);
            ParameterRules.maxLength("body", v, 1000);
        }
        return v;
    }

    static DefaultPayMethod paymethod(DefaultPayMethod method, Boolean defaultLogin) {
        if (method == null) {
            return null;
        }
        String bank = method.defaultbank();
        if (bank != null) {
            if (!ParameterRules.BANK_CODE.matcher(bank).matches()) {
                throw violation("defaultbank", "must be a bank code: letters, digits and '-', at most 32 (spec 12.7, "
                        + "12.8, e.g. ICBCB2C, CMB, CCB-DEBIT; case matters)", bank, AlipayErrorCode.DEFAULT_BANK_INVALID);
            }
            if (!ParameterRules.BANK_CODES.contains(bank)) {
                LOG.log(System.Logger.Level.WARNING, "defaultbank {0} is not in the bank tables of spec 12.7 and 12.8 "
                        + "(which keep growing); sent as given: check its case and that Alipay lists it for your "
                        + "product", bank);
            }
        }
        if (method.needsDefaultLogin() && Boolean.FALSE.equals(defaultLogin)) {
            throw violation("default_login", "must be Y with paymethod " + method.paymethod().code() + " (rules v1.4: "
                    + "the express gateway takes effect only with default_login=Y)", "N", AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        return method;
    }

    /** Channel names joined by ^ (enable_paymethod, disable_paymethod); unknown well-formed names are warned of. */
    static List<String> channels(String parameter, List<String> channels) {
        if (channels == null || channels.isEmpty()) {
            return null;
        }
        String value = String.join("^", channels);
        for (String channel : channels) {
            if (!ParameterRules.CHANNEL.matcher(channel).matches()) {
                throw violation(parameter, "must be channel names (letters, digits and _, e.g. directPay, bankPay; "
                        + "spec 12.3) joined by ^, none empty", value, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            if (!ParameterRules.CHANNELS.contains(channel)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: channel {1} is not in table 12-3 of spec v3.2; sent as "
                        + "given (Alipay''s later texts name more channels)", parameter, channel);
            }
        }
        return channels;
    }

    static String antiPhishingKey(String key) {
        String v = emptyToNull(key);
        if (v != null && (v.isBlank() || !ANTI_PHISHING_KEY.matcher(v).matches())) {
            throw violation("anti_phishing_key", "must be the encrypt_key from query_timestamp exactly as "
                    + "received: non-blank printable ASCII, at most 64 characters", v,
                    AlipayErrorCode.ILLEGAL_ANTI_PHISHING_KEY);
        }
        return v;
    }

    static String exterInvokeIp(boolean set, String ip) {
        if (!set) {
            return null;
        }
        if (ip == null || ip.isBlank()) {
            throw violation("exter_invoke_ip", "was set but is empty; once IP checking is on it must be the "
                    + "buyer's IP, never empty (guide 5.1)", ip, AlipayErrorCode.ILLEGAL_EXTER_INVOKE_IP);
        }
        return ParameterRules.ipv4(ip.trim());
    }

    static String extraCommonParam(String value) {
        String v = emptyToNull(value);
        if (v == null) {
            return null;
        }
        ParameterRules.noControlCharacters("extra_common_param", v);
        ParameterRules.plainText("extra_common_param", v, AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
        if (v.indexOf('=') >= 0) {
            throw violation("extra_common_param", "must not contain '=' (spec 5.2, 6.2: it comes back inside the "
                    + "return's query string and the notification's form)", v, AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
        }
        ParameterRules.maxLength("extra_common_param", v, 100);
        return v;
    }

    /** extend_param: {@code name1^value1|name2^value2}, names of letters, digits and _, no ^ or | in values. */
    static Map<String, String> extendParam(Map<String, String> pairs) {
        if (pairs == null || pairs.isEmpty()) {
            return null;
        }
        String value = RequestParameters.extendParam(pairs);
        ParameterRules.noControlCharacters("extend_param", value);
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            String v = pair.getValue();
            if (pair.getKey() == null || !EXTEND_PARAM_NAME.matcher(pair.getKey()).matches() || v == null
                    || v.indexOf('^') >= 0 || v.indexOf('|') >= 0) {
                throw violation("extend_param", "must be name1^value1|name2^value2 with names of letters, digits and "
                        + "_ and no ^ or | inside values (table 4-1, rules v1.4)", value, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
        }
        return pairs;
    }

    static PayTimeout itBPay(PayTimeout timeout) {
        if (timeout != null) {
            ParameterRules.itBPay(timeout.value());
        }
        return timeout;
    }

    static String token(String token) {
        String v = emptyToNull(token);
        if (v == null) {
            return null;
        }
        if (v.length() > 40) {
            throw violation("token", "at most 40 characters (table 4-1, String(40))", v, AlipayErrorCode.TOKEN_LEN_TOO_LONG);
        }
        if (!TOKEN.matcher(v).matches()) {
            throw violation("token", "must be the quick-login token as received: letters and digits", v,
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        return v;
    }

    static QrCode qrCode(QrCode qrCode) {
        if (qrCode != null && qrCode.width() != null && qrCode.width() < 1) {
            throw violation("qrcode_width", "must be a positive number of pixels", String.valueOf(qrCode.width()),
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        return qrCode;
    }

    /** royalty_parameters: at most 10 shares, each within the trade amount, remarks up to 1000 (Chinese counting 2). */
    static Royalties royalties(Royalties royalties, BigDecimal amount) {
        if (royalties == null) {
            return null;
        }
        String text = RequestParameters.royaltyParameters(royalties.shares());
        List<Royalties.Share> shares = royalties.shares();
        if (shares.isEmpty() || shares.size() > 10) {
            throw violation("royalty_parameters", "1 to 10 entries joined by | (table 4-1), was " + shares.size(),
                    text, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
        }
        ParameterRules.noControlCharacters("royalty_parameters", text);
        BigDecimal paidBySeller = BigDecimal.ZERO;
        for (Royalties.Share share : shares) {
            boolean payerOk = share.payer() == null || (!share.payer().isBlank() && plainField(share.payer()));
            if (!payerOk || share.receiver() == null || share.receiver().isBlank() || !plainField(share.receiver())
                    || share.remark() != null && !plainField(share.remark())) {
                throw violation("royalty_parameters", "each entry is receiver^amount^remark or "
                        + "payer^receiver^amount^remark (table 4-1): every entry names its accounts, and no field "
                        + "holds ^ or |", text, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            }
            if (share.amount() == null) {
                throw violation("royalty_parameters", "every entry has an amount", text, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            }
            BigDecimal value = ParameterRules.money("royalty_parameters", share.amount(),
                    AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            if (value.compareTo(amount) > 0) {
                throw violation("royalty_parameters", "a share must not exceed the trade amount " + amount.toPlainString()
                        + " (rules v1.4)", text, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            }
            if (share.payer() == null) {
                paidBySeller = paidBySeller.add(value);
            }
            if (share.remark() != null && ParameterRules.alipayLength(share.remark()) > 1000) {
                throw violation("royalty_parameters", "a remark has at most 1000 characters, a Chinese character"
                        + " counting 2 (table 4-1: 1000个字符，即500个汉字)", text, AlipayErrorCode.ROYALTY_LENGTH_ERROR);
            }
        }
        if (paidBySeller.compareTo(amount) > 0) {
            throw violation("royalty_parameters", "the shares the seller pays must not exceed the trade amount "
                    + amount.toPlainString() + " (rules v1.4)", text, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
        }
        return royalties;
    }

    private static boolean plainField(String field) {
        return field.indexOf('^') < 0 && field.indexOf('|') < 0;
    }
}
