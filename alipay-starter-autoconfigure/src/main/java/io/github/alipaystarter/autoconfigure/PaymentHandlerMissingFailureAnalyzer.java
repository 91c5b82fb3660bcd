package io.github.alipaystarter.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a missing (or ambiguous) {@link io.github.alipaystarter.core.payment.PaymentHandler}.
 */
class PaymentHandlerMissingFailureAnalyzer extends AbstractFailureAnalyzer<PaymentHandlerMissingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PaymentHandlerMissingException cause) {
        if (cause.candidates().isEmpty()) {
            return new FailureAnalysis(
                    "alipay-starter needs a PaymentHandler bean to tell the application about paid trades, and "
                            + "none is defined. Without one, payments would be marked paid in the ledger and never "
                            + "reach the application.",
                    "Implement io.github.alipaystarter.core.payment.PaymentHandler in a bean, for example:\n\n"
                            + "    @Component\n"
                            + "    class OrderPayments implements PaymentHandler {\n"
                            + "        public void onPaid(PaidTrade trade) {\n"
                            + "            orders.markPaid(trade.outTradeNo(), trade.tradeNo());\n"
                            + "        }\n"
                            + "    }\n\n"
                            + "If this application takes no Alipay payments, set alipay.enabled=false.",
                    cause);
        }
        return new FailureAnalysis(
                "alipay-starter needs exactly one PaymentHandler bean, and found " + cause.candidates().size()
                        + ": " + String.join(", ", cause.candidates()) + ".",
                "Keep one PaymentHandler, mark one of them @Primary, or delegate from one handler to the others.",
                cause);
    }

}
