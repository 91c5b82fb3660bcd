package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.payment.Outcome;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the return endpoint sends the buyer: {@code alipay.web.result-url} with {@code {outTradeNo}}
 * and {@code {outcome}} replaced, URL-encoded (UTF-8). Without either placeholder both are appended as
 * the query parameters {@code outTradeNo} and {@code outcome}. A template starting with a single
 * {@code /} is relative to the context path.
 */
public final class ResultLocation {

    static final String OUT_TRADE_NO = "{outTradeNo}";

    static final String OUTCOME = "{outcome}";

    private final String template;

    public ResultLocation(String template) {
        this.template = (template == null || template.isBlank()) ? "/" : template.trim();
    }

    public String resolve(String contextPath, String outTradeNo, Outcome outcome) {
        String no = encode((outTradeNo != null) ? outTradeNo : "");
        String out = encode(outcome.name());
        String location;
        if (this.template.contains(OUT_TRADE_NO) || this.template.contains(OUTCOME)) {
            location = this.template.replace(OUT_TRADE_NO, no).replace(OUTCOME, out);
        }
        else {
            int hash = this.template.indexOf('#');
            String base = (hash >= 0) ? this.template.substring(0, hash) : this.template;
            String fragment = (hash >= 0) ? this.template.substring(hash) : "";
            String separator = !base.contains("?") ? "?" : (base.endsWith("?") || base.endsWith("&")) ? "" : "&";
            location = base + separator + "outTradeNo=" + no + "&outcome=" + out + fragment;
        }
        if (location.startsWith("/") && !location.startsWith("//") && contextPath != null) {
            location = contextPath + location;
        }
        return location;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
