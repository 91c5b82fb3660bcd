package io.github.alipaystarter.core.error;

import java.util.Locale;
import java.util.Optional;

/**
 * The error codes Alipay shows on its error page ("调试错误，请回到请求来源地，重新发起请求。"), sends to
 * error_notify_url, or answers in a query's {@code <error>} element, each with Alipay's own Chinese
 * meaning and an English explanation of the likely cause and the fix.
 *
 * <p>Sources, in the order of the constants:
 * <ul>
 *   <li>spec v3.2 table 12-1 (即时到账业务错误码), in the table's order;</li>
 *   <li>spec v3.2 table 12-2 (系统错误码);</li>
 *   <li>spec v3.2 table 12-10 (请求出错时的通知错误码), the codes that table 12-1 does not list;</li>
 *   <li>the integration guide's section 5.1 (调试错误), the codes the spec does not list;</li>
 *   <li>the usage rules v1.4 (错误码处理), the codes listed nowhere else;</li>
 *   <li>single_trade_query's answer for an unknown trade.</li>
 * </ul>
 * The spelling is Alipay's, misspellings included ({@code ROYALTY_FORAMT_ERROR},
 * {@code PARAMTER_IS_NULL}, {@code EBANK_CERDIT_GW_RULE_NOT_OPEN}): the wire value is the constant's
 * name. The meanings are copied from the spec with the PDF's extraction spaces removed; where the
 * spec gives a code twice (ILLEGAL_ARGUMENT), the first text is kept and the second named in the
 * explanation.
 */
public enum AlipayErrorCode {

    // ---- spec v3.2, table 12-1 (即时到账业务错误码) -------------------------------------------------

