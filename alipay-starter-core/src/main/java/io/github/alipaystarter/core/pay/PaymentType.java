package io.github.alipaystarter.core.pay;

/** payment_type (spec 12.6). */
public enum PaymentType {
    PURCHASE("1"),
    DONATION("4");

    private final String code;

    PaymentType(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
