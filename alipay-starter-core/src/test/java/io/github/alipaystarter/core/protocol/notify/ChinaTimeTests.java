package io.github.alipaystarter.core.protocol.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NotificationParser#chinaTime} reads the usual 19-character time without the formatter (issue
 * 12); these check that it accepts and refuses exactly what the STRICT {@code uuuu-MM-dd HH:mm:ss}
 * formatter does.
 */
class ChinaTimeTests {

    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29 23:59:59", "2008-10-22 20:49:31", "0000-01-01 00:00:00", "9999-12-31 23:59:59",
            "2023-02-29 10:00:00", "2024-04-31 10:00:00", "2024-01-01 24:00:00", "2024-01-01 23:60:00",
            "2024-01-01 23:59:60", "2024-13-01 00:00:00", "2024-00-10 00:00:00", "2024-01-00 00:00:00",
            "２０２４-01-01 00:00:00", "2024-01-01T00:00:00", "2024-1-01 00:00:000", "+2024-01-01 00:00:00",
            "-2024-01-01 0:00:00", "2024-01-01 00:00:0a", "2024-01-01 00:00:00 "})
    void acceptsAndRefusesWhatTheStrictFormatterDoes(String text) {
        assertSameAsFormatter(text);
    }

    @Test
    void randomLayoutsAgreeWithTheFormatter() {
        Random random = new Random(7);
        String chars = "0123456789-: 9";
        for (int i = 0; i < 20000; i++) {
            char[] c = "2024-02-29 23:59:59".toCharArray();
            int changes = 1 + random.nextInt(3);
            for (int k = 0; k < changes; k++) {
                c[random.nextInt(c.length)] = chars.charAt(random.nextInt(chars.length()));
            }
            assertSameAsFormatter(new String(c));
        }
    }

    private static void assertSameAsFormatter(String text) {
        LocalDateTime expected;
        try {
            expected = LocalDateTime.parse(text, STRICT);
        } catch (DateTimeParseException e) {
            assertThatThrownBy(() -> NotificationParser.chinaTime("gmt_payment", text)).as(text)
                    .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("gmt_payment");
            return;
        }
        assertThat(NotificationParser.chinaTime("gmt_payment", text)).as(text)
                .isEqualTo(OffsetDateTime.of(expected, NotificationParser.CHINA));
    }
}