    SELLER_NOT_IN_SPECIFIED_SELLERS("抱歉，该收款账户不是指定的收款账户，请确认参数是否正确或咨询您的客户经理。",
            "The seller (seller_id, seller_account_name or seller_email) is not an account this partner may collect for. "
                    + "Guide 5.1: the seller is not the signed Alipay account. Use the partner's own account, or have the "
                    + "other seller added to the contract."),
    TRADE_SELLER_NOT_MATCH("抱歉，该笔交易的卖家已不存在，请联系正确的卖家重新创建交易进行付款。",
            "The out_trade_no was requested before with another seller. A repeated request must name the same "
                    + "seller; use a new out_trade_no for a different seller."),
    TRADE_BUYER_NOT_MATCH("抱歉，您本次支付使用的账户与原先的不一致，请使用原来的账户，或重新创建交易付款。",
            "The buyer pays with another account than the one the trade was created with (or buyer_* changed "
                    + "between two requests for the same out_trade_no). The buyer must use the original account, or the "
                    + "merchant creates a new out_trade_no."),
    ILLEGAL_FEE_PARAM("抱歉，金额传递错误，请确认参数是否正确或咨询您的客户经理。",
            "Money must be in [0.01, 100000000.00] with at most 2 decimals; send total_fee or price+quantity, never "
                    + "both, and quantity whenever price is sent (rules v1.4, 错误码处理)."),
    SUBJECT_MUST_NOT_BE_NULL("商品名不能为空。",
            "subject is required; send a non-empty order title."),
    TRADE_PRICE_NOT_MATCH("抱歉，该商品的交易单价与原先的不一致，请重新创建交易付款。",
            "The out_trade_no was requested before with another price. Repeat a request only with the same values; "
                    + "create a new out_trade_no when the price changes."),
    TRADE_QUANTITY_NOT_MATCH("抱歉，该商品的购买数量与原先的不一致，请重新创建交易付款。",
            "The out_trade_no was requested before with another quantity; create a new out_trade_no for a new quantity."),
    TRADE_TOTALFEE_NOT_MATCH("抱歉，该商品的交易金额与原先的不一致，请重新创建交易付款。",
            "The same out_trade_no was requested before with another amount; use a new out_trade_no for a new amount."),
    TRADE_NOT_ALLOWED_PAY("抱歉，您不能进行本次支付，请查看该交易是否已超时或已被关闭等。",
            "The trade is already paid, closed or timed out (guide 5.1); create a new out_trade_no to take a new payment."),
    DIRECT_PAY_WITHOUT_CERT_CLOSE("未开通非证书余额支付，无法完成支付。",
            "The buyer's account does not allow balance payments without a digital certificate. The buyer enables it "
                    + "in the Alipay account settings or pays another way; nothing to fix in the request."),
    FAIL_CREATE_CASHIER_PAY_ORDER("抱歉，系统异常，无法创建本次收银台支付订单，请稍后再试。",
            "Alipay's cashier failed to create the payment order (rules v1.4: a cashier-side fault). Retry later; "
                    + "if it persists, contact Alipay support."),
    ILLEGAL_EXTRA_COMMON_PARAM("抱歉，接口通用回传参数格式不正确，请联系您的商户。",
            "extra_common_param is malformed: it must not contain # % & + (spec 4.2 note), sensitive words or "
                    + "unsupported foreign scripts, and is at most 100 bytes in the _input_charset."),
    ILLEGAL_PAYMENT_TYPE("抱歉，接口传递的Payment_type参数错误，请联系您的商户。",
            "payment_type must be 1 (purchase) or 4 (donation) (spec 12.6)."),
    NOT_SUPPORT_GATEWAY("抱歉，商户网关配置出错，请联系您的商户。",
            "A supportGateway value is wrong (table 12-10: 错误的supportGateway参数): the merchant's gateway settings at "
                    + "Alipay do not match the request. Contact Alipay support to check the contract's gateway configuration."),
    BUYER_SELLER_EQUAL("抱歉，买家和卖家不能是同一个账户。",
            "The buyer and the seller are the same account (guide 5.1). Do not pay to yourself: test with a second "
                    + "Alipay account, and do not send buyer_* equal to seller_*."),
    SELLER_NOT_EXIST("抱歉，卖家账户经验证不存在，请联系您的商户。",
            "The seller account does not exist (guide 5.1: seller_email is wrong). Check seller_id / seller_email in "
                    + "the configuration."),
    ILLEGAL_ARGUMENT("抱歉，商户传递的接口参数错误，请联系您的商户。",
            "A parameter is missing, malformed or not documented for this interface (guide 5.1: the format of a "
                    + "parameter or its value is wrong). Table 12-1 also lists it as 参数不正确. Send only the parameters "
                    + "of spec table 4-1, each in its documented format."),
    TRADE_NOT_FOUND("根据交易号无法找到交易。",
            "No trade has this trade number. Check the trade_no / out_trade_no used."),
    TRADE_GOOD_INFO_NOT_FOUND("根据交易号无法找到交易详情。",
            "The trade exists but its goods details cannot be found. Retry later; contact Alipay support if it persists."),
    BUYER_EMAIL_ID_MUST_NULL("抱歉，该笔交易的买家账户必须为空，请联系您的商户。",
            "A buyer account was sent with the pure bank gateway (网银直连) product, which takes no buyer (rules v1.4). "
                    + "Leave buyer_id, buyer_email and buyer_account_name out."),
    PRODUCT_NOT_ALLOWED("您未开通此产品，暂时无法使用本服务。",
            "The partner has not signed the product the request asks for (for example paymethod=bankPay without the "
                    + "bank gateway, or creditPay). Sign the product or remove the parameter."),
    ROYALTY_RECEIVER_NOT_IN_SPECIFIED_ACCOUNTS("抱歉，分润账号不是指定的分润账户，请确保该分润账户已签署分润协议。",
            "A receiver in royalty_parameters has not signed the royalty agreement. Only use receivers set up for "
                    + "royalties with Alipay."),
    ROYALTY_LENGTH_ERROR("抱歉，分润信息过长，不能超过1000个字符，请检查后重新集成。",
            "A remark in royalty_parameters is longer than 1000 characters (500 Chinese characters); shorten it."),
    DEFAULT_BANK_INVALID("您传递的默认网银参数不在规定的范围内。",
            "defaultbank is only valid with paymethod=bankPay and a bank code of spec 12.7 or 12.8 (case matters)."),
    DIS_NOT_SIGN_PROTOCOL("抱歉，您的分销商没有与支付宝签约，请联系您的商户。",
            "The distributor named in the request has no contract with Alipay; have it sign, or remove it."),
    SELF_TIMEOUT_NOT_SUPPORT("抱歉，商户没有开通自定义超时权限，请联系您的商户。",
            "it_b_pay was sent, but the custom timeout feature is not enabled for the partner (rules v1.4). Ask Alipay "
                    + "support to enable it, or do not send it_b_pay."),
    ILLEGAL_OUTTIME_ARGUMENT("抱歉，自定义超时时间设置错误，请联系您的商户。",
            "it_b_pay must be like 30m, 2h, 3d or 1c (1m to 15d; the unit is m, h or d; 1c alone means until midnight; "
                    + "no decimals: write 90m, not 1.5h)."),
    EBANK_CERDIT_GW_RULE_NOT_OPEN("信用卡未签约（签约到期）或者接口参数未指定开通信用卡支付。",
            "Credit-card payment is not signed (or the contract expired), or the request does not enable it. Renew the "
                    + "product or pay another way."),
    DIRECTIONAL_PAY_FORBIDDEN("付款受限，请确保收款方有权进行收款。",
            "Buyer, platform, seller or royalty receivers do not meet the directional-payment conditions (rules v1.4: "
                    + "the buyer has not signed the directional payment agreement, or the parties do not qualify)."),
    SELLER_ENABLE_STATUS_FORBID("卖家状态不正常。",
            "The seller's account is frozen, not activated or otherwise restricted. The seller logs in to Alipay to "
                    + "check and activate the account."),
    ROYALTY_SELLER_ENABLE_STATUS_FORBID("抱歉，卖家暂时无法进行收款操作，请联系您的商户。",
            "With royalties, the seller (or a royalty party, table 12-10) cannot receive money at the moment; check the "
                    + "accounts' status."),
    ROYALTY_SELLER_NOT_CERTIFY("抱歉，卖家尚未通过认证，不能进行收款，请联系您的商户。",
            "With royalties, the seller's account is not certified (实名认证). Certify the account first."),
    ROYALTY_FORAMT_ERROR("抱歉，接口传递的分润参数格式错误，请检查后重新集成。",
            "royalty_parameters is malformed (guide 5.1). Format: receiver^amount^remark, or payer^receiver^amount^remark, "
                    + "entries joined by |, at most 10; no ^ or | inside remarks. (The misspelling is Alipay's.)"),
    ROYALTY_TYPE_ERROR("抱歉，接口传递的分润类型错误，请检查后重新集成。",
            "royalty_type must be 10 (seller pays a third party) and is required whenever royalty_parameters is sent."),
    ROYALTY_RECEIVE_EMAIL_NOT_EXIST("抱歉，分润账户经验证不存在，请联系您的商户。",
            "A receiver account in royalty_parameters does not exist; check the account names."),
    ROYALTY_RECEIVE_EMAIL_NOT_CERTIFY("抱歉，分润账户经验证未通过人行验证，请联系您的商户。",
            "A receiver account in royalty_parameters has not passed the People's Bank identity check; the receiver "
                    + "must complete it."),
    ROYALTY_PAY_EMAIL_NOT_EXIST("抱歉，分润付款账户经验证不存在，请联系您的商户。",
            "A payer account in royalty_parameters does not exist; check the account names."),
    TAOBAO_ANTI_PHISHING_CHECK_FAIL("抱歉，无法付款!该笔交易可能存在风险，如果您确定本次交易没有问题，请1个小时后再付款。",
            "Alipay's risk control held the payment. Nothing to fix in the request; the buyer may retry after an hour."),
    SUBJECT_HAS_FORBIDDENWORD("抱歉，无法付款!请联系商户修改商品名称，再重新购买。",
            "subject contains a word Alipay forbids (sensitive words, spec 4.2 note). Change the order title."),
    // The spec's text continues with a link to a Taobao forum page about fraud cases; it is left out here.
    PAY_CHECK_FAIL("抱歉，付款失败!该笔交易可能存在风险，建议您付款前先查看防骗案例。",
            "Alipay's risk control refused the payment. Nothing to fix in the request; the buyer may contact Alipay."),
    BODY_HAS_FORBIDDENWORD("抱歉，无法付款!请联系商户修改商品描述，再重新购买。",
            "body contains a word Alipay forbids (sensitive words, spec 4.2 note). Change the description."),
    NEED_CTU_CHECK_PARAMETER_ERROR("抱歉，您传递的商户可信任参数权限参数错误。",
            "need_ctu_check must be Y (do the CTU risk check) or N (skip it), and only with the CTU permission."),
    NEED_CTU_CHECK_NOT_ALLOWED("抱歉，商户没有可信任参数校验的权限。",
            "need_ctu_check was sent, but the partner has no CTU check permission (rules v1.4). Remove it or ask Alipay "
                    + "to enable it."),
    BUYER_NOT_EXIST("抱歉，买家账户经验证不存在。",
            "The buyer account named by buyer_id, buyer_email or buyer_account_name does not exist; check it or leave "
                    + "the buyer out."),
    HAS_NO_PRIVILEGE("你的当前访问记录丢失，请返回商户网站重新发起付款。",
            "Guide 5.1: the partner has no permission for this interface (the contract does not include "
                    + "create_direct_pay_by_user), or the buyer's session at Alipay was lost. Check the signed products; "
                    + "otherwise start the payment again from the merchant site."),
    ILLEGAL_SIGN("签名不正确",
            "The signature does not match (guide 5.1: parameter format, key or encoding). Sign the raw (un-encoded) "
                    + "values, sorted by key, without sign and sign_type and without empty values, in the _input_charset; "
                    + "check the key, and that the page and the form really use the _input_charset."),
    ILLEGAL_DYN_MD5_KEY("动态密钥信息错误",
            "The dynamic MD5 key information is wrong. Check the key configuration; contact Alipay support if it persists."),
    ILLEGAL_ENCRYPT("加密不正确",
            "An encrypted value could not be decrypted. Check the keys used for encryption."),
    ILLEGAL_SERVICE("参数不正确",
            "Guide 5.1: the service name is wrong, or all request parameters were lost (for example a form posted "
                    + "with an empty body, or a GET URL cut off). Send service=create_direct_pay_by_user with every parameter."),
    ILLEGAL_PARTNER("合作伙伴ID不正确",
            "partner is wrong (guide 5.1): it must be the 16-digit id starting with 2088 from the merchant portal, "
                    + "without spaces."),
    ILLEGAL_EXTERFACE("接口配置不正确",
            "The interface is not configured for the partner. Check that create_direct_pay_by_user is signed."),
    ILLEGAL_PARTNER_EXTERFACE("合作伙伴接口信息不正确",
            "The partner is not enabled for this interface; check the signed products with Alipay."),
    ILLEGAL_SECURITY_PROFILE("未找到匹配的密钥配置",
            "No key matches the sign_type: for example RSA is sent but no RSA public key is uploaded at Alipay, or "
                    + "the MD5 key was never generated. Configure the key for the sign type used."),
    ILLEGAL_AGENT("代理ID不正确",
            "The agent id is wrong; remove it or correct it."),
    ILLEGAL_SIGN_TYPE("签名类型不正确",
            "sign_type is wrong (guide 5.1): MD5, RSA or DSA, in upper case, and matching the key configured at Alipay."),
    ILLEGAL_CHARSET("字符集不合法",
            "_input_charset is not supported: use utf-8, gbk or gb2312."),
    ILLEGAL_CLIENT_IP("客户端IP地址无权访问服务",
            "The calling IP address may not use this service (an IP allow list is set for the partner). Call from an "
                    + "allowed address or update the list."),
    ILLEGAL_DIGEST_TYPE("摘要类型不正确",
            "The digest type of an uploaded file is wrong; not used by create_direct_pay_by_user."),
    ILLEGAL_DIGEST("文件摘要不正确",
            "The digest of an uploaded file does not match; not used by create_direct_pay_by_user."),
    ILLEGAL_FILE_FORMAT("文件格式不正确",
            "An uploaded file has the wrong format; not used by create_direct_pay_by_user."),
    ILLEGAL_ENCODING("不支持该编码类型",
            "The encoding is not supported. Use utf-8, gbk or gb2312 for _input_charset and send the bytes in it."),
    ILLEGAL_REQUEST_REFERER("防钓鱼检查不支持该请求来源",
            "Anti-phishing: the request came from a page (Referer) that is not registered for the partner. Send the "
                    + "request from the registered site, or update the registered domain."),
    ILLEGAL_ANTI_PHISHING_KEY("防钓鱼检查非法时间戳参数",
            "anti_phishing_key is missing or wrong (guide 5.1). Fetch a fresh one with service=query_timestamp "
                    + "(encrypt_key) right before each request and send it unchanged."),
    ANTI_PHISHING_KEY_TIMEOUT("防钓鱼检查时间戳超时",
            "anti_phishing_key is too old. Fetch it with query_timestamp for each request, just before rendering the form."),
    ILLEGAL_EXTER_INVOKE_IP("防钓鱼检查非法调用IP",
            "exter_invoke_ip is missing or wrong (guide 5.1). Once IP checking is on it must always be the buyer's "
                    + "own IPv4 address as seen by the merchant's server, never empty."),
    ILLEGAL_NUMBER_FORMAT("数字格式不合法",
            "A numeric parameter (quantity, qrcode_width, ...) is not a number; send plain digits."),
    ILLEGAL_INTEGER_FORMAT("Int类型格式不合法",
            "An integer parameter (quantity, payment_type, ...) is not an integer; send plain digits without decimals."),
    ILLEGAL_MONEY_FORMAT("金额格式不合法",
            "A money value is not a number with at most 2 decimals; send it as 0.01 or 387.00."),
    ILLEGAL_DATA_FORMAT("日期格式错误",
            "A date is not in the expected format (yyyy-MM-dd HH:mm:ss)."),
    REGEXP_MATCH_FAIL("正则表达式匹配失败",
            "A parameter does not match its required pattern (for example partner or seller_id not 2088 + 12 digits)."),
    ILLEGAL_LENGTH("参数值长度不合法",
            "A parameter is longer than the spec allows; lengths count bytes in the _input_charset (a Chinese "
                    + "character is 3 bytes in utf-8, 2 in gbk)."),
    PARAMTER_IS_NULL("参数值为空",
            "A required parameter is missing or empty. (The misspelling is Alipay's.)"),

