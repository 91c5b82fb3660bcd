package io.github.alipaystarter.sandbox;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading requests and writing answers for the sandbox's HTTP handlers. */
final class HttpAnswers {

    private static final int MAX_BODY = 2 * 1024 * 1024;
    private static final String XML_ANSWER = "alipay-sandbox.xml-answer";
    private static final Pattern IS_SUCCESS = Pattern.compile("<is_success>(\\w)</is_success>");
    private static final Pattern ERROR = Pattern.compile("<error>([^<]*)</error>");
    private static final Pattern TRADE_STATUS = Pattern.compile("<trade_status>([^<]*)</trade_status>");

    private HttpAnswers() {
    }

    static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new IOException("request body larger than " + MAX_BODY + " bytes");
            }
            return body;
        }
    }

    /** The query and (for a POST) the form of a sandbox page, in UTF-8; empty when malformed. */
    static Map<String, String> readForm(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestMethod().equalsIgnoreCase("POST") ? readBody(exchange) : new byte[0];
        try {
            Map<String, String> p = SandboxCodec.decodeForm(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
            p.putAll(SandboxCodec.decodeForm(body, StandardCharsets.UTF_8));
            return p;
        } catch (SandboxCodec.MalformedFormException e) {
            return Map.of();
        }
    }

    /** Alipay's error page, answered with 200 as Alipay does; the code and parameter in headers for tests. */
    static void errorPage(HttpExchange exchange, SandboxRejection r) throws IOException {
        exchange.getResponseHeaders().add("X-Sandbox-Error-Code", r.code());
        if (r.parameter() != null) {
            exchange.getResponseHeaders().add("X-Sandbox-Error-Parameter", r.parameter());
        }
        html(exchange, 200, Pages.error(r));
    }

    static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    static void html(HttpExchange exchange, int status, String html) throws IOException {
        text(exchange, status, "text/html;charset=utf-8", html);
    }

    /** An {@code <alipay>} answer in the request's charset; {@code inner} is kept for {@link #xmlSummary}. */
    static void xml(HttpExchange exchange, Charset cs, String inner) throws IOException {
        String wire = SandboxCodec.wireName(cs);
        byte[] body = ("<?xml version=\"1.0\" encoding=\"" + wire + "\"?>\n<alipay>" + inner + "</alipay>").getBytes(cs);
        exchange.setAttribute(XML_ANSWER, inner);
        send(exchange, 200, "text/xml;charset=" + wire, body);
    }

    /** {@code T}, {@code F ILLEGAL_SIGN}, or {@code T TRADE_SUCCESS}: the gist of an XML answer, for the console. */
    static String xmlSummary(HttpExchange exchange) {
        Object inner = exchange.getAttribute(XML_ANSWER);
        if (!(inner instanceof String x)) {
            return "(no answer)";
        }
        Matcher ok = IS_SUCCESS.matcher(x);
        Matcher error = ERROR.matcher(x);
        Matcher status = TRADE_STATUS.matcher(x);
        return (ok.find() ? ok.group(1) : "?") + (error.find() ? " " + error.group(1) : "")
                + (status.find() ? " " + status.group(1) : "");
    }

    static void text(HttpExchange exchange, int status, String contentType, String text) throws IOException {
        send(exchange, status, contentType, text.getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
