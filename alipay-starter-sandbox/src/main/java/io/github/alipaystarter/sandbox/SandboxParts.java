package io.github.alipaystarter.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * What the parts of one sandbox share: its merchants by partner, its clock, "Alipay's" signer, the
 * notify_ids it handed out, the notifier, the console and the injected faults.
 */
record SandboxParts(Map<String, SandboxMerchant> merchants, Clock clock, SandboxSigner signer, NotifyIds notifyIds,
        Notifier notifier, ConsoleEvents events, SandboxFaults faults) {

    SandboxMerchant merchant(String partner) {
        return partner == null ? null : merchants.get(partner);
    }

    /** @throws NoSuchElementException when the partner is not a merchant of this sandbox */
    SandboxMerchant requireMerchant(String partner) {
        SandboxMerchant m = merchant(partner);
        if (m == null) {
            throw new NoSuchElementException("partner " + partner + " is not a merchant of this sandbox");
        }
        return m;
    }
}