    // ---- spec v3.2, table 12-2 (系统错误码): contact Alipay support ----------------------------------

    SYSTEM_ERROR("支付宝系统错误",
            "Alipay's system failed. The request may or may not have been processed (rules v1.4): stop, do not resend "
                    + "blindly, check the trade later with single_trade_query, or contact Alipay support."),
    SESSION_TIMEOUT("session超时",
            "The session at Alipay timed out; start the payment again from the merchant site."),
    ILLEGAL_TARGET_SERVICE("错误的target_service",
            "The target service is wrong; check the service name. Contact Alipay support if it persists."),
    ILLEGAL_ACCESS_SWITCH_SYSTEM("partner不允许访问该类型的系统",
            "The partner may not use this kind of system; contact Alipay support."),
    ILLEGAL_SWITCH_SYSTEM("切换系统异常",
            "Alipay failed while switching systems; retry later or contact Alipay support."),
    EXTERFACE_IS_CLOSED("接口已关闭",
            "The interface is closed for this partner (for example the contract ended); contact Alipay."),

    // ---- spec v3.2, table 12-10 (请求出错时的通知错误码), codes not in table 12-1 ------------------

    MOTO_EXPRESS_TOTAL_AMOUNT_EXCEED("交易金额超过快捷支付前置限额",
            "The amount exceeds the limit of the express-payment (快捷支付前置, paymethod=motoPay) product; pay another way."),
    MOTO_EXPRESS_PARTNER_NOT_SIGN_PROTOCOL("商户未开通快捷支付",
            "paymethod asks for express payment, which the partner has not signed; sign it or remove the paymethod."),
    EBANK_VISA_GW_RULE_NOT_OPEN("商户未签约外卡收单产品（或者签约到期）或者本次交易金额小于1元",
            "Foreign-card acquiring is not signed (or expired), or the amount is below 1 yuan; sign it, raise the amount "
                    + "or pay another way."),
    UNKNOWN_PRODUCT_NAME("系统异常，无法获取产品线信息，请稍后再试",
            "Alipay could not determine the product line; retry later, contact Alipay support if it persists."),
    TOKEN_LEN_TOO_LONG("TOKEN长度超过限制，最多40位",
            "token is longer than 40 characters; send the quick-login token exactly as received."),

