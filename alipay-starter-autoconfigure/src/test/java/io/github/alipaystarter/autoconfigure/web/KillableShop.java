package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The application {@link KillDuringOnPaidIntegrationTests} runs in a child JVM: the starter on a
 * DataSource, and an onPaid that writes a row in the shop's own table (inside the ledger's
 * transaction). With {@code shop.hold-on-paid=true} onPaid prints {@link #ENTERED} after its write
 * and then waits, so that the parent can kill the process while onPaid runs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class KillableShop {

    static final String ENTERED = "KILLABLE-SHOP-ONPAID-ENTERED";

    public static void main(String[] args) {
        SpringApplication.run(KillableShop.class, args);
    }

    @Bean
    PaymentHandler rowWritingPaymentHandler(JdbcTemplate jdbc, Environment environment) {
        String table = environment.getRequiredProperty("shop.paid-table");
        boolean hold = environment.getProperty("shop.hold-on-paid", Boolean.class, false);
        return new PaymentHandler() {
            @Override
            public void onPaid(PaidTrade trade) {
                jdbc.update("INSERT INTO " + table + " (out_trade_no) VALUES (?)", trade.outTradeNo());
                if (hold) {
                    System.out.println(ENTERED + " " + trade.outTradeNo());
                    System.out.flush();
                    try {
                        Thread.sleep(120_000);
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }

}
