package io.github.alipaystarter.core.pay;

import java.util.Objects;

/**
 * {@code paymethod}, the cashier's default payment method, with the {@code defaultbank} it opens where one
 * applies. Only the methods that take a bank take one, so a bank with directPay (which rules v1.4 says
 * sends the trade another way) cannot be written. A bank code is letters, digits and {@code -}, at most
 * 32, case as listed in spec 12.7 and 12.8 (e.g. {@code ICBCB2C}, {@code CMB-DEBIT}); the list keeps
 * growing, so a well-formed code outside it is sent with a warning in the log. Checked when the
 * {@link PaymentRequest} is built (DEFAULT_BANK_INVALID).
 */
public final class DefaultPayMethod {

    private final PayMethod paymethod;
    private final String defaultbank;

    private DefaultPayMethod(PayMethod paymethod, String defaultbank) {
        this.paymethod = paymethod;
        this.defaultbank = defaultbank;
    }

    /** A method without a bank, e.g. {@link PayMethod#DIRECT_PAY} (the buyer's Alipay balance). */
    public static DefaultPayMethod of(PayMethod paymethod) {
        return new DefaultPayMethod(Objects.requireNonNull(paymethod, "paymethod"), null);
    }

    /** bankPay (网银支付) through the given bank's gateway; needs the bank gateway product. */
    public static DefaultPayMethod bank(String defaultbank) {
        return new DefaultPayMethod(PayMethod.BANK_PAY, Objects.requireNonNull(defaultbank, "defaultbank"));
    }

    /** CREDITCARD (大额信用卡, rules v1.4) with the given bank. */
    public static DefaultPayMethod creditCard(String defaultbank) {
        return new DefaultPayMethod(PayMethod.CREDITCARD, Objects.requireNonNull(defaultbank, "defaultbank"));
    }

    /** expressGateway (快捷支付网关, both card kinds, rules v1.4); sent with default_login=Y, which it needs. */
    public static DefaultPayMethod expressGateway(String defaultbank) {
        return new DefaultPayMethod(PayMethod.EXPRESS_GATEWAY, Objects.requireNonNull(defaultbank, "defaultbank"));
    }

    /** expressGatewayDebit (debit cards only); sent with default_login=Y. */
    public static DefaultPayMethod expressGatewayDebit(String defaultbank) {
        return new DefaultPayMethod(PayMethod.EXPRESS_GATEWAY_DEBIT, Objects.requireNonNull(defaultbank, "defaultbank"));
    }

    /** expressGatewayCredit (credit cards only); sent with default_login=Y. */
    public static DefaultPayMethod expressGatewayCredit(String defaultbank) {
        return new DefaultPayMethod(PayMethod.EXPRESS_GATEWAY_CREDIT, Objects.requireNonNull(defaultbank, "defaultbank"));
    }

    /** defaultbank without a paymethod, which Alipay accepts: the cashier opens with that bank preselected. */
    public static DefaultPayMethod defaultbankOnly(String defaultbank) {
        return new DefaultPayMethod(null, Objects.requireNonNull(defaultbank, "defaultbank"));
    }

    /** paymethod, or null for {@link #defaultbankOnly}. */
    public PayMethod paymethod() {
        return paymethod;
    }

    /** defaultbank, or null. */
    public String defaultbank() {
        return defaultbank;
    }

    /** Whether default_login=Y goes with it (rules v1.4: the expressGateway methods take effect only so). */
    public boolean needsDefaultLogin() {
        return paymethod == PayMethod.EXPRESS_GATEWAY || paymethod == PayMethod.EXPRESS_GATEWAY_DEBIT
                || paymethod == PayMethod.EXPRESS_GATEWAY_CREDIT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DefaultPayMethod m && paymethod == m.paymethod && Objects.equals(defaultbank, m.defaultbank);
    }

    @Override
    public int hashCode() {
        return Objects.hash(paymethod, defaultbank);
    }

    @Override
    public String toString() {
        return "DefaultPayMethod{paymethod=" + (paymethod == null ? null : paymethod.code()) + ", defaultbank="
                + defaultbank + "}";
    }
}
