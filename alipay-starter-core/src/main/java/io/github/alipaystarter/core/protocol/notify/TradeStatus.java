package io.github.alipaystarter.core.protocol.notify;

import java.util.Objects;

/**
 * trade_status (spec 12.5). A value class rather than an enum so that a status Alipay adds later is
 * kept, not lost: {@link #of(String)} returns a known constant or a new unknown value.
 */
public final class TradeStatus {

    public static final TradeStatus WAIT_BUYER_PAY = new TradeStatus("WAIT_BUYER_PAY");
    public static final TradeStatus TRADE_CLOSED = new TradeStatus("TRADE_CLOSED");
    public static final TradeStatus TRADE_SUCCESS = new TradeStatus("TRADE_SUCCESS");
    public static final TradeStatus TRADE_PENDING = new TradeStatus("TRADE_PENDING");
    public static final TradeStatus TRADE_FINISHED = new TradeStatus("TRADE_FINISHED");

    private final String value;

    private TradeStatus(String value) {
        this.value = value;
    }

    /** The constant for a known value, else a new value that keeps the text; null for null or blank. */
    public static TradeStatus of(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (TradeStatus s : new TradeStatus[] {WAIT_BUYER_PAY, TRADE_CLOSED, TRADE_SUCCESS, TRADE_PENDING, TRADE_FINISHED}) {
            if (s.value.equals(value)) {
                return s;
            }
        }
        return new TradeStatus(value);
    }

    public String value() {
        return value;
    }

    /** TRADE_SUCCESS or TRADE_FINISHED: the buyer has paid. */
    public boolean isPaid() {
        return this.equals(TRADE_SUCCESS) || this.equals(TRADE_FINISHED);
    }

    /** Whether this is one of the statuses of spec 12.5. */
    public boolean isKnown() {
        return switch (value) {
            case "WAIT_BUYER_PAY", "TRADE_CLOSED", "TRADE_SUCCESS", "TRADE_PENDING", "TRADE_FINISHED" -> true;
            default -> false;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TradeStatus other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
