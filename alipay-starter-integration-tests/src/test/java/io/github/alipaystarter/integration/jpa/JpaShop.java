package io.github.alipaystarter.integration.jpa;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.integration.ReadmeSecurity;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A shop whose onPaid saves a JPA entity on the same DataSource as the JDBC ledger. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReadmeSecurity.class)
class JpaShop {

    @Bean
    OrderPayments orderPayments(ShopOrders orders) {
        return new OrderPayments(orders);
    }

    /** Marks the order paid with JPA (flushed, so the UPDATE reaches the database), then may throw. */
    static class OrderPayments implements PaymentHandler {

        private final ShopOrders orders;

        private final Set<String> failAfterSaving = ConcurrentHashMap.newKeySet();

        OrderPayments(ShopOrders orders) {
            this.orders = orders;
        }

        @Override
        public void onPaid(PaidTrade trade) {
            ShopOrder order = this.orders.findById(trade.outTradeNo()).orElseThrow();
            order.paid(trade.tradeNo());
            this.orders.saveAndFlush(order);
            if (this.failAfterSaving.remove(trade.outTradeNo())) {
                throw new IllegalStateException("stock service unavailable (test)");
            }
        }

        void failOnceAfterSaving(String outTradeNo) {
            this.failAfterSaving.add(outTradeNo);
        }

    }

}
