package io.github.alipaystarter.core.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The bulk path of {@link CanonicalBytes} (the whole content copied as chars, ASCII runs encoded in one
 * go, each run of other chars on its own) gives the bytes of the string way wherever such a run starts
 * or ends: at the start or end of a value, of the content, before the key's bytes, beside
 * {@code sign} and {@code sign_type}; for chars U+0080 to U+00FF (one byte in ISO-8859-1, two in
 * utf-8, unmappable in US-ASCII), above U+00FF, surrogate pairs, lone surrogates and halves of a pair
 * split over two values; in every charset the direct path supports; and when the remembered order of a
 * map of the same size must not be reused (other keys, another arrival order, an empty value).
 */
class RunBoundaryMd5Tests {

    static final String KEY = DirectMd5Tests.KEY;

    static final Charset[] CHARSETS = {StandardCharsets.UTF_8, Charsets.GBK, Charsets.GB2312,
        StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII};

    private static final List<String> SPECIAL = List.of("é", "ÿ", "\u0080", "\u00A0", "中", "测试", "€", "\u0E01",
        "😀", "\uD800", "\uDC00", "\uDBFF\uDFFF", "a\uD800", "\uDC00a", "ａ", "，。");

    static void assertSameAsStringWay(Map<String, String> p) {
        for (Charset cs : CHARSETS) {
            byte[] expected = (CanonicalContent.of(p) + KEY).getBytes(cs);
            assertThat(CanonicalBytes.bytesOf(p, cs, KEY.getBytes(StandardCharsets.US_ASCII)))
                    .as("%s in %s", p, cs).isEqualTo(expected);
            Md5Signer md5 = new Md5Signer(KEY);
            String viaString = md5.sign(CanonicalContent.of(p), cs);
            assertThat(md5.sign(p, cs)).isEqualTo(viaString);
            assertThat(md5.matches(p, viaString, cs)).isTrue();
        }
    }

    @Test
    void aRunOfCharsAboveAsciiAnywhereInTheContentEncodesAsTheWholeString() {
        for (String s : SPECIAL) {
            for (String value : List.of(s, "x" + s, s + "x", "ab" + s + "cd" + s, s + s)) {
                // the value first, in the middle, last (just before the key's bytes), next to sign and sign_type
                for (String key : List.of("a", "m", "z")) {
                    Map<String, String> p = new LinkedHashMap<>();
                    p.put("b", "plain");
                    p.put("sign", "0123");
                    p.put(key, value);
                    p.put("n", "ascii" + s);
                    p.put("sign_type", "MD5");
                    p.put("y", "1");
                    assertSameAsStringWay(p);
                }
            }
        }
    }

    @Test
    void theHalvesOfAPairInTwoValuesAreTwoLoneSurrogates() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("a", "x\uD83D");
        p.put("b", "\uDE00y");
        p.put("c", "\uD83D");
        p.put("d", "\uDE00");
        assertSameAsStringWay(p);
    }

    @Test
    void emptyValuesAndOnlyNonAsciiValuesGiveTheStringWaysBytes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("a", "中");
        p.put("b", "");
        p.put("c", "é");
        assertSameAsStringWay(p);
        p.put("a", "");
        p.put("c", "");
        assertSameAsStringWay(p);
    }

    @Test
    void longContentGrowsTheBuffersMidWayAndStillMatches() {
        Map<String, String> p = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            p.put("k" + i, i % 3 == 0 ? "中é😀".repeat(i * 7) + "tail" : "v".repeat(i * 13));
        }
        assertSameAsStringWay(p);
        p.put("k1", "\uD800".repeat(3000));
        assertSameAsStringWay(p);
    }

    @Test
    void theOrderRememberedForAMapOfTheSameSizeIsReusedOnlyForTheSameKeysInTheSameArrivalOrder() {
        Map<String, String> first = new LinkedHashMap<>();
        first.put("service", "s");
        first.put("b", "1");
        first.put("sign", "x");
        first.put("a", "2");
        assertSameAsStringWay(first); // remembered for maps of 4 entries
        Map<String, String> reordered = new LinkedHashMap<>();
        reordered.put("a", "2");
        reordered.put("service", "s");
        reordered.put("b", "1");
        reordered.put("sign", "x");
        assertSameAsStringWay(reordered);
        Map<String, String> otherKeys = new LinkedHashMap<>();
        otherKeys.put("service", "s");
        otherKeys.put("b", "1");
        otherKeys.put("Sign", "x"); // not sign: signed
        otherKeys.put("a", "2");
        assertSameAsStringWay(otherKeys);
        Map<String, String> anEmptyValue = new LinkedHashMap<>(otherKeys);
        anEmptyValue.put("b", "");
        assertSameAsStringWay(anEmptyValue);
        Map<String, String> again = new LinkedHashMap<>();
        first.forEach((k, v) -> again.put(new String(k.toCharArray()), new String(v.toCharArray())));
        assertSameAsStringWay(again);
        Map<String, String> nonAsciiKey = new LinkedHashMap<>();
        nonAsciiKey.put("service", "s");
        nonAsciiKey.put("中b", "1");
        nonAsciiKey.put("sign_type", "MD5");
        nonAsciiKey.put("é", "2😀");
        assertSameAsStringWay(nonAsciiKey);
    }
}
