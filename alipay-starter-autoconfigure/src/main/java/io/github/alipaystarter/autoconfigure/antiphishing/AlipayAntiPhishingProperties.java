package io.github.alipaystarter.autoconfigure.antiphishing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Anti-phishing (防钓鱼), to be turned on when Alipay turned it on for the merchant's account.
 */
@ConfigurationProperties("alipay.anti-phishing")
public class AlipayAntiPhishingProperties {

    /**
     * Whether every payment request fetches a fresh anti_phishing_key (service=query_timestamp) and sends the
     * buyer's IPv4 address, taken from the current HTTP request (honouring server.forward-headers-strategy),
     * as exter_invoke_ip. Turn it on only when Alipay enabled anti-phishing for the account.
     */
    private boolean enabled = false;

    public boolean isEnabled() {
        return this.enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

}
