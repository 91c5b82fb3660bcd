package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.protocol.notify.FormData;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validated, signed create_direct_pay_by_user request, ready to send the buyer to the gateway.
 * Immutable; render it as often as needed.
 *
 * <p>Whatever is rendered must reach the browser in the {@code _input_charset}: serve
 * {@link #toHtmlPage()} or a page holding {@link #toHtmlForm()} with
 * {@code Content-Type: text/html;charset=<input charset>} (the form's {@code accept-charset} makes the
 * browser submit in that charset, but the page's own text must also survive the trip).
 */
public final class SignedPayment {

    static final String FORM_ID = "alipaysubmit";

    private final String outTradeNo;
    private final BigDecimal amount;
    private final String subject;
    private final Map<String, String> parameters;
    private final URI gatewayUrl;
    private final Charset charset;
    private final String charsetName;

    SignedPayment(String outTradeNo, BigDecimal amount, String subject, Map<String, String> parameters,
            URI gatewayUrl, Charset charset, String charsetName) {
        this.outTradeNo = outTradeNo;
        this.amount = amount;
        this.subject = subject;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.gatewayUrl = gatewayUrl;
        this.charset = charset;
        this.charsetName = charsetName;
    }

    public String outTradeNo() {
        return outTradeNo;
    }

    /** total_fee, or price × quantity; scale 2. */
    public BigDecimal amount() {
        return amount;
    }

    public String subject() {
        return subject;
    }

    /** Every parameter sent, including sign and sign_type, in a stable order; unmodifiable. */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** The gateway the request goes to (the configured gateway URL, without a query). */
    public URI gatewayUrl() {
        return gatewayUrl;
    }

    /** The _input_charset the request was signed in and must be sent in. */
    public Charset inputCharset() {
        return charset;
    }

    /**
     * An auto-submitting HTML form (POST, the spec's recommendation): action
     * {@code <gateway>?_input_charset=<cs>}, accept-charset the input charset, every parameter a
     * hidden field with its value HTML-escaped, and a visible submit button for browsers without
     * script (or with inline script blocked by a Content Security Policy). A fragment, not a page;
     * {@link #toHtmlPage()} wraps it. The form holds only Alipay's parameters: the button has no
     * name, so it adds nothing to the submission (rules v1.4: no other data in the form).
     */
    public String toHtmlForm() {
        StringBuilder html = new StringBuilder(512 + parameters.size() * 64);
        html.append("<form id=\"").append(FORM_ID).append("\" name=\"").append(FORM_ID).append("\" action=\"")
                .append(escape(formAction())).append("\" method=\"post\" accept-charset=\"")
                .append(escape(charsetName)).append("\">\n");
        parameters.forEach((name, value) -> html.append("<input type=\"hidden\" name=\"").append(escape(name))
                .append("\" value=\"").append(escape(value)).append("\"/>\n"));
        html.append("<button type=\"submit\">前往支付宝付款 / Continue to Alipay</button>\n");
        html.append("</form>\n");
        html.append("<script>document.getElementById(\"").append(FORM_ID).append("\").submit();</script>\n");
        return html.toString();
    }

    /** A whole HTML page (meta charset = the input charset) that holds {@link #toHtmlForm()}. */
    public String toHtmlPage() {
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"" + escape(charsetName) + "\">\n"
                + "<title>正在跳转到支付宝 / Redirecting to Alipay</title>\n</head>\n<body>\n"
                + toHtmlForm() + "</body>\n</html>\n";
    }

    /**
     * The GET URL: the gateway with every parameter percent-encoded in the input charset (each name
     * and value encoded exactly once, a space as {@code %20}).
     */
    public URI toRedirectUrl() {
        return URI.create(gatewayUrl + "?" + FormData.encode(parameters, charset));
    }

    /** {@code <gateway>?_input_charset=<cs>}, as rules v1.4 (接口构造) asks of a form's action. */
    String formAction() {
        return gatewayUrl + "?_input_charset=" + FormData.encode(charsetName, charset);
    }

    /** Escapes text for an HTML attribute value or text node: {@code & < > " '}. */
    static String escape(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (sb == null) {
                    sb = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                sb.append(replacement);
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }

    @Override
    public String toString() {
        return "SignedPayment{outTradeNo=" + outTradeNo + ", amount=" + amount.toPlainString() + ", subject=" + subject
                + ", gateway=" + gatewayUrl + "}";
    }
}
