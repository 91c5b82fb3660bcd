package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 8, defect 3: Alipay counts a Chinese character as 2 in a String(n), whatever the charset (spec
 * 4.2: subject String(256) "该参数最长为128个汉字"; royalty remark "1000个字符，即500个汉字"). Counting
 * utf-8 bytes (3 each) refused subjects of 86 to 128 Chinese characters and bodies of 334 to 500.
 */
class DirectPayRequestLengthTests {

    private static final String HAN = "贝"; // U+8D1D: 3 bytes in utf-8, 2 in gbk; Alipay counts 2

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void subjectHoldsExactly128ChineseCharactersInEveryCharset(String charset) {
        assertThat(valid(charset).subject(HAN.repeat(128)).sign().subject()).hasSize(128);
        assertViolation(valid(charset).subject(HAN.repeat(129)), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void aUtf8SubjectOf86To128ChineseCharactersIsAccepted() {
        // was refused: 86 characters are 258 utf-8 bytes
        assertThat(valid("utf-8").subject(HAN.repeat(86)).sign().parameters()).containsEntry("subject", HAN.repeat(86));
        assertThat(valid("utf-8").subject(HAN.repeat(100)).sign().parameters()).containsEntry("subject", HAN.repeat(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk"})
    void bodyHoldsExactly500ChineseCharacters(String charset) {
        assertThat(valid(charset).body(HAN.repeat(500)).sign().parameters()).containsEntry("body", HAN.repeat(500));
        assertViolation(valid(charset).body(HAN.repeat(501)), "body", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void mixedTextCountsAsciiOneAndChineseTwo() {
        String subject = "Order-12 " + HAN.repeat(123) + "x"; // 9 + 246 + 1 = 256
        assertThat(valid("utf-8").subject(subject).sign().subject()).isEqualTo(subject);
        assertViolation(valid("utf-8").subject(subject + "y"), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void extraCommonParamHolds50ChineseCharacters() {
        assertThat(valid("utf-8").extraCommonParam(HAN.repeat(50)).sign().parameters())
                .containsEntry("extra_common_param", HAN.repeat(50));
        assertViolation(valid("utf-8").extraCommonParam(HAN.repeat(51)), "extra_common_param",
                AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @ParameterizedTest
    @ValueSource(strings = {"utf-8", "gbk", "gb2312"})
    void asciiSubjectOf256CharactersFitsInEveryCharset(String cs) {
        assertThat(valid(cs).subject("s".repeat(256)).sign().subject()).hasSize(256);
        assertViolation(valid(cs).subject("s".repeat(257)), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
    }

    @Test
    void aRoyaltyRemarkHolds500ChineseCharactersAnd501AreRefused() {
        // issue 8, defect 5: "备注最多1000个字符，即500个汉字" (table 4-1, royalty_parameters)
        String ok = "a@example.com^0.01^" + HAN.repeat(500);
        assertThat(valid().totalFee("1.00").royaltyType("10").royaltyParameters(ok).sign().parameters())
                .containsEntry("royalty_parameters", ok);
        assertViolation(valid().totalFee("1.00").royaltyType("10").royaltyParameters("a@example.com^0.01^"
                + HAN.repeat(501)), "royalty_parameters", AlipayErrorCode.ROYALTY_LENGTH_ERROR);
        assertThat(valid().totalFee("1.00").royaltyType("10").royaltyParameters("a@example.com^0.01^"
                + "r".repeat(1000)).sign().parameters()).containsKey("royalty_parameters");
    }

    @Test
    void theLengthMessageSaysHowAlipayCounts() {
        assertThatThrownBy(() -> valid("utf-8").subject(HAN.repeat(129)).sign())
                .hasMessageContaining("at most 256").hasMessageContaining("counts 2").hasMessageContaining("was 258");
    }
}
