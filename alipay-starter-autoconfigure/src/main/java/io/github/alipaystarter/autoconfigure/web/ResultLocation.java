package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.AlipayConfigException;
import io.github.alipaystarter.core.payment.Outcome;
import java.util.Map;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Where the return endpoint sends the buyer: {@code alipay.web.result-url}, a URI template in which
 * {@code {outTradeNo}} and {@code {outcome}} are replaced by their values, encoded (UTF-8, every
 * reserved character included) by Spring's {@link UriComponentsBuilder}. Without either placeholder
 * both are added as the query parameters {@code outTradeNo} and {@code outcome}. A template starting
 * with a single {@code /} is relative to the context path. A template that is not a URI, or that names
 * other placeholders, is refused when the endpoint is created.
 */
public final class ResultLocation {

    static final String OUT_TRADE_NO = "outTradeNo";

    static final String OUTCOME = "outcome";

    private final String template;

    private final boolean placeholders;

    public ResultLocation(String template) {
        this.template = (template == null || template.isBlank()) ? "/" : template.trim();
        this.placeholders = this.template.contains("{" + OUT_TRADE_NO + "}")
                || this.template.contains("{" + OUTCOME + "}");
        try {
            resolve("", "", Outcome.PAID);
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            throw new AlipayConfigException("web.result-url", "is not a URL template that can be filled in ("
                    + ex.getMessage() + ")", "give a path such as /orders/{outTradeNo}/result or an absolute URL;"
                    + " only {outTradeNo} and {outcome} are filled in");
        }
    }

    public String resolve(String contextPath, String outTradeNo, Outcome outcome) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUriString(this.template);
        if (!this.placeholders) {
            builder.queryParam(OUT_TRADE_NO, "{" + OUT_TRADE_NO + "}").queryParam(OUTCOME, "{" + OUTCOME + "}");
        }
        String location = builder.encode()
            .buildAndExpand(Map.of(OUT_TRADE_NO, (outTradeNo != null) ? outTradeNo : "", OUTCOME, outcome.name()))
            .toUriString();
        if (location.startsWith("/") && !location.startsWith("//") && contextPath != null) {
            location = contextPath + location;
        }
        return location;
    }

}
