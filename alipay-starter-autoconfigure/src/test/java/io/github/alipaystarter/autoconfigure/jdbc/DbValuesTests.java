package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

class DbValuesTests {

    @Test
    void storesInstantsAsUtcCutToMicroseconds() {
        assertThat(DbValues.utc(Instant.parse("2026-11-26T01:02:03.123456789Z")))
                .isEqualTo(LocalDateTime.parse("2026-11-26T01:02:03.123456"));
        assertThat(DbValues.utc(null)).isNull();
    }
}
