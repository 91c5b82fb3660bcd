package io.github.alipaystarter.core.protocol.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.internal.FormFields;
import io.github.alipaystarter.core.protocol.notify.FormData;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The map {@link FormData#decode(byte[], Charset)} gives (a {@link FormFields}: read by position,
 * ASCII values copied as bytes, the others encoded one by one) is hashed over exactly the bytes of
 * {@code (CanonicalContent.of(p) + key).getBytes(charset)}, as an ordinary map with the same entries
 * is: for random bodies with plain and escaped ASCII ({@code %41}, {@code +}, either hex case),
 * Chinese and other non-ASCII text, empty values and names without {@code =}, sign and sign_type
 * anywhere or absent, in utf-8, gbk and gb2312; for the same key sequence again (the remembered order)
 * and for other sequences of the same size.
 */
class DecodedFormMd5Tests {

    private static final String KEY = DirectMd5Tests.KEY;
    private static final byte[] KEY_BYTES = KEY.getBytes(StandardCharsets.US_ASCII);

    private static final Charset[] CHARSETS = {StandardCharsets.UTF_8, Charsets.GBK, Charsets.GB2312};

    private static final List<String> NAMES = List.of("trade_no", "out_trade_no", "discount", "payment_type",
        "subject", "body", "price", "quantity", "total_fee", "trade_status", "refund_status", "seller_email",
        "seller_id", "buyer_id", "buyer_email", "gmt_create", "is_total_fee_adjust", "gmt_payment", "gmt_close",
        "gmt_refund", "use_coupon", "notify_time", "notify_type", "notify_id", "extra_common_param", "notify_ids",
        "a", "b", "Sign", "sign_", "x y", "a&b", "a=b", "%", "+");

    private static final String NON_ASCII = "中文手机测试商户的广告你好，。￥éàü·—“”丂乗";

    private static final String ASCII = "abcXYZ0189-_.:/ @*&=%+?#~!";

    private static void assertSameBytes(Map<String, String> decoded, Charset cs, String what) {
        assertThat(decoded).as(what).isInstanceOf(FormFields.class);
        byte[] expected = (CanonicalContent.of(decoded) + KEY).getBytes(cs);
        assertThat(CanonicalBytes.bytesOf(decoded, cs, KEY_BYTES)).as(what).isEqualTo(expected);
        assertThat(CanonicalBytes.bytesOf(new LinkedHashMap<>(decoded), cs, KEY_BYTES)).as(what).isEqualTo(expected);
        Md5Signer md5 = new Md5Signer(KEY);
        String viaString = md5.sign(CanonicalContent.of(decoded), cs);
        assertThat(md5.sign(decoded, cs)).as(what).isEqualTo(viaString);
        assertThat(md5.matches(decoded, viaString, cs)).as(what).isTrue();
        assertThat(md5.matches(decoded, viaString.replace(viaString.charAt(0), viaString.charAt(0) == '0' ? '1' : '0'),
                cs)).as(what).isFalse();
    }

