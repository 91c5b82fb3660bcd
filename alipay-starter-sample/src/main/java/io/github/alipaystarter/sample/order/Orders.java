package io.github.alipaystarter.sample.order;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code orders} table (created by {@link OrderSchema}). */
@Repository
public class Orders {

    /** Alipay's times are China time; the shop keeps its own times the same way. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter NUMBER_PREFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /**
     * Size of the orders.buyer column. Alipay's buyer_email is String(100) (spec 6.2); the column has
     * room beyond it (an email address may have up to 254 characters), and {@link #markPaid} cuts
     * anything longer, so that a long signed buyer_email can never make onPaid fail on every resend.
     */
    static final int BUYER_MAX = 256;

    private final JdbcClient jdbc;
    private final Clock clock;
    private final LongSupplier randomDigits;
    private final TransactionTemplate savepoint;

    @Autowired
    public Orders(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this(jdbc, transactionManager, Clock.system(CHINA), new SecureRandom()::nextLong);
    }

    /** @param randomDigits the source of the random part of order numbers (tests make it collide) */
    Orders(JdbcClient jdbc, PlatformTransactionManager transactionManager, Clock clock, LongSupplier randomDigits) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.randomDigits = randomDigits;
        // Each INSERT attempt runs in a savepoint of the caller's transaction: a duplicate key aborts a
        // PostgreSQL transaction, so without it the retry would fail inside an aborted one.
        this.savepoint = new TransactionTemplate(transactionManager);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /**
     * Inserts a new UNPAID order with a fresh out_trade_no: the time, like the guide's UtilDate, and ten
     * random digits (a few thousand orders a second then collide about once in ten thousand seconds, and
     * a collision is retried with a new number in a savepoint), so that two shops on one Alipay account
     * are unlikely to collide either. 24 characters, within out_trade_no's 64.
     */
    public Order create(String subject, String body, BigDecimal totalFee) {
        for (int attempt = 0; ; attempt++) {
            LocalDateTime now = LocalDateTime.now(clock).withNano(0);
            String outTradeNo = NUMBER_PREFIX.format(now)
                    + String.format("%010d", Math.floorMod(randomDigits.getAsLong(), 10_000_000_000L));
            try {
                savepoint.executeWithoutResult(status -> jdbc.sql("""
                        INSERT INTO orders (out_trade_no, subject, body, total_fee, status, paid_callbacks, created_at)
                        VALUES (:no, :subject, :body, :fee, 'UNPAID', 0, :now)""")
                        .param("no", outTradeNo)
                        .param("subject", subject)
                        .param("body", body)
                        .param("fee", totalFee)
                        .param("now", now)
                        .update());
                return new Order(outTradeNo, subject, body, totalFee, OrderStatus.UNPAID, null, null, null, 0, now);
            } catch (DuplicateKeyException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    public Optional<Order> find(String outTradeNo) {
        return jdbc.sql("SELECT * FROM orders WHERE out_trade_no = :no")
                .param("no", outTradeNo)
                .query(Orders::map)
                .optional();
    }

    /** The most recent orders, newest first. */
    public List<Order> latest(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        // LIMIT is understood by H2, PostgreSQL and MySQL/MariaDB alike; an int cannot inject SQL.
        return jdbc.sql("SELECT * FROM orders ORDER BY created_at DESC, out_trade_no DESC LIMIT " + limit)
                .query(Orders::map)
                .list();
    }

    /**
     * Marks the order paid and counts the call. The count is incremented on every call, on purpose:
     * it is how the sample shows that the starter calls onPaid once, however often Alipay notifies.
     *
     * @return whether the order exists
     */
    boolean markPaid(String outTradeNo, String tradeNo, String buyer, LocalDateTime paidAt) {
        return jdbc.sql("""
                UPDATE orders SET status = 'PAID', trade_no = :tradeNo, buyer = :buyer, paid_at = :paidAt,
                       paid_callbacks = paid_callbacks + 1
                WHERE out_trade_no = :no""")
                .param("tradeNo", tradeNo)
                .param("buyer", fitBuyer(buyer))
                .param("paidAt", paidAt)
                .param("no", outTradeNo)
                .update() == 1;
    }

    /** At most {@link #BUYER_MAX} characters, never half a surrogate pair. */
    static String fitBuyer(String buyer) {
        if (buyer == null || buyer.length() <= BUYER_MAX) {
            return buyer;
        }
        int end = Character.isHighSurrogate(buyer.charAt(BUYER_MAX - 1)) ? BUYER_MAX - 1 : BUYER_MAX;
        return buyer.substring(0, end);
    }

    /** UNPAID becomes CLOSED; a paid order is left alone (a full refund comes with its own notification). */
    void markClosed(String outTradeNo, String tradeNo) {
        jdbc.sql("""
                UPDATE orders SET status = 'CLOSED', trade_no = COALESCE(trade_no, :tradeNo)
                WHERE out_trade_no = :no AND status = 'UNPAID'""")
                .param("tradeNo", tradeNo)
                .param("no", outTradeNo)
                .update();
    }

    void markRefunded(String outTradeNo) {
        // From UNPAID too: a full refund may come before the payment was ever booked (the ledger then never
        // calls onPaid for it).
        jdbc.sql("UPDATE orders SET status = 'REFUNDED' WHERE out_trade_no = :no AND status IN ('UNPAID', 'PAID', 'CLOSED')")
                .param("no", outTradeNo)
                .update();
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        return new Order(
                rs.getString("out_trade_no"),
                rs.getString("subject"),
                rs.getString("body"),
                rs.getBigDecimal("total_fee"),
                OrderStatus.valueOf(rs.getString("status")),
                rs.getString("trade_no"),
                rs.getString("buyer"),
                rs.getObject("paid_at", LocalDateTime.class),
                rs.getInt("paid_callbacks"),
                rs.getObject("created_at", LocalDateTime.class));
    }
}
