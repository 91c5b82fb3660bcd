package io.github.alipaystarter.core.pay;

/**
 * paymethod, the cashier's default payment method: the five values of spec 4.2 (table 4-1) and the six
 * that rules v1.4 documents for this interface (CREDITCARD, CCIP, motoPay and the three expressGateway
 * ones). The wire values are case-sensitive (rules v1.4: "注意区分大小写"). Most need a product signed
 * with Alipay: bankPay the bank gateway (网银直连), creditPay credit payment, CCIP instalments; without
 * it Alipay answers PRODUCT_NOT_ALLOWED or ignores the value.
 */
public enum PayMethod {
    /** 余额支付: the buyer's Alipay balance. */
    DIRECT_PAY("directPay"),
    /** 网银支付: a bank's gateway; {@code defaultbank} picks the bank. */
    BANK_PAY("bankPay"),
    /** 卡通. */
    CARTOON("cartoon"),
    /** 信用支付. */
    CREDIT_PAY("creditPay"),
    /** 网点支付. */
    CASH("CASH"),
    /** 大额信用卡 (rules v1.4; also needs credit_card_pay=Y and credit_card_default_display=Y, see the README). */
    CREDITCARD("CREDITCARD"),
    /** 信用卡分期 (rules v1.4). */
    CCIP("CCIP"),
    /** 快捷支付前置 (rules v1.4). */
    MOTO_PAY("motoPay"),
    /** 快捷支付网关, both channels (rules v1.4; sent with default_login=Y: {@link DefaultPayMethod#expressGateway}). */
    EXPRESS_GATEWAY("expressGateway"),
    /** 快捷支付网关, debit cards only (rules v1.4; needs default_login=Y). */
    EXPRESS_GATEWAY_DEBIT("expressGatewayDebit"),
    /** 快捷支付网关, credit cards only (rules v1.4; needs default_login=Y). */
    EXPRESS_GATEWAY_CREDIT("expressGatewayCredit");

    private final String code;

    PayMethod(String code) {
        this.code = code;
    }

    /** The wire value, e.g. {@code bankPay}. */
    public String code() {
        return code;
    }

    /** The method for a wire value, compared case-sensitively as Alipay does; null when unknown. */
    public static PayMethod fromCode(String code) {
        for (PayMethod m : values()) {
            if (m.code.equals(code)) {
                return m;
            }
        }
        return null;
    }
}
