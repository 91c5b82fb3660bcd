package io.github.alipaystarter.core.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct MD5 path (issue 12: {@link CanonicalBytes}, {@link Md5Signer#sign(Map, Charset)} and
 * {@link Md5Signer#matches(Map, String, Charset)}) gives exactly the bytes and the signatures of the
 * string path ({@code (CanonicalContent.of(p) + key).getBytes(charset)}), which the spec vectors in
 * {@link AlipaySignerTests} pin to md5sum: for ASCII and Chinese values, characters the charset
 * cannot encode, lone surrogates, keys that share long prefixes, keys beyond U+00FF, and many keys.
 */
class DirectMd5Tests {

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    static final Charset[] CHARSETS = {StandardCharsets.UTF_8, Charsets.GBK, Charsets.GB2312};

    /** What the string path hashes. */
    static byte[] expected(Map<String, String> p, Charset cs) {
        return (CanonicalContent.of(p) + KEY).getBytes(cs);
    }

    static byte[] direct(Map<String, String> p, Charset cs) {
        return CanonicalBytes.bytesOf(p, cs, KEY.getBytes(StandardCharsets.US_ASCII));
    }

    static void assertSame(Map<String, String> p) {
        for (Charset cs : CHARSETS) {
            assertThat(direct(p, cs)).as("%s in %s", p, cs).isEqualTo(expected(p, cs));
            Md5Signer md5 = new Md5Signer(KEY);
            assertThat(md5.direct(cs)).isTrue();
            String viaString = md5.sign(CanonicalContent.of(p), cs);
            assertThat(md5.sign(p, cs)).isEqualTo(viaString);
            assertThat(md5.matches(p, viaString, cs)).isTrue();
            assertThat(md5.matches(p, viaString.toUpperCase(), cs)).isTrue();
        }
    }

    @Test
    void specExampleGivesTheMd5sumVectorsThroughTheDirectPath() {
        assertThat(new AlipaySigner(new Md5Signer(KEY), Charsets.GBK).sign(AlipaySignerTests.specExample("gbk")))
                .isEqualTo("df699eaa0b87e22f6358c4501e7838a6");
        assertThat(new AlipaySigner(new Md5Signer(KEY), StandardCharsets.UTF_8)
                .sign(AlipaySignerTests.specExample("utf-8"))).isEqualTo("ea559e14a40000be7a5c1671712e866d");
        assertSame(AlipaySignerTests.specExample("gbk"));
    }

    @Test
    void keysSharingTheirFirstSixCharactersAreOrderedByTheWholeKey() {
        Map<String, String> p = new LinkedHashMap<>();
        for (String k : new String[] {"notify_type", "notify_id", "notify_time", "notify", "notif", "notify_",
                "seller_id", "seller_email", "seller", "a\u0000b", "a", "a\u0000", "gmt_refund", "gmt_create",
                "gmt_close", "gmt_payment"}) {
            p.put(k, "v-" + k.replace('\u0000', '0'));
        }
        assertSame(p);
        assertThat(new String(direct(p, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .startsWith("a=v-a&a\u0000=v-a0&a\u0000b=v-a0b&gmt_close=");
    }

    @Test
    void keysBeyondLatin1AndAboveAsciiFallBackToCompareToOrder() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("中文", "1");
        p.put("é", "2");
        p.put("z", "3");
        p.put("Z", "4");
        p.put("_x", "5");
        p.put("ÿÿÿÿÿÿa", "6");
        p.put("ÿÿÿÿÿÿ", "7");
        assertSame(p);
        p.remove("中文");
        assertSame(p);
    }

    @Test
    void charactersTheCharsetCannotEncodeAndLoneSurrogatesAreReplacedAsInTheStringPath() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("subject", "表情😀 and ü");
        p.put("body", "lone \uD800 high");
        p.put("extra", "\uDC00 lone low at the start");
        p.put("end", "ends high \uD83D");
        p.put("next", "\uDE00 starts low");
        assertSame(p);
    }

    @Test
    void leavesOutSignSignTypeEmptyAndNullAndNeverChangesTheMap() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("sign", "x");
        p.put("sign_type", "MD5");
        p.put("empty", "");
        p.put("none", null);
        p.put("kept", "1");
        Map<String, String> before = new LinkedHashMap<>(p);
        assertThat(new String(direct(p, StandardCharsets.UTF_8), StandardCharsets.UTF_8)).isEqualTo("kept=1" + KEY);
        assertThat(p).isEqualTo(before);
        Map<String, String> onlySigns = new LinkedHashMap<>();
        onlySigns.put("sign", "x");
        assertSame(onlySigns);
        assertSame(new LinkedHashMap<>());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 31, 33, 40, 300})
    void randomMapsGiveTheSameBytes(int size) {
        Random random = new Random(size * 7919L);
        for (int round = 0; round < 30; round++) {
            Map<String, String> p = new LinkedHashMap<>();
            while (p.size() < size) {
                p.put(randomText(random, 1 + random.nextInt(12), true), randomText(random, random.nextInt(20), false));
            }
            assertSame(p);
        }
    }

    @Test
    void manyKeysWithTheSamePrefixAreSortedByTheWholeKey() {
        Map<String, String> p = new LinkedHashMap<>();
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            p.put("prefix_" + random.nextInt(1_000_000), "v" + i);
        }
        assertSame(p);
    }

    @Test
    void theReusedOrderOfARecurringKeySequenceIsRightAndAnotherSequenceIsSortedAfresh() {
        Map<String, String> arrival = new LinkedHashMap<>();
        arrival.put("notify_type", "t");
        arrival.put("notify_id", "i");
        arrival.put("b", "1");
        arrival.put("a", "2");
        Map<String, String> reversed = new LinkedHashMap<>();
        new java.util.ArrayDeque<>(arrival.keySet()).descendingIterator()
                .forEachRemaining(k -> reversed.put(k, arrival.get(k) + "x"));
        Map<String, String> longer = new LinkedHashMap<>(arrival);
        longer.put("c", "3");
        Map<String, String> sameNamesOtherInstances = new LinkedHashMap<>();
        arrival.forEach((k, v) -> sameNamesOtherInstances.put(new String(k.toCharArray()), v + "y"));
        for (int i = 0; i < 3; i++) {
            for (Map<String, String> p : java.util.List.of(arrival, arrival, reversed, longer, sameNamesOtherInstances,
                    reversed)) {
                assertThat(new String(direct(p, StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                        .isEqualTo(CanonicalContent.of(p) + KEY);
            }
        }
    }

    @Test
    void matchesRefusesEveryWrongDigitWrongLengthAndNonHexCharacters() {
        Md5Signer md5 = new Md5Signer(KEY);
        Map<String, String> p = AlipaySignerTests.specExample("utf-8");
        String right = md5.sign(p, StandardCharsets.UTF_8);
        assertThat(md5.matches(p, right, StandardCharsets.UTF_8)).isTrue();
        for (int i = 0; i < 32; i++) {
            char c = right.charAt(i);
            String wrong = right.substring(0, i) + (c == '0' ? '1' : '0') + right.substring(i + 1);
            assertThat(md5.matches(p, wrong, StandardCharsets.UTF_8)).as("digit %d changed", i).isFalse();
            // a char that is not a hex digit, even one whose low bits equal a digit's
            for (char bad : new char[] {'g', 'G', (char) (c - 0x20), (char) (c + 0x100), ' ', '\u0000'}) {
                if (Character.digit(bad, 16) < 0) {
                    String notHex = right.substring(0, i) + bad + right.substring(i + 1);
                    assertThat(md5.matches(p, notHex, StandardCharsets.UTF_8)).as("%s at %d", bad, i).isFalse();
                }
            }
        }
        assertThat(md5.matches(p, right + "0", StandardCharsets.UTF_8)).isFalse();
        assertThat(md5.matches(p, right.substring(1), StandardCharsets.UTF_8)).isFalse();
        assertThat(md5.matches(p, (String) null, StandardCharsets.UTF_8)).isFalse();
        assertThat(md5.matches(CanonicalContent.of(p), right, StandardCharsets.UTF_8)).isTrue();
        assertThat(md5.matches(CanonicalContent.of(p), right.replace(right.charAt(0), 'x'), StandardCharsets.UTF_8))
                .isFalse();
    }

    @Test
    void aKeyThatIsNotAsciiUsesTheStringPathAndStillVerifies() {
        Md5Signer md5 = new Md5Signer("密钥0123456789");
        assertThat(md5.direct(StandardCharsets.UTF_8)).isFalse();
        AlipaySigner signer = new AlipaySigner(md5, Charsets.GBK);
        Map<String, String> signed = signer.signParameters(AlipaySignerTests.specExample("gbk"));
        assertThat(signed.get("sign")).isEqualTo(md5.sign(CanonicalContent.of(signed), Charsets.GBK));
        signer.verify(signed);
    }

    @Test
    void verifyThroughTheDirectPathRefusesAChangedValueInEitherCharset() {
        for (Charset cs : CHARSETS) {
            AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), cs);
            Map<String, String> signed = signer.signParameters(AlipaySignerTests.specExample(Charsets.wireName(cs)));
            signer.verify(signed);
            Map<String, String> changed = new LinkedHashMap<>(signed);
            changed.put("subject", "贝尔金护腕式 ");
            assertThatThrownBy(() -> signer.verify(changed)).isInstanceOf(SignatureException.class)
                    .extracting(e -> ((SignatureException) e).reason()).isEqualTo(SignatureException.Reason.MISMATCH);
        }
    }

    private static final String ALPHABET = "abcxyz_-.ABZ09é中\u0000%&=+ ";

    private static String randomText(Random random, int length, boolean key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(key ? 12 : ALPHABET.length() + 2);
            if (pick < ALPHABET.length()) {
                sb.append(ALPHABET.charAt(pick));
            } else {
                sb.append(pick % 2 == 0 ? "😀" : "\uD800");
            }
        }
        return sb.toString();
    }
}
