package io.github.alipaystarter.core.pay;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Map;

/**
 * A validated, signed create_direct_pay_by_user request, ready to send the buyer to the gateway.
 */
public final class SignedPayment {

    SignedPayment() {
        throw new UnsupportedOperationException("TODO core: SignedPayment");
    }

    public String outTradeNo() { throw new UnsupportedOperationException("TODO core"); }

    /** total_fee, or price × quantity; scale 2. */
    public BigDecimal amount() { throw new UnsupportedOperationException("TODO core"); }

    public String subject() { throw new UnsupportedOperationException("TODO core"); }

    /** Every parameter sent, including sign and sign_type, in a stable order; unmodifiable. */
    public Map<String, String> parameters() { throw new UnsupportedOperationException("TODO core"); }

    /**
     * An auto-submitting HTML form (POST, the spec's recommendation): action
     * {@code <gateway>?_input_charset=<cs>}, accept-charset the input charset, every parameter a hidden
     * field with its value HTML-escaped, and a button for browsers without script. A fragment, not
     * a page; {@link #toHtmlPage()} wraps it.
     */
    public String toHtmlForm() { throw new UnsupportedOperationException("TODO core"); }

    /** A whole HTML page (meta charset = the input charset) that holds {@link #toHtmlForm()}. */
    public String toHtmlPage() { throw new UnsupportedOperationException("TODO core"); }

    /** The GET URL: the gateway with every parameter percent-encoded in the input charset. */
    public URI toRedirectUrl() { throw new UnsupportedOperationException("TODO core"); }
}