    // ---- integration guide 5.1 (调试错误), codes not in the spec's tables -----------------------------

    TRADE_DATA_MATCH_ERROR("第一次请求给支付宝的数据与第二次不匹配",
            "Guide 5.1: a repeated request for the same out_trade_no differs from the first (amount, seller, buyer, "
                    + "timeout). Repeat a request only with identical trade data, or use a new out_trade_no."),

    // ---- usage rules v1.4 (错误码处理): special codes, no meaning given -------------------------------

    UNKNOWN_EXCEPTION("特殊错误码：须暂停后续一切操作，或者联系支付宝技术支持协助处理。",
            "Alipay failed in an unknown way; the request may have been taken and may still complete (rules v1.4). "
                    + "Stop, check the trade later with single_trade_query, contact Alipay support if needed."),
    GENERIC_FAILURE("特殊错误码：须暂停后续一切操作，或者联系支付宝技术支持协助处理。",
            "Alipay failed in a generic way; the request may have been taken and may still complete (rules v1.4). "
                    + "Stop, check the trade later with single_trade_query, contact Alipay support if needed."),

    // ---- single_trade_query ----------------------------------------------------------------------

    TRADE_NOT_EXIST("交易不存在",
            "single_trade_query found no trade for this out_trade_no / trade_no: the buyer never reached the cashier, "
                    + "or the number or partner is wrong. A trade only exists at Alipay once the buyer opened the cashier.");

    private final String meaning;
    private final String explanation;

    AlipayErrorCode(String meaning, String explanation) {
        this.meaning = meaning;
        this.explanation = explanation;
    }

    /** Alipay's own text (Chinese), as on its error page or in its documentation. */
    public String meaning() {
        return meaning;
    }

    /** The likely cause and the fix, in English. */
    public String explanation() {
        return explanation;
    }

    /**
     * The code for a wire value such as {@code ILLEGAL_SIGN}; empty when unknown. Surrounding white
     * space and case are ignored (Alipay sends upper case; the guide once writes
     * {@code seller_not_in_specified_sellers}).
     */
    public static Optional<AlipayErrorCode> lookup(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
