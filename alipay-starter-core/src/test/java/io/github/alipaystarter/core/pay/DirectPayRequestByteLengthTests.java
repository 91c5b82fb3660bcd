package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import org.junit.jupiter.api.Test;

/**
 * Table 4-1 gives lengths in bytes (类型（字节长度）): subject String(256) is 128 Chinese characters in
 * gbk (2 bytes each) but only 85 in utf-8 (3 bytes each).
 */
class DirectPayRequestByteLengthTests {

    private static final String HAN = "贝"; // U+8D1D: E8 B4 9D in utf-8, B1 B4 in gbk

    @Test
    void subjectOfEightyFiveChineseCharactersFitsInUtf8AndEightySixDoesNot() {
        assertThat(valid("utf-8").subject(HAN.repeat(85)).sign().subject()).hasSize(85); // 255 bytes
        assertViolation(valid("utf-8").subject(HAN.repeat(86)), "subject", AlipayErrorCode.ILLEGAL_LENGTH); // 258
    }

    @Test
    void subjectOfHundredTwentyEightChineseCharactersFitsInGbkAndHundredTwentyNineDoesNot() {
        assertThat(valid("gbk").subject(HAN.repeat(128)).sign().subject()).hasSize(128); // 256 bytes
        assertViolation(valid("gbk").subject(HAN.repeat(129)), "subject", AlipayErrorCode.ILLEGAL_LENGTH); // 258
    }

    @Test
    void sameSubjectIsTooLongInUtf8ButFitsInGbkAndGb2312() {
        String subject = HAN.repeat(100); // 300 bytes in utf-8, 200 in gbk and gb2312
        assertViolation(valid("utf-8").subject(subject), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
        assertThat(valid("gbk").subject(subject).sign().parameters()).containsEntry("subject", subject);
        assertThat(valid("gb2312").subject(subject).sign().parameters()).containsEntry("subject", subject);
    }

    @Test
    void asciiSubjectOfTwoHundredFiftySixBytesFitsInEveryCharset() {
        for (String cs : new String[] {"utf-8", "gbk", "gb2312"}) {
            assertThat(valid(cs).subject("s".repeat(256)).sign().subject()).hasSize(256);
            assertViolation(valid(cs).subject("s".repeat(257)), "subject", AlipayErrorCode.ILLEGAL_LENGTH);
        }
    }

    @Test
    void lengthMessageGivesTheByteCountInTheCharset() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> valid("utf-8").subject(HAN.repeat(86)).sign())
                .hasMessageContaining("at most 256 bytes in utf-8").hasMessageContaining("was 258 bytes");
    }
}
