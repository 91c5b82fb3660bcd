package io.github.alipaystarter.core.pay;

import static io.github.alipaystarter.core.pay.PayFixtures.assertViolation;
import static io.github.alipaystarter.core.pay.PayFixtures.valid;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.core.error.AlipayErrorCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Money (table 4-1, total_fee and price): [0.01, 100000000.00], at most 2 decimals, sent at scale 2. */
class DirectPayRequestMoneyTests {

    @ParameterizedTest
    @CsvSource({"1, 1.00", "0.01, 0.01", "387, 387.00", "387.5, 387.50", "1.000, 1.00", "100000000, 100000000.00",
            "100000000.00, 100000000.00", "0012.3, 12.30"})
    void normalisesTotalFeeTextToScaleTwo(String given, String sent) {
        SignedPayment payment = valid().totalFee(given).sign();
        assertThat(payment.parameters()).containsEntry("total_fee", sent);
        assertThat(payment.amount()).isEqualTo(new BigDecimal(sent)).hasScaleOf(2);
    }

    @Test
    void normalisesTotalFeeBigDecimalToScaleTwo() {
        assertThat(valid().totalFee(BigDecimal.ONE).sign().parameters()).containsEntry("total_fee", "1.00");
        assertThat(valid().totalFee(new BigDecimal("1E+2")).sign().parameters()).containsEntry("total_fee", "100.00");
        assertThat(valid().totalFee(new BigDecimal("0.010")).sign().parameters()).containsEntry("total_fee", "0.01");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "0.00", "0", "100000000.01", "1.005", "-1", "+1", "1e2", " 1", "1,00", "1.",
            ".5", "", "abc", "１"})
    void rejectsTotalFeeTextOutOfRangeWithMoreDecimalsOrNotPlainDigits(String fee) {
        assertViolation(valid().totalFee(fee), "total_fee", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.001", "0.00", "100000000.01", "-0.01", "0.009"})
    void rejectsTotalFeeBigDecimalOutOfRangeOrWithMoreThanTwoDecimals(String fee) {
        assertViolation(valid().totalFee(new BigDecimal(fee)), "total_fee", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void sendsPriceAndQuantityInsteadOfTotalFeeAndComputesTheAmount() {
        SignedPayment payment = valid().totalFee((String) null).price("10.5").quantity(3).sign();
        assertThat(payment.parameters()).containsEntry("price", "10.50").containsEntry("quantity", "3")
                .doesNotContainKey("total_fee");
        assertThat(payment.amount()).isEqualTo(new BigDecimal("31.50"));
    }

    @Test
    void rejectsTotalFeeTogetherWithPrice() {
        assertViolation(valid().totalFee("1.00").price(new BigDecimal("1.00")).quantity(1), "price",
                AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsTotalFeeTogetherWithQuantity() {
        assertViolation(valid().totalFee("1.00").quantity(1), "quantity", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsPriceWithoutQuantity() {
        assertViolation(valid().totalFee((String) null).price("1.00"), "quantity", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsQuantityWithoutPrice() {
        assertViolation(valid().totalFee((String) null).quantity(2), "price", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsRequestWithoutAnyAmount() {
        assertViolation(valid().totalFee((BigDecimal) null), "total_fee", AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsQuantityBelowOne() {
        assertViolation(valid().totalFee((String) null).price("1.00").quantity(0), "quantity",
                AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }

    @Test
    void rejectsPriceTimesQuantityOverTheMaximum() {
        assertViolation(valid().totalFee((String) null).price("50000000.01").quantity(2), "quantity",
                AlipayErrorCode.ILLEGAL_FEE_PARAM);
        assertThat(valid().totalFee((String) null).price("50000000.00").quantity(2).sign().amount())
                .isEqualTo(new BigDecimal("100000000.00"));
    }

    @Test
    void rejectsPriceWithThreeDecimals() {
        assertViolation(valid().totalFee((String) null).price("0.001").quantity(1000), "price",
                AlipayErrorCode.ILLEGAL_FEE_PARAM);
    }
}
