package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks for configurations that start but are risky: the application keeps running, with a warning.
 * A gateway on this machine (the sandbox) is taken as a test set-up, where local URLs are right; a
 * gateway elsewhere cannot reach a local notify-url. Messages name properties and URLs, never a secret.
 */
final class AlipayConfigWarnings {

    private AlipayConfigWarnings() {
    }

    static List<String> check(AlipayConfig config) {
        List<String> warnings = new ArrayList<>();
        URI gateway = config.gatewayUrl();
        boolean localGateway = isLocal(gateway);
        // An http gateway that is not on this machine no longer starts (core ConfigValidation, spec 4.2).
        URI notifyUrl = config.notifyUrl();
        if (notifyUrl == null) {
            warnings.add("alipay.notify-url is not set: Alipay sends no asynchronous notification, and a payment "
                    + "whose buyer closes the page before the return is only found by reconciliation. Set "
                    + "alipay.notify-url to the public URL of alipay.web.notify-path.");
        }
        else if (!localGateway && isLocal(notifyUrl)) {
            warnings.add("alipay.notify-url " + notifyUrl + " points at a local address that Alipay ("
                    + gateway.getHost() + ") cannot reach: notifications will never arrive. Use the public URL "
                    + "of this application, or the sandbox as alipay.gateway-url for local tests.");
        }
        URI returnUrl = config.returnUrl();
        if (returnUrl != null && !localGateway && isLocal(returnUrl)) {
            warnings.add("alipay.return-url " + returnUrl + " points at a local address: only a buyer on this "
                    + "machine comes back to it. Use the public URL of this application.");
        }
        return warnings;
    }

    /** Loopback, site-local or link-local (by literal address or the name localhost); no DNS lookup. */
    static boolean isLocal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            return true;
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!isIpLiteral(host)) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(host); // a literal: parsed, not looked up
            return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress();
        }
        catch (UnknownHostException ex) {
            return false;
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || (host.contains(":") && host.matches("[0-9a-f:.%]+"));
    }

}
