package io.github.alipaystarter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTests {

    @Test
    void replacesLineBreaksSoThatAForgedValueCannotStartALogLine() {
        String forged = "T1\n2026-12-01 10:00:00 INFO Alipay NOTIFY for out_trade_no T2: PAID\r";

        String clean = Texts.forLog(forged);

        assertThat(clean).doesNotContain("\n", "\r").startsWith("T1?2026-12-01").endsWith("PAID?");
    }

    @Test
    void replacesEveryControlCharacterAndUnicodeLineAndDirectionControls() {
        String clean = Texts.forLog("a\u0000b\u001bc\u007fd\u0085e\u2028f\u2029g\u202Eh\u2066i\u200Fj");

        assertThat(clean).isEqualTo("a?b?c?d?e?f?g?h?i?j");
        assertThat(Texts.isLogSafe(clean)).isTrue();
        assertThat(Texts.isLogSafe("x\ty")).isFalse();
    }

    @Test
    void keepsChineseAndOrdinaryText() {
        assertThat(Texts.forLog("测试商品 A+B 100% 真丝")).isEqualTo("测试商品 A+B 100% 真丝");
    }

    @Test
    void cutsLongValuesAndShowsNullAsADash() {
        assertThat(Texts.forLog("x".repeat(500))).hasSize(Texts.DEFAULT_MAX + 3).endsWith("...");
        assertThat(Texts.forLog("abcdef", 3)).isEqualTo("abc...");
        assertThat(Texts.forLog(null)).isEqualTo("-");
    }

    @Test
    void forLogNeverSplitsASurrogatePairAndReplacesALoneOne() {
        assertThat(Texts.forLog("ab😀c", 3)).isEqualTo("ab...");
        assertThat(Texts.forLog("a\uD800b\uDC00", 10)).isEqualTo("a?b?");
        assertThat(Texts.isLogSafe("a😀b")).isTrue();
        assertThat(Texts.isLogSafe("a\uD800b")).isFalse();
    }

    @Test
    void forColumnReplacesControlCharactersAndLoneSurrogates() {
        assertThat(Texts.forColumn("a\u0000b\tc\uD800d\uDC00", 100)).isEqualTo("a?b?c?d?");
    }

    @Test
    void forColumnKeepsUnicodeControlsThatAreNotControlCharacters() {
        assertThat(Texts.forColumn("测试\u202Ex", 100)).isEqualTo("测试\u202Ex");
    }

    @Test
    void forColumnCutsWithoutSplittingASurrogatePair() {
        assertThat(Texts.forColumn("ab😀c", 3)).isEqualTo("ab");
        assertThat(Texts.forColumn("ab😀c", 4)).isEqualTo("ab😀");
        assertThat(Texts.forColumn("中文字符", 2)).isEqualTo("中文");
        assertThat(Texts.forColumn("abc", 0)).isEmpty();
        assertThat(Texts.forColumn(null, 2)).isNull();
    }
}
