package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DbValuesTests {

    @Test
    void shortTextReplacesControlCharactersAndLoneSurrogates() {
        assertThat(DbValues.shortText("a\u0000b\tc\uD800d\uDC00", 100)).isEqualTo("a b c\uFFFDd\uFFFD");
    }

    @Test
    void shortTextCutsWithoutSplittingASurrogatePair() {
        assertThat(DbValues.shortText("ab😀c", 3)).isEqualTo("ab");
        assertThat(DbValues.shortText("ab😀c", 4)).isEqualTo("ab😀");
        assertThat(DbValues.shortText("中文字符", 2)).isEqualTo("中文");
        assertThat(DbValues.shortText(null, 2)).isNull();
    }

    @Test
    void storesInstantsAsUtcCutToMicroseconds() {
        assertThat(DbValues.utc(Instant.parse("2026-11-26T01:02:03.123456789Z")))
                .isEqualTo(LocalDateTime.parse("2026-11-26T01:02:03.123456"));
        assertThat(DbValues.utc(null)).isNull();
    }
}
