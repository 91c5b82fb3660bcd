package io.github.alipaystarter.autoconfigure;

import io.github.alipaystarter.core.AlipayConfigException;
import java.util.List;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns an {@link AlipayConfigException} (the integration guide's 5.2 checks) into a start-up failure
 * message that names, for every wrong value at once, the {@code alipay.*} property, the problem and the fix. The exception never holds
 * a secret's value, and neither does this message.
 */
class AlipayConfigFailureAnalyzer extends AbstractFailureAnalyzer<AlipayConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, AlipayConfigException cause) {
        List<AlipayConfigException.Problem> problems = cause.problems();
        StringBuilder description = new StringBuilder(problems.size() == 1 ? "Invalid Alipay configuration:\n"
                : "Invalid Alipay configuration (" + problems.size() + " problems):\n");
        StringBuilder action = new StringBuilder();
        for (AlipayConfigException.Problem problem : problems) {
            String property = propertyName(problem.property());
            description.append("\n    Property: ").append(property).append("\n    Problem:  ").append(problem.problem()).append('\n');
            action.append("Fix ").append(property).append(": ").append(problem.fix()).append('\n');
        }
        action.append("\nIf this application takes no Alipay payments, set alipay.enabled=false.");
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    /** Core names properties without the prefix ({@code partner}, {@code notify-url}). */
    static String propertyName(String coreProperty) {
        if (coreProperty == null || coreProperty.isBlank()) {
            return "alipay.*";
        }
        return coreProperty.startsWith("alipay.") ? coreProperty : "alipay." + coreProperty;
    }

}
