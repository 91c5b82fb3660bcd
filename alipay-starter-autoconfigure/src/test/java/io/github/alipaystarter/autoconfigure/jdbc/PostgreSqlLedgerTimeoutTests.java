package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.payment.PaidTrade;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * alipay.jdbc.query-timeout on the real PostgreSQL: while another transaction holds the trade's row (a
 * stuck instance, a long onPaid elsewhere), markPaid gives up after the query timeout instead of waiting
 * as long as that transaction lasts, and calls no onPaid; the notification is then answered fail.
 */
@Tag("postgresql")
class PostgreSqlLedgerTimeoutTests {

    private HikariDataSource dataSource;

    private String prefix;

    @BeforeEach
    void tables() {
        this.dataSource = TestDatabases.postgresql();
        this.prefix = TestDatabases.randomPrefix();
        new AlipayJdbcSchemaInitializer(this.dataSource, DatabaseInitializationMode.ALWAYS, this.prefix).initialize();
    }

    @AfterEach
    void drop() {
        TestDatabases.dropTables(this.dataSource, this.prefix);
        this.dataSource.close();
    }

    @Test
    void markPaidGivesUpAfterTheQueryTimeoutWhileTheRowIsLocked() throws Exception {
        JdbcPaymentLedger ledger = new JdbcPaymentLedger(this.dataSource,
                new DataSourceTransactionManager(this.dataSource), this.prefix);
        ledger.setQueryTimeout(Duration.ofSeconds(1));
        ledger.record("LOCKED-1", new BigDecimal("5.00"), "subject");
        PaidTrade trade = new PaidTrade("LOCKED-1", "2026120100001", new BigDecimal("5.00"), OffsetDateTime.now(),
                TradeStatus.TRADE_SUCCESS, null, null, "subject", null, NotificationSource.NOTIFY);
        AtomicInteger onPaid = new AtomicInteger();
        try (Connection holder = this.dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "SELECT * FROM " + this.prefix + "trade WHERE out_trade_no = 'LOCKED-1' FOR UPDATE")) {
                lock.executeQuery().close();
            }
            // Without the query timeout this call waits until the holder ends: the bound below would fail.
            assertTimeoutPreemptively(Duration.ofSeconds(30), () -> assertThatThrownBy(
                    () -> ledger.markPaid(trade, (t) -> onPaid.incrementAndGet()))
                .isInstanceOf(DataAccessException.class));
            holder.rollback();
        }
        assertThat(onPaid).hasValue(0);
        assertThat(ledger.markPaid(trade, (t) -> onPaid.incrementAndGet())).isTrue();
        assertThat(onPaid).hasValue(1);
    }

}
