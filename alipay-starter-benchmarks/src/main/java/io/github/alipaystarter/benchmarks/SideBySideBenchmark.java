package io.github.alipaystarter.benchmarks;

import io.github.alipaystarter.core.Charsets;
import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.CanonicalContent;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import io.github.alipaystarter.core.protocol.sign.SignatureException;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.DigestUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The starter beside the other ways of doing the same work, in one run, so that the ratios (not the
 * absolute times, which depend on the machine) are the result:
 * <ul>
 *   <li>{@code raw*}: MD5 alone over the canonical bytes followed by the key, computed once in the
 *       set-up, with one reused {@link MessageDigest}: the limit no implementation can beat;</li>
 *   <li>{@code demo*}: the official demo's way ({@code AlipayCore.paraFilter} + {@code createLinkString}
 *       + {@code MD5.sign/verify} of Alipay's Java demo package that the integration guide describes,
 *       section 3.1): copy into a map, drop sign/sign_type/empty values, sort the keys, concatenate
 *       with {@code +} in a loop, {@code DigestUtils.md5Hex(bytes(text + key))}, {@code equals};</li>
 *   <li>{@code naive*}: the body split on {@code &} and {@code =}, each part through
 *       {@link URLDecoder#decode(String, String)}, then the demo's verify;</li>
 *   <li>{@code starter*}: {@link AlipaySigner#sign}, {@link AlipaySigner#verify},
 *       {@link FormData#decode(byte[], Charset)} + verify.</li>
 * </ul>
 * Three operations: signing a create_direct_pay_by_user request (14 parameters, Chinese subject and
 * body), verifying an already parsed notification, and decoding + verifying its raw form body (a
 * realistic 25-parameter TRADE_FINISHED notification of spec 6.3 plus sign and sign_type, Chinese
 * subject and extra_common_param). Verifying is measured twice: {@code starterVerify} of an ordinary
 * map (a {@link LinkedHashMap} built by the caller) and {@code starterVerifyDecoded} of the map that
 * {@link FormData#decode(byte[], Charset)} gives for the body, the one the notify endpoint verifies.
 * The starter's performance targets: {@code starterVerifyDecoded} at most 1.5x
 * {@code rawMd5Notification}; {@code starterSign} and {@code starterVerify} at most half of the
 * demo's; {@code starterDecodeAndVerify} below {@code naiveDecodeAndVerify}.
 *
 * <p>The set-up checks that every way computes the same signature and that every verify passes, so the
 * comparison is between correct implementations.
 *
 * <p>The sign and verify operations (the demo's and the starter's alike) go round {@value #COPIES} copies
 * of the request and of the notification, each a new map whose keys and values are new strings with new
 * char arrays and the same content: as with real traffic, where every notification is freshly decoded,
 * nothing can profit from seeing the very same instances again (an {@code equals} that finds the same
 * object, a cache by identity).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SideBySideBenchmark {

    static final String KEY = "0123456789abcdefghijklmnopqrstuv";

    /** How many distinct copies of the request and of the notification the operations go round. */
    static final int COPIES = 64;

    @Param({"utf-8", "gbk"})
    public String charset;

    private Charset cs;
    private AlipaySigner signer;
    private Map<String, String> request;
    private Map<String, String> notification;
    private byte[] body;
    private String bodyText;
    private byte[] requestCanonicalWithKey;
    private byte[] notificationCanonicalWithKey;
    private MessageDigest md5;
    private List<Map<String, String>> requests;
    private List<Map<String, String>> notifications;
    private List<Map<String, String>> decodedNotifications;
    private int nextRequest;
    private int nextNotification;
    private int nextDecoded;

    @Setup
    public void setUp() throws Exception {
        cs = Charsets.fromWire(charset);
        signer = new AlipaySigner(new Md5Signer(KEY), cs);
        request = request(charset);
        notification = signer.signParameters(SigningBenchmark.Notifications.spec63());
        body = FormData.encode(notification, cs).getBytes(StandardCharsets.US_ASCII);
        bodyText = new String(body, StandardCharsets.US_ASCII);
        requestCanonicalWithKey = (CanonicalContent.of(request) + KEY).getBytes(cs);
        notificationCanonicalWithKey = (CanonicalContent.of(notification) + KEY).getBytes(cs);
        md5 = MessageDigest.getInstance("MD5");
        requests = copies(request);
        notifications = copies(notification);
        decodedNotifications = new ArrayList<>(COPIES);
        for (int i = 0; i < COPIES; i++) {
            decodedNotifications.add(FormData.decode(body, cs)); // each decode: new strings, new map
        }

        check(signer.sign(request).equals(demoSign(request, KEY, charset)), "demo and starter sign differently");
        check(signer.sign(request).equals(hex(md5.digest(requestCanonicalWithKey))), "raw MD5 differs (request)");
        check(notification.get("sign").equals(hex(md5.digest(notificationCanonicalWithKey))),
                "raw MD5 differs (notification)");
        check(demoVerify(notification, KEY, charset), "the demo does not verify");
        check(naiveDecodeAndVerify(), "the naive way does not verify");
        check(naiveDecode(bodyText, charset).equals(FormData.decode(body, cs)), "the decoders differ");
        signer.verify(FormData.decode(body, cs));
        for (int i = 0; i < COPIES; i++) {
            check(requests.get(i).equals(request) && notifications.get(i).equals(notification), "a copy differs");
            check(signer.sign(requests.get(i)).equals(signer.sign(request)), "a copy signs differently");
            signer.verify(notifications.get(i));
            check(demoVerify(notifications.get(i), KEY, charset), "the demo does not verify a copy");
            check(decodedNotifications.get(i).equals(notification), "a decoded copy differs");
            signer.verify(decodedNotifications.get(i));
        }
    }

    /** {@value #COPIES} new ordered maps with the entries of {@code p}, every key and value a new string. */
    static List<Map<String, String>> copies(Map<String, String> p) {
        List<Map<String, String>> copies = new ArrayList<>(COPIES);
        for (int i = 0; i < COPIES; i++) {
            Map<String, String> copy = new LinkedHashMap<>();
            // toCharArray: a new backing array too (new String(String) would share the original's)
            p.forEach((k, v) -> copy.put(new String(k.toCharArray()), new String(v.toCharArray())));
            copies.add(copy);
        }
        return copies;
    }

    private Map<String, String> nextRequest() {
        Map<String, String> p = requests.get(nextRequest);
        nextRequest = (nextRequest + 1) % COPIES;
        return p;
    }

    private Map<String, String> nextNotification() {
        Map<String, String> p = notifications.get(nextNotification);
        nextNotification = (nextNotification + 1) % COPIES;
        return p;
    }

    // ---- signing a request ----

    @Benchmark
    public byte[] rawMd5Request() {
        return md5.digest(requestCanonicalWithKey);
    }

    @Benchmark
    public String demoSignRequest() {
        return demoSign(nextRequest(), KEY, charset);
    }

    @Benchmark
    public String starterSignRequest() {
        return signer.sign(nextRequest());
    }

    // ---- verifying a parsed notification ----

    @Benchmark
    public byte[] rawMd5Notification() {
        return md5.digest(notificationCanonicalWithKey);
    }

    @Benchmark
    public boolean demoVerify() {
        return demoVerify(nextNotification(), KEY, charset);
    }

    @Benchmark
    public boolean starterVerify() {
        try {
            signer.verify(nextNotification());
            return true;
        } catch (SignatureException e) {
            return false;
        }
    }

    /**
     * As {@link #starterVerify}, of the map the notify endpoint verifies: the one {@link FormData#decode}
     * gave for the body ({@value #COPIES} separate decodes, gone round).
     */
    @Benchmark
    public boolean starterVerifyDecoded() {
        Map<String, String> p = decodedNotifications.get(nextDecoded);
        nextDecoded = (nextDecoded + 1) % COPIES;
        try {
            signer.verify(p);
            return true;
        } catch (SignatureException e) {
            return false;
        }
    }

    // ---- decoding + verifying the raw body ----

    @Benchmark
    public boolean naiveDecodeAndVerify() {
        return demoVerify(naiveDecode(bodyText, charset), KEY, charset);
    }

    @Benchmark
    public Map<String, String> starterDecodeAndVerify() {
        Map<String, String> p = FormData.decode(body, cs);
        signer.verify(p);
        return p;
    }

    // ---- the demo's code (Alipay's Java demo: AlipayCore, MD5), as the guide ships it ----

    /** AlipayCore.paraFilter: a new map without empty values, sign and sign_type. */
    static Map<String, String> paraFilter(Map<String, String> sArray) {
        Map<String, String> result = new HashMap<String, String>();
        if (sArray == null || sArray.size() <= 0) {
            return result;
        }
        for (String key : sArray.keySet()) {
            String value = sArray.get(key);
            if (value == null || value.equals("") || key.equalsIgnoreCase("sign")
                    || key.equalsIgnoreCase("sign_type")) {
                continue;
            }
            result.put(key, value);
        }
        return result;
    }

    /** AlipayCore.createLinkString: sorted keys, "k=v" joined with "&" by string concatenation. */
    static String createLinkString(Map<String, String> params) {
        List<String> keys = new ArrayList<String>(params.keySet());
        Collections.sort(keys);
        String prestr = "";
        for (int i = 0; i < keys.size(); i++) {
            String key = keys.get(i);
            String value = params.get(key);
            if (i == keys.size() - 1) {
                prestr = prestr + key + "=" + value;
            } else {
                prestr = prestr + key + "=" + value + "&";
            }
        }
        return prestr;
    }

    /** MD5.sign. */
    static String md5Sign(String text, String key, String inputCharset) {
        text = text + key;
        return DigestUtils.md5Hex(contentBytes(text, inputCharset));
    }

    /** MD5.verify. */
    static boolean md5Verify(String text, String sign, String key, String inputCharset) {
        text = text + key;
        String mysign = DigestUtils.md5Hex(contentBytes(text, inputCharset));
        return mysign.equals(sign);
    }

    private static byte[] contentBytes(String content, String charset) {
        try {
            return content.getBytes(charset);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String demoSign(Map<String, String> params, String key, String charset) {
        return md5Sign(createLinkString(paraFilter(params)), key, charset);
    }

    /** AlipayNotify.getSignVeryfy. */
    static boolean demoVerify(Map<String, String> params, String key, String charset) {
        String prestr = createLinkString(paraFilter(params));
        return md5Verify(prestr, params.get("sign") == null ? "" : params.get("sign"), key, charset);
    }

    /** The naive decoder: split on & and =, URLDecoder in the charset. */
    static Map<String, String> naiveDecode(String bodyText, String charset) {
        Map<String, String> params = new HashMap<>();
        try {
            for (String pair : bodyText.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    params.put(URLDecoder.decode(pair, charset), "");
                } else {
                    params.put(URLDecoder.decode(pair.substring(0, eq), charset),
                            URLDecoder.decode(pair.substring(eq + 1), charset));
                }
            }
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
        return params;
    }

    /** A create_direct_pay_by_user request as the starter builds it (spec 5.1), before signing. */
    static Map<String, String> request(String charset) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "create_direct_pay_by_user");
        p.put("partner", "2088101568338364");
        p.put("_input_charset", charset);
        p.put("notify_url", "https://shop.example.com/alipay/notify");
        p.put("return_url", "https://shop.example.com/alipay/return");
        p.put("out_trade_no", "20261126101530000123");
        p.put("subject", "测试商品 iPhone 手机壳");
        p.put("payment_type", "1");
        p.put("total_fee", "88.00");
        p.put("seller_id", "2088101568338364");
        p.put("body", "一件测试商品, 蓝色, 1 件");
        p.put("show_url", "https://shop.example.com/orders");
        p.put("paymethod", "directPay");
        p.put("extra_common_param", "order-20261126-0001");
        return p;
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex(byte[] b) {
        char[] c = new char[b.length * 2];
        for (int i = 0; i < b.length; i++) {
            c[2 * i] = HEX[(b[i] >> 4) & 0xF];
            c[2 * i + 1] = HEX[b[i] & 0xF];
        }
        return new String(c);
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("set-up: " + what);
        }
    }
}
