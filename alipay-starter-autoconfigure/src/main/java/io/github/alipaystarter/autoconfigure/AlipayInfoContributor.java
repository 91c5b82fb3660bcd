package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfig;
import io.github.alipaystarter.core.store.NotificationJournal;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds {@code alipay} to the actuator's info endpoint: which merchant, which gateway (the real one or a
 * sandbox), which charset and URLs, and which ledger and journal are in use. Holds no secret: neither
 * the key nor the private key.
 */
public class AlipayInfoContributor implements InfoContributor {

    private final Map<String, Object> details;

    public AlipayInfoContributor(AlipayConfig config, PaymentLedger ledger, NotificationJournal journal) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("partner", config.partner());
        details.put("seller", config.seller());
        details.put("signType", config.signType().name());
        details.put("inputCharset", config.inputCharsetName());
        details.put("gatewayUrl", config.gatewayUrl().toString());
        details.put("realGateway", config.gatewayUrl().equals(AlipayConfig.DEFAULT_GATEWAY));
        putIfPresent(details, "notifyUrl", config.notifyUrl());
        putIfPresent(details, "returnUrl", config.returnUrl());
        details.put("ledger", ledger.getClass().getSimpleName());
        details.put("journal", journal.getClass().getSimpleName());
        this.details = Map.copyOf(details);
    }

    private static void putIfPresent(Map<String, Object> details, String name, Object value) {
        if (value != null) {
            details.put(name, value.toString());
        }
    }

    @Override
    public void contribute(Info.Builder builder) {
        builder.withDetail("alipay", this.details);
    }

}
