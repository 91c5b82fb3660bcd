package io.github.alipaystarter.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.protocol.notify.FormData;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * {@link FormFields} behaves as an immutable {@link LinkedHashMap} with the same entries would, by scan
 * and by hash index alike, and knows which values the decoder saw to be ASCII.
 */
class FormFieldsTests {

    private static FormFields of(String... keysAndValues) {
        FormFields.Builder b = new FormFields.Builder(2);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String v = keysAndValues[i + 1];
            assertThat(b.add(keysAndValues[i], v, v.chars().allMatch(c -> c < 0x80))).isTrue();
        }
        return b.build();
    }

    private static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static final String[] SAMPLE = {"notify_id", "70fec0c2", "notify_time", "2009-08-12 11:08:32",
        "notify_type", "trade_status_sync", "subject", "手机", "sign", "abc", "body", "", "nd", "x"};

    @Test
    void lookupsFindEveryKeyAndNothingElse() {
        FormFields f = of(SAMPLE);
        Map<String, String> expected = linked(SAMPLE);
        expected.forEach((k, v) -> {
            // a new string: found by content, not identity
            String key = new String(k.toCharArray());
            assertThat(f.get(key)).isEqualTo(v);
            assertThat(f.containsKey(key)).isTrue();
            assertThat(f.getOrDefault(key, "?")).isEqualTo(v);
        });
        // same length and end chars as present keys ("notify_id" / "notify_xd"), a prefix, nothing
        for (Object absent : new Object[] {"notifx_id", "notify_", "n", "", "SIGN", null, 42}) {
            assertThat(f.get(absent)).isNull();
            assertThat(f.containsKey(absent)).isFalse();
        }
        assertThat(f.getOrDefault("none", "?")).isEqualTo("?");
        assertThat(f.containsValue("手机")).isTrue();
        assertThat(f.containsValue("")).isTrue();
        assertThat(f.containsValue("none")).isFalse();
        assertThat(f.size()).isEqualTo(7);
        assertThat(f.isEmpty()).isFalse();
    }

    @Test
    void iteratesInArrivalOrderLikeALinkedHashMap() {
        FormFields f = of(SAMPLE);
        Map<String, String> expected = linked(SAMPLE);
        assertThat(new ArrayList<>(f.entrySet())).containsExactlyElementsOf(expected.entrySet());
        assertThat(new ArrayList<>(f.keySet())).containsExactlyElementsOf(expected.keySet());
        assertThat(new ArrayList<>(f.values())).containsExactlyElementsOf(expected.values());
        List<String> seen = new ArrayList<>();
        f.forEach((k, v) -> seen.add(k + "=" + v));
        assertThat(seen).containsExactly("notify_id=70fec0c2", "notify_time=2009-08-12 11:08:32",
                "notify_type=trade_status_sync", "subject=手机", "sign=abc", "body=", "nd=x");
        assertThat(f.toString()).isEqualTo(expected.toString());
        assertThat(f.entrySet()).contains(Map.entry("subject", "手机")).doesNotContain(Map.entry("subject", "x"));
        for (int i = 0; i < SAMPLE.length / 2; i++) {
            assertThat(f.key(i)).isEqualTo(SAMPLE[2 * i]);
            assertThat(f.value(i)).isEqualTo(SAMPLE[2 * i + 1]);
        }
        assertThatThrownBy(() -> f.key(7)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> f.value(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        Iterator<Map.Entry<String, String>> it = f.entrySet().iterator();
        for (int i = 0; i < 7; i++) {
            it.next();
        }
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::next).isInstanceOf(java.util.NoSuchElementException.class);
    }

    @Test
    void equalsAndHashCodeAsAnyMapWithTheSameEntries() {
        FormFields f = of(SAMPLE);
        Map<String, String> same = linked(SAMPLE);
        assertThat(f).isEqualTo(same);
        assertThat(same).isEqualTo(f);
        assertThat(f.hashCode()).isEqualTo(same.hashCode());
        // order does not matter to Map equality
        Map<String, String> reversed = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>(same.keySet());
        for (int i = keys.size() - 1; i >= 0; i--) {
            reversed.put(keys.get(i), same.get(keys.get(i)));
        }
        assertThat(f).isEqualTo(reversed);
        Map<String, String> otherValue = linked(SAMPLE);
        otherValue.put("nd", "y");
        assertThat(f).isNotEqualTo(otherValue);
        assertThat(otherValue).isNotEqualTo(f);
        Map<String, String> oneMore = linked(SAMPLE);
        oneMore.put("z", "1");
        assertThat(f).isNotEqualTo(oneMore);
        assertThat(of(SAMPLE)).isEqualTo(f).hasSameHashCodeAs(f);
        assertThat(FormFields.empty()).isEqualTo(Map.of()).hasSameHashCodeAs(Map.of()).hasToString("{}");
    }

    @Test
    void everyMutatorRefusesEvenWhenNothingWouldChange() {
        FormFields f = of(SAMPLE);
        List<Executable> mutators = List.of(
            () -> f.put("a", "1"),
            () -> f.put("nd", "x"),
            () -> f.remove("nd"),
            () -> f.remove("absent"),
            () -> f.remove("nd", "x"),
            () -> f.putAll(Map.of()),
            f::clear,
            () -> FormFields.empty().clear(),
            () -> f.putIfAbsent("nd", "y"),
            () -> f.replace("nd", "y"),
            () -> f.replace("nd", "x", "y"),
            () -> f.replaceAll((k, v) -> v),
            () -> f.computeIfAbsent("nd", k -> "y"),
            () -> f.computeIfPresent("nd", (k, v) -> v),
            () -> f.compute("nd", (k, v) -> v),
            () -> f.merge("nd", "y", (a, b) -> a),
            () -> f.keySet().remove("nd"),
            () -> f.values().remove("x"),
            () -> f.entrySet().remove(Map.entry("nd", "x")),
            () -> {
                Iterator<Map.Entry<String, String>> it = f.entrySet().iterator();
                it.next();
                it.remove();
            },
            () -> f.entrySet().iterator().next().setValue("y"));
        for (Executable m : mutators) {
            assertThatThrownBy(m::execute).isInstanceOf(UnsupportedOperationException.class);
        }
        assertThat(f).isEqualTo(linked(SAMPLE));
    }

    @Test
    void aRepeatedKeyIsRefusedAndTheFirstValueKept() {
        FormFields.Builder b = new FormFields.Builder();
        assertThat(b.add("a", "1", true)).isTrue();
        assertThat(b.add("b", "2", true)).isTrue();
        assertThat(b.add(new String("a".toCharArray()), "3", true)).isFalse();
        FormFields f = b.build();
        assertThat(f).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThatThrownBy(() -> new FormFields.Builder().add(null, "1", true)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new FormFields.Builder().add("a", null, true)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void manyFieldsAreFoundByTheHashIndexAndRepeatsStillRefused() {
        FormFields.Builder b = new FormFields.Builder(4);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < 300; i++) {
            String k = "k" + (i * 7919 % 1000);
            assertThat(b.add(k, "v" + i, true)).isTrue();
            expected.put(k, "v" + i);
        }
        assertThat(b.add("k7919", "again", true)).isTrue(); // 7919 % 1000 = 919: "k7919" itself is new
        expected.put("k7919", "again");
        assertThat(b.add("k0", "again", true)).isFalse();
        assertThat(b.add("k919", "again", true)).isFalse();
        FormFields f = b.build();
        assertThat(f).isEqualTo(expected).hasSameHashCodeAs(expected);
        assertThat(new ArrayList<>(f.keySet())).containsExactlyElementsOf(expected.keySet());
        expected.forEach((k, v) -> assertThat(f.get(new String(k.toCharArray()))).isEqualTo(v));
        assertThat(f.get("k1")).isNull();
        assertThat(f.containsKey("k1")).isFalse();
    }

    @Test
    void theDecoderMarksAsciiValuesAndEmptyValues() {
        Map<String, String> m = FormData.decode(("plain=abc&esc=%41%7e+b&zh=%E4%B8%AD&high=%C3%A9x&empty=&bare"
                + "&mixed=a%E4%B8%ADb").getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        assertThat(m).isInstanceOf(FormFields.class);
        FormFields f = (FormFields) m;
        assertThat(f).containsExactly(Map.entry("plain", "abc"), Map.entry("esc", "A~ b"), Map.entry("zh", "中"),
                Map.entry("high", "éx"), Map.entry("empty", ""), Map.entry("bare", ""), Map.entry("mixed", "a中b"));
        boolean[] ascii = new boolean[f.size()];
        for (int i = 0; i < ascii.length; i++) {
            ascii[i] = f.isAscii(i);
        }
        assertThat(ascii).containsExactly(true, true, false, false, true, true, false);
        assertThat(f.hasEmptyValue()).isTrue();
        assertThat(((FormFields) FormData.decode("a=1&b=2".getBytes(StandardCharsets.US_ASCII),
                StandardCharsets.UTF_8)).hasEmptyValue()).isFalse();
        assertThat(FormData.decode("", StandardCharsets.UTF_8)).isEmpty();
        assertThat(FormData.decode(new byte[0], StandardCharsets.UTF_8)).isEmpty();
    }
}
