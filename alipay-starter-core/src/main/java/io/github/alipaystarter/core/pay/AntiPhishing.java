package io.github.alipaystarter.core.pay;

import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Anti-phishing (防钓鱼), for an account on which Alipay turned it on: every request gets a fresh
 * {@code anti_phishing_key} (the encrypt_key of {@code service=query_timestamp}, sent exactly as received)
 * and {@code exter_invoke_ip}, the buyer's IPv4 address, which Alipay compares with the address the
 * buyer's browser comes from (guide 5.1: once set it must never be empty).
 *
 * <p>The buyer's address comes from {@code clientAddress}: in a web application the current request's
 * client address (behind a proxy, the forwarded one). When it is missing or not IPv4 (an IPv4-mapped IPv6
 * address {@code ::ffff:a.b.c.d} is taken as IPv4), or when query_timestamp fails, {@link #customize} throws
 * {@link AntiPhishingException} before the gateway is asked or anything is recorded.
 */
public final class AntiPhishing implements DirectPayCustomizer {

    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    private final AlipayGateway gateway;
    private final Supplier<String> clientAddress;

    /**
     * @param clientAddress the buyer's address for the request being built, or null when there is none
     *     (e.g. outside an HTTP request)
     */
    public AntiPhishing(AlipayGateway gateway, Supplier<String> clientAddress) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
    }

    @Override
    public PaymentRequest customize(PaymentRequest request) {
        String ip = buyerIpv4();
        String key;
        try {
            key = gateway.queryTimestamp();
        } catch (RuntimeException e) {
            throw new AntiPhishingException(AntiPhishingException.Reason.NO_ANTI_PHISHING_KEY,
                    "Anti-phishing is on (alipay.anti-phishing.enabled) and the anti_phishing_key could not be fetched"
                            + " from the gateway (service=query_timestamp): " + e.getMessage()
                            + ". No payment request was made; try again when the gateway answers.", e);
        }
        if (key == null || key.isBlank()) {
            throw new AntiPhishingException(AntiPhishingException.Reason.NO_ANTI_PHISHING_KEY,
                    "Anti-phishing is on and query_timestamp answered without an encrypt_key; no payment request was made",
                    null);
        }
        return request.toBuilder().antiPhishingKey(key).exterInvokeIp(ip).build();
    }

    private String buyerIpv4() {
        String address = clientAddress.get();
        if (address == null || address.isBlank()) {
            throw new AntiPhishingException(AntiPhishingException.Reason.NO_CLIENT_ADDRESS,
                    "Anti-phishing is on (alipay.anti-phishing.enabled) and exter_invoke_ip needs the buyer's IP"
                            + " address, but no HTTP request is bound to this thread: call recordAndSign while handling"
                            + " the buyer's request (not from a scheduled job or another thread)", null);
        }
        String ip = address.trim();
        if (ip.regionMatches(true, 0, "::ffff:", 0, 7) && IPV4.matcher(ip.substring(7)).matches()) {
            ip = ip.substring(7);
        }
        if (!IPV4.matcher(ip).matches()) {
            throw new AntiPhishingException(AntiPhishingException.Reason.NOT_IPV4,
                    "Anti-phishing is on and the buyer's address " + ip + " is not an IPv4 address; Alipay's"
                            + " exter_invoke_ip takes IPv4 only (table 4-1, String(15)). Serve the payment page over IPv4,"
                            + " or, behind a proxy, forward the buyer's IPv4 address (server.forward-headers-strategy)",
                    null);
        }
        return ip;
    }
}
