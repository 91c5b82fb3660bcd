package io.github.alipaystarter.core.conformance;

import io.github.alipaystarter.core.protocol.notify.FormData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One item of real traffic that another project published: a request, a notification, a return, or a
 * gateway answer, with its source and the outcome the spec expects. Items live in
 * {@code src/test/resources/conformance/*.txt} (listed in {@code index.list}): header lines
 * {@code name: value}, a line {@code ---}, then the raw text exactly as published (see README there).
 *
 * <p>Public so that other modules' tests (the sandbox's request checker) read the same data through the
 * core's test-jar.
 */
public record ConformanceItem(String name, Map<String, String> headers, String raw) {

    /**
     * Alipay's RSA public key for the mapi gateway (SHA1withRSA notifications), as published in
     * https://github.com/lokielse/omnipay-alipay/blob/ae7956ea286cdf6f32ae29cba33d3f03393089f3/tests/Assets/dist/legacy/alipay_public_key.pem
     * (and as AlipayPubKey in Alipay's mobile SDK demo configuration).
     */
    public static final String ALIPAY_MAPI_PUBLIC_KEY = "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCnxj/9qwVfgoUh/y2W89L6BkRA"
            + "FljhNhgPdyPuBV64bfQNN1PjbCzkIM6qRdKBoLPXmKKMiFYnkd6rAoprih3/PrQE"
            + "B/VsW8OoM8fxn67UDYuyBTqA23MML9q1+ilIZwBC2AQ2UBVOrFXfFl75p6/B5Ksi"
            + "NG9zpgmLCUYuLkxpLQIDAQAB";

    /** The header value of {@code key} that names Alipay's RSA key instead of an MD5 key. */
    public static final String ALIPAY_RSA = "ALIPAY_MAPI_RSA";

    private static final Pattern PHP_ENTRY = Pattern.compile("^\\s*'([^']*)' => '(.*)',\\s*$");

    public static List<ConformanceItem> all() {
        List<ConformanceItem> items = new ArrayList<>();
        for (String file : read("conformance/index.list").split("\n")) {
            if (!file.isBlank()) {
                items.add(parse(file.strip(), read("conformance/" + file.strip())));
            }
        }
        return Collections.unmodifiableList(items);
    }

    static ConformanceItem parse(String file, String text) {
        int separator = text.indexOf("\n---\n");
        if (separator < 0) {
            throw new IllegalStateException(file + ": no --- line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line : text.substring(0, separator).split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                headers.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        String raw = text.substring(separator + 5);
        raw = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        for (String required : List.of("source", "kind", "format", "charset")) {
            if (!headers.containsKey(required)) {
                throw new IllegalStateException(file + ": no " + required + " header");
            }
        }
        return new ConformanceItem(file.replaceFirst("\\.txt$", ""), Collections.unmodifiableMap(headers), raw);
    }

    private static String read(String resource) {
        try (InputStream in = ConformanceItem.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String kind() {
        return headers.get("kind");
    }

    public String header(String name) {
        return headers.get(name);
    }

    public String expect(String what) {
        return headers.get("expect." + what);
    }

    public Charset charset() {
        return Charset.forName(headers.get("charset"));
    }

    /** The MD5 key published with the item, or null (none, or Alipay's RSA key). */
    public String md5Key() {
        String key = headers.get("key");
        return key == null || key.equals(ALIPAY_RSA) ? null : key;
    }

    public boolean signedByAlipayRsa() {
        return ALIPAY_RSA.equals(headers.get("key"));
    }

    /**
     * The parameters, decoded exactly once: {@code form} is a form body or query string (percent-encoded in
     * the item's charset); {@code url} the query of a URL; {@code params} decoded values joined with
     * {@code &} as logs print them (split at the first {@code =}); {@code params-url} the same after a URL's
     * {@code ?}; {@code php-array} PHP's var_export of the decoded parameters.
     */
    public Map<String, String> parameters() {
        String format = headers.get("format");
        return switch (format) {
            case "form" -> FormData.decode(raw, charset());
            case "url" -> FormData.decode(raw.substring(raw.indexOf('?') + 1), charset());
            case "params" -> pairs(raw);
            case "params-url" -> pairs(raw.substring(raw.indexOf('?') + 1));
            case "php-array" -> php(raw);
            default -> throw new IllegalStateException(name + ": format " + format + " has no parameters");
        };
    }

    private static Map<String, String> pairs(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : text.split("&")) {
            int eq = pair.indexOf('=');
            p.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        return p;
    }

    private static Map<String, String> php(String text) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = PHP_ENTRY.matcher(line);
            if (m.matches()) {
                p.put(m.group(1), m.group(2));
            }
        }
        return p;
    }

    @Override
    public String toString() {
        return name;
    }
}
