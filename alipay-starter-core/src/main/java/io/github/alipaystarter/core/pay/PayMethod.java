package io.github.alipaystarter.core.pay;

/**
 * paymethod, the cashier's default payment method (spec 4.2, table 4-1). The wire values are
 * case-sensitive (rules v1.4: "注意区分大小写"). Most need a product signed with Alipay: bankPay the bank
 * gateway (网银直连), creditPay credit payment; without it Alipay answers PRODUCT_NOT_ALLOWED.
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
    CASH("CASH");

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
