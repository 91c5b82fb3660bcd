package io.github.alipaystarter.sandbox;

import static io.github.alipaystarter.sandbox.HttpAnswers.errorPage;
import static io.github.alipaystarter.sandbox.HttpAnswers.html;
import static io.github.alipaystarter.sandbox.HttpAnswers.xml;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Map;

/**
 * {@code /gateway.do}: decodes the request in the charset its URL names (gbk when it names none, as
 * Alipay does) and answers its service: create_direct_pay_by_user (the cashier, or Alipay's error
 * page), notify_verify, query_timestamp and single_trade_query. Injected gateway faults apply first.
 */
final class GatewayHandler {

    private static final String ILLEGAL_PARTNER = "<is_success>F</is_success><error>ILLEGAL_PARTNER</error>";
    private static final String ILLEGAL_SIGN = "<is_success>F</is_success><error>ILLEGAL_SIGN</error>";

    private final SandboxParts parts;
    private final SandboxTrades trades;
    private final AntiPhishingKeys antiPhishingKeys;
    private final CashierHandler cashier;

    GatewayHandler(SandboxParts parts, SandboxTrades trades, AntiPhishingKeys antiPhishingKeys, CashierHandler cashier) {
        this.parts = parts;
        this.trades = trades;
        this.antiPhishingKeys = antiPhishingKeys;
        this.cashier = cashier;
    }

    void handle(HttpExchange exchange) throws IOException {
        SandboxFault fault = parts.faults().gateway();
        if (fault == SandboxFault.HANG) {
            parts.faults().hang();
            return;
        }
        if (fault == SandboxFault.HTTP_500) {
            html(exchange, 500, Pages.message("SYSTEM_ERROR", "支付宝系统错误 · SYSTEM_ERROR (sandbox fault injection)"));
            return;
        }
        String rawQuery = exchange.getRequestURI().getRawQuery();
        // The gateway takes the charset from the URL before it reads anything else: a form whose
        // action lacks ?_input_charset= is read as gbk (hence the rule in rules v1.4, 3).
        Charset fromUrl = SandboxCodec.legalCharset(SandboxCodec.rawValue(rawQuery, "_input_charset"));
        Charset decodeIn = fromUrl != null ? fromUrl : SandboxCodec.GATEWAY_DEFAULT_CHARSET;
        Map<String, String> params;
        try {
            params = decode(exchange, rawQuery, decodeIn);
        } catch (SandboxCodec.MalformedFormException e) {
            String code = "_input_charset".equals(e.parameter) ? "ILLEGAL_CHARSET" : "ILLEGAL_ARGUMENT";
            SandboxRejection r = new SandboxRejection(code, ErrorTexts.meaning(code), e.parameter, e.getMessage(), null,
                    SandboxCodec.wireName(decodeIn), Map.of(), parts.clock().instant());
            trades.refused(r);
            errorPage(exchange, r);
            return;
        }
        String service = params.getOrDefault("service", "");
        switch (service) {
            case "notify_verify" -> notifyVerify(exchange, params);
            case "query_timestamp" -> {
                queryTimestamp(exchange, params, decodeIn);
                parts.events().query(service, params, HttpAnswers.xmlSummary(exchange));
            }
            case "single_trade_query" -> {
                singleTradeQuery(exchange, params, decodeIn);
                parts.events().query(service, params, HttpAnswers.xmlSummary(exchange));
            }
            default -> createDirectPay(exchange, params, decodeIn, fromUrl == null);
        }
    }

    /** The URL's parameters and the form's; one named in both with different values is malformed. */
    private static Map<String, String> decode(HttpExchange exchange, String rawQuery, Charset decodeIn)
            throws IOException, SandboxCodec.MalformedFormException {
        boolean post = exchange.getRequestMethod().equalsIgnoreCase("POST");
        byte[] body = post ? HttpAnswers.readBody(exchange) : new byte[0];
        Map<String, String> params = SandboxCodec.decodeForm(rawQuery, decodeIn);
        if (body.length > 0) {
            Map<String, String> form = SandboxCodec.decodeForm(body, decodeIn);
            for (Map.Entry<String, String> e : form.entrySet()) {
                String before = params.putIfAbsent(e.getKey(), e.getValue());
                if (before != null && !before.equals(e.getValue())) {
                    throw new SandboxCodec.MalformedFormException(e.getKey(), "parameter '" + e.getKey()
                            + "' is in the URL as '" + before + "' and in the form as '" + e.getValue() + "'");
                }
            }
        }
        return params;
    }

