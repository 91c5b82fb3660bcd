package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The smallest application with the starter: auto-configuration and a handler that records its calls.
 * No DataSource, so the in-memory ledger and journal are used.
 */
@SpringBootConfiguration
// Boot 4.0 and 3.5 names of DataSourceAutoConfiguration; Boot ignores an excluded name that is not on the classpath.
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration" })
class EndpointTestApplication {

    @Bean
    RecordingPaymentHandler recordingPaymentHandler() {
        return new RecordingPaymentHandler();
    }

    static class RecordingPaymentHandler implements PaymentHandler {

        private final List<PaidTrade> paid = new CopyOnWriteArrayList<>();

        private final List<PaidTrade> calls = new CopyOnWriteArrayList<>();

        private final Set<String> failOnce = ConcurrentHashMap.newKeySet();

        @Override
        public void onPaid(PaidTrade trade) {
            this.calls.add(trade);
            if (this.failOnce.remove(trade.outTradeNo())) {
                throw new IllegalStateException("order database unavailable (test)");
            }
            this.paid.add(trade);
        }

        /** The next onPaid for {@code outTradeNo} throws. */
        void failOnceFor(String outTradeNo) {
            this.failOnce.add(outTradeNo);
        }

        /** Every call, including those that threw. */
        List<PaidTrade> calls(String outTradeNo) {
            return this.calls.stream().filter((t) -> t.outTradeNo().equals(outTradeNo)).toList();
        }

        List<PaidTrade> paid(String outTradeNo) {
            return this.paid.stream().filter((t) -> t.outTradeNo().equals(outTradeNo)).toList();
        }

    }

}
