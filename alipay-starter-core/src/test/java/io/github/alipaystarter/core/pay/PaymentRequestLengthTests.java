package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.sign;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static io.github.alipaystarter.core.pay.PayFixtures.withSubject;
import static io.github.alipaystarter.core.pay.PayFixtures.withTotalFee;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8, defect 3: Alipay counts a Chinese character as 2 in a String(n), whatever the charset (spec
 * 4.2: subject String(256) "该参数最长为128个汉字"; royalty remark "1000个字符，即500个汉字"). Counting
 * utf-8 bytes (3 each) refused subjects of 86 to 128 Chinese characters and bodies of 334 to 500.
 */
class PaymentRequestLengthTests {

    private static final String HAN = "贝"; // U+8D1D: 3 bytes in utf-8, 2 in gbk; Alipay counts 2

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void subjectHoldsExactly128ChineseCharactersInEveryCharset(String charset) {
        assertThat(sign(charset, withSubject(HAN.repeat(128))).subject()).hasSize(128);
        assertViolation(withSubject(HAN.repeat(129)), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void aUtf8SubjectOf86To128ChineseCharactersIsAccepted() {
        // was refused: 86 characters are 258 utf-8 bytes
        assertThat(sign("utf-8", withSubject(HAN.repeat(86))).parameters()).containsEntry("subject", HAN.repeat(86));
        assertThat(sign("utf-8", withSubject(HAN.repeat(100))).parameters()).containsEntry("subject", HAN.repeat(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void bodyHoldsExactly500ChineseCharacters(String charset) {
        assertThat(sign(charset, valid().body(HAN.repeat(500))).parameters()).containsEntry("body", HAN.repeat(500));
        assertViolation(valid().body(HAN.repeat(501)), "body", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void mixedTextCountsAsciiOneAndChineseTwo() {
        String subject = "Order-12 " + HAN.repeat(123) + "x"; // 9 + 246 + 1 = 256
        assertThat(sign("utf-8", withSubject(subject)).subject()).isEqualTo(subject);
        assertViolation(withSubject(subject + "y"), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void extraCommonParamHolds50ChineseCharacters() {
        assertThat(sign("utf-8", valid().extraCommonParam(HAN.repeat(50))).parameters())
                .containsEntry("extra_common_param", HAN.repeat(50));
        assertViolation(valid().extraCommonParam(HAN.repeat(51)), "extra_common_param",
                AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void asciiSubjectOf256CharactersFitsInEveryCharset(String cs) {
        assertThat(sign(cs, withSubject("s".repeat(256))).subject()).hasSize(256);
        assertViolation(withSubject("s".repeat(257)), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void aRoyaltyRemarkHolds500ChineseCharactersAnd501AreRefused() {
        // issue 8, defect 5: "备注最多1000个字符，即500个汉字" (table 4-1, royalty_parameters)
        String ok = "a@example.com^0.01^" + HAN.repeat(500);
        assertThat(sign(withTotalFee("1.00").royalties(royalty(HAN.repeat(500)))).parameters())
                .containsEntry("royalty_parameters", ok);
        assertViolation(withTotalFee("1.00").royalties(royalty(HAN.repeat(501))), "royalty_parameters",
                AlipayErrorCode.ROYALTY_LENGTH_ERROR);
        assertThat(sign(withTotalFee("1.00").royalties(royalty("r".repeat(1000)))).parameters())
                .containsKey("royalty_parameters");
    }

    private static Royalties royalty(String remark) {
        return Royalties.of(Royalties.Share.of("a@example.com", new BigDecimal("0.01"), remark));
    }

    @Test
    void theLengthMessageSaysHowAlipayCounts() {
        assertThatThrownBy(() -> sign("utf-8", withSubject(HAN.repeat(129))))
                .hasMessageContaining("at most 256").hasMessageContaining("counts 2").hasMessageContaining("was 258");
    }
}
