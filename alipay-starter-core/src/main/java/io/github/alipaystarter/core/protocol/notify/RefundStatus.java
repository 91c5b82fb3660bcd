package io.github.alipaystarter.core.protocol.notify;

/** refund_status (spec 12.4). */
public enum RefundStatus {
    REFUND_SUCCESS,
    REFUND_CLOSED;

    /** null for null, blank or an unknown value (the raw text stays in the notification's raw map). */
    public static RefundStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (RefundStatus s : values()) {
            if (s.name().equals(value.trim())) {
                return s;
            }
        }
        return null;
    }
}
