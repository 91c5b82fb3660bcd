package io.github.alipaystarter.sandbox;

import io.github.alipaystarter.core.protocol.notify.FormData;
import io.github.alipaystarter.core.protocol.sign.AlipaySigner;
import io.github.alipaystarter.core.protocol.sign.Md5Signer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests as a merchant would send them, signed and encoded with the CORE's signer and form encoder,
 * so that each test is also a cross-check of two independent implementations.
 */
final class SandboxTestSupport {

    static final Charset GBK = Charset.forName("GBK");
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private SandboxTestSupport() {
    }

    /** The required parameters of a 0.01-yuan request, unsigned. */
    static Map<String, String> request(SandboxMerchant m, String outTradeNo, String charset) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "create_direct_pay_by_user");
        p.put("partner", m.partner());
        p.put("_input_charset", charset);
        p.put("out_trade_no", outTradeNo);
        p.put("subject", "测试商品 test item");
        p.put("total_fee", "0.01");
        p.put("payment_type", "1");
        p.put("seller_id", m.sellerId());
        return p;
    }

    static Map<String, String> sign(SandboxMerchant m, Map<String, String> p) {
        Charset cs = SandboxCodec.legalCharset(p.get("_input_charset"));
        return new AlipaySigner(new Md5Signer(m.key()), cs != null ? cs : GBK).signParameters(p);
    }

    /** GET gateway?all parameters, encoded by the core in {@code cs}. */
    static HttpResponse<String> get(URI gateway, Map<String, String> params, Charset cs) throws IOException, InterruptedException {
        URI uri = URI.create(gateway + "?" + FormData.encode(params, cs));
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A form POST like the spec's: action gateway?_input_charset=cs (unless {@code actionCharset} is null). */
    static HttpResponse<String> post(URI gateway, String actionCharset, Map<String, String> params, Charset cs)
            throws IOException, InterruptedException {
        URI uri = actionCharset == null ? gateway : URI.create(gateway + "?_input_charset=" + actionCharset);
        return postForm(uri, FormData.encode(params, cs));
    }

    static HttpResponse<String> postForm(URI uri, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.US_ASCII)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static String errorCode(HttpResponse<?> r) {
        return r.headers().firstValue("X-Sandbox-Error-Code").orElse(null);
    }

    static String errorParameter(HttpResponse<?> r) {
        return r.headers().firstValue("X-Sandbox-Error-Parameter").orElse(null);
    }

    /** The checkout token in a cashier page. */
    static String token(String cashierPage) {
        Matcher m = Pattern.compile("name=\"token\" value=\"([0-9a-f]+)\"").matcher(cashierPage);
        if (!m.find()) {
            throw new AssertionError("no cashier token in:\n" + cashierPage);
        }
        return m.group(1);
    }

    /** notify_verify over HTTP, the notify_id URL-encoded exactly once (spec 10). */
    static String notifyVerify(AlipaySandbox sandbox, String partner, String notifyId) throws IOException, InterruptedException {
        URI uri = URI.create(sandbox.gatewayUrl() + "?service=notify_verify&partner=" + partner + "&notify_id="
                + FormData.encode(notifyId, StandardCharsets.UTF_8));
        return get(uri).body();
    }
}
