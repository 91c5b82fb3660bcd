package io.github.alipaystarter.core.pay;

import java.time.Duration;
import java.util.Objects;

/**
 * {@code it_b_pay}: when Alipay closes the trade if it is still unpaid. Either a duration of whole minutes
 * from 1 minute to 15 days, or the end of the day the trade was created ({@code 1c}). Needs the
 * custom-timeout feature (else SELF_TIMEOUT_NOT_SUPPORT); repeated requests for one out_trade_no must send
 * the same value. Checked when the {@link PaymentRequest} is built (ILLEGAL_OUTTIME_ARGUMENT).
 */
public final class PayTimeout {

    private static final PayTimeout END_OF_DAY = new PayTimeout(null);

    private final Duration duration;

    private PayTimeout(Duration duration) {
        this.duration = duration;
    }

    /** Close the trade this long after it was created: whole minutes, 1 minute to 15 days. */
    public static PayTimeout after(Duration duration) {
        return new PayTimeout(Objects.requireNonNull(duration, "duration"));
    }

    /** Close the trade at midnight of the day it was created ({@code 1c}). */
    public static PayTimeout endOfDay() {
        return END_OF_DAY;
    }

    /** The duration, or null for {@link #endOfDay()}. */
    public Duration duration() {
        return duration;
    }

    /**
     * The wire value: {@code 1c}, or the duration in its largest exact unit (90 minutes as {@code 90m},
     * 2 hours as {@code 2h}, 3 days as {@code 3d}). A duration that is not whole minutes is written in ISO
     * form, which the rules refuse.
     */
    public String value() {
        if (duration == null) {
            return "1c";
        }
        long minutes = duration.toMinutes();
        if (!duration.equals(Duration.ofMinutes(minutes)) || minutes <= 0) {
            return duration.toString();
        }
        if (minutes % (24 * 60) == 0) {
            return (minutes / (24 * 60)) + "d";
        }
        if (minutes % 60 == 0) {
            return (minutes / 60) + "h";
        }
        return minutes + "m";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayTimeout t && Objects.equals(duration, t.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(duration);
    }

    @Override
    public String toString() {
        return value();
    }
}
