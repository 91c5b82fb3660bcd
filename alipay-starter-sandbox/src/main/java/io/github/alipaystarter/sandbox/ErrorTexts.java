package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.util.Map;

/**
 * Alipay's Chinese text for an error code: the core's catalogue first, then the sandbox's own copy of
 * spec tables 12-1 and 12-2 for codes the core does not list (yet).
 */
final class ErrorTexts {

    private static final Map<String, String> OWN = Map.ofEntries(
            Map.entry("ILLEGAL_SERVICE", "参数不正确"),
            Map.entry("ILLEGAL_PARTNER", "合作伙伴 ID 不正确"),
            Map.entry("ILLEGAL_SIGN_TYPE", "签名类型不正确"),
            Map.entry("ILLEGAL_SIGN", "签名不正确"),
            Map.entry("ILLEGAL_CHARSET", "字符集不合法"),
            Map.entry("ILLEGAL_ARGUMENT", "抱歉，商户传递的接口参数错误，请联系您的商户。"),
            Map.entry("ILLEGAL_FEE_PARAM", "抱歉，金额传递错误，请确认参数是否正确或咨询您的客户经理。"),
            Map.entry("ILLEGAL_LENGTH", "参数值长度不合法"),
            Map.entry("ILLEGAL_PAYMENT_TYPE", "抱歉，接口传递的Payment_type 参数错误，请联系您的商户。"),
            Map.entry("ILLEGAL_EXTRA_COMMON_PARAM", "抱歉，接口通用回传参数格式不正确，请联系您的商户。"),
            Map.entry("ILLEGAL_OUTTIME_ARGUMENT", "抱歉，自定义超时时间设置错误，请联系您的商户。"),
            Map.entry("SUBJECT_MUST_NOT_BE_NULL", "商品名不能为空。"),
            Map.entry("SELLER_NOT_EXIST", "抱歉，卖家账户经验证不存在，请联系您的商户。"),
            Map.entry("SELLER_NOT_IN_SPECIFIED_SELLERS", "抱歉，该收款账户不是指定的收款账户，请确认参数是否正确或咨询您的客户经理。"),
            Map.entry("BUYER_SELLER_EQUAL", "抱歉，买家和卖家不能是同一个账户。"),
            Map.entry("TRADE_TOTALFEE_NOT_MATCH", "抱歉，该商品的交易金额与原先的不一致，请重新创建交易付款。"),
            Map.entry("TRADE_SELLER_NOT_MATCH", "抱歉，该笔交易的卖家已不存在，请联系正确的卖家重新创建交易进行付款。"),
            Map.entry("TRADE_BUYER_NOT_MATCH", "抱歉，您本次支付使用的账户与原先的不一致，请使用原来的账户，或重新创建交易付款。"),
            Map.entry("TRADE_NOT_ALLOWED_PAY", "抱歉，您不能进行本次支付，请查看该交易是否已超时或已被关闭等。"),
            Map.entry("ILLEGAL_EXTER_INVOKE_IP", "防钓鱼检查非法调用 IP"),
            Map.entry("ILLEGAL_ANTI_PHISHING_KEY", "防钓鱼检查非法时间戳参数"),
            Map.entry("TRADE_NOT_EXIST", "交易不存在"),
            Map.entry("SYSTEM_ERROR", "支付宝系统错误"));

    private ErrorTexts() {
    }

    static String meaning(String code) {
        return AlipayErrorCode.lookup(code).map(AlipayErrorCode::meaning)
                .orElseGet(() -> OWN.getOrDefault(code, code));
    }
}
