package com.example.shop;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

@Component
class OrderPayments implements PaymentHandler {

    private final JdbcClient jdbc;

    OrderPayments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void onPaid(PaidTrade trade) {   // once per out_trade_no; inside the ledger's transaction
        jdbc.sql("UPDATE orders SET status = 'PAID', trade_no = ? WHERE out_trade_no = ?")
                .params(trade.tradeNo(), trade.outTradeNo())
                .update();
    }
}
