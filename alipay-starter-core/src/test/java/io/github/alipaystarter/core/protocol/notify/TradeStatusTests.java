package io.github.alipaystarter.core.protocol.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TradeStatusTests {

    @ParameterizedTest
    @ValueSource(strings = {"WAIT_BUYER_PAY", "TRADE_CLOSED", "TRADE_SUCCESS", "TRADE_PENDING", "TRADE_FINISHED"})
    void knownStatusesOfSpec125AreTheConstants(String value) {
        TradeStatus status = TradeStatus.of(value);

        assertThat(status.isKnown()).isTrue();
        assertThat(status.value()).isEqualTo(value);
        assertThat(status).isSameAs(TradeStatus.of(value));
    }

    @Test
    void onlySuccessAndFinishedArePaid() {
        assertThat(TradeStatus.TRADE_SUCCESS.isPaid()).isTrue();
        assertThat(TradeStatus.TRADE_FINISHED.isPaid()).isTrue();
        assertThat(TradeStatus.WAIT_BUYER_PAY.isPaid()).isFalse();
        assertThat(TradeStatus.TRADE_CLOSED.isPaid()).isFalse();
        assertThat(TradeStatus.TRADE_PENDING.isPaid()).isFalse();
    }

    @Test
    void anUnknownStatusKeepsItsTextAndEqualsItself() {
        TradeStatus status = TradeStatus.of("TRADE_NEW");

        assertThat(status.isKnown()).isFalse();
        assertThat(status.toString()).isEqualTo("TRADE_NEW");
        assertThat(status).isEqualTo(TradeStatus.of("TRADE_NEW")).isNotEqualTo(TradeStatus.TRADE_SUCCESS);
    }

    @Test
    void statusIsCaseSensitiveAsOnTheWire() {
        assertThat(TradeStatus.of("trade_success").isPaid()).isFalse();
    }

    @Test
    void blankIsNoStatus() {
        assertThat(TradeStatus.of(null)).isNull();
        assertThat(TradeStatus.of(" ")).isNull();
    }
}
