package io.github.alipaystarter.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small shop that takes payments through the starter. Its only Alipay code is
 * {@link io.github.alipaystarter.sample.order.OrderPayments} (the callback) and
 * {@link io.github.alipaystarter.sample.order.Checkout} (the payment builder call).
 *
 * <p>By default it runs with nothing to set up: an in-memory H2 database and the sandbox gateway
 * started inside the application with a demo merchant (see
 * {@link io.github.alipaystarter.sample.sandbox.EmbeddedSandboxEnvironmentPostProcessor}).
 * With {@code --spring.profiles.active=live}, or an explicit {@code alipay.gateway-url}, it talks to
 * the configured gateway instead.
 */
@SpringBootApplication
public class SampleShopApplication {

    public static void main(String[] args) {
        SpringApplication.run(SampleShopApplication.class, args);
    }
}
