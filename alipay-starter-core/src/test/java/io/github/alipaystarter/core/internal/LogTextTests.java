package io.github.alipaystarter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTests {

    @Test
    void replacesLineBreaksSoThatAForgedValueCannotStartALogLine() {
        String forged = "T1\n2026-12-01 10:00:00 INFO Alipay NOTIFY for out_trade_no T2: PAID\r";

        String clean = LogText.clean(forged);

        assertThat(clean).doesNotContain("\n", "\r").startsWith("T1?2026-12-01").endsWith("PAID?");
    }

    @Test
    void replacesEveryControlCharacterAndUnicodeLineAndDirectionControls() {
        String clean = LogText.clean("a\u0000b\u001bc\u007fd\u0085e\u2028f\u2029g\u202Eh\u2066i\u200Fj");

        assertThat(clean).isEqualTo("a?b?c?d?e?f?g?h?i?j");
        assertThat(LogText.isClean(clean)).isTrue();
        assertThat(LogText.isClean("x\ty")).isFalse();
    }

    @Test
    void keepsChineseAndOrdinaryText() {
        assertThat(LogText.clean("测试商品 A+B 100% 真丝")).isEqualTo("测试商品 A+B 100% 真丝");
    }

    @Test
    void cutsLongValuesAndShowsNullAsADash() {
        assertThat(LogText.clean("x".repeat(500))).hasSize(LogText.DEFAULT_MAX + 3).endsWith("...");
        assertThat(LogText.clean("abcdef", 3)).isEqualTo("abc...");
        assertThat(LogText.clean(null)).isEqualTo("-");
    }
}
