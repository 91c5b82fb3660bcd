package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.SignType;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks of {@code service=create_direct_pay_by_user}, in the order the sandbox applies them
 * (documented in the README): who is calling (service, partner, sign_type, sign, _input_charset),
 * then the parameters (names, amounts, lengths, payment_type, anti-phishing), then the accounts
 * (seller, buyer) and finally the trade (repeat of an out_trade_no). The first failure wins, as on
 * Alipay's error page, which only ever shows one code.
 */
final class PayRequestChecker {

    private static final Pattern MONEY = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    private static final BigDecimal MIN = new BigDecimal("0.01");
    private static final BigDecimal MAX = new BigDecimal("100000000.00");
    private static final Pattern USER_ID = Pattern.compile("2088\\d{12}");
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
    private static final Pattern IT_B_PAY = Pattern.compile("([1-9]\\d*[mhd])|1c");

    /** What the checker needs to know about the sandbox. */
    interface Context {
        SandboxMerchant merchant(String partner);

        /** Whether {@code idOrAccount} is the seller of another configured merchant. */
        boolean isOtherMerchantsSeller(String partner, String idOrAccount);

        /** Checks an anti_phishing_key (issued to this partner, not expired); the problem, or null when good. */
        KeyProblem checkAntiPhishingKey(String partner, String key);

        TradeRecord trade(String partner, String outTradeNo);

        /** Now, on the sandbox's clock. */
        Instant now();
    }

    /** Why an anti_phishing_key is refused: ILLEGAL_ANTI_PHISHING_KEY or ANTI_PHISHING_KEY_TIMEOUT. */
    record KeyProblem(String code, String reason) {
    }

    /** How the request reached the gateway. */
    record Arrival(Charset decodedIn, boolean charsetDefaulted, String remoteIp, boolean trusted) {
    }

    private final Map<String, String> p;
    private final Arrival arrival;
    private final Context ctx;

    private PayRequestChecker(Map<String, String> parameters, Arrival arrival, Context ctx) {
        this.p = parameters;
        this.arrival = arrival;
        this.ctx = ctx;
    }

    /** The accepted order, or a {@link SandboxRejectedException} with the first problem. */
    static PayOrder check(Map<String, String> parameters, Arrival arrival, Context ctx) {
        return new PayRequestChecker(parameters, arrival, ctx).run();
    }

    private SandboxRejectedException reject(String code, String parameter, String reason) {
        return reject(code, parameter, reason, null);
    }

    private SandboxRejectedException reject(String code, String parameter, String reason, String canonical) {
        return new SandboxRejectedException(new SandboxRejection(code, ErrorTexts.meaning(code), parameter, reason,
                canonical, SandboxCodec.wireName(signingCharset()), redacted(p), ctx.now()));
    }

