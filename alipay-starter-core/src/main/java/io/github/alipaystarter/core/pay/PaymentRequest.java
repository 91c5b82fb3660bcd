package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import java.math.BigDecimal;
import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One create_direct_pay_by_user request (spec 4.2, table 4-1) as the merchant writes it: an immutable
 * value, checked when built, without anything of the merchant's configuration. {@link DirectPayService#recordAndSign}
 * adds service, partner, {@code _input_charset}, the configured seller and URLs, records the trade and signs.
 *
 * <pre>{@code
 * PaymentRequest request = PaymentRequest.builder("20261201-0001", "Order 1", Amount.of(new BigDecimal("0.01")))
 *         .body("2 cups")
 *         .build();
 * SignedPayment payment = alipay.recordAndSign(request);
 * }</pre>
 *
 * <p>{@link Builder#build()} checks every rule that does not depend on the configuration, in the order of
 * table 4-1, and throws {@link AlipayParameterException} for the first one broken, naming the parameter,
 * the rule, the value and the error code Alipay would have shown the buyer. Lengths String(n) are counted
 * as Alipay counts them, whatever the {@code _input_charset}: an ASCII character 1, any other 2, so subject
 * String(256) holds 128 Chinese characters (spec 4.2: "最长为128个汉字").
 *
 * <p>Not offered: error_notify_url, product_type and item_orders_info, which need a feature enabled by
 * Alipay for eTao or travel merchants; and free-form parameters, which the usage rules forbid in the form
 * (rules v1.4, 接口构造).
 */
public final class PaymentRequest {

    private final URI notifyUrl;
    private final URI returnUrl;
    private final String outTradeNo;
    private final String subject;
    private final PaymentType paymentType;
    private final String sellerId;
    private final String sellerEmail;
    private final String sellerAccountName;
    private final String buyerId;
    private final String buyerEmail;
    private final String buyerAccountName;
    private final Amount amount;
    private final String body;
    private final URI showUrl;
    private final DefaultPayMethod paymethod;
    private final List<String> enablePaymethod;
    private final List<String> disablePaymethod;
    private final Boolean needCtuCheck;
    private final Boolean defaultLogin;
    private final Royalties royalties;
    private final String antiPhishingKey;
    private final String exterInvokeIp;
    private final String extraCommonParam;
    private final Map<String, String> extendParam;
    private final PayTimeout itBPay;
    private final String token;
    private final QrCode qrCode;

    /** Applies the rules in the order of table 4-1; the builder's collections are copied. */
    private PaymentRequest(Builder b) {
        notifyUrl = RequestRules.url("notify_url", b.notifyUrl, 190);
        returnUrl = RequestRules.returnUrl(b.returnUrl);
        outTradeNo = RequestRules.outTradeNo(b.outTradeNo);
        subject = RequestRules.subject(b.subject);
        paymentType = RequestRules.paymentType(b.paymentType);
        sellerEmail = RequestRules.account("seller_email", b.sellerEmail);
        buyerEmail = RequestRules.account("buyer_email", b.buyerEmail);
        RequestRules.buyerIsNotSeller("buyer_email", buyerEmail, sellerEmail, true);
        sellerId = RequestRules.userId("seller_id", b.sellerId);
        buyerId = RequestRules.userId("buyer_id", b.buyerId);
        RequestRules.buyerIsNotSeller("buyer_id", buyerId, sellerId, false);
        sellerAccountName = RequestRules.account("seller_account_name", b.sellerAccountName);
        buyerAccountName = RequestRules.account("buyer_account_name", b.buyerAccountName);
        RequestRules.buyerIsNotSeller("buyer_account_name", buyerAccountName, sellerAccountName, true);
        amount = RequestRules.amount(b.amount);
        body = RequestRules.body(b.body);
        showUrl = RequestRules.url("show_url", b.showUrl, 400);
        paymethod = RequestRules.paymethod(b.paymethod, b.defaultLogin);
        enablePaymethod = RequestRules.channels("enable_paymethod", b.enablePaymethod);
        disablePaymethod = RequestRules.channels("disable_paymethod", b.disablePaymethod);
        needCtuCheck = b.needCtuCheck;
        defaultLogin = b.defaultLogin;
        royalties = RequestRules.royalties(b.royalties, amount.value());
        antiPhishingKey = RequestRules.antiPhishingKey(b.antiPhishingKey);
        exterInvokeIp = RequestRules.exterInvokeIp(b.exterInvokeIpSet, b.exterInvokeIp);
        extraCommonParam = RequestRules.extraCommonParam(b.extraCommonParam);
        Map<String, String> pairs = RequestRules.extendParam(b.extendParam);
        extendParam = pairs == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(pairs));
        itBPay = RequestRules.itBPay(b.itBPay);
        token = RequestRules.token(b.token);
        qrCode = RequestRules.qrCode(b.qrCode);
    }

    /**
     * A builder for a request with the three parameters every request has.
     *
     * @param outTradeNo out_trade_no (String(64)): the merchant's unique order number, the ledger's key. Any
     *     printable ASCII (real merchants send spaces and {@code :}) except {@code & = # % +}, which break the
     *     return URL and the notification it comes back in
     * @param subject subject (String(256), i.e. 128 Chinese characters): the order title shown in the
     *     cashier; no {@code # % & +} (spec 4.2 note)
     * @param amount total_fee, or price and quantity
     */
    public static Builder builder(String outTradeNo, String subject, Amount amount) {
        return new Builder(outTradeNo, subject, amount);
    }

    /** A builder holding this request's values, to build a changed copy (this request stays as it is). */
    public Builder toBuilder() {
        Builder b = new Builder(outTradeNo, subject, amount);
        b.notifyUrl = notifyUrl;
        b.returnUrl = returnUrl;
        b.paymentType = paymentType;
        b.sellerId = sellerId;
        b.sellerEmail = sellerEmail;
        b.sellerAccountName = sellerAccountName;
        b.buyerId = buyerId;
        b.buyerEmail = buyerEmail;
        b.buyerAccountName = buyerAccountName;
        b.body = body;
        b.showUrl = showUrl;
        b.paymethod = paymethod;
        b.enablePaymethod = enablePaymethod;
        b.disablePaymethod = disablePaymethod;
        b.needCtuCheck = needCtuCheck;
        b.defaultLogin = defaultLogin;
        b.royalties = royalties;
        b.antiPhishingKey = antiPhishingKey;
        b.exterInvokeIp = exterInvokeIp;
        b.exterInvokeIpSet = exterInvokeIp != null;
        b.extraCommonParam = extraCommonParam;
        b.extendParam = extendParam;
        b.itBPay = itBPay;
        b.token = token;
        b.qrCode = qrCode;
        return b;
    }

    public String outTradeNo() { return outTradeNo; }

    public String subject() { return subject; }

    /** total_fee, or price and quantity, at scale 2. */
    public Amount amount() { return amount; }

    /** The trade amount: total_fee, or price × quantity; scale 2. */
    public BigDecimal totalAmount() { return amount.value(); }

    /** Never null; {@link PaymentType#PURCHASE} unless set. */
    public PaymentType paymentType() { return paymentType; }

    /** body; like every optional value below, null when not set (empty text counts as not set). */
    public String body() { return body; }

    public URI notifyUrl() { return notifyUrl; }

    public URI returnUrl() { return returnUrl; }

    public URI showUrl() { return showUrl; }

    public String sellerId() { return sellerId; }

    public String sellerEmail() { return sellerEmail; }

    public String sellerAccountName() { return sellerAccountName; }

    public String buyerId() { return buyerId; }

    public String buyerEmail() { return buyerEmail; }

    public String buyerAccountName() { return buyerAccountName; }

    public DefaultPayMethod paymethod() { return paymethod; }

    /** Unmodifiable. */
    public List<String> enablePaymethod() { return enablePaymethod; }

    /** Unmodifiable. */
    public List<String> disablePaymethod() { return disablePaymethod; }

    public Boolean needCtuCheck() { return needCtuCheck; }

    /** default_login as set; the expressGateway paymethods send Y whatever it is. */
    public Boolean defaultLogin() { return defaultLogin; }

    public Royalties royalties() { return royalties; }

    public String antiPhishingKey() { return antiPhishingKey; }

    /** The buyer's IPv4 address ({@code ::ffff:a.b.c.d} as given is kept as {@code a.b.c.d}). */
    public String exterInvokeIp() { return exterInvokeIp; }

    public String extraCommonParam() { return extraCommonParam; }

    /** Unmodifiable, in the order given. */
    public Map<String, String> extendParam() { return extendParam; }

    public PayTimeout itBPay() { return itBPay; }

    public String token() { return token; }

    public QrCode qrCode() { return qrCode; }

    private List<Object> values() {
        return java.util.Arrays.asList(notifyUrl, returnUrl, outTradeNo, subject, paymentType, sellerId, sellerEmail,
                sellerAccountName, buyerId, buyerEmail, buyerAccountName, amount, body, showUrl, paymethod,
                enablePaymethod, disablePaymethod, needCtuCheck, defaultLogin, royalties, antiPhishingKey,
                exterInvokeIp, extraCommonParam, extendParam, itBPay, token, qrCode);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PaymentRequest r && values().equals(r.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "PaymentRequest{outTradeNo=" + outTradeNo + ", subject=" + subject + ", amount="
                + amount.value().toPlainString() + "}";
    }

    /**
     * Collects the optional parameters of one {@link PaymentRequest}; one setter per parameter or group of
     * parameters that go together. A setter only stores (null clears); {@link #build()} checks. A builder may
     * be reused: each {@code build()} copies what it holds, so later setters never change a built request.
     * Not thread-safe.
     */
    public static final class Builder {

        private final String outTradeNo;
        private final String subject;
        private final Amount amount;
        private URI notifyUrl;
        private URI returnUrl;
        private PaymentType paymentType = PaymentType.PURCHASE;
        private String sellerId;
        private String sellerEmail;
        private String sellerAccountName;
        private String buyerId;
        private String buyerEmail;
        private String buyerAccountName;
        private String body;
        private URI showUrl;
        private DefaultPayMethod paymethod;
        private List<String> enablePaymethod;
        private List<String> disablePaymethod;
        private Boolean needCtuCheck;
        private Boolean defaultLogin;
        private Royalties royalties;
        private String antiPhishingKey;
        private String exterInvokeIp;
        private boolean exterInvokeIpSet;
        private String extraCommonParam;
        private Map<String, String> extendParam;
        private PayTimeout itBPay;
        private String token;
        private QrCode qrCode;

        private Builder(String outTradeNo, String subject, Amount amount) {
            this.outTradeNo = outTradeNo;
            this.subject = subject;
            this.amount = amount;
        }

        /** body (String(1000), i.e. 500 Chinese characters): the order description. No {@code # % & +}. */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /** payment_type: {@link PaymentType#PURCHASE} (the default) or {@link PaymentType#DONATION}, spec 12.6. */
        public Builder paymentType(PaymentType paymentType) {
            this.paymentType = paymentType;
            return this;
        }

        /**
         * seller_id (String(16)): 2088 + 12 digits. When none of seller_id, seller_account_name and seller_email
         * is set, the configured seller is sent, as seller_id if it is a user id and as seller_email otherwise.
         * Alipay's priority: seller_id, seller_account_name, seller_email. A seller other than the configured
         * one will be refused when its notification is checked.
         */
        public Builder sellerId(String sellerId) {
            this.sellerId = sellerId;
            return this;
        }

        /** seller_email (String(100)): the seller's Alipay account. See {@link #sellerId}. */
        public Builder sellerEmail(String sellerEmail) {
            this.sellerEmail = sellerEmail;
            return this;
        }

        /** seller_account_name (String(100)): the seller's alias account. See {@link #sellerId}. */
        public Builder sellerAccountName(String sellerAccountName) {
            this.sellerAccountName = sellerAccountName;
            return this;
        }

        /** buyer_id (String(16)): 2088 + 12 digits; never the seller (BUYER_SELLER_EQUAL). */
        public Builder buyerId(String buyerId) {
            this.buyerId = buyerId;
            return this;
        }

        /** buyer_email (String(100)): the buyer's Alipay account, prefilled in the cashier. */
        public Builder buyerEmail(String buyerEmail) {
            this.buyerEmail = buyerEmail;
            return this;
        }

        /** buyer_account_name (String(100)): the buyer's alias account. */
        public Builder buyerAccountName(String buyerAccountName) {
            this.buyerAccountName = buyerAccountName;
            return this;
        }

        /**
         * notify_url (String(190)) instead of the configured one; null keeps the configured one. Absolute
         * http(s), no query parameters (guide 5.2 C), no fragment.
         */
        public Builder notifyUrl(URI notifyUrl) {
            this.notifyUrl = notifyUrl;
            return this;
        }

        /**
         * return_url (String(200)) instead of the configured one; null keeps the configured one. Absolute
         * http(s), no query parameters, no {@code !} (rules v1.4); not on localhost with Alipay's gateway.
         */
        public Builder returnUrl(URI returnUrl) {
            this.returnUrl = returnUrl;
            return this;
        }

        /** show_url (String(400)): the product page the cashier links to, instead of the configured one. */
        public Builder showUrl(URI showUrl) {
            this.showUrl = showUrl;
            return this;
        }

        /** paymethod, with the defaultbank where the method takes one. */
        public Builder paymethod(DefaultPayMethod paymethod) {
            this.paymethod = paymethod;
            return this;
        }

        /**
         * enable_paymethod: the channels the cashier shows (e.g. directPay, bankPay, spec 12.3), sent joined by
         * {@code ^}; letters, digits and {@code _}; one outside spec 12.3 is sent with a warning in the log.
         * Empty clears it.
         *
         * @deprecated the spec says the parameter is about to be retired and new merchants should not use it
         */
        @Deprecated
        public Builder enablePaymethod(List<String> channels) {
            this.enablePaymethod = channels == null ? null : List.copyOf(channels);
            return this;
        }

        /** disable_paymethod: the channels the cashier must not offer (e.g. creditCard, pcredit); as enable_paymethod. */
        public Builder disablePaymethod(List<String> channels) {
            this.disablePaymethod = channels == null ? null : List.copyOf(channels);
            return this;
        }

        /** need_ctu_check: Y or N, whether a bank payment goes through Alipay's CTU risk check (needs the permission). */
        public Builder needCtuCheck(boolean needCtuCheck) {
            this.needCtuCheck = needCtuCheck;
            return this;
        }

        /**
         * default_login: Y or N, whether the cashier skips Alipay's login for the given buyer_email (table 4-1;
         * needs the feature). The expressGateway paymethods send Y and refuse N.
         */
        public Builder defaultLogin(boolean defaultLogin) {
            this.defaultLogin = defaultLogin;
            return this;
        }

        /** royalty_type (always 10) and royalty_parameters. */
        public Builder royalties(Royalties royalties) {
            this.royalties = royalties;
            return this;
        }

        /**
         * anti_phishing_key: the encrypt_key from query_timestamp, fetched just before this request and sent
         * exactly as received (Base64-shaped; non-blank printable ASCII up to 64 characters). Usually set by
         * {@link AntiPhishing}.
         */
        public Builder antiPhishingKey(String antiPhishingKey) {
            this.antiPhishingKey = antiPhishingKey;
            return this;
        }

        /**
         * exter_invoke_ip (String(15)): the buyer's IPv4 address, required when anti-phishing IP checking is on.
         * Once called, the value must be a valid address: null or blank is refused (ILLEGAL_EXTER_INVOKE_IP;
         * guide 5.1). {@code ::ffff:a.b.c.d} is sent as {@code a.b.c.d}. Usually set by {@link AntiPhishing}.
         */
        public Builder exterInvokeIp(String ip) {
            this.exterInvokeIp = ip;
            this.exterInvokeIpSet = true;
            return this;
        }

        /**
         * extra_common_param (String(100)): returned unchanged in the return and the notification. No
         * {@code # % & + =} (spec 4.2 note; 5.2 and 6.2: it comes back inside a query string and a form).
         */
        public Builder extraCommonParam(String extraCommonParam) {
            this.extraCommonParam = extraCommonParam;
            return this;
        }

        /**
         * extend_param: name-value pairs sent as {@code name1^value1|name2^value2} in the map's order, only
         * with a meaning agreed with Alipay. Names are letters, digits and {@code _}; no {@code ^} or {@code |}
         * inside values (rules v1.4). Empty clears it.
         */
        public Builder extendParam(Map<String, String> extendParam) {
            this.extendParam = extendParam == null ? null : new LinkedHashMap<>(extendParam);
            return this;
        }

        /** it_b_pay: when the unpaid trade closes. */
        public Builder itBPay(PayTimeout itBPay) {
            this.itBPay = itBPay;
            return this;
        }

        /** token (String(40)): the quick-login (快捷登录) authorisation token, when that product is signed. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** qr_pay_mode, and qrcode_width for the embedded mode. */
        public Builder qrCode(QrCode qrCode) {
            this.qrCode = qrCode;
            return this;
        }

        /**
         * The request, checked against every rule that does not depend on the merchant's configuration.
         *
         * @throws AlipayParameterException for the first rule broken, in the order of table 4-1
         */
        public PaymentRequest build() {
            return new PaymentRequest(this);
        }
    }
}
