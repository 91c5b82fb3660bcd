package io.github.alipaystarter.core.protocol.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.Charsets;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link FormData#decode(byte[], Charset)} takes a fast path for components that are plain ASCII, or
 * ASCII after unescaping (issue 12). This checks it against the straightforward decoder it replaced
 * (kept below as {@link #reference}: every component's bytes unescaped, then decoded by a REPORTING
 * CharsetDecoder): on random bodies of ASCII, escapes, raw bytes above 0x7F, '+', invalid escapes and
 * invalid byte sequences, both give the same map or both refuse the body.
 */
class FormDataDecoderEquivalenceTests {

    static final Charset[] CHARSETS = {StandardCharsets.UTF_8, Charsets.GBK, Charsets.GB2312,
            StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16BE};

    @Test
    void randomBodiesDecodeAsWithTheReferenceDecoderOrAreRefusedByBoth() {
        Random random = new Random(20261201);
        int refused = 0;
        int decoded = 0;
        for (Charset cs : CHARSETS) {
            for (int round = 0; round < 3000; round++) {
                byte[] body = randomBody(random);
                Map<String, String> expected;
                try {
                    expected = reference(body, cs);
                } catch (MalformedNotificationException e) {
                    assertThatThrownBy(() -> FormData.decode(body, cs)).as(show(body, cs))
                            .isInstanceOf(MalformedNotificationException.class);
                    refused++;
                    continue;
                }
                assertThat(FormData.decode(body, cs)).as(show(body, cs)).containsExactlyEntriesOf(expected);
                decoded++;
            }
        }
        // the random bodies exercise both outcomes
        assertThat(refused).isGreaterThan(1000);
        assertThat(decoded).isGreaterThan(1000);
    }

    @Test
    void gbkTrailBytesInTheAsciiRangeStayPartOfTheirCharacter() {
        // 丂 is 81 40 in gbk: its trail byte is '@'; 乗 is 81 5C (a backslash)
        byte[] body = "a=%81%40%81%5C&b=%81@".getBytes(StandardCharsets.US_ASCII);
        assertThat(FormData.decode(body, Charsets.GBK)).containsExactly(Map.entry("a", "丂乗"), Map.entry("b", "丂"));
    }

    @Test
    void rawBytesAboveAsciiAreDecodedInTheCharsetOrRefused() {
        byte[] utf8 = "subject=手机+x".getBytes(StandardCharsets.UTF_8);
        assertThat(FormData.decode(utf8, StandardCharsets.UTF_8)).containsEntry("subject", "手机 x");
        byte[] invalid = {'a', '=', (byte) 0xFF, 'b'};
        assertThatThrownBy(() -> FormData.decode(invalid, StandardCharsets.UTF_8))
                .isInstanceOf(MalformedNotificationException.class).hasMessageContaining("not valid UTF-8");
    }

    private static String show(byte[] body, Charset cs) {
        StringBuilder sb = new StringBuilder(cs.name()).append(": ");
        for (byte b : body) {
            sb.append(b >= 0x20 && b < 0x7F ? Character.toString(b) : String.format("\\x%02x", b & 0xFF));
        }
        return sb.toString();
    }

    private static final String[] PIECES = {"a", "b", "notify_id", "=", "=", "&", "&", "+", "%", "%2", "%41", "%2B",
            "%26", "%3D", "%25", "%E6%89%8B", "%CA%D6", "%81%40", "%FF", "%80", "%C3%28", "%zz", "x y", "@", "*",
            "\u0000", "\u007f", "手", "%e6%9c%ba", "%00"};

    private static byte[] randomBody(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int parts = random.nextInt(12);
        for (int i = 0; i < parts; i++) {
            String piece = PIECES[random.nextInt(PIECES.length)];
            byte[] bytes = piece.equals("手") ? (random.nextBoolean() ? new byte[] {(byte) 0xE6, (byte) 0x89, (byte) 0x8B}
                    : new byte[] {(byte) 0xCA, (byte) 0xD6}) : piece.getBytes(StandardCharsets.ISO_8859_1);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    /** The decoder FormData had before issue 12, unchanged apart from its name. */
    static Map<String, String> reference(byte[] body, Charset charset) {
        Map<String, String> out = new LinkedHashMap<>();
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteArrayOutputStream buf = new ByteArrayOutputStream(64);
        int start = 0;
        int n = body.length;
        while (start <= n) {
            int end = start;
            while (end < n && body[end] != '&') {
                end++;
            }
            if (end > start) {
                int eq = start;
                while (eq < end && body[eq] != '=') {
                    eq++;
                }
                String name = component(body, start, eq, buf, decoder);
                String value = eq < end ? component(body, eq + 1, end, buf, decoder) : "";
                if (name.isEmpty()) {
                    throw new MalformedNotificationException("a parameter without a name at byte " + start);
                }
                if (out.putIfAbsent(name, value) != null) {
                    throw new MalformedNotificationException("parameter appears more than once");
                }
            }
            start = end + 1;
        }
        return out;
    }

    private static String component(byte[] b, int from, int to, ByteArrayOutputStream buf, CharsetDecoder decoder) {
        buf.reset();
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '+') {
                buf.write(' ');
            } else if (c == '%') {
                if (i + 2 >= to) {
                    throw new MalformedNotificationException("an incomplete %-escape at byte " + i);
                }
                int hi = Character.digit(b[i + 1], 16);
                int lo = Character.digit(b[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw new MalformedNotificationException("an invalid %-escape at byte " + i);
                }
                buf.write((hi << 4) | lo);
                i += 2;
            } else {
                buf.write(c);
            }
        }
        try {
            decoder.reset();
            return decoder.decode(ByteBuffer.wrap(buf.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedNotificationException("bytes that are not valid " + decoder.charset().name());
        }
    }
}
