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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code orders} table (created by {@link OrderSchema}). */
@Repository
public class Orders {

    /** Alipay's times are China time; the shop keeps its own times the same way. */
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private static final DateTimeFormatter NUMBER_PREFIX = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.clock = Clock.system(CHINA);
    }

    /**
     * Inserts a new UNPAID order with a fresh out_trade_no: the time, like the guide's UtilDate, and six
     * random digits, so that two shops on one Alipay account are unlikely to collide.
     */
    public Order create(String subject, String body, BigDecimal totalFee) {
        for (int attempt = 0; ; attempt++) {
            LocalDateTime now = LocalDateTime.now(clock).withNano(0);
            String outTradeNo = NUMBER_PREFIX.format(now) + String.format("%06d", random.nextInt(1_000_000));
            try {
                jdbc.sql("""
                        INSERT INTO orders (out_trade_no, subject, body, total_fee, status, paid_callbacks, created_at)
                        VALUES (:no, :subject, :body, :fee, 'UNPAID', 0, :now)""")
                        .param("no", outTradeNo)
                        .param("subject", subject)
                        .param("body", body)
                        .param("fee", totalFee)
                        .param("now", now)
                        .update();
                return new Order(outTradeNo, subject, body, totalFee, OrderStatus.UNPAID, null, null, null, 0, now);
            } catch (DuplicateKeyException e) {
                if (attempt >= 3) {
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
                .param("buyer", buyer)
                .param("paidAt", paidAt)
                .param("no", outTradeNo)
                .update() == 1;
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
        jdbc.sql("UPDATE orders SET status = 'REFUNDED' WHERE out_trade_no = :no AND status IN ('PAID', 'CLOSED')")
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
