package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTests {

    @Test
    void writesChineseAsItIsAndEscapesOnlyWhatJsonAndPostgreSqlNeed() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("subject", "测试\"商品\"\\");
        map.put("nul", "a\u0000b\u001fc\u007f");
        map.put("lone", "\uD800x\uDC00");
        map.put("pair", "😀");

        assertThat(JsonText.object(map)).isEqualTo("{\"subject\":\"测试\\\"商品\\\"\\\\\","
                + "\"nul\":\"a\\u0000b\\u001fc\\u007f\",\"lone\":\"\\ud800x\\udc00\",\"pair\":\"😀\"}");
    }

    @Test
    void readsBackEveryStringItWrote() {
        String odd = JdbcNotificationJournalContract.oddText(5000);
        Map<String, String> map = new LinkedHashMap<>();
        map.put(odd, odd);
        map.put("", "");
        map.put("z", "last");
        map.put("a", "order kept");

        assertThat(JsonText.parseObject(JsonText.object(map))).containsExactlyEntriesOf(map);
        assertThat(JsonText.parseString(JsonText.string(odd))).isEqualTo(odd);
        assertThat(JsonText.parseObject(JsonText.object(Map.of()))).isEmpty();
    }

    @Test
    void writesNullKeysAndValuesAsEmptyStrings() {
        Map<String, String> map = new HashMap<>();
        map.put(null, null);

        assertThat(JsonText.parseObject(JsonText.object(map))).containsExactly(Map.entry("", ""));
    }

    @Test
    void readsJsonWithWhitespaceAndSlashEscapes() {
        assertThat(JsonText.parseObject(" { \"a\" : \"b\\/c\\u4e2d\" , \"d\":\"\\b\\f\" } "))
                .containsExactly(Map.entry("a", "b/c中"), Map.entry("d", "\b\f"));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parseObject("{\"a\":1}"))
                .withMessageContaining("offset 5");
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parseString("\"abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parseString("\"\\u12\""));
        assertThatIllegalArgumentException().isThrownBy(() -> JsonText.parseString("\"a\" x"));
    }
}
