package io.github.alipaystarter.core.store;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import io.github.alipaystarter.core.error.AlipayParameterException;
import io.github.alipaystarter.core.payment.PaidTrade;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Set;

/**
 * What every {@link PaymentLedger} accepts, in one place, so that ledgers cannot differ: the
 * out_trade_no and amount a trade may be recorded with, what a repeated request may change, and the
 * moves between {@link LedgerStatus}es:
 * <pre>
 * UNPAID → PAID      (markPaid: the one payment)
 * UNPAID → CLOSED    (markClosed: closed without payment)
 * PAID   → REFUNDED  (markRefunded: a full refund)
 * UNPAID → REFUNDED  (markRefunded: a full refund verified before the payment was recorded)
 * </pre>
 * CLOSED and REFUNDED are final: such a trade is never paid afterwards. A custom ledger calls these
 * methods; the contract test kit (module alipay-starter-store-tck) checks that it does.
 */
public final class LedgerRules {

    /** The longest out_trade_no (spec table 4-1). */
    public static final int OUT_TRADE_NO_MAX = 64;
    /** The smallest amount a trade may have. */
    public static final BigDecimal AMOUNT_MIN = new BigDecimal("0.01");
    /** The largest amount a trade may have: 12 digits, what a DECIMAL(12,2) column holds. */
    public static final BigDecimal AMOUNT_MAX = new BigDecimal("9999999999.99");

    private LedgerRules() {
    }

    /**
     * Checks an out_trade_no to record: not blank, at most {@value #OUT_TRADE_NO_MAX} characters.
     *
     * @throws AlipayParameterException ILLEGAL_ARGUMENT or ILLEGAL_LENGTH
     */
    public static String checkOutTradeNo(String outTradeNo) {
        if (outTradeNo == null || outTradeNo.isBlank()) {
            throw new AlipayParameterException("out_trade_no", "is required", outTradeNo,
                    AlipayErrorCode.ILLEGAL_ARGUMENT);
        }
        if (outTradeNo.length() > OUT_TRADE_NO_MAX) {
            throw new AlipayParameterException("out_trade_no", "must be at most " + OUT_TRADE_NO_MAX + " characters",
                    outTradeNo, AlipayErrorCode.ILLEGAL_LENGTH);
        }
        return outTradeNo;
    }

    /**
     * Checks an amount to record and returns it with scale 2: at most 2 decimals, from
     * {@link #AMOUNT_MIN} to {@link #AMOUNT_MAX}.
     *
     * @throws AlipayParameterException ILLEGAL_FEE_PARAM
     */
    public static BigDecimal checkAmount(BigDecimal totalFee) {
        if (totalFee == null) {
            throw new AlipayParameterException("total_fee", "is required", null, AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        BigDecimal amount;
        try {
            amount = totalFee.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new AlipayParameterException("total_fee", "must have at most 2 decimals",
                    totalFee.toPlainString(), AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        if (amount.compareTo(AMOUNT_MIN) < 0 || amount.compareTo(AMOUNT_MAX) > 0) {
            throw new AlipayParameterException("total_fee", "must be between " + AMOUNT_MIN + " and " + AMOUNT_MAX,
                    totalFee.toPlainString(), AlipayErrorCode.ILLEGAL_FEE_PARAM);
        }
        return amount;
    }

    /**
     * Judges a request for an out_trade_no the ledger already holds: allowed (nothing to change, the first
     * subject stays) for the same amount, compared as money, while the trade is UNPAID.
     *
     * @throws AlipayParameterException TRADE_TOTALFEE_NOT_MATCH for another amount, TRADE_NOT_ALLOWED_PAY
     *     when the trade is no longer UNPAID
     */
    public static void checkRepeatedRequest(LedgerEntry existing, BigDecimal amount) {
        if (existing.totalFee().compareTo(amount) != 0) {
            throw new AlipayParameterException("total_fee", "out_trade_no " + existing.outTradeNo()
                    + " was already requested with total_fee " + existing.totalFee()
                    + "; a new amount needs a new out_trade_no", amount.toPlainString(),
                    AlipayErrorCode.TRADE_TOTALFEE_NOT_MATCH);
        }
        if (existing.status() != LedgerStatus.UNPAID) {
            throw new AlipayParameterException("out_trade_no", "the trade is already " + existing.status()
                    + " and cannot be paid again; use a new out_trade_no", existing.outTradeNo(),
                    AlipayErrorCode.TRADE_NOT_ALLOWED_PAY);
        }
    }

    /**
     * Judges a payment against the committed state of its trade, read under the trade's lock: true when
     * this payment may win (UNPAID with the same amount), false when the trade is already PAID or
     * REFUNDED (a duplicate: {@link PaymentLedger#markPaid} returns false).
     *
     * @throws IllegalStateException when the trade is unknown ({@code current} null), CLOSED, or was
     *     recorded with another amount
     */
    public static boolean mayPay(LedgerEntry current, PaidTrade trade) {
        String no = trade.outTradeNo();
        if (current == null) {
            throw new IllegalStateException("out_trade_no " + no + " is not in the ledger");
        }
        switch (current.status()) {
            case PAID, REFUNDED -> {
                return false;
            }
            case CLOSED -> throw new IllegalStateException("out_trade_no " + no
                    + " is CLOSED in the ledger but was reported paid; check the trade by hand");
            default -> {
                if (trade.totalFee() == null || current.totalFee().compareTo(trade.totalFee()) != 0) {
                    throw new IllegalStateException("out_trade_no " + no + " was recorded with total_fee "
                            + current.totalFee() + " but paid with " + trade.totalFee());
                }
                return true;
            }
        }
    }

    /** The statuses from which a trade may move to {@code to}; empty for UNPAID (no way back). */
    public static Set<LedgerStatus> sourcesOf(LedgerStatus to) {
        return switch (to) {
            case PAID, CLOSED -> EnumSet.of(LedgerStatus.UNPAID);
            case REFUNDED -> EnumSet.of(LedgerStatus.PAID, LedgerStatus.UNPAID);
            case UNPAID -> EnumSet.noneOf(LedgerStatus.class);
        };
    }

    /** Whether a trade may move from {@code from} to {@code to}. */
    public static boolean mayMove(LedgerStatus from, LedgerStatus to) {
        return sourcesOf(to).contains(from);
    }
}
