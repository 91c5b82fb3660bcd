package io.github.alipaystarter.autoconfigure.antiphishing;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.pay.Amount;
import io.github.alipaystarter.core.pay.AntiPhishing;
import io.github.alipaystarter.core.pay.DirectPayCustomizer;
import io.github.alipaystarter.core.pay.DirectPayService;
import io.github.alipaystarter.core.pay.PaymentRequest;
import io.github.alipaystarter.core.pay.SignedPayment;
import io.github.alipaystarter.core.payment.PaymentHandler;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

class AlipayAntiPhishingAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAntiPhishingAutoConfiguration.class, AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=2088101122136241", "alipay.key=760bdzec6y9goq7ctyx96ezkz78287de")
        .withBean(PaymentHandler.class, () -> (trade) -> { });

    @Test
    void isOffByDefault() {
        this.runner.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(AntiPhishing.class));
    }

    @Test
    void isOnWithTheSwitch() {
        this.runner.withPropertyValues("alipay.anti-phishing.enabled=true")
            .run((context) -> assertThat(context).hasSingleBean(AntiPhishing.class));
    }

    @Test
    void theCurrentRequestsRemoteAddressIsTheBuyersAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("198.51.100.4");
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        try {
            assertThat(new CurrentRequestClientAddress().get()).isEqualTo("198.51.100.4");
        } finally {
            RequestContextHolder.resetRequestAttributes();
        }
        assertThat(new CurrentRequestClientAddress().get()).isNull();
    }

    @Test
    void theDirectPayServiceAppliesEveryCustomizerBeanInOrder() {
        List<String> applied = new ArrayList<>();
        this.runner.withBean("second", DirectPayCustomizer.class, () -> new Ordered(2, applied))
            .withBean("first", DirectPayCustomizer.class, () -> new Ordered(1, applied))
            .run((context) -> {
                SignedPayment payment = context.getBean(DirectPayService.class).recordAndSign(PaymentRequest
                    .builder("C-1", "s", Amount.of(new BigDecimal("0.01"))).build());
                assertThat(applied).containsExactly("1", "2");
                // each customizer receives what the one before returned
                assertThat(payment.parameters()).containsEntry("extra_common_param", "1-2");
            });
    }

    private record Ordered(int order, List<String> applied)
            implements DirectPayCustomizer, org.springframework.core.Ordered {

        @Override
        public PaymentRequest customize(PaymentRequest request) {
            this.applied.add(String.valueOf(this.order));
            String before = request.extraCommonParam();
            return request.toBuilder()
                .extraCommonParam(((before != null) ? before + "-" : "") + this.order)
                .build();
        }

        @Override
        public int getOrder() {
            return this.order;
        }
    }

}
