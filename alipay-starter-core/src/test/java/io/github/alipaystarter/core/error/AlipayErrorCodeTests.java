package io.github.alipaystarter.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AlipayErrorCodeTests {

    /** Typed from spec v3.2 table 12-1 (pages 40-43), in the table's order; ILLEGAL_ARGUMENT appears twice there. */
    private static final List<String> TABLE_12_1 = List.of(
            "SELLER_NOT_IN_SPECIFIED_SELLERS", "TRADE_SELLER_NOT_MATCH", "TRADE_BUYER_NOT_MATCH", "ILLEGAL_FEE_PARAM",
            "SUBJECT_MUST_NOT_BE_NULL", "TRADE_PRICE_NOT_MATCH", "TRADE_QUANTITY_NOT_MATCH", "TRADE_TOTALFEE_NOT_MATCH",
            "TRADE_NOT_ALLOWED_PAY", "DIRECT_PAY_WITHOUT_CERT_CLOSE", "FAIL_CREATE_CASHIER_PAY_ORDER",
            "ILLEGAL_EXTRA_COMMON_PARAM", "ILLEGAL_PAYMENT_TYPE", "NOT_SUPPORT_GATEWAY", "BUYER_SELLER_EQUAL",
            "SELLER_NOT_EXIST", "ILLEGAL_ARGUMENT", "TRADE_NOT_FOUND", "TRADE_GOOD_INFO_NOT_FOUND",
            "BUYER_EMAIL_ID_MUST_NULL", "PRODUCT_NOT_ALLOWED", "ROYALTY_RECEIVER_NOT_IN_SPECIFIED_ACCOUNTS",
            "ROYALTY_LENGTH_ERROR", "DEFAULT_BANK_INVALID", "DIS_NOT_SIGN_PROTOCOL", "SELF_TIMEOUT_NOT_SUPPORT",
            "ILLEGAL_OUTTIME_ARGUMENT", "EBANK_CERDIT_GW_RULE_NOT_OPEN", "DIRECTIONAL_PAY_FORBIDDEN",
            "SELLER_ENABLE_STATUS_FORBID", "ROYALTY_SELLER_ENABLE_STATUS_FORBID", "ROYALTY_SELLER_NOT_CERTIFY",
            "ROYALTY_FORAMT_ERROR", "ROYALTY_TYPE_ERROR", "ROYALTY_RECEIVE_EMAIL_NOT_EXIST",
            "ROYALTY_RECEIVE_EMAIL_NOT_CERTIFY", "ROYALTY_PAY_EMAIL_NOT_EXIST", "TAOBAO_ANTI_PHISHING_CHECK_FAIL",
            "SUBJECT_HAS_FORBIDDENWORD", "PAY_CHECK_FAIL", "BODY_HAS_FORBIDDENWORD", "NEED_CTU_CHECK_PARAMETER_ERROR",
            "NEED_CTU_CHECK_NOT_ALLOWED", "BUYER_NOT_EXIST", "HAS_NO_PRIVILEGE", "ILLEGAL_SIGN", "ILLEGAL_DYN_MD5_KEY",
            "ILLEGAL_ENCRYPT", "ILLEGAL_ARGUMENT", "ILLEGAL_SERVICE", "ILLEGAL_PARTNER", "ILLEGAL_EXTERFACE",
            "ILLEGAL_PARTNER_EXTERFACE", "ILLEGAL_SECURITY_PROFILE", "ILLEGAL_AGENT", "ILLEGAL_SIGN_TYPE",
            "ILLEGAL_CHARSET", "ILLEGAL_CLIENT_IP", "ILLEGAL_DIGEST_TYPE", "ILLEGAL_DIGEST", "ILLEGAL_FILE_FORMAT",
            "ILLEGAL_ENCODING", "ILLEGAL_REQUEST_REFERER", "ILLEGAL_ANTI_PHISHING_KEY", "ANTI_PHISHING_KEY_TIMEOUT",
            "ILLEGAL_EXTER_INVOKE_IP", "ILLEGAL_NUMBER_FORMAT", "ILLEGAL_INTEGER_FORMAT", "ILLEGAL_MONEY_FORMAT",
            "ILLEGAL_DATA_FORMAT", "REGEXP_MATCH_FAIL", "ILLEGAL_LENGTH", "PARAMTER_IS_NULL");

    /** Typed from spec v3.2 table 12-2 (page 44). */
    private static final List<String> TABLE_12_2 = List.of(
            "SYSTEM_ERROR", "SESSION_TIMEOUT", "ILLEGAL_TARGET_SERVICE", "ILLEGAL_ACCESS_SWITCH_SYSTEM",
            "ILLEGAL_SWITCH_SYSTEM", "EXTERFACE_IS_CLOSED");

    /** Typed from the integration guide's section 5.1 (spaces the guide prints in two codes replaced by _). */
    private static final List<String> GUIDE_5_1 = List.of(
            "HAS_NO_PRIVILEGE", "ILLEGAL_PARTNER", "ILLEGAL_ARGUMENT", "ILLEGAL_SIGN", "SELLER_NOT_IN_SPECIFIED_SELLERS",
            "TRADE_NOT_ALLOWED_PAY", "SELLER_NOT_EXIST", "BUYER_SELLER_EQUAL", "TRADE_DATA_MATCH_ERROR",
            "ILLEGAL_SERVICE", "ILLEGAL_FEE_PARAM", "ROYALTY_FORAMT_ERROR", "ILLEGAL_SIGN_TYPE",
            "SELF_TIMEOUT_NOT_SUPPORT", "ILLEGAL_ANTI_PHISHING_KEY", "ILLEGAL_EXTER_INVOKE_IP");

    @Test
    void catalogueHoldsEveryCodeOfSpecTable12_1() {
        assertThat(names()).containsAll(TABLE_12_1);
    }

    @Test
    void catalogueHoldsEveryCodeOfSpecTable12_2() {
        assertThat(names()).containsAll(TABLE_12_2);
    }

    @Test
    void catalogueHoldsEveryCodeOfGuideSection5_1() {
        assertThat(names()).containsAll(GUIDE_5_1);
    }

    @Test
    void catalogueHoldsTheCodesOfTable12_10AndTheQueryAndTheRules() {
        assertThat(names()).contains("TOKEN_LEN_TOO_LONG", "MOTO_EXPRESS_TOTAL_AMOUNT_EXCEED",
                "MOTO_EXPRESS_PARTNER_NOT_SIGN_PROTOCOL", "EBANK_VISA_GW_RULE_NOT_OPEN", "UNKNOWN_PRODUCT_NAME",
                "TRADE_NOT_EXIST", "UNKNOWN_EXCEPTION", "GENERIC_FAILURE");
    }

    @ParameterizedTest
    @EnumSource(AlipayErrorCode.class)
    void everyCodeHasAChineseMeaningAndAnEnglishExplanation(AlipayErrorCode code) {
        assertThat(code.meaning()).isNotBlank();
        assertThat(code.explanation()).isNotBlank().doesNotContain("TODO");
        assertThat(code.meaning()).as("meaning is Alipay's text, which always has CJK characters")
                .matches(s -> s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN));
        assertThat(code.explanation()).as("explanation is English")
                .matches(s -> s.chars().filter(c -> c >= 'a' && c <= 'z').count() > 20);
        assertThat(code.meaning()).as("no PDF extraction spaces around full-width punctuation")
                .doesNotContain("， ").doesNotContain(" ，").doesNotContain("。 ");
    }

    @ParameterizedTest
    @EnumSource(AlipayErrorCode.class)
    void lookupFindsEveryCodeByItsWireName(AlipayErrorCode code) {
        assertThat(AlipayErrorCode.lookup(code.name())).contains(code);
    }

    @Test
    void lookupIgnoresSurroundingSpaceAndCase() {
        assertThat(AlipayErrorCode.lookup("  ILLEGAL_SIGN\n")).contains(AlipayErrorCode.ILLEGAL_SIGN);
        assertThat(AlipayErrorCode.lookup("seller_not_in_specified_sellers"))
                .contains(AlipayErrorCode.SELLER_NOT_IN_SPECIFIED_SELLERS);
    }

    @Test
    void lookupOfUnknownNullOrEmptyCodeIsEmpty() {
        assertThat(AlipayErrorCode.lookup("NO_SUCH_CODE")).isEmpty();
        assertThat(AlipayErrorCode.lookup(null)).isEmpty();
        assertThat(AlipayErrorCode.lookup("")).isEmpty();
        assertThat(AlipayErrorCode.lookup("ILLEGAL SIGN")).isEmpty();
    }

    @Test
    void specificCodesCarryAlipaysTextsAndUsefulFixes() {
        assertThat(AlipayErrorCode.ILLEGAL_SIGN.meaning()).isEqualTo("签名不正确");
        assertThat(AlipayErrorCode.ILLEGAL_SIGN.explanation()).contains("sorted", "_input_charset");
        assertThat(AlipayErrorCode.ILLEGAL_LENGTH.meaning()).isEqualTo("参数值长度不合法");
        assertThat(AlipayErrorCode.ILLEGAL_LENGTH.explanation()).contains("bytes");
        assertThat(AlipayErrorCode.ILLEGAL_FEE_PARAM.meaning()).isEqualTo("抱歉，金额传递错误，请确认参数是否正确或咨询您的客户经理。");
        assertThat(AlipayErrorCode.ILLEGAL_FEE_PARAM.explanation()).contains("[0.01, 100000000.00]", "never both");
        assertThat(AlipayErrorCode.SYSTEM_ERROR.meaning()).isEqualTo("支付宝系统错误");
        assertThat(AlipayErrorCode.EXTERFACE_IS_CLOSED.meaning()).isEqualTo("接口已关闭");
        assertThat(AlipayErrorCode.ILLEGAL_EXTER_INVOKE_IP.meaning()).isEqualTo("防钓鱼检查非法调用IP");
        assertThat(AlipayErrorCode.ILLEGAL_EXTER_INVOKE_IP.explanation()).contains("never empty");
        assertThat(AlipayErrorCode.ILLEGAL_OUTTIME_ARGUMENT.explanation()).contains("1c", "15d");
        assertThat(AlipayErrorCode.PARAMTER_IS_NULL.meaning()).isEqualTo("参数值为空");
        assertThat(AlipayErrorCode.TRADE_NOT_EXIST.meaning()).isEqualTo("交易不存在");
        assertThat(AlipayErrorCode.PAY_CHECK_FAIL.meaning()).doesNotContain("<a");
    }

    private static List<String> names() {
        return Arrays.stream(AlipayErrorCode.values()).map(Enum::name).toList();
    }
}
