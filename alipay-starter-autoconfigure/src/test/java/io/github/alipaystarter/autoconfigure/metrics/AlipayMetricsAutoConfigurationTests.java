package io.github.alipaystarter.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.protocol.gateway.AlipayGateway;
import io.github.alipaystarter.core.protocol.gateway.HttpAlipayGateway;
import io.github.alipaystarter.core.observe.ObservedAlipayGateway;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.util.ClassUtils;

class AlipayMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayMetricsAutoConfiguration.class))
        .withPropertyValues("alipay.partner=2088101122136241", "alipay.key=0123456789abcdefghijklmnopqrstuv",
                "alipay.notify-url=https://shop.example.com/alipay/notify")
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void observesWithTheApplicationsMeterRegistry() {
        this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
            assertThat(context).hasSingleBean(MicrometerAlipayObserver.class);
            assertThat(context.getBean(AlipayGateway.class)).isInstanceOf(ObservedAlipayGateway.class);
            context.getBean(DirectPayService.class).recordAndSign(PaymentRequest
                    .builder("M1", "s", Amount.of(new BigDecimal("1.00"))).build());
            assertThat(context.getBean(MeterRegistry.class).get("alipay.payments.requested").tag("charset", "utf-8")
                .counter().count()).isEqualTo(1);
        });
    }

    @Test
    void backsOffWithoutAMeterRegistry() {
        this.contextRunner.run((context) -> {
            assertThat(context).doesNotHaveBean(MicrometerAlipayObserver.class);
            assertThat(context.getBean(AlipayGateway.class)).as("nothing observes: the gateway is left as it is")
                .isInstanceOf(HttpAlipayGateway.class);
        });
    }

    @Test
    void backsOffWithoutMicrometer() {
        this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
            .run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(MicrometerAlipayObserver.class));
    }

    @Test
    void backsOffWhenTheApplicationDefinesItsOwn() {
        MicrometerAlipayObserver own = new MicrometerAlipayObserver(new SimpleMeterRegistry());
        this.contextRunner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
            .withBean(MicrometerAlipayObserver.class, () -> own)
            .run((context) -> assertThat(context.getBean(MicrometerAlipayObserver.class)).isSameAs(own));
    }

    @Test
    void runsAfterTheMeterRegistryAutoConfigurationsOfBoot40And35() {
        AutoConfiguration annotation = AlipayMetricsAutoConfiguration.class.getAnnotation(AutoConfiguration.class);
        List<String> boot40 = List.of(AlipayMetricsAutoConfiguration.BOOT_40_METRICS,
                AlipayMetricsAutoConfiguration.BOOT_40_COMPOSITE);
        List<String> boot35 = List.of(AlipayMetricsAutoConfiguration.BOOT_35_METRICS,
                AlipayMetricsAutoConfiguration.BOOT_35_COMPOSITE);
        assertThat(annotation.afterName()).containsExactlyInAnyOrder(boot40.get(0), boot40.get(1), boot35.get(0),
                boot35.get(1));
        String version = SpringBootVersion.getVersion();
        assertThat(version).matches("(4\\.0|3\\.5)\\..*");
        List<String> running = version.startsWith("4.0") ? boot40 : boot35;
        List<String> other = version.startsWith("4.0") ? boot35 : boot40;
        assertThat(running).allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, null)).as(name).isTrue());
        assertThat(other).allSatisfy((name) -> assertThat(ClassUtils.isPresent(name, null)).as(name).isFalse());
    }

}