    static Map<String, String> redacted(Map<String, String> p) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(p));
    }

    private String v(String name) {
        String value = p.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    private Charset signingCharset() {
        Charset declared = SandboxCodec.legalCharset(p.get("_input_charset"));
        return declared != null ? declared : arrival.decodedIn();
    }

    private PayOrder run() {
        checkService();
        SandboxMerchant merchant = checkPartner();
        SignType type = checkSignType(merchant);
        if (!arrival.trusted()) {
            checkSignature(merchant, type);
        }
        Charset charset = checkCharset();
        checkPresence();
        checkAccountIds();
        checkForbiddenCharacters();
        URI notifyUrl = url("notify_url");
        URI returnUrl = url("return_url");
        URI showUrl = url("show_url");
        url("error_notify_url");
        checkItBPay();
        Amount amount = checkAmount();
        checkLengths();
        checkPaymentType();
        if (merchant.antiPhishing() && !arrival.trusted()) {
            checkAntiPhishing(merchant.partner());
        }
        checkSeller(merchant);
        String buyerId = v("buyer_id");
        String buyerEmail = v("buyer_email") != null ? v("buyer_email") : v("buyer_account_name");
        checkBuyerIsNotSeller(merchant, buyerId, buyerEmail);
        checkRepeat(merchant.partner(), amount.totalFee(), buyerId, buyerEmail);
        return new PayOrder(v("out_trade_no"), v("subject"), v("body"), amount.totalFee().setScale(2), amount.price().setScale(2),
                amount.quantity(), v("payment_type"), buyerId, buyerEmail, v("extra_common_param"), notifyUrl, returnUrl,
                showUrl, charset);
    }

    /** The amount: total_fee, or price × quantity (spec 4.2). */
    private record Amount(BigDecimal totalFee, BigDecimal price, int quantity) {
    }

    /** 1. service (guide 5.1: "服务名称错误、请求参数全部丢失"). */
    private void checkService() {
        String service = v("service");
        if (service == null) {
            throw reject("ILLEGAL_SERVICE", "service", "service is missing" + (p.isEmpty()
                    ? ": the request carries no parameters at all (was the form's body lost, or sent to the wrong URL?)" : ""));
        }
        if (!service.equals("create_direct_pay_by_user")) {
            throw reject("ILLEGAL_SERVICE", "service", "service '" + service + "' is not create_direct_pay_by_user");
        }
    }

    /** 2. partner: present, 2088 and 12 digits, a merchant of this sandbox. */
    private SandboxMerchant checkPartner() {
        String partner = v("partner");
        if (partner == null) {
            throw reject("ILLEGAL_PARTNER", "partner", "partner is missing");
        }
        if (!USER_ID.matcher(partner).matches()) {
            throw reject("ILLEGAL_PARTNER", "partner", "partner '" + partner + "' is not 2088 followed by 12 digits"
                    + (partner.strip().length() != partner.length() ? " (it has spaces around it)" : ""));
        }
        SandboxMerchant merchant = ctx.merchant(partner);
        if (merchant == null) {
            throw reject("ILLEGAL_PARTNER", "partner", "partner " + partner + " is not a merchant of this sandbox");
        }
        return merchant;
    }

    /** 3. sign_type: MD5 or RSA, upper case, the merchant's. */
    private SignType checkSignType(SandboxMerchant merchant) {
        String signType = v("sign_type");
        if (signType == null) {
            throw reject("ILLEGAL_SIGN_TYPE", "sign_type", "sign_type is missing");
        }
        SignType type = SignType.fromWire(signType);
        if (type == null || !signType.equals(type.name())) {
            throw reject("ILLEGAL_SIGN_TYPE", "sign_type", "sign_type '" + signType
                    + "' is not MD5 or RSA (upper case, spec 4.2; DSA is not supported by the sandbox)");
        }
        if (type != merchant.signType()) {
            throw reject("ILLEGAL_SIGN_TYPE", "sign_type", "sign_type is " + type + " but merchant " + merchant.partner()
                    + " is configured for " + merchant.signType());
        }
        return type;
    }

    /** 5. _input_charset (rules v1.4: it must be sent, and signed). */
    private Charset checkCharset() {
        String cs = p.get("_input_charset");
        if (cs == null || cs.isEmpty()) {
            throw reject("ILLEGAL_CHARSET", "_input_charset", "_input_charset is missing: the rules (v1.4, 3) require it"
                    + " in the request and in the signed content; without it the gateway reads the request as gbk");
        }
        Charset charset = SandboxCodec.legalCharset(cs);
        if (charset == null) {
            throw reject("ILLEGAL_CHARSET", "_input_charset", "_input_charset '" + cs
                    + "' is not one of utf-8, gbk, gb2312");
        }
        return charset;
    }

    /**
     * 6. presence. A parameter the table does not list is accepted (and was signed above), as the real
     * gateway does: only the documented rules produce error codes (credit_card_pay, disable_paymethod, ...).
     */
    private void checkPresence() {
        if (v("out_trade_no") == null) {
            throw reject("ILLEGAL_ARGUMENT", "out_trade_no", "out_trade_no is missing");
        }
        if (v("subject") == null) {
            throw reject("SUBJECT_MUST_NOT_BE_NULL", "subject", "subject is missing or empty");
        }
        if (v("payment_type") == null) {
            throw reject("ILLEGAL_ARGUMENT", "payment_type", "payment_type is missing (1 = purchase, 4 = donation)");
        }
        if (v("seller_id") == null && v("seller_account_name") == null && v("seller_email") == null) {
            throw reject("ILLEGAL_ARGUMENT", "seller_id", "no seller: send seller_id, seller_account_name or seller_email (spec 4.2)");
        }
    }

    /** seller_id and buyer_id, when sent, are user ids: 2088 and 12 digits. */
    private void checkAccountIds() {
        for (String id : new String[] {"seller_id", "buyer_id"}) {
            if (v(id) != null && !USER_ID.matcher(v(id)).matches()) {
                throw reject("ILLEGAL_ARGUMENT", id, id + " '" + v(id) + "' is not 2088 followed by 12 digits");
            }
        }
    }

    /** subject and body without # % & +; extra_common_param without those and = (spec 4.2, 5.2). */
    private void checkForbiddenCharacters() {
        for (String field : new String[] {"subject", "body"}) {
            String value = v(field);
            if (value != null && value.matches(".*[#%&+].*")) {
                throw reject("ILLEGAL_ARGUMENT", field, field + " contains one of the characters # % & + (forbidden, spec 4.2 note)");
            }
        }
        String extra = v("extra_common_param");
        if (extra != null && extra.matches(".*[#%&+=].*")) {
            throw reject("ILLEGAL_EXTRA_COMMON_PARAM", "extra_common_param",
                    "extra_common_param contains one of # % & + = (forbidden, spec 4.2 and 5.2)");
        }
    }

    /** it_b_pay, the payment timeout: like 90m, 2h, 3d or 1c. */
    private void checkItBPay() {
        if (v("it_b_pay") != null && !IT_B_PAY.matcher(v("it_b_pay")).matches()) {
            throw reject("ILLEGAL_OUTTIME_ARGUMENT", "it_b_pay", "it_b_pay '" + v("it_b_pay")
                    + "' is not like 90m, 2h, 3d or 1c (no decimals)");
        }
    }

    /** 7. money: total_fee, or price and quantity, never both. */
    private Amount checkAmount() {
        if (v("total_fee") != null) {
            if (v("price") != null || v("quantity") != null) {
                throw reject("ILLEGAL_FEE_PARAM", "total_fee", "total_fee is sent together with "
                        + (v("price") != null ? "price" : "quantity") + ": send total_fee or price+quantity, never both (spec 4.2)");
            }
            BigDecimal totalFee = money("total_fee");
            return new Amount(totalFee, totalFee, 1);
        }
        if (v("price") == null || v("quantity") == null) {
            throw reject("ILLEGAL_FEE_PARAM", v("price") == null ? "price" : "quantity",
                    "no amount: send total_fee, or price and quantity (spec 4.2)");
        }
        BigDecimal price = money("price");
        if (!v("quantity").matches("[1-9]\\d{0,8}")) {
            throw reject("ILLEGAL_FEE_PARAM", "quantity", "quantity '" + v("quantity") + "' is not a positive whole number");
        }
        int quantity = Integer.parseInt(v("quantity"));
        BigDecimal totalFee = price.multiply(BigDecimal.valueOf(quantity));
        if (totalFee.compareTo(MAX) > 0) {
            throw reject("ILLEGAL_FEE_PARAM", "quantity", "price × quantity = " + totalFee.toPlainString()
                    + " is above 100000000.00");
        }
        return new Amount(totalFee, price, quantity);
    }

    /** 8. lengths as Alipay counts them: ASCII 1, any other character 2, whatever the _input_charset. */
    private void checkLengths() {
        for (Map.Entry<String, Integer> e : SpecLengths.MAX_LENGTH.entrySet()) {
            String value = v(e.getKey());
            if (value != null) {
                int length = SpecLengths.alipayLength(value);
                if (length > e.getValue()) {
                    throw reject("ILLEGAL_LENGTH", e.getKey(), e.getKey() + " has length " + length + " (a Chinese character"
                            + " counts 2), longer than the String(" + e.getValue() + ") of spec 4.2");
                }
            }
        }
    }

    /** 9. payment_type (spec 12.6). */
    private void checkPaymentType() {
        String paymentType = v("payment_type");
        if (!paymentType.equals("1") && !paymentType.equals("4")) {
            throw reject("ILLEGAL_PAYMENT_TYPE", "payment_type", "payment_type '" + paymentType
                    + "' is not 1 (purchase) or 4 (donation), spec 12.6");
        }
    }

    /** 10. anti-phishing, when the account has it on: a live key of this partner, and the buyer's IP. */
    private void checkAntiPhishing(String partner) {
        String key = v("anti_phishing_key");
        if (key == null) {
            throw reject("ILLEGAL_ANTI_PHISHING_KEY", "anti_phishing_key",
                    "anti_phishing_key is missing; this merchant has anti-phishing on: get one from service=query_timestamp for every request");
        }
        KeyProblem problem = ctx.checkAntiPhishingKey(partner, key);
        if (problem != null) {
            throw reject(problem.code(), "anti_phishing_key", problem.reason());
        }
        String ip = v("exter_invoke_ip");
        if (ip == null) {
            throw reject("ILLEGAL_EXTER_INVOKE_IP", "exter_invoke_ip",
                    "exter_invoke_ip is missing; with anti-phishing on it must be the buyer's IP (guide 5.1)");
        }
        if (!IPV4.matcher(ip).matches()) {
            throw reject("ILLEGAL_EXTER_INVOKE_IP", "exter_invoke_ip", "exter_invoke_ip '" + ip + "' is not an IPv4 address");
        }
        if (arrival.remoteIp() != null && !sameAddress(ip, arrival.remoteIp())) {
            throw reject("ILLEGAL_EXTER_INVOKE_IP", "exter_invoke_ip", "exter_invoke_ip is " + ip
                    + " but the buyer's browser called the gateway from " + arrival.remoteIp()
                    + " (behind a proxy? take the client address from X-Forwarded-For)");
        }
    }

    /** 11. the seller: seller_id > seller_account_name > seller_email (spec 4.2), the partner's own. */
    private void checkSeller(SandboxMerchant merchant) {
        String partner = merchant.partner();
        String sellerParam = v("seller_id") != null ? "seller_id" : v("seller_account_name") != null ? "seller_account_name" : "seller_email";
        String seller = v(sellerParam);
        boolean sellerMatches = sellerParam.equals("seller_id")
                ? seller.equals(merchant.sellerId())
                : seller.equalsIgnoreCase(merchant.sellerEmail());
        if (sellerMatches) {
            return;
        }
        if (ctx.isOtherMerchantsSeller(partner, seller)) {
            throw reject("SELLER_NOT_IN_SPECIFIED_SELLERS", sellerParam, sellerParam + " '" + seller
                    + "' is another merchant's seller, not partner " + partner + "'s");
        }
        throw reject("SELLER_NOT_EXIST", sellerParam, sellerParam + " '" + seller + "' is not an account of this sandbox; partner "
                + partner + "'s seller is " + merchant.sellerId() + " / " + merchant.sellerEmail());
    }

    /** 12. the buyer must not be the seller. */
    private void checkBuyerIsNotSeller(SandboxMerchant merchant, String buyerId, String buyerEmail) {
        boolean sellerId = buyerId != null && buyerId.equals(merchant.sellerId());
        if (sellerId || (buyerEmail != null && buyerEmail.equalsIgnoreCase(merchant.sellerEmail()))) {
            String param = sellerId ? "buyer_id" : v("buyer_email") != null ? "buyer_email" : "buyer_account_name";
            throw reject("BUYER_SELLER_EQUAL", param, param + " '" + v(param) + "' is the seller's own account");
        }
    }

    /** 13. a repeated out_trade_no (spec 4.2 note, rules 4): still unpaid, same amount, same buyer. */
    private void checkRepeat(String partner, BigDecimal totalFee, String buyerId, String buyerEmail) {
        String outTradeNo = v("out_trade_no");
        TradeRecord existing = ctx.trade(partner, outTradeNo);
        if (existing == null) {
            return;
        }
        synchronized (existing) {
            if (!existing.status.equals(TradeStatus.WAIT_BUYER_PAY)) {
                throw reject("TRADE_NOT_ALLOWED_PAY", "out_trade_no", "out_trade_no " + outTradeNo + " is already "
                        + existing.status + "; a new payment needs a new out_trade_no");
            }
            if (existing.totalFee.compareTo(totalFee) != 0) {
                throw reject("TRADE_TOTALFEE_NOT_MATCH", "total_fee", "total_fee " + totalFee.setScale(2).toPlainString() + " differs from the "
                        + existing.totalFee.toPlainString() + " out_trade_no " + outTradeNo + " was requested with before");
            }
            if (existing.requestedBuyerId != null && buyerId != null && !existing.requestedBuyerId.equals(buyerId)
                    || existing.requestedBuyerEmail != null && buyerEmail != null
                            && !existing.requestedBuyerEmail.equalsIgnoreCase(buyerEmail)) {
                throw reject("TRADE_BUYER_NOT_MATCH", buyerId != null ? "buyer_id" : "buyer_email",
                        "out_trade_no " + outTradeNo + " was requested for another buyer before");
            }
        }
    }

    /** 4. sign: the canonical content signed with the merchant's key; the reason says what differs. */
    private void checkSignature(SandboxMerchant merchant, SignType type) {
        String sign = v("sign");
        Charset charset = signingCharset();
        String canonical = SandboxCodec.canonical(p);
        if (sign == null) {
            throw reject("ILLEGAL_SIGN", "sign", "sign is missing", canonical);
        }
        boolean ok = type == SignType.MD5
                ? SandboxCodec.md5Matches(canonical, merchant.key(), charset, sign)
                : SandboxCodec.rsaMatches(canonical, merchant.merchantPublicKey(), charset, sign);
        if (ok) {
            return;
        }
        throw reject("ILLEGAL_SIGN", "sign", SignatureMismatch.explain(p, arrival, merchant, type, sign, charset), canonical);
    }

    private BigDecimal money(String name) {
        String raw = v(name);
        if (!MONEY.matcher(raw).matches()) {
            throw reject("ILLEGAL_FEE_PARAM", name, name + " '" + raw + "' is not an amount in yuan with at most 2 decimals");
        }
        BigDecimal value = new BigDecimal(raw);
        if (value.compareTo(MIN) < 0 || value.compareTo(MAX) > 0) {
            throw reject("ILLEGAL_FEE_PARAM", name, name + " " + raw + " is outside [0.01, 100000000.00]");
        }
        return value;
    }

    private URI url(String name) {
        String raw = v(name);
        if (raw == null) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            throw reject("ILLEGAL_ARGUMENT", name, name + " '" + raw + "' is not a URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw reject("ILLEGAL_ARGUMENT", name, name + " '" + raw + "' is not an absolute http(s) URL");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw reject("ILLEGAL_ARGUMENT", name, name + " '" + raw + "' carries its own query parameters;"
                    + " the guide (5.2 C) forbids custom parameters after '?'");
        }
        return uri;
    }

    private static boolean sameAddress(String a, String b) {
        return normalizeLoopback(a).equals(normalizeLoopback(b));
    }

    private static String normalizeLoopback(String ip) {
        return ip.equals("0:0:0:0:0:0:0:1") || ip.equals("::1") ? "127.0.0.1" : ip;
    }
}
