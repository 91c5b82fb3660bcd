package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.error.AlipayParameterException;
import static io.github.alipaystarter.core.pay.ParameterRules.isEmpty;
import static io.github.alipaystarter.core.pay.ParameterRules.violation;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The builder of one create_direct_pay_by_user request (spec 4.2, table 4-1). Obtained from
 * {@link DirectPayService#directPay()}; service, partner, {@code _input_charset}, the seller and the
 * configured notify, return and show URLs come from the configuration.
 *
 * <p>Each setter only stores the raw value (null clears it); {@link #sign()} checks every rule, in
 * the order of table 4-1, and throws {@link AlipayParameterException} for the first violation,
 * naming the parameter, the rule, the value and the error code Alipay would have shown the buyer.
 * Lengths String(n) are counted as Alipay counts them, whatever the {@code _input_charset}: an ASCII
 * character 1, a Chinese (or any other non-ASCII) character 2, so subject String(256) holds 128 Chinese
 * characters (spec 4.2: "最长为128个汉字") in utf-8 as in gbk.
 *
 * <p><b>One builder, one request.</b> A builder is not thread-safe and is spent once {@link #sign()}
 * has passed validation (even if the {@link PaymentRequestListener} then refuses the trade): any
 * further setter or {@code sign()} throws {@link IllegalStateException}. Take a fresh builder from
 * {@link DirectPayService#directPay()} for each request, and keep the {@link SignedPayment} to render
 * it more than once. A builder that failed validation may be corrected and signed again.
 *
 * <p>Not offered: error_notify_url, product_type and item_orders_info, which need a feature enabled by
 * Alipay for eTao or travel merchants; and free-form parameters,
 * which the usage rules forbid in the form (rules v1.4, 接口构造).
 */
public final class DirectPayRequest {

    static final String SERVICE = "create_direct_pay_by_user";

    /** Printable ASCII without {@code & = # % +}: see {@link #outTradeNo(String)}. */
    private static final Pattern OUT_TRADE_NO = Pattern.compile("[\\x20-\\x7E&&[^&=#%+]]+");
    private static final System.Logger LOG = System.getLogger(DirectPayRequest.class.getName());
    private static final Pattern EXTEND_PARAM_NAME = Pattern.compile("[A-Za-z0-9_]+");
    /**
     * Printable ASCII, at most 64: the encrypt_key query_timestamp really returns is Base64-shaped
     * ({@code KP...==}, with {@code + / = _ -}) and must be sent exactly as received (issue 8).
     */
    private static final Pattern ANTI_PHISHING_KEY = Pattern.compile("[\\x20-\\x7E]{1,64}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]+");

    private final AlipayConfig config;
    private final AlipaySigner signer;
    private final PaymentRequestListener listener;
    private final Charset charset;
    private boolean spent;

    private String outTradeNo;
    private String subject;
    private String body;
    private BigDecimal totalFee;
    private String totalFeeText;
    private BigDecimal price;
    private String priceText;
    private Integer quantity;
    private String paymentType = PaymentType.PURCHASE.code();
    private String sellerId;
    private String sellerEmail;
    private String sellerAccountName;
    private String buyerId;
    private String buyerEmail;
    private String buyerAccountName;
    private String notifyUrl;
    private String returnUrl;
    private String showUrl;
    private String paymethod;
    private String defaultbank;
    private String enablePaymethod;
    private String disablePaymethod;
    private Boolean defaultLogin;
    private Boolean needCtuCheck;
    private String antiPhishingKey;
    private boolean exterInvokeIpSet;
    private String exterInvokeIp;
    private String extraCommonParam;
    private String extendParam;
    private String itBPay;
    private String token;
    private String qrPayMode;
    private Integer qrcodeWidth;
    private String royaltyType;
    private String royaltyParameters;

    DirectPayRequest(AlipayConfig config, AlipaySigner signer, PaymentRequestListener listener) {
        this.config = config;
        this.signer = signer;
        this.listener = listener;
        this.charset = config.inputCharset();
    }

    // ---- business parameters -----------------------------------------------------------------

    /**
     * out_trade_no (required, String(64)): the merchant's unique order number. What Alipay accepts is
     * accepted: any printable ASCII (real merchants send spaces and {@code :}) except {@code & = # % +},
     * which break the return URL and the notification form the value comes back in (issue 8). It is the
     * ledger's key; a Chinese character is refused.
     */
    public DirectPayRequest outTradeNo(String outTradeNo) {
        open().outTradeNo = outTradeNo;
        return this;
    }

    /**
     * subject (required, String(256), i.e. 128 Chinese characters, spec 4.2): the order title shown in
     * the cashier. No {@code # % & +} (spec 4.2 note).
     */
    public DirectPayRequest subject(String subject) {
        open().subject = subject;
        return this;
    }

    /** body (String(1000), i.e. 500 Chinese characters): the order description. No {@code # % & +} (spec 4.2 note). */
    public DirectPayRequest body(String body) {
        open().body = body;
        return this;
    }

    /**
     * total_fee: the amount in yuan, in [0.01, 100000000.00] with at most 2 decimals; sent at scale 2
     * ({@code 1} as {@code 1.00}). Excludes {@link #price} and {@link #quantity}.
     */
    public DirectPayRequest totalFee(BigDecimal totalFee) {
        open().totalFee = totalFee;
        this.totalFeeText = null;
        return this;
    }

    /** Parses a money string such as {@code "0.01"} (at {@link #sign()}): plain digits, optional decimals. */
    public DirectPayRequest totalFee(String totalFee) {
        open().totalFeeText = totalFee;
        this.totalFee = null;
        return this;
    }

    /** price: the unit price, money like total_fee; requires {@link #quantity}, excludes total_fee. */
    public DirectPayRequest price(BigDecimal price) {
        open().price = price;
        this.priceText = null;
        return this;
    }

    /** price as text, parsed at {@link #sign()}. */
    public DirectPayRequest price(String price) {
        open().priceText = price;
        this.price = null;
        return this;
    }

    /** quantity: a positive whole number, only with {@link #price}; the amount is price × quantity. */
    public DirectPayRequest quantity(int quantity) {
        open().quantity = quantity;
        return this;
    }

    /** payment_type: 1 (purchase, the default) or 4 (donation), spec 12.6. */
    public DirectPayRequest paymentType(PaymentType paymentType) {
        open().paymentType = paymentType == null ? null : paymentType.code();
        return this;
    }

    /** payment_type as its wire value, checked at {@link #sign()} to be 1 or 4 (ILLEGAL_PAYMENT_TYPE). */
    public DirectPayRequest paymentType(String paymentType) {
        open().paymentType = paymentType;
        return this;
    }

    // ---- seller and buyer ----------------------------------------------------------------------

    /**
     * seller_id (String(16)): 2088 + 12 digits. When none of seller_id, seller_account_name and
     * seller_email is set, the configured seller is sent, as seller_id if it is a user id and as
     * seller_email otherwise. Alipay's priority: seller_id, seller_account_name, seller_email. A
     * seller other than the configured one will be refused when its notification is checked.
     */
    public DirectPayRequest sellerId(String sellerId) {
        open().sellerId = sellerId;
        return this;
    }

    /** seller_email (String(100)): the seller's Alipay account. See {@link #sellerId}. */
    public DirectPayRequest sellerEmail(String sellerEmail) {
        open().sellerEmail = sellerEmail;
        return this;
    }

    /** seller_account_name (String(100)): the seller's alias account. See {@link #sellerId}. */
    public DirectPayRequest sellerAccountName(String sellerAccountName) {
        open().sellerAccountName = sellerAccountName;
        return this;
    }

    /** buyer_id (String(16)): 2088 + 12 digits; never the seller (BUYER_SELLER_EQUAL). */
    public DirectPayRequest buyerId(String buyerId) {
        open().buyerId = buyerId;
        return this;
    }

    /** buyer_email (String(100)): the buyer's Alipay account, prefilled in the cashier. */
    public DirectPayRequest buyerEmail(String buyerEmail) {
        open().buyerEmail = buyerEmail;
        return this;
    }

    /** buyer_account_name (String(100)): the buyer's alias account. */
    public DirectPayRequest buyerAccountName(String buyerAccountName) {
        open().buyerAccountName = buyerAccountName;
        return this;
    }

    // ---- URLs ----------------------------------------------------------------------------------

    /**
     * notify_url (String(190)) for this request instead of the configured one; null or blank
     * keeps the configured one. Absolute http(s), no query parameters (guide 5.2 C).
     */
    public DirectPayRequest notifyUrl(String notifyUrl) {
        open().notifyUrl = notifyUrl;
        return this;
    }

    /** See {@link #notifyUrl(String)}. */
    public DirectPayRequest notifyUrl(URI notifyUrl) {
        return notifyUrl(notifyUrl == null ? null : notifyUrl.toString());
    }

    /**
     * return_url (String(200)) for this request instead of the configured one; null or blank
     * keeps the configured one. Absolute http(s), no query parameters, no {@code !} (rules v1.4).
     */
    public DirectPayRequest returnUrl(String returnUrl) {
        open().returnUrl = returnUrl;
        return this;
    }

    /** See {@link #returnUrl(String)}. */
    public DirectPayRequest returnUrl(URI returnUrl) {
        return returnUrl(returnUrl == null ? null : returnUrl.toString());
    }

    /**
     * show_url (String(400)): the product page the cashier links to, instead of the configured
     * one; null or blank keeps the configured one. Absolute http(s), no query parameters.
     */
    public DirectPayRequest showUrl(String showUrl) {
        open().showUrl = showUrl;
        return this;
    }

    /** See {@link #showUrl(String)}. */
    public DirectPayRequest showUrl(URI showUrl) {
        return showUrl(showUrl == null ? null : showUrl.toString());
    }

    // ---- payment method ------------------------------------------------------------------------

    /** paymethod: the cashier's default payment method. */
    public DirectPayRequest paymethod(PayMethod paymethod) {
        open().paymethod = paymethod == null ? null : paymethod.code();
        return this;
    }

    /** paymethod as its wire value (case-sensitive), checked at {@link #sign()}. */
    public DirectPayRequest paymethod(String paymethod) {
        open().paymethod = paymethod;
        return this;
    }

    /**
     * defaultbank: a bank code, e.g. {@code ICBCB2C} or {@code CMB-DEBIT} of spec 12.7 and 12.8, case as
     * listed. The list keeps growing (spec 12.7: 其他银行陆续增加中), so any well-formed code (letters,
     * digits and {@code -}, at most 32) is sent, with a warning in the log when it is not in the spec's
     * tables. Allowed without paymethod, as Alipay does; refused with paymethod directPay (rules v1.4:
     * the trade would go another way), answering DEFAULT_BANK_INVALID.
     */
    public DirectPayRequest defaultbank(String defaultbank) {
        open().defaultbank = defaultbank;
        return this;
    }

    /**
     * enable_paymethod: the channels the cashier shows, channel names joined by {@code ^} (e.g.
     * {@code directPay^bankPay}, spec 12.3). Each is letters, digits and {@code _}; one outside spec 12.3
     * is sent with a warning in the log (Alipay's later texts name more channels).
     *
     * @deprecated the spec says the parameter is about to be retired and new merchants should not use it
     */
    @Deprecated
    public DirectPayRequest enablePaymethod(String enablePaymethod) {
        open().enablePaymethod = enablePaymethod;
        return this;
    }

    /**
     * enable_paymethod from channel names, joined by {@code ^} in the list's order; null or empty clears it.
     *
     * @deprecated as {@link #enablePaymethod(String)}
     */
    @Deprecated
    public DirectPayRequest enablePaymethod(List<String> channels) {
        return enablePaymethod(joinChannels(channels));
    }

    /**
     * disable_paymethod: the channels the cashier must not offer, joined by {@code ^} (e.g.
     * {@code creditCard^pcredit}), a parameter of Alipay's later texts for this interface. Each channel is
     * letters, digits and {@code _}; one outside spec 12.3 is sent with a warning in the log.
     */
    public DirectPayRequest disablePaymethod(String disablePaymethod) {
        open().disablePaymethod = disablePaymethod;
        return this;
    }

    /** disable_paymethod from channel names, joined by {@code ^}; null or empty clears it. */
    public DirectPayRequest disablePaymethod(List<String> channels) {
        return disablePaymethod(joinChannels(channels));
    }

    /**
     * default_login: Y or N, whether the cashier skips Alipay's login for the given buyer_email (table 4-1;
     * needs the feature). Rules v1.4: the expressGateway paymethods need {@code true}.
     */
    public DirectPayRequest defaultLogin(boolean defaultLogin) {
        open().defaultLogin = defaultLogin;
        return this;
    }

    private static String joinChannels(List<String> channels) {
        return channels == null || channels.isEmpty() ? null : String.join("^", channels);
    }

    /** need_ctu_check: Y or N, whether a bank payment goes through Alipay's CTU risk check (needs the permission). */
    public DirectPayRequest needCtuCheck(boolean needCtuCheck) {
        open().needCtuCheck = needCtuCheck;
        return this;
    }

    // ---- anti-phishing -------------------------------------------------------------------------

    /**
     * anti_phishing_key: the encrypt_key from query_timestamp, fetched just before this request and sent
     * exactly as received (Base64-shaped, e.g. {@code KPr8...+/x==}; any non-blank printable ASCII up to
     * 64 characters is accepted, and {@code + / =} are percent-encoded in the redirect URL).
     */
    public DirectPayRequest antiPhishingKey(String antiPhishingKey) {
        open().antiPhishingKey = antiPhishingKey;
        return this;
    }

    /**
     * exter_invoke_ip (String(15)): the buyer's IPv4 address, required when anti-phishing IP checking
     * is on. Once called, the value must be a valid address: null or blank is refused
     * (ILLEGAL_EXTER_INVOKE_IP; guide 5.1: once set it must never be empty). {@code ::ffff:a.b.c.d}
     * is sent as {@code a.b.c.d}.
     */
    public DirectPayRequest exterInvokeIp(String ip) {
        open().exterInvokeIp = ip;
        this.exterInvokeIpSet = true;
        return this;
    }

    // ---- pass-through parameters ---------------------------------------------------------------

    /**
     * extra_common_param (String(100)): returned unchanged in the return and the notification.
     * No {@code # % & + =} (spec 4.2 note; 5.2 and 6.2: it comes back inside a query string and a form;
     * ILLEGAL_EXTRA_COMMON_PARAM).
     */
    public DirectPayRequest extraCommonParam(String extraCommonParam) {
        open().extraCommonParam = extraCommonParam;
        return this;
    }

    /**
     * extend_param: {@code name1^value1|name2^value2}, only with a meaning agreed with Alipay. Names
     * are letters, digits and {@code _}; no {@code ^} or {@code |} inside values (rules v1.4).
     */
    public DirectPayRequest extendParam(String extendParam) {
        open().extendParam = extendParam;
        return this;
    }

    /** extend_param from name-value pairs, in the map's order; checked like {@link #extendParam(String)}. */
    public DirectPayRequest extendParam(Map<String, String> extendParam) {
        if (extendParam == null || extendParam.isEmpty()) {
            return extendParam((String) null);
        }
        StringBuilder sb = new StringBuilder();
        extendParam.forEach((name, value) -> {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(name).append('^').append(value);
        });
        return extendParam(sb.toString());
    }

    // ---- timeout, login token, QR code -----------------------------------------------------------

    /**
     * it_b_pay: when the unpaid trade closes, 1m to 15d with unit m, h or d, or {@code 1c} (at
     * midnight of the day it was created). Needs the custom-timeout feature (else
     * SELF_TIMEOUT_NOT_SUPPORT). Repeated requests must send the same value.
     */
    public DirectPayRequest itBPay(String itBPay) {
        open().itBPay = itBPay;
        return this;
    }

    /** it_b_pay from a duration of whole minutes, written in the largest exact unit (90 minutes as 90m, 2 hours as 2h). */
    public DirectPayRequest itBPay(Duration timeout) {
        if (timeout == null) {
            return itBPay((String) null);
        }
        long minutes = timeout.toMinutes();
        String text;
        if (!timeout.equals(Duration.ofMinutes(minutes)) || minutes <= 0) {
            text = timeout.toString(); // not whole minutes: refused at sign() with the value shown
        } else if (minutes % (24 * 60) == 0) {
            text = (minutes / (24 * 60)) + "d";
        } else if (minutes % 60 == 0) {
            text = (minutes / 60) + "h";
        } else {
            text = minutes + "m";
        }
        return itBPay(text);
    }

    /** token (String(40)): the quick-login (快捷登录) authorisation token, when that product is signed. */
    public DirectPayRequest token(String token) {
        open().token = token;
        return this;
    }

    /**
     * qr_pay_mode: 0 to 4, the QR-code cashier modes of Alipay's later texts for this interface (not in
     * spec v3.2); 4 shows a QR code {@link #qrcodeWidth} pixels wide inside the merchant's page.
     */
    public DirectPayRequest qrPayMode(String qrPayMode) {
        open().qrPayMode = qrPayMode;
        return this;
    }

    /** qrcode_width: the QR code's width in pixels, only with qr_pay_mode 4. */
    public DirectPayRequest qrcodeWidth(int qrcodeWidth) {
        open().qrcodeWidth = qrcodeWidth;
        return this;
    }

    // ---- royalties -----------------------------------------------------------------------------

    /** royalty_type (String(2)): only {@code 10} (the seller pays a third party); required with royalty_parameters. */
    public DirectPayRequest royaltyType(String royaltyType) {
        open().royaltyType = royaltyType;
        return this;
    }

    /**
     * royalty_parameters: entries {@code receiver^amount^remark} or {@code payer^receiver^amount^remark}
     * joined by {@code |}, at most 10; remarks at most 1000 characters (500 Chinese ones, which count 2),
     * without {@code ^} or {@code |}.
     */
    public DirectPayRequest royaltyParameters(String royaltyParameters) {
        open().royaltyParameters = royaltyParameters;
        return this;
    }

    // ---- terminal operations -------------------------------------------------------------------

    /**
     * Validates every parameter, signs, tells the {@link PaymentRequestListener} (the ledger records
     * the trade; it may refuse with TRADE_TOTALFEE_NOT_MATCH or TRADE_NOT_ALLOWED_PAY) and returns
     * the payment. Spends this builder once validation has passed.
     *
     * @throws AlipayParameterException for the first rule broken, or when the listener refuses
     * @throws IllegalStateException when this builder was already signed
     */
    public SignedPayment sign() {
        open();
        Map<String, String> parameters = validatedParameters();
        spent = true;
        Map<String, String> signed = signer.signParameters(parameters);
        BigDecimal amount = amountOf(parameters);
        SignedPayment payment = new SignedPayment(parameters.get("out_trade_no"), amount, parameters.get("subject"),
                signed, config.gatewayUrl(), charset, config.inputCharsetName());
        listener.onRequest(payment);
        return payment;
    }

    /** {@code sign().toHtmlForm()}. */
    public String toHtmlForm() {
        return sign().toHtmlForm();
    }

    /** {@code sign().toHtmlPage()}. */
    public String toHtmlPage() {
        return sign().toHtmlPage();
    }

    /** {@code sign().toRedirectUrl()}. */
    public URI toRedirectUrl() {
        return sign().toRedirectUrl();
    }

    // ---- validation ----------------------------------------------------------------------------

    private DirectPayRequest open() {
        if (spent) {
            throw new IllegalStateException("This DirectPayRequest was already signed; take a fresh builder from "
                    + "DirectPayService.directPay() for each request, and keep the SignedPayment to render it again");
        }
        return this;
    }

    /** Every rule of table 4-1, then the parameters in the table's order; empty values left out. */
    private Map<String, String> validatedParameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", SERVICE);
        p.put("partner", config.partner());
        p.put("_input_charset", config.inputCharsetName());

        String notify = orDefault(notifyUrl, config.notifyUrl());
        if (notify != null) {
            ParameterRules.url("notify_url", notify, 190, charset);
            p.put("notify_url", notify);
        }
        String ret = orDefault(returnUrl, config.returnUrl());
        if (ret != null) {
            ParameterRules.url("return_url", ret, 200, charset);
            if (ret.indexOf('!') >= 0) {
                throw violation("return_url", "must not contain '!' (rules v1.4: the buyer would stay on Alipay's "
                        + "success page)", ret, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            if (isAlipaysGateway(config.gatewayUrl()) && isLoopback(URI.create(ret))) {
                throw violation("return_url", "must not be on localhost or a loopback address when the gateway is Alipay's (spec 8.1 (8), "
                        + "rules v1.4: Alipay checks the return_url's domain, and the buyer stays on its success "
                        + "page); use the server's domain or IP address, or a local gateway such as the sandbox",
                        ret, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            p.put("return_url", ret);
        }

        p.put("out_trade_no", validOutTradeNo());
        p.put("subject", validSubject());

        if (paymentType == null || PaymentType.fromCode(paymentType) == null) {
            throw violation("payment_type", "must be 1 (purchase) or 4 (donation) (spec 12.6)", paymentType,
                    AlipayErrorCode.ILLEGAL_PAYMENT_TYPE);
        }
        p.put("payment_type", paymentType);

        putSellerAndBuyer(p);
        putMoney(p);

        if (!isEmpty(body)) {
            ParameterRules.text("body", body, charset);
            ParameterRules.plainText("body", body, AlipayErrorCode.ILLEGAL_ARGUMENT);
            ParameterRules.maxLength("body", body, 1000);
            p.put("body", body);
        }
        String show = orDefault(showUrl, config.showUrl());
        if (show != null) {
            ParameterRules.url("show_url", show, 400, charset);
            p.put("show_url", show);
        }

        putPaymentMethod(p);
        putRoyalties(p, amountOf(p));
        putAntiPhishing(p);

        if (!isEmpty(extraCommonParam)) {
            ParameterRules.text("extra_common_param", extraCommonParam, charset);
            ParameterRules.plainText("extra_common_param", extraCommonParam,
                    AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
            if (extraCommonParam.indexOf('=') >= 0) {
                throw violation("extra_common_param", "must not contain '=' (spec 5.2, 6.2: it comes back inside the "
                        + "return's query string and the notification's form)", extraCommonParam,
                        AlipayErrorCode.ILLEGAL_EXTRA_COMMON_PARAM);
            }
            ParameterRules.maxLength("extra_common_param", extraCommonParam, 100);
            p.put("extra_common_param", extraCommonParam);
        }
        if (!isEmpty(extendParam)) {
            validateExtendParam();
            p.put("extend_param", extendParam);
        }
        if (!isEmpty(itBPay)) {
            ParameterRules.itBPay(itBPay);
            p.put("it_b_pay", itBPay);
        }
        if (!isEmpty(token)) {
            if (token.length() > 40) {
                throw violation("token", "at most 40 characters (table 4-1, String(40))", token,
                        AlipayErrorCode.TOKEN_LEN_TOO_LONG);
            }
            if (!TOKEN.matcher(token).matches()) {
                throw violation("token", "must be the quick-login token as received: letters and digits", token,
                        AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            p.put("token", token);
        }
        putQrCode(p);
        return p;
    }

    private String validOutTradeNo() {
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

    private String validSubject() {
        if (subject == null || subject.isBlank()) {
            throw violation("subject", "is required (table 4-1: 不可空)", subject,
                    AlipayErrorCode.SUBJECT_MUST_NOT_BE_NULL);
        }
        ParameterRules.text("subject", subject, charset);
        ParameterRules.plainText("subject", subject, AlipayErrorCode.ILLEGAL_ARGUMENT);
        ParameterRules.maxLength("subject", subject, 256);
        return subject;
    }

    private void putSellerAndBuyer(Map<String, String> p) {
        String sId = emptyToNull(sellerId);
        String sEmail = emptyToNull(sellerEmail);
        String sName = emptyToNull(sellerAccountName);
        if (sId == null && sEmail == null && sName == null) {
            // table 4-1: seller_id, seller_account_name and seller_email must not all be empty
            if (config.sellerIsId()) {
                sId = config.seller();
            } else {
                sEmail = config.seller();
            }
        }
        if (sEmail != null) {
            ParameterRules.text("seller_email", sEmail, charset);
            ParameterRules.account("seller_email", sEmail, charset);
            p.put("seller_email", sEmail);
        }
        String bEmail = emptyToNull(buyerEmail);
        if (bEmail != null) {
            ParameterRules.text("buyer_email", bEmail, charset);
            ParameterRules.account("buyer_email", bEmail, charset);
            if (bEmail.equalsIgnoreCase(sEmail)) {
                throw buyerIsSeller("buyer_email", bEmail);
            }
            p.put("buyer_email", bEmail);
        }
        if (sId != null) {
            ParameterRules.userId("seller_id", sId);
            p.put("seller_id", sId);
        }
        String bId = emptyToNull(buyerId);
        if (bId != null) {
            ParameterRules.userId("buyer_id", bId);
            if (bId.equals(sId)) {
                throw buyerIsSeller("buyer_id", bId);
            }
            p.put("buyer_id", bId);
        }
        if (sName != null) {
            ParameterRules.text("seller_account_name", sName, charset);
            ParameterRules.account("seller_account_name", sName, charset);
            p.put("seller_account_name", sName);
        }
        String bName = emptyToNull(buyerAccountName);
        if (bName != null) {
            ParameterRules.text("buyer_account_name", bName, charset);
            ParameterRules.account("buyer_account_name", bName, charset);
            if (bName.equalsIgnoreCase(sName)) {
                throw buyerIsSeller("buyer_account_name", bName);
            }
            p.put("buyer_account_name", bName);
        }
    }

    private static AlipayParameterException buyerIsSeller(String parameter, String value) {
        return violation(parameter, "must not be the seller's account (rules v1.4: buyer and seller differ)", value,
                AlipayErrorCode.BUYER_SELLER_EQUAL);
    }

    /** total_fee, or price and quantity (table 4-1: never both; rules v1.4: price needs quantity). */
    private void putMoney(Map<String, String> p) {
        boolean hasTotal = totalFee != null || totalFeeText != null;
        boolean hasPrice = price != null || priceText != null;
        if (hasTotal && (hasPrice || quantity != null)) {
            throw violation(hasPrice ? "price" : "quantity", "total_fee excludes price and quantity: send total_fee, "
                    + "or price and quantity (table 4-1)", hasPrice ? moneyShown(price, priceText) : String.valueOf(quantity),
                    AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        if (hasTotal) {
            BigDecimal fee = totalFee != null
                    ? ParameterRules.money("total_fee", totalFee, AlipayErrorCode.ILLEGAL_FEE_PARAM)
                    : ParameterRules.money("total_fee", totalFeeText, AlipayErrorCode.ILLEGAL_FEE_PARAM);
            p.put("total_fee", fee.toPlainString());
            return;
        }
        if (!hasPrice && quantity == null) {
            throw violation("total_fee", "is required: send total_fee, or price and quantity (table 4-1)", null,
                    AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        if (!hasPrice) {
            throw violation("price", "is required with quantity (table 4-1)", null, AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        BigDecimal unit = price != null
                ? ParameterRules.money("price", price, AlipayErrorCode.ILLEGAL_FEE_PARAM)
                : ParameterRules.money("price", priceText, AlipayErrorCode.ILLEGAL_FEE_PARAM);
        if (quantity == null) {
            throw violation("quantity", "is required with price (rules v1.4, 错误码处理)", null,
                    AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        if (quantity < 1) {
            throw violation("quantity", "must be a whole number of at least 1", String.valueOf(quantity),
                    AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        BigDecimal total = unit.multiply(BigDecimal.valueOf(quantity));
        if (total.compareTo(ParameterRules.MAX_MONEY) > 0) {
            throw violation("quantity", "price × quantity must not exceed 100000000.00 yuan (was "
                    + total.toPlainString() + ")", String.valueOf(quantity), AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        p.put("price", unit.toPlainString());
        p.put("quantity", String.valueOf(quantity));
    }

    private static String moneyShown(BigDecimal value, String text) {
        return value != null ? value.toPlainString() : text;
    }

    /** The trade amount: total_fee, or price × quantity, at scale 2. */
    static BigDecimal amountOf(Map<String, String> p) {
        String total = p.get("total_fee");
        if (total != null) {
            return new BigDecimal(total);
        }
        return new BigDecimal(p.get("price")).multiply(new BigDecimal(p.get("quantity")))
                .setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    private void putPaymentMethod(Map<String, String> p) {
        if (!isEmpty(paymethod)) {
            if (PayMethod.fromCode(paymethod) == null) {
                throw violation("paymethod", "must be one of directPay, bankPay, cartoon, creditPay, CASH (table 4-1) "
                        + "or CREDITCARD, CCIP, motoPay, expressGateway, expressGatewayDebit, expressGatewayCredit "
                        + "(rules v1.4); case matters", paymethod, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            p.put("paymethod", paymethod);
        }
        if (!isEmpty(enablePaymethod)) {
            p.put("enable_paymethod", channels("enable_paymethod", enablePaymethod));
        }
        if (!isEmpty(disablePaymethod)) {
            p.put("disable_paymethod", channels("disable_paymethod", disablePaymethod));
        }
        if (!isEmpty(defaultbank)) {
            if (PayMethod.DIRECT_PAY.code().equals(paymethod)) {
                throw violation("defaultbank", "not with paymethod=directPay (rules v1.4: leave defaultbank out, or the "
                        + "trade goes another way)", defaultbank, AlipayErrorCode.DEFAULT_BANK_INVALID);
            }
            if (!ParameterRules.BANK_CODE.matcher(defaultbank).matches()) {
                throw violation("defaultbank", "must be a bank code: letters, digits and '-', at most 32 (spec 12.7, "
                        + "12.8, e.g. ICBCB2C, CMB, CCB-DEBIT; case matters)", defaultbank,
                        AlipayErrorCode.DEFAULT_BANK_INVALID);
            }
            if (!ParameterRules.BANK_CODES.contains(defaultbank)) {
                LOG.log(System.Logger.Level.WARNING, "defaultbank {0} is not in the bank tables of spec 12.7 and 12.8 "
                        + "(which keep growing); sent as given: check its case and that Alipay lists it for your "
                        + "product", defaultbank);
            }
            p.put("defaultbank", defaultbank);
        }
        if (needCtuCheck != null) {
            p.put("need_ctu_check", needCtuCheck ? "Y" : "N");
        }
        if (defaultLogin != null) {
            p.put("default_login", defaultLogin ? "Y" : "N");
        }
    }

    /** Channel names joined by ^ (enable_paymethod, disable_paymethod); unknown well-formed names are warned of. */
    private static String channels(String parameter, String value) {
        for (String channel : value.split("\\^", -1)) {
            if (!ParameterRules.CHANNEL.matcher(channel).matches()) {
                throw violation(parameter, "must be channel names (letters, digits and _, e.g. directPay, bankPay; "
                        + "spec 12.3) joined by ^, none empty", value, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            if (!ParameterRules.CHANNELS.contains(channel)) {
                LOG.log(System.Logger.Level.WARNING, "{0}: channel {1} is not in table 12-3 of spec v3.2; sent as "
                        + "given (Alipay's later texts name more channels)", parameter, channel);
            }
        }
        return value;
    }

    /** Alipay's own gateway (mapi.alipay.com or another alipay.com host), not a local one such as the sandbox. */
    private static boolean isAlipaysGateway(URI gateway) {
        String host = gateway == null ? null : gateway.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        return host.equals("alipay.com") || host.endsWith(".alipay.com");
    }

    /**
     * The name localhost or a loopback address (spec 8.1 (8): "不要设置成本机域名", wrong: http://localhost/...;
     * rules v1.4: "不能是http://localhost/这类地址 ... （例如:127.0.0.1）"). Alipay's domain check refuses
     * them; a site-local address is the developer's business (warned about at start-up).
     */
    private static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.matches("127(\\.[0-9]{1,3}){3}") || host.equals("::1") || host.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        return host.equals("localhost") || host.endsWith(".localhost");
    }

    private void putRoyalties(Map<String, String> p, BigDecimal amount) {
        boolean hasParameters = !isEmpty(royaltyParameters);
        if (!isEmpty(royaltyType) || hasParameters) {
            if (!"10".equals(royaltyType)) {
                throw violation("royalty_type", "must be 10 (the seller pays a third party) and is required with "
                        + "royalty_parameters (table 4-1)", royaltyType, AlipayErrorCode.ROYALTY_TYPE_ERROR);
            }
            p.put("royalty_type", royaltyType);
        }
        if (!hasParameters) {
            return;
        }
        ParameterRules.text("royalty_parameters", royaltyParameters, charset);
        String[] entries = royaltyParameters.split("\\|", -1);
        if (entries.length > 10) {
            throw violation("royalty_parameters", "at most 10 entries joined by | (table 4-1), was " + entries.length,
                    royaltyParameters, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
        }
        BigDecimal paidBySeller = BigDecimal.ZERO;
        for (String entry : entries) {
            String[] f = entry.split("\\^", -1);
            if (f.length != 3 && f.length != 4) {
                throw violation("royalty_parameters", "each entry is receiver^amount^remark or "
                        + "payer^receiver^amount^remark (table 4-1)", royaltyParameters,
                        AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            }
            int a = f.length - 2;
            for (int i = 0; i < a; i++) {
                if (f[i].isBlank()) {
                    throw violation("royalty_parameters", "every entry names its accounts", royaltyParameters,
                            AlipayErrorCode.ROYALTY_FORAMT_ERROR);
                }
            }
            BigDecimal share = ParameterRules.money("royalty_parameters", f[a], AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            if (share.compareTo(amount) > 0) {
                throw violation("royalty_parameters", "a share must not exceed the trade amount " + amount.toPlainString()
                        + " (rules v1.4)", royaltyParameters, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
            }
            if (f.length == 3) {
                paidBySeller = paidBySeller.add(share);
            }
            if (ParameterRules.alipayLength(f[a + 1]) > 1000) {
                throw violation("royalty_parameters", "a remark has at most 1000 characters, a Chinese character"
                        + " counting 2 (table 4-1: 1000个字符，即500个汉字)",
                        royaltyParameters, AlipayErrorCode.ROYALTY_LENGTH_ERROR);
            }
        }
        if (paidBySeller.compareTo(amount) > 0) {
            throw violation("royalty_parameters", "the shares the seller pays must not exceed the trade amount "
                    + amount.toPlainString() + " (rules v1.4)", royaltyParameters, AlipayErrorCode.ROYALTY_FORAMT_ERROR);
        }
        p.put("royalty_parameters", royaltyParameters);
    }

    private void putAntiPhishing(Map<String, String> p) {
        if (!isEmpty(antiPhishingKey)) {
            if (antiPhishingKey.isBlank() || !ANTI_PHISHING_KEY.matcher(antiPhishingKey).matches()) {
                throw violation("anti_phishing_key", "must be the encrypt_key from query_timestamp exactly as "
                        + "received: non-blank printable ASCII, at most 64 characters", antiPhishingKey,
                        AlipayErrorCode.ILLEGAL_ANTI_PHISHING_KEY);
            }
            p.put("anti_phishing_key", antiPhishingKey);
        }
        if (exterInvokeIpSet) {
            if (exterInvokeIp == null || exterInvokeIp.isBlank()) {
                throw violation("exter_invoke_ip", "was set but is empty; once IP checking is on it must be the "
                        + "buyer's IP, never empty (guide 5.1)", exterInvokeIp, AlipayErrorCode.ILLEGAL_EXTER_INVOKE_IP);
            }
            p.put("exter_invoke_ip", ParameterRules.ipv4(exterInvokeIp.trim()));
        }
    }

    private void validateExtendParam() {
        ParameterRules.text("extend_param", extendParam, charset);
        for (String entry : extendParam.split("\\|", -1)) {
            String[] f = entry.split("\\^", -1);
            if (f.length != 2 || !EXTEND_PARAM_NAME.matcher(f[0]).matches()) {
                throw violation("extend_param", "must be name1^value1|name2^value2 with names of letters, digits and "
                        + "_ and no ^ or | inside values (table 4-1, rules v1.4)", extendParam,
                        AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
        }
    }

    private void putQrCode(Map<String, String> p) {
        if (!isEmpty(qrPayMode)) {
            if (!qrPayMode.matches("[0-4]")) {
                throw violation("qr_pay_mode", "must be 0, 1, 2, 3 or 4", qrPayMode, AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            p.put("qr_pay_mode", qrPayMode);
        }
        if (qrcodeWidth != null) {
            if (!"4".equals(qrPayMode)) {
                throw violation("qrcode_width", "only with qr_pay_mode=4", String.valueOf(qrcodeWidth),
                        AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            if (qrcodeWidth < 1) {
                throw violation("qrcode_width", "must be a positive number of pixels", String.valueOf(qrcodeWidth),
                        AlipayErrorCode.ILLEGAL_ARGUMENT);
            }
            p.put("qrcode_width", String.valueOf(qrcodeWidth));
        }
    }

    private static String orDefault(String value, URI configured) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        return configured == null ? null : configured.toString();
    }

    private static String emptyToNull(String value) {
        return isEmpty(value) ? null : value;
    }

    @Override
    public String toString() {
        return "DirectPayRequest{outTradeNo=" + outTradeNo + ", subject=" + subject + ", spent=" + spent + "}";
    }
}
