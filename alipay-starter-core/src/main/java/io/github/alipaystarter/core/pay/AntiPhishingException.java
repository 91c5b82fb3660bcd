package io.github.alipaystarter.core.pay;

/**
 * Anti-phishing is on and a payment request cannot carry what Alipay then requires: the buyer's IPv4 address
 * (exter_invoke_ip) or a fresh anti_phishing_key from query_timestamp. No request was built and nothing was
 * recorded; {@link #reason()} says which.
 */
public class AntiPhishingException extends RuntimeException {

    /** Why the request could not be made. */
    public enum Reason {
        /** No buyer address: recordAndSign was called outside the buyer's HTTP request. */
        NO_CLIENT_ADDRESS,
        /** The buyer's address is not IPv4 (exter_invoke_ip takes IPv4 only, table 4-1 String(15)). */
        NOT_IPV4,
        /** query_timestamp could not be asked or gave no key. */
        NO_ANTI_PHISHING_KEY
    }

    private final Reason reason;

    public AntiPhishingException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
