package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.payment.PaymentHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

@ExtendWith(OutputCaptureExtension.class)
class AlipayWebAutoConfigurationTests {

    private static final String[] VALID = { "alipay.partner=2088101122136241",
            "alipay.key=0123456789abcdefghijklmnopqrstuv" };

    private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayWebAutoConfiguration.class))
        .withPropertyValues(VALID)
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void registersTheNotifyAndReturnEndpointsAtTheDefaultPaths() {
        this.contextRunner.run((context) -> {
            assertThat(registration(context, AlipayWebAutoConfiguration.NOTIFY_ENDPOINT_BEAN_NAME).getUrlMappings())
                .containsExactly("/alipay/notify");
            assertThat(registration(context, AlipayWebAutoConfiguration.RETURN_ENDPOINT_BEAN_NAME).getUrlMappings())
                .containsExactly("/alipay/return");
            assertThat(registration(context, AlipayWebAutoConfiguration.NOTIFY_ENDPOINT_BEAN_NAME).getServlet())
                .isInstanceOf(AlipayNotifyServlet.class);
        });
    }

    @Test
    void usesTheConfiguredPaths() {
        this.contextRunner.withPropertyValues("alipay.web.notify-path=/pay/alipay-notify",
                "alipay.web.return-path=/pay/alipay-return")
            .run((context) -> {
                assertThat(registration(context, AlipayWebAutoConfiguration.NOTIFY_ENDPOINT_BEAN_NAME).getUrlMappings())
                    .containsExactly("/pay/alipay-notify");
                assertThat(registration(context, AlipayWebAutoConfiguration.RETURN_ENDPOINT_BEAN_NAME).getUrlMappings())
                    .containsExactly("/pay/alipay-return");
            });
    }

    @Test
    void warnsWhenTheNotifyUrlDoesNotReachTheEndpoint(CapturedOutput output) {
        this.contextRunner.withPropertyValues("alipay.notify-url=https://shop.example.com/pay/notify",
                "alipay.return-url=https://shop.example.com/alipay/return")
            .run((context) -> assertThat(context).hasNotFailed());
        assertThat(output).contains("alipay.notify-url https://shop.example.com/pay/notify does not end with the "
                + "endpoint path /alipay/notify")
            .doesNotContain("alipay.return-url https://shop.example.com/alipay/return does not end");
    }

    @Test
    void failsToStartWithAWildcardPath() {
        this.contextRunner.withPropertyValues("alipay.web.notify-path=/alipay/*").run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("web.notify-path");
        });
    }

    @Test
    void registersNoEndpointWhenDisabled() {
        this.contextRunner.withPropertyValues("alipay.web.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void registersNoEndpointWhenAlipayIsDisabled() {
        this.contextRunner.withPropertyValues("alipay.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void registersNoEndpointInANonWebApplication() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class, AlipayWebAutoConfiguration.class))
            .withPropertyValues(VALID)
            .withBean(PaymentHandler.class, () -> (trade) -> { })
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertThat(context).doesNotHaveBean(ServletRegistrationBean.class);
                assertThat(context).hasBean("alipayNotificationProcessor");
            });
    }

    @Test
    void registersNoEndpointWithoutTheServletApi() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(jakarta.servlet.http.HttpServlet.class))
            .run((context) -> assertThat(context).doesNotHaveBean(ServletRegistrationBean.class));
    }

    @Test
    void notifyEndpointBacksOffForAUserBeanOfTheSameName() {
        ServletRegistrationBean<?> own = new ServletRegistrationBean<>(new jakarta.servlet.http.HttpServlet() { },
                "/own/notify");
        this.contextRunner.withBean(AlipayWebAutoConfiguration.NOTIFY_ENDPOINT_BEAN_NAME, ServletRegistrationBean.class,
                () -> own)
            .run((context) -> {
                assertThat(context.getBean(AlipayWebAutoConfiguration.NOTIFY_ENDPOINT_BEAN_NAME)).isSameAs(own);
                assertThat(registration(context, AlipayWebAutoConfiguration.RETURN_ENDPOINT_BEAN_NAME).getServlet())
                    .isInstanceOf(AlipayReturnServlet.class);
            });
    }

    private static ServletRegistrationBean<?> registration(org.springframework.context.ApplicationContext context,
            String name) {
        return context.getBean(name, ServletRegistrationBean.class);
    }

}
