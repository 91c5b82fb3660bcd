package io.github.alipaystarter.core.error;

import java.util.Optional;

/**
 * Every error code of spec tables 12-1 and 12-2 and of the guide's section 5.1, with Alipay's Chinese
 * meaning and an English explanation of the likely cause and the fix.
 * TODO core: complete the catalogue (only the codes the API already needs are listed here).
 */
public enum AlipayErrorCode {

    ILLEGAL_SIGN("签名不正确", "The signature does not match. Sign the raw (un-encoded) values, sorted by key, without sign and sign_type and without empty values, in the _input_charset; check the key."),
    ILLEGAL_ARGUMENT("抱歉，商户传递的接口参数错误，请联系您的商户。", "A parameter is missing, malformed or not documented for this interface."),
    ILLEGAL_FEE_PARAM("抱歉，金额传递错误，请确认参数是否正确或咨询您的客户经理。", "Money must be in [0.01, 100000000.00] with at most 2 decimals; send total_fee or price+quantity, never both."),
    ILLEGAL_LENGTH("参数长度不正确", "A parameter is longer than the spec allows (lengths count bytes in the _input_charset)."),
    ILLEGAL_PAYMENT_TYPE("抱歉，接口传递的Payment_type 参数错误，请联系您的商户。", "payment_type must be 1 (purchase) or 4 (donation)."),
    ILLEGAL_EXTRA_COMMON_PARAM("抱歉，接口通用回传参数格式不正确，请联系您的商户。", "extra_common_param must not contain # % & + (or =)."),
    SUBJECT_MUST_NOT_BE_NULL("商品名不能为空。", "subject is required."),
    TRADE_TOTALFEE_NOT_MATCH("抱歉，该商品的交易金额与原先的不一致，请重新创建交易付款。", "The same out_trade_no was requested before with another amount; use a new out_trade_no for a new amount."),
    TRADE_NOT_ALLOWED_PAY("抱歉，您不能进行本次支付，请查看该交易是否已超时或已被关闭等。", "The trade is already paid, closed or timed out; create a new out_trade_no."),
    DEFAULT_BANK_INVALID("您传递的默认网银参数不在规定的范围内。", "defaultbank is only valid with paymethod=bankPay and a bank code of spec 12.7."),
    ILLEGAL_OUTTIME_ARGUMENT("抱歉，自定义超时时间设置错误，请联系您的商户。", "it_b_pay must be like 1m, 2h, 3d or 1c (1m to 15d; the unit is m, h, d or c, no decimals).");

    private final String meaning;
    private final String explanation;

    AlipayErrorCode(String meaning, String explanation) {
        this.meaning = meaning;
        this.explanation = explanation;
    }

    /** Alipay's own text (Chinese), as on its error page. */
    public String meaning() {
        return meaning;
    }

    /** The likely cause and the fix, in English. */
    public String explanation() {
        return explanation;
    }

    /** The code for a wire value such as {@code ILLEGAL_SIGN}; empty when unknown. */
    public static Optional<AlipayErrorCode> lookup(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
