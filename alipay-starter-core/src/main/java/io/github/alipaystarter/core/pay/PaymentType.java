package io.github.alipaystarter.core.pay;

/** payment_type (spec 12.6, table 12-6). */
public enum PaymentType {
    /** 1, 商品购买: the default. */
    PURCHASE("1"),
    /** 4, 捐赠. */
    DONATION("4");

    private final String code;

    PaymentType(String code) {
        this.code = code;
    }

    /** The wire value, {@code 1} or {@code 4}. */
    public String code() {
        return code;
    }

    /** The type for a wire value; null when it is neither 1 nor 4. */
    public static PaymentType fromCode(String code) {
        for (PaymentType t : values()) {
            if (t.code.equals(code)) {
                return t;
            }
        }
        return null;
    }
}
