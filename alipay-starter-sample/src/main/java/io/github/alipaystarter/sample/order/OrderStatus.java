package io.github.alipaystarter.sample.order;

/** The shop's own view of an order; kept in the {@code orders} table. */
public enum OrderStatus {
    UNPAID("未支付", "Unpaid"),
    PAID("已支付", "Paid"),
    CLOSED("已关闭", "Closed"),
    REFUNDED("已退款", "Refunded");

    private final String chinese;
    private final String english;

    OrderStatus(String chinese, String english) {
        this.chinese = chinese;
        this.english = english;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }
}
