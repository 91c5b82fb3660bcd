package io.github.alipaystarter.core.protocol.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.Charsets;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDataTests {

    @Test
    void decodesPlusAsSpaceAndPercentEscapesInUtf8() {
        // "手机" in utf-8 is E6 89 8B E6 9C BA; %2B is a literal plus, %25 a literal percent
        Map<String, String> p = FormData.decode("subject=iphone%E6%89%8B%E6%9C%BA&gmt=2008-10-22+20%3A49%3A31&b=a%2Bb%25c%26d%3De"
                .getBytes(StandardCharsets.US_ASCII), StandardCharsets.UTF_8);
        assertThat(p).containsExactly(
                Map.entry("subject", "iphone手机"),
                Map.entry("gmt", "2008-10-22 20:49:31"),
                Map.entry("b", "a+b%c&d=e"));
    }

    @Test
    void decodesGbkBytes() {
        // "手机" in gbk is CA D6 BB FA
        Map<String, String> p = FormData.decode("subject=%CA%D6%BB%FA".getBytes(StandardCharsets.US_ASCII), Charsets.GBK);
        assertThat(p).containsEntry("subject", "手机");
    }

    @Test
    void decodesOnlyOnceSoAnEscapedPercentStaysText() {
        // spec 6.3: sign=..._m%252Fu_... arrives; after ONE decoding it is _m%2Fu_
        Map<String, String> p = FormData.decode("notify_id=RqPnCoPT3K9%252Fvwbh3I%252BFioE227", StandardCharsets.UTF_8);
        assertThat(p).containsEntry("notify_id", "RqPnCoPT3K9%2Fvwbh3I%2BFioE227");
    }

    @Test
    void rejectsUtf8BytesDecodedAsGbkInsteadOfGarbling() {
        // utf-8 "手机" is not valid gbk: E6 89 is a gbk pair but 8B E6 9C BA ... ends on an incomplete lead byte
        assertThatThrownBy(() -> FormData.decode("subject=%E6%89%8B%E6%9C%BA%E6", Charsets.GBK))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("not valid GBK");
    }

    @Test
    void rejectsBrokenEscapes() {
        assertThatThrownBy(() -> FormData.decode("a=%zz", StandardCharsets.UTF_8)).isInstanceOf(MalformedNotificationException.class);
        assertThatThrownBy(() -> FormData.decode("a=%4", StandardCharsets.UTF_8)).isInstanceOf(MalformedNotificationException.class);
        assertThatThrownBy(() -> FormData.decode("a=1%", StandardCharsets.UTF_8)).isInstanceOf(MalformedNotificationException.class);
    }

    @Test
    void rejectsRepeatedNames() {
        assertThatThrownBy(() -> FormData.decode("total_fee=0.01&total_fee=100.00", StandardCharsets.UTF_8))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("\"total_fee\" appears more than once");
    }

    @Test
    void skipsEmptyPairsAndKeepsNamesWithoutValue() {
        assertThat(FormData.decode("&&a=1&&b&c=&", StandardCharsets.UTF_8))
                .containsExactly(Map.entry("a", "1"), Map.entry("b", ""), Map.entry("c", ""));
        assertThat(FormData.decode("", StandardCharsets.UTF_8)).isEmpty();
        assertThatThrownBy(() -> FormData.decode("=1", StandardCharsets.UTF_8)).isInstanceOf(MalformedNotificationException.class);
    }

    @Test
    void encodesInTheCharsetAndKeepsOnlyUnreservedCharacters() {
        assertThat(FormData.encode("手机 a+b%&=/~._-", StandardCharsets.UTF_8))
                .isEqualTo("%E6%89%8B%E6%9C%BA%20a%2Bb%25%26%3D%2F~._-");
        assertThat(FormData.encode("手机", Charsets.GBK)).isEqualTo("%CA%D6%BB%FA");
        assertThat(FormData.encode("plain", StandardCharsets.UTF_8)).isEqualTo("plain");
    }

    @Test
    void refusesToEncodeACharacterTheCharsetLacks() {
        assertThatThrownBy(() -> FormData.encode("pay 😀", Charsets.GBK)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodeThenDecodeRoundTripsInBothCharsets() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("subject", "贝尔金护腕式 + 100% & more=");
        p.put("body", "línea\nzwei");
        for (var cs : new java.nio.charset.Charset[] {StandardCharsets.UTF_8, Charsets.GBK}) {
            if (cs == Charsets.GBK) {
                p.put("body", "line\nzwei");
            }
            assertThat(FormData.decode(FormData.encode(p, cs), cs)).isEqualTo(p);
        }
    }
}
