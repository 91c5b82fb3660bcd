package io.github.alipaystarter.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.payment.PaymentHandler;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AlipayEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayEndpointAutoConfiguration.class))
        .withPropertyValues("alipay.partner=2088101122136241", "alipay.key=0123456789abcdefghijklmnopqrstuv",
                "alipay.notify-url=https://shop.example.com/alipay/notify")
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void providesTheEndpointWhenItIsExposed() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=alipay")
            .run((context) -> assertThat(context).hasSingleBean(AlipayEndpoint.class));
    }

    @Test
    void providesNoEndpointWhenItIsNotExposed() {
        this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(AlipayEndpoint.class));
    }

    @Test
    void providesNoEndpointWhenItsAccessIsNone() {
        this.contextRunner
            .withPropertyValues("management.endpoints.web.exposure.include=alipay", "management.endpoint.alipay.access=NONE")
            .run((context) -> assertThat(context).doesNotHaveBean(AlipayEndpoint.class));
    }

    @Test
    void backsOffWithoutTheActuator() {
        this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=alipay")
            .withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AlipayEndpoint.class));
    }

}
