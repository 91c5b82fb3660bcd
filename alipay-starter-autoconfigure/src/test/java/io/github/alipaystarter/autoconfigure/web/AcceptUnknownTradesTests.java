package io.github.alipaystarter.autoconfigure.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.alipaystarter.autoconfigure.AlipayAutoConfiguration;
import io.github.alipaystarter.core.protocol.notify.NotificationSource;
import io.github.alipaystarter.core.engine.NotificationProcessor;
import io.github.alipaystarter.core.payment.Outcome;
import io.github.alipaystarter.core.payment.PaymentHandler;
import io.github.alipaystarter.core.store.PaymentLedger;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code alipay.ledger.accept-unknown-trades} reaches the processor. */
class AcceptUnknownTradesTests {

    private final AtomicInteger paid = new AtomicInteger();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AlipayAutoConfiguration.class))
        .withPropertyValues("alipay.partner=" + TestNotifications.PARTNER, "alipay.key=" + TestNotifications.KEY,
                "alipay.gateway-url=" + FakeAlipayGateway.get().url())
        .withBean(PaymentHandler.class, () -> (trade) -> this.paid.incrementAndGet());

    @Test
    void refusesATradeTheLedgerNeverRecordedByDefault() {
        this.contextRunner.run((context) -> {
            String no = TestNotifications.newOutTradeNo();
            assertThat(process(context.getBean(NotificationProcessor.class), no)).isEqualTo(Outcome.UNKNOWN_TRADE);
            assertThat(this.paid).hasValue(0);
        });
    }

    @Test
    void acceptsAndRecordsATradeTheLedgerNeverRecordedWhenConfigured() {
        this.contextRunner.withPropertyValues("alipay.ledger.accept-unknown-trades=true").run((context) -> {
            String no = TestNotifications.newOutTradeNo();
            assertThat(process(context.getBean(NotificationProcessor.class), no)).isEqualTo(Outcome.PAID);
            assertThat(this.paid).hasValue(1);
            assertThat(context.getBean(PaymentLedger.class).find(no)).hasValueSatisfying(
                    (entry) -> assertThat(entry.totalFee()).isEqualByComparingTo(new BigDecimal("8.80")));
        });
    }

    private static Outcome process(NotificationProcessor processor, String no) {
        byte[] body = TestNotifications.formBody(TestNotifications.signed(TestNotifications.paid(no, "8.80"),
                TestNotifications.KEY, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        return processor.processRaw(NotificationSource.NOTIFY, body, StandardCharsets.UTF_8).outcome();
    }

}