    private void createDirectPay(HttpExchange exchange, Map<String, String> params, Charset decodeIn, boolean defaulted)
            throws IOException {
        String remoteIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        TradeRecord t;
        try {
            t = trades.accept(params, new PayRequestChecker.Arrival(decodeIn, defaulted, remoteIp, false));
        } catch (SandboxRejectedException e) {
            errorPage(exchange, e.rejection());
            return;
        }
        html(exchange, 200, Pages.cashier(t, cashier.open(t)));
    }

    private void notifyVerify(HttpExchange exchange, Map<String, String> params) throws IOException {
        SandboxFault fault = parts.faults().notifyVerify();
        if (fault == SandboxFault.HANG) {
            parts.faults().hang();
            return;
        }
        String partner = params.get("partner");
        String notifyId = params.get("notify_id");
        if (fault == SandboxFault.HTTP_500) {
            parts.events().notifyVerify(partner, notifyId, "HTTP 500 (fault injected)");
            HttpAnswers.text(exchange, 500, "text/html;charset=utf-8", "SYSTEM_ERROR");
            return;
        }
        boolean forcedFalse = fault == SandboxFault.ANSWER_FALSE;
        String answer = forcedFalse ? "false" : verify(partner, notifyId);
        parts.events().notifyVerify(partner, notifyId, answer + (forcedFalse ? " (fault injected: false)" : ""));
        HttpAnswers.text(exchange, 200, "text/plain;charset=utf-8", answer);
    }

    /** What notify_verify answers: {@code true}, {@code false} or {@code invalid}. */
    String verify(String partner, String notifyId) {
        return parts.notifyIds().verify(partner, notifyId, parts.merchant(partner) != null);
    }

    private void queryTimestamp(HttpExchange exchange, Map<String, String> params, Charset cs) throws IOException {
        String partner = params.get("partner");
        SandboxMerchant m = parts.merchant(partner);
        if (m == null) {
            xml(exchange, cs, ILLEGAL_PARTNER);
            return;
        }
        if (params.containsKey("sign") && !parts.signer().verifyFromMerchant(m, params, signCharset(params, cs))) {
            xml(exchange, cs, ILLEGAL_SIGN);
            return;
        }
        String key = antiPhishingKeys.issue(partner);
        xml(exchange, cs, "<is_success>T</is_success><request><param name=\"service\">query_timestamp</param>"
                + "<param name=\"partner\">" + Pages.escape(partner) + "</param></request>"
                + "<response><timestamp><encrypt_key>" + key + "</encrypt_key></timestamp></response>");
    }

    private static Charset signCharset(Map<String, String> params, Charset decodedIn) {
        Charset cs = SandboxCodec.legalCharset(params.get("_input_charset"));
        return cs != null ? cs : decodedIn;
    }

    private void singleTradeQuery(HttpExchange exchange, Map<String, String> params, Charset decodedIn) throws IOException {
        Charset cs = signCharset(params, decodedIn);
        String partner = params.get("partner");
        SandboxMerchant m = parts.merchant(partner);
        if (m == null) {
            xml(exchange, cs, ILLEGAL_PARTNER);
            return;
        }
        if (!m.signType().name().equals(params.get("sign_type"))) {
            xml(exchange, cs, "<is_success>F</is_success><error>ILLEGAL_SIGN_TYPE</error>");
            return;
        }
        if (!parts.signer().verifyFromMerchant(m, params, cs)) {
            xml(exchange, cs, ILLEGAL_SIGN);
            return;
        }
        TradeRecord t = trades.find(partner, params.get("out_trade_no"), params.get("trade_no"));
        if (t == null) {
            xml(exchange, cs, "<is_success>F</is_success><error>TRADE_NOT_EXIST</error>");
            return;
        }
        Map<String, String> fields;
        synchronized (t) {
            fields = TradeFields.query(t, parts.clock().instant());
        }
        // the answer's sign covers the <trade> elements, canonical as in spec 9.1
        String sign = parts.signer().signature(m, SandboxCodec.canonical(fields), cs);
        StringBuilder x = new StringBuilder("<is_success>T</is_success><request>");
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (!e.getKey().equals("sign") && !e.getKey().equals("sign_type")) {
                x.append("<param name=\"").append(Pages.escape(e.getKey())).append("\">").append(Pages.escape(e.getValue())).append("</param>");
            }
        }
        x.append("</request><response><trade>");
        fields.forEach((k, v) -> x.append('<').append(k).append('>').append(Pages.escape(v)).append("</").append(k).append('>'));
        x.append("</trade></response><sign>").append(Pages.escape(sign)).append("</sign><sign_type>")
                .append(m.signType().name()).append("</sign_type>");
        xml(exchange, cs, x.toString());
    }
}
