package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.sign;
import static io.github.alipaystarter.core.pay.PayFixtures.withAmount;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Money (table 4-1, total_fee and price): [0.01, 100000000.00], at most 2 decimals, sent at scale 2. */
class PaymentRequestMoneyTests {

    @ParameterizedTest
    @CsvSource({"1, 1.00", "0.01, 0.01", "387, 387.00", "387.5, 387.50", "1.000, 1.00", "100000000, 100000000.00",
            "100000000.00, 100000000.00", "0012.3, 12.30"})
    void normalisesTotalFeeToScaleTwo(String given, String sent) {
        PaymentRequest request = withAmount(Amount.of(new BigDecimal(given))).build();
        assertThat(request.totalAmount()).isEqualTo(new BigDecimal(sent)).hasScaleOf(2);
        SignedPayment payment = PayFixtures.service("utf-8").recordAndSign(request);
        assertThat(payment.parameters()).containsEntry("total_fee", sent);
        assertThat(payment.amount()).isEqualTo(new BigDecimal(sent)).hasScaleOf(2);
    }

    @Test
    void normalisesTotalFeeBigDecimalToScaleTwo() {
        assertThat(sign(withAmount(Amount.of(BigDecimal.ONE))).parameters()).containsEntry("total_fee", "1.00");
        assertThat(sign(withAmount(Amount.of(new BigDecimal("1E+2")))).parameters()).containsEntry("total_fee", "100.00");
        assertThat(sign(withAmount(Amount.of(new BigDecimal("0.010")))).parameters()).containsEntry("total_fee", "0.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "0.00", "0", "100000000.01", "1.005", "-1", "-0.01", "0.009"})
    void rejectsTotalFeeOutOfRangeOrWithMoreThanTwoDecimals(String fee) {
        // (the text forms the old String setter refused, "+1", "1e2", " 1", "1,00"..., are not money here:
        // the amount is a BigDecimal)
        assertViolation(withAmount(Amount.of(new BigDecimal(fee))), "total_fee", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void sendsPriceAndQuantityInsteadOfTotalFeeAndComputesTheAmount() {
        SignedPayment payment = sign(withAmount(Amount.of(new BigDecimal("10.5"), 3)));
        assertThat(payment.parameters()).containsEntry("price", "10.50").containsEntry("quantity", "3")
                .doesNotContainKey("total_fee");
        assertThat(payment.amount()).isEqualTo(new BigDecimal("31.50"));
    }

    @Test
    void anAmountIsEitherATotalOrAPriceTimesAQuantity() {
        // total_fee with price or quantity (was ILLEGAL_FEE_PARAM at sign()) and price without quantity cannot be
        // written: an Amount is one of exactly two forms, and quantity is part of the price form
        assertThat(Amount.class.getPermittedSubclasses()).containsExactlyInAnyOrder(Amount.Total.class,
                Amount.PriceTimesQuantity.class);
        assertThat(sign(withAmount(Amount.of(new BigDecimal("1.00")))).parameters()).containsKey("total_fee")
                .doesNotContainKeys("price", "quantity");
    }

    @Test
    void rejectsPriceWithoutAValue() {
        assertViolation(withAmount(Amount.of(null, 2)), "price", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsRequestWithoutAnyAmount() {
        assertViolation(withAmount(Amount.of(null)), "total_fee", AlipayErrorCode.ILLEGAL_FEE_PARAM);
        assertViolation(withAmount(null), "total_fee", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsQuantityBelowOne() {
        assertViolation(withAmount(Amount.of(new BigDecimal("1.00"), 0)), "quantity", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsPriceTimesQuantityOverTheMaximum() {
        assertViolation(withAmount(Amount.of(new BigDecimal("50000000.01"), 2)), "quantity",
                AlipayErrorCode.ILLEGAL_FEE_PARAM);
        assertThat(sign(withAmount(Amount.of(new BigDecimal("50000000.00"), 2))).amount())
                .isEqualTo(new BigDecimal("100000000.00"));
    }

    @Test
    void rejectsPriceWithThreeDecimals() {
        assertViolation(withAmount(Amount.of(new BigDecimal("0.001"), 1000)), "price", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }
}
