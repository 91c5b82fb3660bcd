package io.github.alipaystarter.autoconfigure.web;

import io.github.alipaystarter.autoconfigure.web.EndpointTestApplication.RecordingPaymentHandler;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/** The smallest application with the starter and a DataSource: the JDBC ledger and journal. */
@SpringBootConfiguration
@EnableAutoConfiguration
class JdbcEndpointTestApplication {

    @Bean
    RecordingPaymentHandler recordingPaymentHandler() {
        return new RecordingPaymentHandler();
    }

}
