package io.github.alipaystarter.sample.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Issue 12: under load two orders drew the same number, and on PostgreSQL the retry then failed inside
 * the transaction the duplicate key had aborted (HTTP 500). A number source that collides on purpose,
 * inside one transaction as {@link Checkout#placeOrder} has, on each database.
 */
class OrderNumbersTests {

    /** A second in 2001, China time: no real order of the sample has a number of that second. */
    private static final Clock FIXED = Clock.fixed(Instant.parse("2001-02-03T04:05:06Z"), Orders.CHINA);

    static Stream<String> databases() {
        return Stream.of("jdbc:h2:mem:orders" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
                System.getenv().getOrDefault("ALIPAY_TEST_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                System.getenv().getOrDefault("ALIPAY_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/test"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void aCollidingNumberIsRetriedWithAnotherInTheSameTransaction(String url) {
        DataSource dataSource = new DriverManagerDataSource(url, url.contains("postgresql") ? "postgres"
                : url.contains("mariadb") ? "root" : "sa", "");
        String platform = url.contains("postgresql") ? "postgresql" : url.contains("mariadb") ? "mysql" : "h2";
        new ResourceDatabasePopulator(new ClassPathResource("db/orders-" + platform + ".sql")).execute(dataSource);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager tm = new DataSourceTransactionManager(dataSource);
        jdbc.sql("DELETE FROM orders WHERE out_trade_no LIKE '20010203120506%'").update();
        // Draws 7, 7, 7, 8: the second and third numbers collide with the first.
        AtomicInteger draws = new AtomicInteger();
        LongSupplier digits = () -> draws.incrementAndGet() <= 3 ? 7 : 8;
        Orders orders = new Orders(jdbc, tm, FIXED, digits);

        List<Order> created = new TransactionTemplate(tm).execute(status -> List.of(
                orders.create("first", null, new BigDecimal("1.00")),
                orders.create("second", null, new BigDecimal("2.00"))));

        assertThat(created).extracting(Order::outTradeNo)
                .containsExactly("200102031205060000000007",
                        "200102031205060000000008");
        assertThat(draws).hasValue(4);
        assertThat(jdbc.sql("SELECT subject FROM orders WHERE out_trade_no LIKE '20010203120506%' ORDER BY out_trade_no")
                .query(String.class).list()).containsExactly("first", "second");
        jdbc.sql("DELETE FROM orders WHERE out_trade_no LIKE '20010203120506%'").update();
    }
}
