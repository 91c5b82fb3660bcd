package io.github.alipaystarter.integration.security;

import io.github.alipaystarter.core.payment.PaidTrade;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.integration.ReadmeSecurity;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A shop with Spring Security (the README's configuration) and the starter. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ReadmeSecurity.class)
class SecuredShop {

    @Bean
    RecordingHandler recordingHandler() {
        return new RecordingHandler();
    }

    static class RecordingHandler implements PaymentHandler {

        final List<PaidTrade> paid = new CopyOnWriteArrayList<>();

        @Override
        public void onPaid(PaidTrade trade) {
            this.paid.add(trade);
        }

    }

}
