package io.github.alipaystarter.core.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.Charsets;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of the direct MD5 path (issue 12) give the signature of the plain string way
 * ({@code md5((CanonicalContent.of(p) + key).getBytes(charset))}): the per-thread buffers, digest and
 * encoder reused from call to call, the key bytes remembered with the order of a recurring key
 * sequence, the encoder kept per thread for gbk and gb2312. Random maps in utf-8, gbk and gb2312 with
 * supplementary, unmappable and lone-surrogate characters, empty values and keys of mixed case, each key
 * sequence seen again with other values; a huge value between ordinary ones; a map that signs from
 * within its own iteration; several threads at once.
 */
class ReusedBuffersMd5Tests {

    static final String KEY = DirectMd5Tests.KEY;

    static final Charset[] CHARSETS = {StandardCharsets.UTF_8, Charsets.GBK, Charsets.GB2312};

    /** ASCII of both cases, Chinese, Latin-1 and Thai (unmappable in gbk), a supplementary, lone surrogates. */
    private static final String[] PIECES = {"a", "Z", "q", "Q", "_", "0", "9", ".", "-", " ", "=", "&", "%", "+",
        "中", "测试", "é", "ü", "ÿ", "\u0E01", "€", "😀", "\uD800", "\uDC00", "\u0000", "\u00A0", "ａ"};

    private static String text(Random random, int length, boolean keyLike) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(keyLike ? PIECES[random.nextInt(9)] : PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private static String value(Random random) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return "";
        }
        if (kind < 5) { // plain ASCII, the usual case
            return Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
        }
        return text(random, random.nextInt(24), false);
    }

    static String stringWay(Map<String, String> p, Charset cs) {
        return new Md5Signer(KEY).sign(CanonicalContent.of(p), cs);
    }

    static void assertSameAsStringWay(Map<String, String> p, Charset cs) {
        Md5Signer md5 = new Md5Signer(KEY);
        String expected = stringWay(p, cs);
        assertThat(md5.sign(p, cs)).as("%s in %s", p, cs).isEqualTo(expected);
        assertThat(md5.matches(p, expected, cs)).isTrue();
        assertThat(new AlipaySigner(md5, cs).sign(p)).isEqualTo(expected);
        assertThat(CanonicalBytes.bytesOf(p, cs, KEY.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo((CanonicalContent.of(p) + KEY).getBytes(cs));
    }

    @Test
    void randomMapsWhoseKeySequencesRecurGiveTheSignatureOfTheStringWay() {
        Random random = new Random(20261201);
        for (int round = 0; round < 300; round++) {
            int size = 1 + random.nextInt(round % 3 == 0 ? 40 : 16);
            List<String> keys = new ArrayList<>();
            while (keys.size() < size) {
                String k = random.nextInt(4) == 0 ? text(random, 1 + random.nextInt(3), false)
                        : text(random, 1 + random.nextInt(12), true);
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
            if (random.nextBoolean()) {
                keys.add(random.nextInt(keys.size()), "sign");
                keys.add("sign_type");
            }
            for (int again = 0; again < 3; again++) { // the same sequence with other values: the order is reused
                Map<String, String> p = new LinkedHashMap<>();
                for (String k : keys) {
                    p.put(again == 2 ? new String(k.toCharArray()) : k, value(random));
                }
                for (Charset cs : CHARSETS) {
                    assertSameAsStringWay(p, cs);
                }
            }
        }
    }

    @Test
    void everyCharOfTheBasicPlaneEncodesAsInTheStringWayTwiceOver() {
        // every char through the thread's encoder (gbk, gb2312) or the inline one (utf-8), twice over
        byte[] suffix = KEY.getBytes(StandardCharsets.US_ASCII);
        for (Charset cs : CHARSETS) {
            for (int pass = 0; pass < 2; pass++) {
                for (int from = 0x80; from < 0x10000; from += 61) {
                    StringBuilder value = new StringBuilder("x");
                    for (int c = from; c < Math.min(from + 61, 0x10000); c++) {
                        if (!Character.isSurrogate((char) c)) {
                            value.append((char) c).append(c % 3 == 0 ? "a" : "");
                        }
                    }
                    Map<String, String> p = new LinkedHashMap<>();
                    p.put("subject", value.toString());
                    p.put("body", value.reverse().toString());
                    assertThat(CanonicalBytes.bytesOf(p, cs, suffix)).as("chars from %x in %s", from, cs)
                            .isEqualTo((CanonicalContent.of(p) + KEY).getBytes(cs));
                }
            }
        }
    }

    @Test
    void aHugeValueBetweenOrdinaryMapsChangesNothing() {
        Map<String, String> ordinary = AlipaySignerTests.specExample("gbk");
        Map<String, String> huge = new LinkedHashMap<>(ordinary);
        huge.put("body", "测试😀é\u0E01".repeat(40_000));
        for (Charset cs : CHARSETS) {
            assertSameAsStringWay(ordinary, cs);
            assertSameAsStringWay(huge, cs);
            assertSameAsStringWay(ordinary, cs);
        }
    }

    @Test
    void aMapThatSignsWhileItIsIteratedGetsBothSignaturesRight() {
        Map<String, String> inner = AlipaySignerTests.specExample("utf-8");
        Md5Signer md5 = new Md5Signer(KEY);
        String[] innerSign = new String[1];
        Map<String, String> backing = new LinkedHashMap<>(AlipaySignerTests.specExample("utf-8"));
        backing.put("subject", "外层 outer");
        Map<String, String> outer = new AbstractMap<>() {
            @Override
            public Set<Entry<String, String>> entrySet() {
                innerSign[0] = md5.sign(inner, StandardCharsets.UTF_8);
                return backing.entrySet();
            }

            @Override
            public int size() {
                return backing.size();
            }
        };
        Map<String, String> once = new LinkedHashMap<>(backing);
        assertThat(md5.sign(outer, StandardCharsets.UTF_8)).isEqualTo(stringWay(once, StandardCharsets.UTF_8));
        assertThat(innerSign[0]).isEqualTo(stringWay(inner, StandardCharsets.UTF_8));
        assertSameAsStringWay(once, StandardCharsets.UTF_8);
    }

    @Test
    void threadsSigningAtOnceEachGetTheirOwnSignature() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(seed);
                    for (int i = 0; i < 2_000; i++) {
                        Map<String, String> p = AlipaySignerTests.specExample(i % 2 == 0 ? "gbk" : "utf-8");
                        p.put("subject", value(random));
                        p.put("body", value(random));
                        Charset cs = CHARSETS[i % CHARSETS.length];
                        String expected = stringWay(p, cs);
                        if (!new Md5Signer(KEY).sign(p, cs).equals(expected)) {
                            throw new AssertionError("thread " + seed + " map " + p + " in " + cs);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
