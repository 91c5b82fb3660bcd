package com.example.shop;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The shop's own orders table, as the README's quick start assumes one. */
@Repository
class Orders {

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Order get(String no) {
        return jdbc.sql("SELECT out_trade_no, title, amount FROM orders WHERE out_trade_no = ?").param(no)
                .query((rs, row) -> new Order(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).single();
    }
}
