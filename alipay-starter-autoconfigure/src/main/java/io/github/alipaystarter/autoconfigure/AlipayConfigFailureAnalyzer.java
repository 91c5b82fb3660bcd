package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link AlipayConfigException} (the integration guide's 5.2 checks) into a start-up failure
 * message that names the {@code alipay.*} property, the problem and the fix. The exception never holds
 * a secret's value, and neither does this message.
 */
class AlipayConfigFailureAnalyzer extends AbstractFailureAnalyzer<AlipayConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AlipayConfigException cause) {
        String property = propertyName(cause.property());
        String description = "Invalid Alipay configuration:\n\n    Property: " + property + "\n    Problem:  "
                + cause.problem() + "\n";
        String action = "Fix " + property + ": " + cause.fix()
                + "\n\nIf this application takes no Alipay payments, set alipay.enabled=false.";
        return new FailureAnalysis(description, action, cause);
    }

    /** Core names properties without the prefix ({@code partner}, {@code notify-url}). */
    static String propertyName(String coreProperty) {
        if (coreProperty == null || coreProperty.isBlank()) {
            return "alipay.*";
        }
        return coreProperty.startsWith("alipay.") ? coreProperty : "alipay." + coreProperty;
    }

}