    /** One escaped or plain byte sequence for {@code text} in {@code cs}, chosen at random per char. */
    private static void appendEncoded(StringBuilder body, String text, Charset cs, Random r) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == ':' || c == '/' || c == '@' || c == '*';
            if (c == ' ' && r.nextBoolean()) {
                body.append('+');
            } else if (unreserved && r.nextInt(4) != 0) {
                body.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(cs)) {
                    String hex = String.format(Locale.ROOT, "%02X", b & 0xFF);
                    body.append('%').append(r.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static String randomValue(Random r, CharsetEncoder encoder) {
        int kind = r.nextInt(10);
        if (kind == 0) {
            return "";
        }
        StringBuilder v = new StringBuilder();
        int n = 1 + r.nextInt(kind < 3 ? 40 : 12);
        for (int i = 0; i < n; i++) {
            if (kind >= 7 && r.nextInt(3) == 0) {
                char c = NON_ASCII.charAt(r.nextInt(NON_ASCII.length()));
                if (encoder.canEncode(c)) {
                    v.append(c);
                    continue;
                }
            }
            v.append(ASCII.charAt(r.nextInt(ASCII.length())));
        }
        return v.toString();
    }

    /** A random body: fields from {@link #NAMES}, sign and sign_type at random places or left out. */
    private static byte[] randomBody(Random r, Charset cs, List<String> names) {
        CharsetEncoder encoder = cs.newEncoder();
        List<String> fields = new ArrayList<>();
        for (String name : names) {
            StringBuilder f = new StringBuilder();
            appendEncoded(f, name, cs, r);
            String value = randomValue(r, encoder);
            if (value.isEmpty() && r.nextBoolean()) {
                fields.add(f.toString()); // a name without '='
                continue;
            }
            f.append('=');
            appendEncoded(f, value, cs, r);
            fields.add(f.toString());
        }
        if (r.nextInt(4) != 0) {
            fields.add(r.nextInt(fields.size() + 1), "sign=" + "0123456789abcdef0123456789abcdef");
        }
        if (r.nextInt(4) != 0) {
            fields.add(r.nextInt(fields.size() + 1), "sign_type=MD5");
        }
        return String.join("&", fields).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> randomNames(Random r) {
        List<String> names = new ArrayList<>(NAMES);
        java.util.Collections.shuffle(names, r);
        return names.subList(0, 1 + r.nextInt(names.size()));
    }

    @Test
    void randomBodiesHashTheStringWaysBytes() {
        Random r = new Random(20261201);
        for (int round = 0; round < 400; round++) {
            List<String> names = randomNames(r);
            for (Charset cs : CHARSETS) {
                byte[] body = randomBody(r, cs, names);
                String what = cs + ": " + new String(body, StandardCharsets.US_ASCII);
                assertSameBytes(FormData.decode(body, cs), cs, what);
                // the same key sequence again, other values: the remembered order, read by position
                byte[] again = randomBody(new Random(round), cs, names);
                assertSameBytes(FormData.decode(again, cs), cs, cs + ": " + new String(again, StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void theSameKeysWithAndWithoutAnEmptyValueAndInAnotherOrder() {
        for (Charset cs : CHARSETS) {
            for (String body : List.of(
                    "b=1&sign=x&a=%E4%B8%AD&sign_type=MD5&c=+",
                    "b=1&sign=x&a=%E4%B8%AD&sign_type=MD5&c=+",
                    "b=&sign=x&a=%E4%B8%AD&sign_type=MD5&c=+",
                    "b=1&sign=x&a=&sign_type=MD5&c",
                    "a=1&sign=x&b=%41%42&sign_type=MD5&c=3",
                    "b=1&sign=x&a=2&sign_type=MD5&c=3",
                    "b=1&sign=x&a=2&sign_tipe=MD5&c=3",
                    "b=1&sign=x&%E4%B8%AD=2&sign_type=MD5&c=3",
                    "b=1&sign=x&%E4%B8%AD=2&sign_type=MD5&c=3",
                    "b=1&sign=x&a=2&sign_type=MD5&c=3")) {
                String encoded = cs == StandardCharsets.UTF_8 ? body : reencode(body, cs);
                assertSameBytes(FormData.decode(encoded.getBytes(StandardCharsets.US_ASCII), cs), cs, cs + ": " + encoded);
            }
        }
    }

    private static String reencode(String utf8Body, Charset cs) {
        return utf8Body.replace("%E4%B8%AD", FormData.encode("中", cs));
    }

    @Test
    void aDecodedNotificationVerifiesAndAChangedValueDoesNot() {
        for (Charset cs : CHARSETS) {
            AlipaySigner signer = new AlipaySigner(new Md5Signer(KEY), cs);
            Map<String, String> p = new LinkedHashMap<>();
            p.put("notify_id", "70fec0c2730b27528665af4517c27b95");
            p.put("subject", "iphone手机 测试");
            p.put("total_fee", "10.00");
            p.put("body", "");
            p.put("extra_common_param", "你好，这是测试商户的广告。");
            Map<String, String> signed = signer.signParameters(p);
            String body = FormData.encode(signed, cs);
            signer.verify(FormData.decode(body.getBytes(StandardCharsets.US_ASCII), cs));
            String changed = body.replace("10.00", "10.01");
            assertThatThrownBy(() -> signer.verify(FormData.decode(changed.getBytes(StandardCharsets.US_ASCII), cs)))
                    .isInstanceOf(SignatureException.class);
        }
    }

    @Test
    void formFieldsBuiltByHandWithCharsAtRunBoundariesGiveTheStringWaysBytes() {
        // not from the decoder: lone surrogates, unmappable chars, a value's ASCII edges
        List<String> special = List.of("é", "\u0080", "中", "😀", "\uD800", "\uDC00", "a\uD800", "\uDC00a", "x😀y",
            "€", "\u0E01", "，。", "ab中cd", "中ab");
        for (String s : special) {
            for (Charset cs : new Charset[] {StandardCharsets.UTF_8, Charsets.GBK, Charsets.GB2312,
                    StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII}) {
                for (int copy = 0; copy < 2; copy++) { // the second time with the remembered order
                    FormFields.Builder b = new FormFields.Builder();
                    b.add("b", "plain", true);
                    b.add("sign", "0123", true);
                    b.add("a", s, false);
                    b.add("n", "ascii" + s, false);
                    b.add("z", s, false);
                    b.add("sign_type", "MD5", true);
                    b.add("y", "1", true);
                    assertSameBytes(b.build(), cs, cs + ": " + s);
                }
            }
        }
    }
}
