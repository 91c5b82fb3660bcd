package io.github.alipaystarter.autoconfigure.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.protocol.notify.TradeStatus;
import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** Schema initialization on the real PostgreSQL, and two application contexts sharing one database. Fails when it is down. */
@Tag("postgresql")
class PostgreSqlSchemaInitializationTests extends ServerSchemaInitializationContract {

    @Override
    String url() {
        return TestDatabases.POSTGRESQL_URL;
    }

    @Override
    String platform() {
        return "postgresql";
    }

    @Override
    String user() {
        return TestDatabases.POSTGRESQL_USER;
    }

    @Override
    HikariDataSource newDataSource() {
        return TestDatabases.postgresql();
    }

    @Test
    void twoApplicationContextsOnOneDatabaseGiveOneOnPaid() {
        String orders = prefix() + "orders";
        runner().withPropertyValues("alipay.jdbc.initialize-schema=always").run(first -> runner().run(second -> {
            PaymentLedger[] ledgers = {first.getBean(PaymentLedger.class), second.getBean(PaymentLedger.class)};
            JdbcTemplate[] jdbc = {new JdbcTemplate(first.getBean(DataSource.class)),
                    new JdbcTemplate(second.getBean(DataSource.class))};
            jdbc[0].execute("CREATE TABLE " + orders + " (no VARCHAR(64) NOT NULL, instance INT NOT NULL)");
            ledgers[0].record("TWO-CONTEXTS", new BigDecimal("12.34"), "s");
            ledgers[1].record("TWO-CONTEXTS", new BigDecimal("12.34"), "s");
            AtomicInteger onPaid = new AtomicInteger();

            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> results = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i % 2;
                    TradeStatus status = i % 4 < 2 ? TradeStatus.TRADE_SUCCESS : TradeStatus.TRADE_FINISHED;
                    results.add(pool.submit(() -> {
                        start.await();
                        return ledgers[n].markPaid(new PaidTrade("TWO-CONTEXTS", "2026112622001", new BigDecimal("12.34"),
                                OffsetDateTime.now(), status, null, null, "s", null, NotificationSource.NOTIFY), t -> {
                                    onPaid.incrementAndGet();
                                    jdbc[n].update("INSERT INTO " + orders + " (no, instance) VALUES (?, ?)", t.outTradeNo(), n);
                                });
                    }));
                }
                start.countDown();
                int wins = 0;
                for (Future<Boolean> r : results) {
                    wins += r.get(120, TimeUnit.SECONDS) ? 1 : 0;
                }
                assertThat(wins).isOne();
                assertThat(onPaid).hasValue(1);
                assertThat(jdbc[1].queryForObject("SELECT COUNT(*) FROM " + orders, Long.class)).isOne();
            } finally {
                pool.shutdownNow();
            }
        }));
    }
}
