package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.boot.json.JsonWriter;

class JournalJsonTests {

    @Test
    void usesAParserThatReadsEscapes() {
        assertThat(JsonParserFactory.getJsonParser()).isNotInstanceOf(BasicJsonParser.class);
    }

    @Test
    void writesChineseAsItIsAndEscapesWhatJsonAndPostgreSqlNeed() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("subject", "测试\"商品\"\\");
        map.put("nul", "a\u0000b\u001fc");
        map.put("lone", "\uD800x\uDC00");
        map.put("pair", "😀");

        String json = JournalJson.write(map);

        assertThat(json).startsWith("{\"subject\":\"测试\\\"商品\\\"\\\\\",")
                .contains("\"lone\":\"\\ud800x\\udc00\"", "\"pair\":\"😀\"")
                .doesNotContain("\u0000", "\u001f")
                .matches((s) -> s.chars().noneMatch((c) -> Character.isSurrogate((char) c) && c != "😀".charAt(0)
                        && c != "😀".charAt(1)), "no lone surrogate");
        assertThat(JournalJson.read(json)).containsExactlyEntriesOf(map);
    }

    @Test
    void everyCharacterWrittenAsItIsIsOneJsonWriterWritesUnchanged() {
        JsonWriter<Object> writer = JsonWriter.standard();
        int asItIs = 0;
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            if (JournalJson.asItIs(c)) {
                asItIs++;
                assertThat(writer.writeToString(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo("\"" + c + "\"");
            }
        }
        assertThat(asItIs).isGreaterThan(60_000);
    }

    @Test
    void writesWhatTheWriterWouldHaveWrittenForEveryStringAndReadsItBack() {
        java.util.Random random = new java.util.Random(20261201);
        char[] pool = {'a', 'Z', '0', ' ', '=', '&', '%', '+', '"', '\\', '/', '\u0000', '\u001f', '\u007f', '\u0085',
            '\u00a0', '\u00e9', '测', '试', '\u2028', '\u2029', '\ud83d', '\ude00', '\ufffe', '\uffff', '\ufeff'};
        JsonWriter<Object> writer = JsonWriter.standard();
        for (int round = 0; round < 2000; round++) {
            Map<String, String> map = new LinkedHashMap<>();
            int fields = 1 + random.nextInt(6);
            for (int f = 0; f < fields; f++) {
                map.put("k" + f + text(random, pool, random.nextInt(3)), text(random, pool, random.nextInt(12)));
            }
            StringBuilder expected = new StringBuilder("{");
            map.forEach((k, v) -> expected.append(expected.length() > 1 ? "," : "").append(writer.writeToString(k))
                    .append(':').append(writer.writeToString(v)));
            String json = JournalJson.write(map);

            // exactly the text of the writer's strings, lone surrogates then escaped (as before the plain path)
            assertThat(json).isEqualTo(JournalJson.escapeLoneSurrogates(expected.append('}').toString()));
            assertThat(JournalJson.read(json)).containsExactlyEntriesOf(map);
        }
    }

    private static String text(java.util.Random random, char[] pool, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(pool[random.nextInt(pool.length)]);
        }
        return b.toString();
    }

    @Test
    void readsBackEveryStringItWroteInTheWrittenOrder() {
        String odd = JdbcNotificationJournalContract.oddText(5000);
        Map<String, String> map = new LinkedHashMap<>();
        map.put(odd, odd);
        map.put("", "");
        map.put("z", "last");
        map.put("a", "order kept");
        map.put("\u0000key\uDC00", "\u007f\u2028\t\r\n");

        assertThat(JournalJson.read(JournalJson.write(map))).containsExactlyEntriesOf(map);
        assertThat(JournalJson.read(JournalJson.write(Map.of()))).isEmpty();
    }

    @Test
    void readsRowsWrittenByTheEarlierWriterTheSame() {
        // exactly what the starter's own JSON writer stored before Spring Boot's JsonWriter took over
        String stored = "{\"subject\":\"测试\\\"商品\\\"\\\\\",\"nul\":\"a\\u0000b\\u001fc\\u007f\","
                + "\"lone\":\"\\ud800x\\udc00\",\"pair\":\"😀\",\"lines\":\"a\\nb\\rc\\td\",\"\":\"\"}";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("subject", "测试\"商品\"\\");
        expected.put("nul", "a\u0000b\u001fc\u007f");
        expected.put("lone", "\uD800x\uDC00");
        expected.put("pair", "😀");
        expected.put("lines", "a\nb\rc\td");
        expected.put("", "");

        assertThat(JournalJson.read(stored)).containsExactlyEntriesOf(expected);
    }

    @Test
    void writesAnEmptyFirstName() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put("", "");
        map.put("z", "last");

        assertThat(JournalJson.write(map)).isEqualTo("{\"\":\"\",\"z\":\"last\"}");
        assertThat(JournalJson.read(JournalJson.write(map))).containsExactlyEntriesOf(map);
    }

    @Test
    void writesNullKeysAndValuesAsEmptyStrings() {
        Map<String, String> map = new HashMap<>();
        map.put(null, null);

        assertThat(JournalJson.read(JournalJson.write(map))).containsExactly(Map.entry("", ""));
    }

    @Test
    void readsJsonWithWhitespaceAndSlashEscapes() {
        assertThat(JournalJson.read(" { \"a\" : \"b\\/c\\u4e2d\" , \"d\":\"\\b\\f\" } "))
                .containsExactly(Map.entry("a", "b/c中"), Map.entry("d", "\b\f"));
    }

    @Test
    void refusesWhatItDidNotWrite() {
        assertThatIllegalArgumentException().isThrownBy(() -> JournalJson.read("{\"a\":1}"))
                .withMessageContaining("\"a\"");
        assertThatIllegalArgumentException().isThrownBy(() -> JournalJson.read("{\"a\":\"abc"));
        assertThatIllegalArgumentException().isThrownBy(() -> JournalJson.read("[\"a\"]"));
    }
}
