package io.github.alipaystarter.core.pay;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the buyer pays, in RMB yuan: either a total ({@code total_fee}) or a unit price times a quantity
 * ({@code price} and {@code quantity}). Table 4-1 sends one or the other, never both, so an amount is
 * exactly one of the two forms. Money is in [0.01, 100000000.00] with at most two decimals, checked when
 * the {@link PaymentRequest} is built, which holds it at scale 2 ({@code 1} as {@code 1.00}).
 */
public sealed interface Amount permits Amount.Total, Amount.PriceTimesQuantity {

    /** {@code total_fee}: the whole amount. */
    static Amount of(BigDecimal totalFee) {
        return new Total(totalFee);
    }

    /** {@code price} and {@code quantity} (a whole number of at least 1); the amount is their product. */
    static Amount of(BigDecimal price, int quantity) {
        return new PriceTimesQuantity(price, quantity);
    }

    /** The amount of the trade: total_fee, or price × quantity; scale 2 once the request is built. */
    BigDecimal value();

    /** total_fee. */
    record Total(BigDecimal totalFee) implements Amount {
        @Override
        public BigDecimal value() {
            return totalFee;
        }
    }

    /** price and quantity. */
    record PriceTimesQuantity(BigDecimal price, int quantity) implements Amount {
        @Override
        public BigDecimal value() {
            return price.multiply(BigDecimal.valueOf(quantity)).setScale(2, RoundingMode.UNNECESSARY);
        }
    }
}
