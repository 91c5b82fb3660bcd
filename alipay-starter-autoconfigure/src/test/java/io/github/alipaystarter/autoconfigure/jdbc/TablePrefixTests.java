package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.github.alipaystarter.core.AlipayConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TablePrefixTests {

    @ParameterizedTest
    @ValueSource(strings = {"alipay_", "", "_", "Shop1_alipay_", "a", "abcdefghijklmnopqrstuvwxyz0123"})
    void acceptsLettersDigitsAndUnderscores(String prefix) {
        assertThat(TablePrefix.validate(prefix)).isEqualTo(prefix);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alipay-", "1alipay_", "alipay_;drop table x;--", "pay ", "支付_", "\"q\"",
            "abcdefghijklmnopqrstuvwxyz01234"})
    void refusesAnythingElseNamingTheProperty(String prefix) {
        assertThatExceptionOfType(AlipayConfigException.class).isThrownBy(() -> TablePrefix.validate(prefix))
                .satisfies((ex) -> {
                    assertThat(ex.property()).isEqualTo("jdbc.table-prefix");
                    assertThat(ex.problem()).contains("letters, digits and underscores");
                    assertThat(ex.fix()).contains("alipay_");
                });
    }

    @Test
    void refusesNull() {
        assertThatExceptionOfType(AlipayConfigException.class).isThrownBy(() -> TablePrefix.validate(null))
                .satisfies((ex) -> assertThat(ex.property()).isEqualTo("jdbc.table-prefix"));
    }

    @Test
    void constructorsValidateThePrefix() {
        assertThatIllegalArgumentException().isThrownBy(() -> new JdbcPaymentLedger(
                new org.springframework.jdbc.datasource.SimpleDriverDataSource(),
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(), "x;y"));
        assertThatIllegalArgumentException().isThrownBy(() -> new JdbcNotificationJournal(
                new org.springframework.jdbc.datasource.SimpleDriverDataSource(), null, "x y"));
    }
}
